/** Where the UI's calls go: the Electron preload's `window.jitConnect`, else the browser shell's WebSocket bridge. */
import type { JitConnectApi } from '../../../shared/ipc/contract';
import { createBrowserBridge } from '../bridge/browser-bridge';

/** The API of the shell the page runs in. */
export function getApi(): JitConnectApi {
  const w = window as unknown as { jitConnect?: JitConnectApi };
  return w.jitConnect ?? createBrowserBridge();
}

/** A readable message from whatever a call threw (an AppError carries a fix). */
export function describeError(e: unknown): { message: string; fix?: string } {
  const err = e as { message?: string; fix?: string };
  return { message: err.message ?? String(e), ...(err.fix ? { fix: err.fix } : {}) };
}
