/**
 * The contract on Electron's IPC: one `ipcMain.handle` per request channel, each checking that the call comes from
 * the app's own frame, parsing its arguments with the contract's schema (a malformed payload never reaches core) and
 * answering `{ ok, value }` or `{ ok: false, error }` with AppError data only. Events go to the window only for the
 * contract's event channels, each payload checked against its schema first.
 */
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { ZodError } from 'zod';
import {
  EVENT_CHANNELS,
  EVENTS,
  REQUEST_CHANNELS,
  parseArgs,
  type Answer,
  type EventChannel,
  type EventSink,
  type Handlers,
  type RequestChannel,
} from '../../shared/ipc/contract';
import { AppError, isAppErrorData, type AppErrorData } from '../../shared/errors/app-error';
import { isAppUrl } from './security';

/** What a handler needs of the IPC event: the frame that sent it. */
export type InvokeEvent = Pick<IpcMainInvokeEvent, 'senderFrame'>;

/** Where the handlers are registered (ipcMain, or a fake). */
export type HandlerRegistry = Pick<IpcMain, 'handle' | 'removeHandler'>;

/** Turns anything thrown into AppError data: never a stack, a raw error or an internal object. */
export function toErrorData(err: unknown): AppErrorData {
  if (err instanceof AppError) return err.toData();
  if (err instanceof ZodError) {
    const first = err.issues[0];
    const where = first && first.path.length ? ` (${first.path.join('.')})` : '';
    return { code: 'invalid-input', message: `Invalid request${where}: ${first?.message ?? 'malformed'}` };
  }
  if (isAppErrorData(err)) {
    const data: AppErrorData = { code: err.code, message: err.message };
    if (err.fix !== undefined) data.fix = err.fix;
    if (err.azureCode !== undefined) data.azureCode = err.azureCode;
    return data;
  }
  return { code: 'internal', message: 'Something went wrong inside JIT Connect.' };
}

/**
 * True when the call comes from a live top-level frame of the app's own origin: not a frame that navigated away or
 * is gone, not a foreign page, not a subframe (the app has none; an injected one must not reach core).
 */
export function isTrustedSender(event: InvokeEvent, isTrustedUrl: (url: string) => boolean = isAppUrl): boolean {
  const frame = event.senderFrame;
  return frame !== null && frame !== undefined && !frame.parent && isTrustedUrl(frame.url);
}

/** Answers one call: sender check, argument parsing, the handler, and the error mapping. */
export async function answer(
  handlers: Handlers,
  channel: RequestChannel,
  event: InvokeEvent,
  raw: unknown,
  isTrustedUrl?: (url: string) => boolean,
): Promise<Answer<unknown>> {
  if (!isTrustedSender(event, isTrustedUrl)) {
    return { ok: false, error: { code: 'invalid-input', message: 'Refused: the call did not come from the app.' } };
  }
  try {
    const args = parseArgs(channel, raw);
    const handler = handlers[channel] as (a: typeof args) => Promise<unknown>;
    return { ok: true, value: await handler(args) };
  } catch (err) {
    return { ok: false, error: toErrorData(err) };
  }
}

/**
 * Registers a handler for every request channel of the contract; returns the channels (for the parity test) and a
 * function removing them. Extra arguments beyond the first are ignored: the contract has one argument per call.
 */
export function registerHandlers(
  ipc: HandlerRegistry,
  handlers: Handlers,
  isTrustedUrl?: (url: string) => boolean,
): { channels: RequestChannel[]; dispose(): void } {
  for (const channel of REQUEST_CHANNELS) {
    ipc.handle(channel, (event: IpcMainInvokeEvent, raw: unknown) =>
      answer(handlers, channel, event, raw, isTrustedUrl),
    );
  }
  return {
    channels: [...REQUEST_CHANNELS],
    dispose: () => REQUEST_CHANNELS.forEach((c) => ipc.removeHandler(c)),
  };
}

/** Where events are sent (the window's webContents, or a fake). */
export type EventTarget = Pick<WebContents, 'send' | 'isDestroyed'>;

/**
 * An EventSink that forwards core's events to the window: only the contract's event channels, only payloads that
 * match their schema (a field core should not send is dropped by the strict schema's refusal, not leaked).
 */
export function windowEventSink(target: () => EventTarget | undefined, onDropped?: (why: string) => void): EventSink {
  return (channel, payload) => {
    if (!(EVENT_CHANNELS as string[]).includes(channel)) {
      onDropped?.(`unknown event channel ${String(channel)}`);
      return;
    }
    const parsed = EVENTS[channel as EventChannel].safeParse(payload);
    if (!parsed.success) {
      onDropped?.(`event ${channel} does not match the contract`);
      return;
    }
    const contents = target();
    if (!contents || contents.isDestroyed()) return;
    contents.send(channel, parsed.data);
  };
}
