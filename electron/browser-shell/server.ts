/**
 * The browser shell: core's Handlers served to a browser over one WebSocket, next to the built renderer, on
 * 127.0.0.1 only. As safe as the Electron shell: a per-launch secret handed over in the URL fragment (the page
 * offers it as a WebSocket subprotocol; it never appears in a URL the server sees or in the log), `Host` and
 * `Origin` checked exactly (no DNS rebinding, no foreign pages), one client at a time, every message parsed by the
 * contract.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { EVENTS, type EventSink, type Handlers } from '../../shared/ipc/contract';
import { dispatch } from './dispatch';
import {
  WS_PATH,
  WS_PROTOCOL,
  hostAllowed,
  newSecret,
  originAllowed,
  presentedSecret,
  secretMatches,
  securityHeaders,
} from './security';
import { staticFiles } from './static-files';

/** The largest message accepted (the contract's arguments are small; a bigger frame closes the socket, 1009). */
export const MAX_PAYLOAD_BYTES = 256 * 1024;

/** What the shell needs: core's handlers, a way to hear its events, and the built renderer. */
export interface BrowserShellOptions {
  handlers: Handlers;
  /** Called once with the sink the shell forwards events through; may return an unsubscribe function. */
  subscribe(sink: EventSink): void | (() => void);
  staticDir: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Where the shell writes one-line notes (never the secret). */
  log?: (line: string) => void;
  /** Called each time a client has connected, with the sink that reaches it (e.g. to hand over a deep link). */
  onClient?: (sink: EventSink) => void;
}

/** A running browser shell. */
export interface BrowserShell {
  /** `http://127.0.0.1:PORT/#<secret>`: the page reads the secret from its fragment. */
  url: string;
  port: number;
  close(): Promise<void>;
}

function refuse(socket: Duplex, status: number, text: string, headers: Record<string, string>): void {
  const lines = Object.entries(headers).map(([k, v]) => `${k}: ${v}`);
  socket.end([`HTTP/1.1 ${status} ${text}`, 'Connection: close', 'Content-Length: 0', ...lines, '', ''].join('\r\n'));
}

/** Starts the shell on 127.0.0.1 and resolves once it listens. */
export async function startBrowserShell(opts: BrowserShellOptions): Promise<BrowserShell> {
  const log = opts.log ?? (() => {});
  const secret = newSecret();
  const serve = await staticFiles(opts.staticDir);
  let port = 0;
  let client: WebSocket | undefined;

  const server = createServer((req, res) => {
    const headers = securityHeaders(port);
    // A rebinding page names its own host; a foreign page's subresource request names its own origin.
    if (!hostAllowed(req.headers, port) || (req.headers.origin !== undefined && !originAllowed(req.headers, port))) {
      res.writeHead(403, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
      return void res.end('forbidden\n');
    }
    serve(req, res, headers).catch(() => res.destroy());
  });
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_PAYLOAD_BYTES,
    // Echo our protocol only: the secret is offered, never selected (so it is never sent back).
    handleProtocols: (offered) => (offered.has(WS_PROTOCOL) ? WS_PROTOCOL : false),
  });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const headers = securityHeaders(port);
    const path = (req.url ?? '').split('?', 1)[0];
    if (!hostAllowed(req.headers, port) || !originAllowed(req.headers, port)) {
      log('browser shell: refused a WebSocket from a foreign host or origin');
      return refuse(socket, 403, 'Forbidden', headers);
    }
    if (path !== WS_PATH) return refuse(socket, 404, 'Not Found', headers);
    if (!secretMatches(presentedSecret(req.headers), secret)) {
      log('browser shell: refused a WebSocket without the launch secret');
      return refuse(socket, 401, 'Unauthorized', headers);
    }
    if (connected()) {
      log('browser shell: refused a second client');
      return refuse(socket, 409, 'Conflict', headers);
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      // Two handshakes can pass the check above together: the later one loses.
      if (connected()) return ws.close(1008, 'another client is connected');
      // A page being reloaded may leave a socket that is closing but not closed yet: it no longer counts.
      client?.terminate();
      client = ws;
      log('browser shell: client connected');
      attach(ws);
      opts.onClient?.(sink);
    });
  });

  /** True while a client holds the one seat (a socket already closing has given it up). */
  function connected(): boolean {
    return client !== undefined && client.readyState === client.OPEN;
  }

  function attach(ws: WebSocket): void {
    ws.on('message', (data, isBinary) => {
      if (isBinary) {
        ws.send(JSON.stringify({ id: null, ok: false, error: { code: 'invalid-input', message: 'Text only.' } }));
        return;
      }
      const text = Array.isArray(data) ? Buffer.concat(data).toString() : Buffer.from(data as Buffer).toString();
      void dispatch(opts.handlers, text, (channel, err) =>
        log(`browser shell: ${channel} failed: ${err instanceof Error ? err.message : String(err)}`),
      ).then((answer) => {
        if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(answer));
      });
    });
    ws.on('error', () => ws.terminate());
    ws.on('close', () => {
      if (client === ws) client = undefined;
      log('browser shell: client disconnected');
    });
  }

  const sink: EventSink = (channel, payload) => {
    // Only the contract's events, well formed, and only to the authenticated client.
    if (!Object.prototype.hasOwnProperty.call(EVENTS, channel)) return;
    const checked = EVENTS[channel].safeParse(payload);
    if (!checked.success) return log(`browser shell: dropped a malformed ${channel} event`);
    if (client && client.readyState === client.OPEN)
      client.send(JSON.stringify({ event: channel, payload: checked.data }));
  };
  const unsubscribe = opts.subscribe(sink);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  log(`browser shell: listening on http://127.0.0.1:${port}/`);

  return {
    url: `http://127.0.0.1:${port}/#${secret}`,
    port,
    async close() {
      if (typeof unsubscribe === 'function') unsubscribe();
      client?.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
