/**
 * One WebSocket message in, one answer out: the envelope `{id, channel, args}` is checked, the arguments parsed by
 * the contract (a malformed payload never reaches a handler), the handler called, and its result checked against the
 * contract's result schema (a field the schema does not allow is a leak, answered as an internal error) unless
 * core's guard() already checked it: one check at core's edge is the leak guard for every shell, and a second full
 * parse of a 10,000-VM list only delayed the first screen. Errors
 * cross as AppError data only: code, message, fix, azureCode — never a stack.
 */
import { REQUESTS, parseArgs, type Handlers, type RequestChannel } from '../../shared/ipc/contract';
import { isAppErrorData, type AppErrorData } from '../../shared/errors/app-error';
import { isGuarded } from '../core/app/guard';

/** What the shell sends back for a call. */
export type WireAnswer =
  | { id: string | number | null; ok: true; value: unknown }
  | { id: string | number | null; ok: false; error: AppErrorData };

const MAX_ID_LENGTH = 64;

function invalid(id: string | number | null, message: string): WireAnswer {
  return { id, ok: false, error: { code: 'invalid-input', message } };
}

/** The error data an exception may show the UI: an AppError's fields, else a generic internal error. */
export function errorData(err: unknown): AppErrorData {
  if (isAppErrorData(err)) {
    const e = err as AppErrorData;
    const data: AppErrorData = { code: e.code, message: String(e.message) };
    if (typeof e.fix === 'string') data.fix = e.fix;
    if (typeof e.azureCode === 'string') data.azureCode = e.azureCode;
    return data;
  }
  return { code: 'internal', message: 'Something went wrong inside the app; see its log.' };
}

function validId(id: unknown): id is string | number {
  if (typeof id === 'number') return Number.isSafeInteger(id);
  return typeof id === 'string' && id.length > 0 && id.length <= MAX_ID_LENGTH;
}

/** True when `channel` is one of the contract's own request channels (not `__proto__`, `toString`…). */
export function isRequestChannel(channel: unknown): channel is RequestChannel {
  return typeof channel === 'string' && Object.prototype.hasOwnProperty.call(REQUESTS, channel);
}

/** Handles one text message; `onError` hears unexpected handler failures (for the log; the UI sees a generic one). */
export async function dispatch(
  handlers: Handlers,
  text: string,
  onError: (channel: string, err: unknown) => void = () => {},
): Promise<WireAnswer> {
  let msg: unknown;
  try {
    msg = JSON.parse(text);
  } catch {
    return invalid(null, 'The message is not JSON.');
  }
  if (typeof msg !== 'object' || msg === null || Array.isArray(msg)) {
    return invalid(null, 'The message is not an object.');
  }
  const { id, channel, args } = msg as Record<string, unknown>;
  if (!validId(id)) return invalid(null, 'The message has no valid id.');
  if (!isRequestChannel(channel)) return invalid(id, 'Unknown channel.');
  let parsed: unknown;
  try {
    parsed = parseArgs(channel, args ?? {});
  } catch {
    return invalid(id, `Invalid arguments for ${channel}.`);
  }
  try {
    const handler = handlers[channel] as (a: unknown) => Promise<unknown>;
    const value = await handler(parsed);
    if (isGuarded(handlers)) return { id, ok: true, value };
    const checked = REQUESTS[channel].result.safeParse(value);
    if (!checked.success) {
      onError(channel, new Error(`the result of ${channel} does not match the contract`));
      return { id, ok: false, error: errorData(undefined) };
    }
    return { id, ok: true, value: checked.data };
  } catch (err) {
    if (!isAppErrorData(err)) onError(channel, err);
    return { id, ok: false, error: errorData(err) };
  }
}
