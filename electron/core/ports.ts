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

/** The machine's network, as far as choosing a source range needs it. */
export interface NetworkInterfaces {
  /** The local IPv4 addresses, by interface name. */
  list(): Array<{ name: string; address: string }>;
  /**
   * The local address the OS would send from to reach `ip` (a route check: a UDP socket `connect` sends nothing);
   * undefined when there is no route. `hints.pools` are the VPN pools that would reach it: a real OS ignores them
   * (its VPN client installed the routes); a simulated network routes by them.
   */
  localAddressFor(ip: string, hints?: { pools?: string[] }): Promise<string | undefined>;
  /** The public address the internet sees, when known without asking Azure (the simulator's profile says it). */
  publicAddress?(): string | undefined;
}

/** A program started by core (an RDP, SSH or PowerShell client): argv arrays only, never a shell string. */
export interface ProcessRunner {
  /**
   * Starts `argv[0]` with the rest as its arguments. `wait: true` resolves when it exits (an ssh in this terminal);
   * `wait: false` when it has started (a client window), with `exited` settling when it ends (keep-access stops
   * then). `stdin`, when given, is written and closed. `capture` (with `wait`) collects stdout and stderr as UTF-8
   * text (a query such as `reg.exe query`).
   */
  run(
    argv: string[],
    options: {
      wait: boolean;
      cwd?: string;
      env?: Record<string, string>;
      stdin?: string;
      inheritStdio?: boolean;
      capture?: boolean;
    },
  ): Promise<{
    pid?: number;
    exitCode?: number | null;
    stdout?: string;
    stderr?: string;
    exited?: Promise<number | null>;
  }>;
}

/** A notification for a person (a reminder before a grant ends): the tray's, the desktop's, or a line in a terminal. */
export interface Notifier {
  /** Shows `title` and `body`; `actions` are buttons (e.g. Extend) whose id comes back through `onAction`. */
  notify(note: { id: string; title: string; body: string; actions?: Array<{ id: string; label: string }> }): void;
  /** Called with the notification id and the action id when the person clicks an action. */
  onAction?(handler: (noteId: string, actionId: string) => void): void;
}
