/**
 * Serves the built renderer: only regular files under the static directory, resolved through symlinks (a link
 * pointing out of the directory is refused), with no `..`, encoded separators, NUL bytes or dotfiles.
 */
import { realpath, stat } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
};

/** The relative path a request names, or undefined when it is malformed or tries to leave the directory. */
export function safeRelativePath(url: string | undefined): string | undefined {
  if (!url || !url.startsWith('/')) return undefined;
  const rawPath = url.split(/[?#]/, 1)[0] ?? '';
  let path: string;
  try {
    path = decodeURIComponent(rawPath);
  } catch {
    return undefined;
  }
  // Backslashes and NUL never name a file we serve; encoded slashes were decoded above and are checked as segments.
  if (path.includes('\0') || path.includes('\\')) return undefined;
  const segments = path.split('/').filter((s) => s !== '');
  if (segments.some((s) => s === '.' || s === '..' || s.startsWith('.'))) return undefined;
  return segments.length === 0 ? 'index.html' : segments.join('/');
}

/** A file server bound to one directory (its real path is taken once, at start). */
export async function staticFiles(
  dir: string,
): Promise<(req: IncomingMessage, res: ServerResponse, headers: Record<string, string>) => Promise<void>> {
  const root = await realpath(dir);
  const fail = (res: ServerResponse, headers: Record<string, string>, status: number, text: string) => {
    res.writeHead(status, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
    res.end(text);
  };
  return async (req, res, headers) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return fail(res, { ...headers, Allow: 'GET, HEAD' }, 405, 'method not allowed\n');
    }
    const rel = safeRelativePath(req.url);
    if (rel === undefined) return fail(res, headers, 400, 'bad path\n');
    let file: string;
    try {
      file = await realpath(join(root, rel));
    } catch {
      return fail(res, headers, 404, 'not found\n');
    }
    // After resolving symlinks the file must still be inside the root.
    if (!file.startsWith(root + sep)) return fail(res, headers, 404, 'not found\n');
    const info = await stat(file).catch(() => undefined);
    if (!info?.isFile()) return fail(res, headers, 404, 'not found\n');
    res.writeHead(200, {
      ...headers,
      'Content-Type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
      'Content-Length': String(info.size),
    });
    if (req.method === 'HEAD') return void res.end();
    createReadStream(file)
      .on('error', () => res.destroy())
      .pipe(res);
  };
}
