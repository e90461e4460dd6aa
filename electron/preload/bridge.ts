/**
 * `window.jitConnect` built from the contract's channel lists and nothing else: `call` invokes a request channel and
 * unwraps the `{ ok, value | error }` answer, `on` subscribes to an event channel. No logic: arguments are checked by
 * the main process; a channel outside the contract is refused here so the page cannot reach any other IPC.
 */
import type { IpcRenderer, IpcRendererEvent } from 'electron';
import {
  EVENT_CHANNELS,
  REQUEST_CHANNELS,
  type Answer,
  type EventChannel,
  type JitConnectApi,
  type RequestChannel,
} from '../../shared/ipc/contract';
import type { AppErrorData } from '../../shared/errors/app-error';

/** The ipcRenderer methods the bridge uses. */
export type BridgeIpc = Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>;

/** The refusal for a channel the contract does not list (a plain object: contextBridge keeps its fields). */
function refused(channel: unknown): AppErrorData {
  return { code: 'invalid-input', message: `Unknown channel ${String(channel)}.` };
}

/**
 * Builds the API. A failed call rejects with the AppError data itself (`{ code, message, fix? }`), a plain object,
 * because contextBridge copies only the message of an Error and would lose its code and fix.
 */
export function buildApi(ipc: BridgeIpc): JitConnectApi {
  return {
    call: async (channel, args) => {
      if (!(REQUEST_CHANNELS as string[]).includes(channel as RequestChannel)) throw refused(channel);
      const answer = (await ipc.invoke(channel, args)) as Answer<never>;
      if (answer.ok) return answer.value;
      throw answer.error;
    },
    on: (channel, listener) => {
      if (!(EVENT_CHANNELS as string[]).includes(channel as EventChannel)) throw refused(channel);
      // The page gets the payload only, never the IpcRendererEvent (which would expose `sender`).
      const wrapped = (_event: IpcRendererEvent, payload: unknown) => listener(payload as never);
      ipc.on(channel, wrapped);
      return () => {
        ipc.removeListener(channel, wrapped);
      };
    },
  };
}

/** The name under which the API is exposed in the page. */
export const API_KEY = 'jitConnect';
