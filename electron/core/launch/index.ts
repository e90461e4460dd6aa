/** Launching the client (RDP, ssh, PowerShell remoting) on a VM's port once JIT has opened it. */
export { kindForPort, planLaunch } from './plan-launch';
export { launch, FILE_GRACE_MS, type LaunchDeps, type LaunchFs, type LaunchResult } from './launch';
export { nodeLaunchFs, nodeLookup, nodeRunner } from './node-runner';
export { shippedScriptsDir } from './scripts-dir';
export { LINUX_TERMINALS } from './terminal';
export type { ClientKind, LaunchFile, LaunchPlan, LaunchPlatform, LaunchRequest } from './types';
