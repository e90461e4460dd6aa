/** Settings the control API changes while the simulator runs, and the faults it injects. */
import { z } from 'zod';
import { parseIpv4 } from './net/cidr';

/** A propagation delay: fixed milliseconds, or a random one between min and max. */
export const DelaySchema = z.union([
  z.number().int().min(0),
  z.object({ min: z.number().int().min(0), max: z.number().int().min(0) }),
]);

/**
 * A port something other than JIT keeps shut (an Azure Virtual Network Manager security admin rule, evaluated before
 * NSGs): the gate stays closed for that VM (name or resource id) and port even while a JIT rule allows it.
 */
export const BlockedPortSchema = z.object({ vm: z.string().min(1), port: z.number().int().min(0).max(65535) }).strict();

/** A port blocked outside JIT. */
export type BlockedPort = z.infer<typeof BlockedPortSchema>;

/** Schema of `POST /_sim/settings` (every field optional). */
export const SettingsPatchSchema = z
  .object({
    latencyMs: z.number().int().min(0).max(60_000),
    propagationMs: DelaySchema,
    dataplaneLagMs: DelaySchema,
    /** How long the initiate answer itself takes (real time; Azure's recorded one took about 4 s). */
    initiateDelayMs: DelaySchema,
    /** Replaces the list of ports blocked outside JIT (`[]` clears it). */
    blockedPorts: z.array(BlockedPortSchema).max(1000),
    pageSize: z.number().int().min(1).max(5000),
    signInAs: z.string().min(1),
    deviceCode: z.enum(['approve', 'deny', 'hold']),
    /** The device-code response's `interval` (AAD says 5; tests shorten it). */
    deviceCodeIntervalSeconds: z.number().int().min(1).max(60),
    tokenLifetimeSeconds: z.number().int().min(1).max(86_400),
    sourceMatch: z.enum(['exact', 'contains']),
    newerRequestRevokes: z.boolean(),
    /** The address the simulator sees for the caller (the client's public address). */
    clientPublicIp: z.string().min(1),
    /**
     * The client's network interfaces (replaces the list): e.g. put the client on the Virtual WAN P2S VPN by giving
     * it an interface in that pool. The gate judges VPN paths by these addresses.
     */
    clientInterfaces: z
      .array(
        z
          .object({
            name: z.string().min(1),
            address: z.string().refine((a) => parseIpv4(a) !== undefined, 'an IPv4 address'),
          })
          .strict(),
      )
      .max(16),
  })
  .partial()
  .strict();

/** Current settings. */
export interface SimSettings {
  latencyMs: number;
  propagationMs: z.infer<typeof DelaySchema>;
  dataplaneLagMs: z.infer<typeof DelaySchema>;
  initiateDelayMs: z.infer<typeof DelaySchema>;
  blockedPorts: BlockedPort[];
  pageSize: number;
  signInAs: string;
  deviceCode: 'approve' | 'deny' | 'hold';
  deviceCodeIntervalSeconds: number;
  tokenLifetimeSeconds: number;
  sourceMatch: 'exact' | 'contains';
  newerRequestRevokes: boolean;
}

/**
 * The timing `npm start` and `npm run sim` use unless told otherwise, within what field reports describe (scripts
 * wait 3 s to 2 minutes for a JIT rule): the rule appears 2–8 s after initiate, the port opens 0.5–1.5 s after the
 * rule, and the initiate answer takes 1–2 s (Azure's recorded one took about 4 s).
 */
export const REALISTIC_TIMING = {
  propagationMs: { min: 2000, max: 8000 },
  dataplaneLagMs: { min: 500, max: 1500 },
  initiateDelayMs: { min: 1000, max: 2000 },
} as const satisfies Partial<SimSettings>;

/** Defaults of `startSimulator()`: everything instant, so tests and embedders are fast unless they ask otherwise. */
export function defaultSettings(): SimSettings {
  return {
    latencyMs: 0,
    propagationMs: 0,
    dataplaneLagMs: 0,
    initiateDelayMs: 0,
    blockedPorts: [],
    pageSize: 100,
    signInAs: 'helpdesk',
    deviceCode: 'approve',
    deviceCodeIntervalSeconds: 5,
    tokenLifetimeSeconds: 3600,
    sourceMatch: 'exact',
    newerRequestRevokes: true,
  };
}

/** Picks one delay (propagation, data-plane lag, initiate answer) from a fixed or random setting. */
export function pickDelay(d: z.infer<typeof DelaySchema>): number {
  if (typeof d === 'number') return d;
  const lo = Math.min(d.min, d.max);
  const hi = Math.max(d.min, d.max);
  return lo + Math.floor(Math.random() * (hi - lo + 1));
}

/** Schema of `POST /_sim/faults`. */
export const FaultSchema = z
  .object({
    method: z.string().min(1).optional(),
    pathIncludes: z.string().min(1).optional(),
    target: z.enum(['arm', 'entra']).default('arm'),
    status: z.number().int().min(100).max(599),
    retryAfterSeconds: z.number().min(0).optional(),
    times: z.number().int().min(1).default(1),
    delayMs: z.number().int().min(0).max(120_000).optional(),
    code: z.string().min(1).optional(),
    message: z.string().min(1).optional(),
  })
  .strict();

/** An injected fault. */
export type Fault = z.infer<typeof FaultSchema>;

/** Holds injected faults and consumes them as requests match. */
export class FaultBook {
  private faults: Fault[] = [];

  add(f: Fault): void {
    this.faults.push({ ...f });
  }

  clear(): void {
    this.faults = [];
  }

  list(): Fault[] {
    return this.faults.map((f) => ({ ...f }));
  }

  /** Takes the first fault matching the request, decrementing its count. */
  take(target: 'arm' | 'entra', method: string, path: string): Fault | undefined {
    const p = path.toLowerCase();
    const f = this.faults.find(
      (x) =>
        x.target === target &&
        (!x.method || x.method.toUpperCase() === method.toUpperCase()) &&
        (!x.pathIncludes || p.includes(x.pathIncludes.toLowerCase())),
    );
    if (!f) return undefined;
    f.times -= 1;
    if (f.times <= 0) this.faults = this.faults.filter((x) => x !== f);
    return { ...f };
  }
}

/** One ARM call as the call log records it. */
export interface CallRecord {
  method: string;
  path: string;
  status: number;
  at: string;
}
