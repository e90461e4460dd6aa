/** What every part of the simulator shares: the estate, the clock, settings, faults, keys, logs. */
import { EventEmitter } from 'node:events';
import { SimClock } from './clock';
import type { Estate } from './model/estate';
import { newSigningKey, type SigningKey } from './crypto/jwt';
import { defaultSettings, FaultBook, type CallRecord, type SimSettings } from './settings';

/** Who made an ARM call, read from the bearer token. */
export interface Principal {
  oid: string;
  tenantId: string;
  kind: 'user' | 'servicePrincipal';
  /** UPN for users, app id for service principals: what `requestor` shows. */
  name: string;
  appId: string;
  /** The token's `iss` (ARM names it when the token is for another tenant than the subscription's). */
  issuer?: string;
  /** Client capabilities the token carries (`xms_cc`; `cp1` = the client handles CAE claims challenges). */
  capabilities?: string[];
  /** When the token was issued (ms, real time), to order it against a CAE critical event. */
  issuedAtMs?: number;
}

/** Events the parts of the simulator tell each other about. */
export interface SimEvents {
  /** An NSG's rules changed (rule added or removed); the gate re-evaluates. */
  'nsg-changed': [nsgId: string];
  /** A VM's power state changed (start, deallocate…); the gate re-evaluates. */
  'power-changed': [vmId: string];
  /** A control-API settings change (e.g. the client's public address or the data-plane lag); the gate re-evaluates. */
  'settings-changed': [];
  /** The estate was replaced (reset). */
  reset: [];
}

/** The shared state of one running simulator. */
export interface SimContext {
  estate: Estate;
  clock: SimClock;
  settings: SimSettings;
  faults: FaultBook;
  calls: CallRecord[];
  signingKey: SigningKey;
  /** `https://127.0.0.1:<port>` — ARM, Entra and the control API share it. */
  baseUrl: string;
  /** `"<ip>:<port>"` → `"127.0.0.1:<gate port>"`, filled by the gate. */
  addressMap: Record<string, string>;
  /** Refresh tokens issued before this time (ms, real clock) are revoked, per user object id. */
  revokedBefore: Map<string, number>;
  /**
   * CAE critical events (`POST /_sim/cae`), per user home object id (ms, real clock): ARM challenges that user's
   * CAE-capable tokens issued before it.
   */
  caeEvents: Map<string, number>;
  events: EventEmitter<SimEvents>;
  /** Writes a log line to stderr (never stdout: stdout carries only the profile). */
  log: (line: string) => void;
}

/** The `Date` header value on the simulated clock. */
export function httpDate(ctx: SimContext): string {
  return ctx.clock.now().toUTCString();
}

/** A context over `estate` with defaults for everything not given (the simulator's start, and in-process tests). */
export function createContext(estate: Estate, parts: Partial<Omit<SimContext, 'estate'>> = {}): SimContext {
  return {
    estate,
    clock: parts.clock ?? new SimClock(),
    settings: parts.settings ?? defaultSettings(),
    faults: parts.faults ?? new FaultBook(),
    calls: parts.calls ?? [],
    signingKey: parts.signingKey ?? newSigningKey(),
    baseUrl: parts.baseUrl ?? '',
    addressMap: parts.addressMap ?? {},
    revokedBefore: parts.revokedBefore ?? new Map(),
    caeEvents: parts.caeEvents ?? new Map(),
    events: parts.events ?? new EventEmitter<SimEvents>(),
    log: parts.log ?? (() => {}),
  };
}
