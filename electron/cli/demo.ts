/**
 * `--demo`: the embedded simulated Azure in this process (demo seed, realistic timing, state kept in the config dir),
 * handed to core as a cloud like any other. Its CA goes to this profile's clients only (no global trust change).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startSimulator, type Simulator } from '../azure-sim/index';
import { REALISTIC_TIMING } from '../azure-sim/settings';
import type { ResolvedCloud } from '../core/cloud/cloud';

/** A running demo: the cloud to use, and how to stop it. */
export interface Demo {
  cloud: ResolvedCloud;
  simulator: Simulator;
  close(): Promise<void>;
}

/** Starts the demo simulator with its state under `<configDir>/demo-azure`; logs go to `log` (quiet by default). */
export async function startDemo(configDir: string, log: (line: string) => void = () => {}): Promise<Demo> {
  const simulator = await startSimulator({
    seed: 'demo',
    stateDir: join(configDir, 'demo-azure'),
    ...REALISTIC_TIMING,
    // The demo's Entra approves device codes in about a second: poll every second instead of Azure's 5 s.
    settings: { deviceCodeIntervalSeconds: 1 },
    log,
  });
  const { controlEndpoint: _control, ...profile } = simulator.profile;
  return {
    cloud: { profile: { ...profile, name: 'JitConnectDemo' }, ca: readFileSync(profile.caCertFile, 'utf8') },
    simulator,
    close: () => simulator.close(),
  };
}
