/** The HTTPS front: one server on 127.0.0.1 for Entra, ARM and the control API; a `Date` header on every answer. */
import https from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { httpDate, type SimContext } from './context';
import type { Router, SimRequest, SimResponse, Handler } from './http/router';
import type { ArmApi } from './arm/pipeline';
import { armError } from './arm/errors';

const MAX_BODY = 8 * 1024 * 1024;
const ARM_PREFIX = /^\/(subscriptions|tenants|providers)(\/|$)/i;

/** The three request families the server dispatches to. */
export interface Routes {
  arm: ArmApi;
  entra: Router<Handler<SimContext>>;
  control: Router<Handler<SimContext>>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new Error('body too large'));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function decodePath(pathname: string): string {
  return pathname
    .split('/')
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    })
    .join('/');
}

function isLoopback(address: string | undefined): boolean {
  return !!address && (address.startsWith('127.') || address === '::1' || address.startsWith('::ffff:127.'));
}

async function route(
  ctx: SimContext,
  routes: Routes,
  req: SimRequest,
  remote: string | undefined,
): Promise<SimResponse> {
  if (/^\/_sim(\/|$)/.test(req.path)) {
    if (!isLoopback(remote)) return { status: 403, json: { error: 'the control API answers loopback clients only' } };
    const m = routes.control.match(req.method, req.path);
    if (!m) return { status: 404, json: { error: `no control endpoint ${req.method} ${req.path}` } };
    if ('methodMismatch' in m) return { status: 405, json: { error: `${req.method} is not allowed on ${req.path}` } };
    req.params = m.params;
    return m.route(req, ctx);
  }
  if (ARM_PREFIX.test(req.path)) return routes.arm.handle(req);
  const m = routes.entra.match(req.method, req.path);
  if (m && !('methodMismatch' in m)) {
    req.params = m.params;
    return m.route(req, ctx);
  }
  return armError(404, 'NotFound', `No HTTP resource was found that matches the request URI '${req.url.pathname}'.`);
}

/** Starts the HTTPS server; resolves with its port. */
export function startServer(
  ctx: SimContext,
  routes: Routes,
  tls: { certPem: string; keyPem: string },
  port: number,
): Promise<{ server: https.Server; port: number }> {
  const server = https.createServer(
    { cert: tls.certPem, key: tls.keyPem },
    (req: IncomingMessage, res: ServerResponse) => {
      void (async () => {
        let answer: SimResponse;
        try {
          const rawBody = await readBody(req);
          const url = new URL(req.url ?? '/', ctx.baseUrl);
          const simReq: SimRequest = {
            method: (req.method ?? 'GET').toUpperCase(),
            path: decodePath(url.pathname),
            url,
            query: url.searchParams,
            headers: req.headers,
            rawBody,
            params: {},
          };
          answer = await route(ctx, routes, simReq, req.socket.remoteAddress);
        } catch (err) {
          ctx.log(
            `request ${req.method} ${req.url} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
          );
          answer = armError(500, 'InternalServerError', 'The simulator failed to process the request; see its log.');
        }
        if (res.destroyed) return;
        const headers: Record<string, string> = { Date: httpDate(ctx), 'Cache-Control': 'no-cache', ...answer.headers };
        let body = '';
        if (answer.json !== undefined) {
          body = JSON.stringify(answer.json);
          headers['Content-Type'] = 'application/json; charset=utf-8';
        } else if (answer.text !== undefined) {
          body = answer.text;
          headers['Content-Type'] = answer.contentType ?? 'text/plain; charset=utf-8';
        }
        headers['Content-Length'] = String(Buffer.byteLength(body));
        res.writeHead(answer.status, headers);
        res.end(req.method === 'HEAD' ? undefined : body);
      })();
    },
  );
  server.keepAliveTimeout = 5000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve({ server, port: (server.address() as AddressInfo).port });
    });
  });
}
