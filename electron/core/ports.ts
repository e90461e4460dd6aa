/**
 * The small ports through which core talks to the world (DESIGN.md §3). Each face (CLI, Electron shell, browser
 * shell) passes its adapters in; tests pass plain objects and fake time.
 */
import type { HttpClient } from '@azure/core-rest-pipeline';

/** Time: every timer in core goes through it, so expiry and reminders are tested in milliseconds. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Calls `fn` after `ms`; returns a handle for {@link Clock.clearTimeout}. */
  setTimeout(fn: () => void, ms: number): unknown;
  /** Cancels a timer made by {@link Clock.setTimeout}. */
  clearTimeout(handle: unknown): void;
}

/** The real clock. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** Opens a URL in the user's browser (sign-in pages). Rejects when no browser can be opened. */
export interface Opener {
  openUrl(url: string): Promise<void>;
}

/**
 * Every HTTP call of MSAL and of the ARM SDKs goes through this one port (core-rest-pipeline's HttpClient): in plain
 * Node, Node's https with the profile's CA and the proxy from HTTPS_PROXY / NO_PROXY; in Electron, its network stack.
 */
export type HttpPort = HttpClient;

/** Where core writes what a person should see about its work (progress, warnings): stderr in the CLI, the UI's log. */
export interface Reporter {
  /** A warning or notice (e.g. "sign-in will not be remembered"). */
  warn(message: string): void;
}
