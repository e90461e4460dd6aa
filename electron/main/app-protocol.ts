/**
 * Serves the built renderer on the app's own scheme (`app://jit-connect/…`) from one folder: no path outside it (no
 * `..`, no encoded tricks, no symlink out), with the production CSP on every response.
 */
import { readFile, realpath } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { APP_HOST, APP_SCHEME, CONTENT_SECURITY_POLICY } from './security';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/** The file under `root` a URL names, or undefined when the URL is not ours or would leave `root`. */
export function fileFor(root: string, url: string): string | undefined {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return undefined;
  }
  if (u.protocol !== `${APP_SCHEME}:` || u.host !== APP_HOST) return undefined;
  let path: string;
  try {
    path = decodeURIComponent(u.pathname);
  } catch {
    return undefined;
  }
  if (path.includes('\0') || path.includes('\\') || path.split('/').includes('..')) return undefined;
  const base = resolve(root);
  const file = resolve(base, '.' + (path === '/' ? '/index.html' : path));
  return file.startsWith(base + sep) ? file : undefined;
}

/** A protocol handler for `protocol.handle(APP_SCHEME, …)`: the file, or 404. */
export function appProtocolHandler(root: string): (request: Request) => Promise<Response> {
  const notFound = () => new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain' } });
  return async (request) => {
    const file = fileFor(root, request.url);
    if (!file) return notFound();
    try {
      // A symlink inside the folder must not lead out of it.
      const [real, base] = await Promise.all([realpath(file), realpath(root)]);
      if (!real.startsWith(join(base, sep))) return notFound();
      const body = await readFile(real);
      return new Response(new Uint8Array(body), {
        status: 200,
        headers: {
          'Content-Type': TYPES[extname(real).toLowerCase()] ?? 'application/octet-stream',
          'Content-Security-Policy': CONTENT_SECURITY_POLICY,
          'X-Content-Type-Options': 'nosniff',
        },
      });
    } catch {
      return notFound();
    }
  };
}
