/**
 * The service's edge: every handler's result checked against the contract's strict schema and every failure turned
 * into an AppError; every event checked before it is sent. A field that should not cross (a token, a path, an MSAL
 * id) fails loudly here instead of reaching the renderer.
 */
import { AppError } from '../../../shared/errors/app-error';
import {
  EVENTS,
  REQUESTS,
  type EventSink,
  type Handlers,
  type RequestChannel,
  type RequestResult,
} from '../../../shared/ipc/contract';
import { toAppError } from './errors';

/** The handler sets guard() made: their results are already checked, a shell need not check them again. */
const guardedSets = new WeakSet<Handlers>();

/**
 * True when `handlers` came from guard(): every result was checked against the contract's strict schema at core's
 * edge. A shell then skips its own check, which over a 10,000-VM `vms:list` (about 10 MB) cost a second full parse.
 */
export function isGuarded(handlers: Handlers): boolean {
  return guardedSets.has(handlers);
}

/** Results checkAhead() made: zod's own fresh copies, held by no one else, so nothing changed them since. */
const checkedAhead = new WeakSet<object>();

function check(channel: RequestChannel, value: unknown): unknown {
  if (typeof value === 'object' && value !== null && checkedAhead.has(value)) return value;
  const parsed = REQUESTS[channel].result.safeParse(value);
  if (!parsed.success)
    throw new AppError({
      code: 'internal',
      message: `The answer to ${channel} does not match the contract (${parsed.error.issues[0]?.message ?? ''}).`,
    });
  return parsed.data;
}

/**
 * `value` checked against the result schema of `channel` before anyone asked for it (the inventory read ahead while
 * the window starts): the check's cost (about 150 ms for 10,000 VMs) is paid while the app waits for the window,
 * not when the list is asked for. Returns the checked copy, which guard() then passes on as is; throws an AppError.
 */
export function checkAhead<C extends RequestChannel>(channel: C, value: RequestResult<C>): RequestResult<C> {
  const checked = check(channel, value) as RequestResult<C>;
  if (typeof checked === 'object' && checked !== null) checkedAhead.add(checked);
  return checked;
}

/** `raw` with each result checked against its schema, and every failure an AppError. */
export function guard(raw: Handlers): Handlers {
  const out: Partial<Record<RequestChannel, (args: unknown) => Promise<unknown>>> = {};
  for (const channel of Object.keys(REQUESTS) as RequestChannel[]) {
    const handler = raw[channel] as (args: unknown) => Promise<unknown>;
    if (typeof handler !== 'function') throw new Error(`no handler for ${channel}`);
    out[channel] = async (args) => {
      let value: unknown;
      try {
        value = await handler(args);
      } catch (err) {
        throw toAppError(err);
      }
      return check(channel, value);
    };
  }
  guardedSets.add(out as Handlers);
  return out as Handlers;
}

/** A sink that sends only payloads the contract allows; any other is dropped and reported through `warn`. */
export function checkedSink(sink: EventSink, warn: (message: string) => void): EventSink {
  return (channel, payload) => {
    const spec = EVENTS[channel];
    const ok = spec?.safeParse(payload);
    if (ok?.success) sink(channel, payload);
    else warn(`internal: event ${String(channel)} does not match the contract: ${ok?.error.issues[0]?.message ?? ''}`);
  };
}
