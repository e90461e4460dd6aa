/**
 * The demo mode of every face (`--demo`, "Explore the demo"): the simulated Azure in the face's own process (demo seed,
 * realistic timing, state kept in the config dir), handed to core as a cloud like any other. Its CA goes to this
 * profile's clients only (no global trust change).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CloudProfile } from '../../shared/cloud/cloud-profile';
import { startSimulator, type Simulator } from './index';
import { REALISTIC_TIMING } from './settings';

/** A running demo: the cloud to use, and how to stop it. */
export interface Demo {
  /** The cloud profile and its CA (core's ResolvedCloud shape). */
  cloud: { profile: CloudProfile; ca: string };
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
