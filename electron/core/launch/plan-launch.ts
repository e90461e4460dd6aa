/**
 * `planLaunch`: which program to run, with which arguments and files, to open a client on a VM's port. Pure: it
 * reads only its request (the platform and a program lookup are inputs), so every OS's argv is tested anywhere.
 */
import { AppError } from '../../../shared/errors/app-error';
import { hostProblem, portProblem } from '../../../shared/launch/text-checks';
import { planRdp } from './plan-rdp';
import { planSsh } from './plan-ssh';
import { planWinrm } from './plan-winrm';
import type { ClientKind, LaunchPlan, LaunchRequest } from './types';

/** The kind of client for a port (3389 rdp, 22 ssh, 5985/5986 winrm), or undefined for another port. */
export function kindForPort(port: number): ClientKind | undefined {
  if (port === 3389) return 'rdp';
  if (port === 22) return 'ssh';
  if (port === 5985 || port === 5986) return 'winrm';
  return undefined;
}

/** The plan for a request. Throws `invalid-input` (an unsafe value) or `client-not-found` before anything runs. */
export function planLaunch(req: LaunchRequest): LaunchPlan {
  const problem = hostProblem(req.host) ?? portProblem(req.port);
  if (problem) {
    throw new AppError({
      code: 'invalid-input',
      message: `Cannot launch a client for ${req.vmName}: ${problem}.`,
      fix: 'Check the address the VM is dialled at (the profile address map).',
    });
  }
  const vmPort = req.vmPort ?? req.port;
  const kind = req.kind ?? kindForPort(vmPort);
  if (kind === 'rdp') return planRdp(req);
  if (kind === 'ssh') return planSsh(req);
  if (kind === 'winrm') return planWinrm(req);
  throw new AppError({
    code: 'invalid-input',
    message: `No client is known for port ${vmPort}.`,
    fix: 'Name the client (rdp, ssh or winrm), or skip the launch and connect with your own.',
  });
}
