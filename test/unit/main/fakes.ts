/**
 * Plain-object fakes of the Electron classes the shell uses (the binary cannot run in tests): they record what the
 * shell registered and let a test fire the events Electron would.
 */
import type { GuardedContents, GuardedSession } from '../../../electron/main/window';
import type { HandlerRegistry } from '../../../electron/main/ipc';

type Listener = (...args: never[]) => unknown;

/** A fake webContents: records `on` listeners and the window-open handler. */
export function fakeContents() {
  const listeners = new Map<string, Listener[]>();
  let openHandler: ((details: { url: string }) => { action: string }) | undefined;
  const contents = {
    on(event: string, listener: Listener) {
      listeners.set(event, [...(listeners.get(event) ?? []), listener]);
      return contents;
    },
    setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
      openHandler = handler;
    },
  };
  return {
    contents: contents as unknown as GuardedContents,
    /** Fires a navigation-like event; returns whether the shell prevented it. */
    fire(event: string, url: string): boolean {
      let prevented = false;
      const e = { url, preventDefault: () => (prevented = true) };
      for (const l of listeners.get(event) ?? []) (l as (e: unknown) => void)(e);
      return prevented;
    },
    has: (event: string) => (listeners.get(event) ?? []).length > 0,
    windowOpen(url: string) {
      if (!openHandler) throw new Error('no window-open handler set');
      return openHandler({ url });
    },
  };
}

/** A fake session: records the permission handlers and the headers listener. */
export function fakeSession() {
  const seen: {
    request?: (wc: unknown, permission: string, cb: (granted: boolean) => void, details: unknown) => void;
    check?: (wc: unknown, permission: string, origin: string, details: unknown) => boolean;
    headers?: (
      details: { responseHeaders?: Record<string, string[]> },
      cb: (r: { responseHeaders?: Record<string, string | string[]> }) => void,
    ) => void;
  } = {};
  const session = {
    setPermissionRequestHandler: (h: typeof seen.request) => (seen.request = h),
    setPermissionCheckHandler: (h: typeof seen.check) => (seen.check = h),
    webRequest: { onHeadersReceived: (h: typeof seen.headers) => (seen.headers = h) },
  };
  return { session: session as unknown as GuardedSession, seen };
}

/** A fake ipcMain: the handlers by channel, and a way to invoke one as a frame of `url` would. */
export function fakeIpcMain() {
  const handlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
  const ipc = {
    handle(channel: string, listener: (event: unknown, ...args: unknown[]) => unknown) {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, listener);
    },
    removeHandler(channel: string) {
      handlers.delete(channel);
    },
  };
  return {
    ipc: ipc as unknown as HandlerRegistry,
    handlers,
    /** Calls `channel` from a frame at `url` (null: a frame that is gone). */
    invoke(channel: string, url: string | null, ...args: unknown[]) {
      const h = handlers.get(channel);
      if (!h) throw new Error(`no handler for ${channel}`);
      return h({ senderFrame: url === null ? null : { url } }, ...args) as Promise<unknown>;
    },
  };
}
