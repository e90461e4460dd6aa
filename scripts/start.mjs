#!/usr/bin/env node
// `npm start`: runs JIT Connect. With no Azure account configured it offers the built-in simulated Azure.
// The desktop window (Electron) arrives with the app; until then this starts the simulated Azure in demo
// mode with a state directory, prints its cloud profile and how to use it, and keeps it running. It passes no timing
// flags, so the simulator's realistic demo timing applies (a JIT rule takes a few seconds to appear, as in Azure).
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';

const root = join(fileURLToPath(import.meta.url), '..', '..');
const configHome = process.env.XDG_CONFIG_HOME || join(homedir(), '.config');
const stateDir = join(configHome, 'jit-connect', 'demo-azure');
const profileFile = join(stateDir, 'cloud-profile.json');
mkdirSync(stateDir, { recursive: true, mode: 0o700 });

console.log('JIT Connect: no Azure account is configured, so this starts the built-in simulated Azure (demo mode).');
const child = spawn(
  process.execPath,
  [
    '--import',
    'tsx',
    join(root, 'electron/azure-sim/main.ts'),
    '--seed',
    'demo',
    '--state-dir',
    stateDir,
    '--profile-out',
    profileFile,
  ],
  { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
);
const lines = createInterface({ input: child.stdout });
lines.once('line', (line) => {
  const profile = JSON.parse(line);
  console.log(`
Simulated Azure is up (tenant Contoso; you are helpdesk@contoso.com, on the VPN at 10.13.1.7).
  ARM + Entra ID : ${profile.armEndpoint}
  Control API    : ${profile.controlEndpoint}   (e.g. GET ${profile.controlEndpoint}/state)
  Cloud profile  : ${profileFile}
  CA certificate : ${profile.caCertFile}
  Its state (grants, clock) is kept in ${stateDir}.

Try it with Debian's azure-cli (apt-get install azure-cli):
  export REQUESTS_CA_BUNDLE=${profile.caCertFile}
  az cloud register -n JitConnectDemo --endpoint-resource-manager ${profile.armEndpoint} --profile 2020-09-01-hybrid
  az cloud set -n JitConnectDemo && az login --use-device-code && az vm list -d -o table
Press Ctrl+C to stop.`);
});
const stop = () => child.kill('SIGTERM');
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
child.on('exit', (code) => process.exit(code ?? 0));
