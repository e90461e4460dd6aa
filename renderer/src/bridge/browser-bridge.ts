/**
 * `window.jitConnect` for the browser shell: the contract's calls and events over one WebSocket to the shell that
 * served the page. The per-launch secret comes from the page's URL fragment and is offered as a WebSocket
 * subprotocol (never in a URL). Browser-only code: no Node; the WebSocket constructor can be injected so the bridge
 * is tested from Node against the real shell.
 */
import {
  EVENT_CHANNELS,
  REQUEST_CHANNELS,
  type EventChannel,
  type EventPayload,
  type JitConnectApi,
  type RequestArgs,
  type RequestChannel,
  type RequestResult,
} from '../../../shared/ipc/contract';
import { AppError, isAppErrorData } from '../../../shared/errors/app-error';

/** The subprotocol both ends speak (the shell checks the same names). */
export const WS_PROTOCOL = 'jit-connect.v1';
/** The prefix of the subprotocol that carries the secret. */
export const SECRET_PROTOCOL_PREFIX = 'jit-secret.';

/** The part of a WebSocket the bridge uses (the browser's, or `ws` in Node tests). */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: 'open' | 'close' | 'error', listener: () => void): void;
  addEventListener(type: 'message', listener: (ev: { data: unknown }) => void): void;
}
/** A WebSocket constructor. */
export type WebSocketCtor = new (url: string, protocols: string[]) => WebSocketLike;

/** Where to connect: by default the page's own location and the browser's WebSocket. */
export interface BridgeOptions {
  /** The page URL (`http://127.0.0.1:PORT/#secret`); defaults to `location.href`. */
  pageUrl?: string;
  WebSocket?: WebSocketCtor;
}

/** The bridge: the contract's API plus a way to hang up. */
export interface BrowserBridge extends JitConnectApi {
  close(): void;
}

const OPEN = 1;

function lostConnection(): AppError {
  return new AppError({
    code: 'network',
    message: 'The connection to JIT Connect was lost.',
    fix: 'Reload the page; if the app was closed, start it again.',
  });
}

/** Builds the API over a WebSocket to the shell that served `pageUrl`. */
export function createBrowserBridge(opts: BridgeOptions = {}): BrowserBridge {
  const g = globalThis as unknown as { location?: { href: string }; WebSocket?: WebSocketCtor };
  const page = new URL(opts.pageUrl ?? g.location?.href ?? '');
  const maybeCtor = opts.WebSocket ?? g.WebSocket;
  if (!maybeCtor) throw new Error('no WebSocket in this environment');
  const Ctor: WebSocketCtor = maybeCtor;
  const secret = page.hash.replace(/^#/, '');
  const wsUrl = `ws://${page.host}/ws`;
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: unknown): void }>();
  const listeners = new Map<string, Set<(payload: never) => void>>();
  let nextId = 1;
  let socket: WebSocketLike | undefined;
  let opened: Promise<WebSocketLike> | undefined;
  let closed = false;

  function connect(): Promise<WebSocketLike> {
    if (opened) return opened;
    opened = new Promise<WebSocketLike>((resolve, reject) => {
      const ws = new Ctor(wsUrl, [WS_PROTOCOL, `${SECRET_PROTOCOL_PREFIX}${secret}`]);
      socket = ws;
      ws.addEventListener('open', () => resolve(ws));
      ws.addEventListener('message', (ev) => onMessage(ev.data));
      ws.addEventListener('error', () => reject(lostConnection()));
      ws.addEventListener('close', () => {
        // Calls in flight never get an answer now; the next call opens a new connection.
        if (socket === ws) {
          socket = undefined;
          opened = undefined;
        }
        for (const p of pending.values()) p.reject(lostConnection());
        pending.clear();
        reject(lostConnection());
      });
    });
    return opened;
  }

  function onMessage(data: unknown): void {
    if (typeof data !== 'string') return;
    let msg: Record<string, unknown>;
    try {
      msg = JSON.parse(data) as Record<string, unknown>;
    } catch {
      return;
    }
    if (typeof msg.event === 'string') {
      for (const l of listeners.get(msg.event) ?? []) l(msg.payload as never);
      return;
    }
    const p = typeof msg.id === 'number' ? pending.get(msg.id) : undefined;
    if (!p) return;
    pending.delete(msg.id as number);
    if (msg.ok === true) p.resolve(msg.value);
    else p.reject(isAppErrorData(msg.error) ? AppError.fromData(msg.error) : lostConnection());
  }

  return {
    async call<C extends RequestChannel>(channel: C, args: RequestArgs<C>): Promise<RequestResult<C>> {
      if (!(REQUEST_CHANNELS as string[]).includes(channel)) throw new Error(`unknown channel ${String(channel)}`);
      if (closed) throw lostConnection();
      const ws = await connect();
      if (ws.readyState !== OPEN) throw lostConnection();
      const id = nextId++;
      return new Promise<RequestResult<C>>((resolve, reject) => {
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        ws.send(JSON.stringify({ id, channel, args }));
      });
    },
    on<C extends EventChannel>(channel: C, listener: (payload: EventPayload<C>) => void): () => void {
      if (!(EVENT_CHANNELS as string[]).includes(channel)) throw new Error(`unknown event ${String(channel)}`);
      const set = listeners.get(channel) ?? new Set();
      listeners.set(channel, set);
      set.add(listener as (payload: never) => void);
      // Events arrive only on an open connection: listening opens it.
      if (!closed) connect().catch(() => {});
      return () => void set.delete(listener as (payload: never) => void);
    },
    close() {
      closed = true;
      socket?.close(1000, 'bye');
    },
  };
}
