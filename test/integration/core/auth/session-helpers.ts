/** Helpers for the auth session's integration tests: a session on a simulator, and a Reporter that records. */
import { readFileSync } from 'node:fs';
import type { Simulator } from '../../../../electron/azure-sim/index';
import { AuthSession, type AuthSessionOptions } from '../../../../electron/core/auth/auth-session';
import type { ResolvedCloud } from '../../../../electron/core/cloud/cloud';
import { nodeTransport } from '../../../../electron/core/http/transport';
import type { Reporter } from '../../../../electron/core/ports';
import { tempDir } from '../../../fixtures/sim';

/** The simulator's profile as core sees any cloud: profile plus CA text. */
export function simCloud(sim: Simulator): ResolvedCloud {
  return { profile: sim.profile, ca: readFileSync(sim.profile.caCertFile, 'utf8') };
}

/** A Reporter that keeps the warnings. */
export function recordingReporter(): Reporter & { warnings: string[] } {
  const warnings: string[] = [];
  return { warnings, warn: (m) => warnings.push(m) };
}

/** A session on the simulator with a memory cache (unless asked otherwise) in a fresh config dir. */
export function simSession(sim: Simulator, extra: Partial<AuthSessionOptions> = {}): Promise<AuthSession> {
  const cloud = simCloud(sim);
  return AuthSession.create({
    cloud,
    transport: nodeTransport(cloud),
    configDir: tempDir('jit-auth-config-'),
    cache: 'memory',
    ...extra,
  });
}
