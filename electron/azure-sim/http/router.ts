/** A small path router: `{param}` matches one segment, literal segments match case-insensitively (as ARM does). */
import type { IncomingHttpHeaders } from 'node:http';

/** A parsed incoming request. */
export interface SimRequest {
  method: string;
  /** Path without the query, percent-decoded per segment. */
  path: string;
  url: URL;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  rawBody: string;
  params: Record<string, string>;
}

/** What a handler answers. `json` is serialised; `text` is sent as is with `contentType`. */
export interface SimResponse {
  status: number;
  headers?: Record<string, string>;
  json?: unknown;
  text?: string;
  contentType?: string;
}

/** A route handler. */
export type Handler<C> = (req: SimRequest, ctx: C) => SimResponse | Promise<SimResponse>;

interface Compiled<R> {
  method: string;
  segments: string[];
  route: R;
}

/** Matches method + path to routes of type R. */
export class Router<R> {
  private readonly routes: Compiled<R>[] = [];

  /** Adds a route for `method` (or `*`) and a pattern like `/subscriptions/{subscriptionId}`. */
  add(method: string, pattern: string, route: R): void {
    this.routes.push({ method: method.toUpperCase(), segments: split(pattern), route });
  }

  /** The first route matching, with its params; `methodMismatch` when only the method differs. */
  match(
    method: string,
    path: string,
  ): { route: R; params: Record<string, string> } | { methodMismatch: true } | undefined {
    const segs = split(path);
    let mismatch = false;
    for (const r of this.routes) {
      const params = matchSegments(r.segments, segs);
      if (!params) continue;
      if (r.method !== '*' && r.method !== method.toUpperCase()) {
        mismatch = true;
        continue;
      }
      return { route: r.route, params };
    }
    return mismatch ? { methodMismatch: true } : undefined;
  }
}

function split(path: string): string[] {
  return path.split('/').filter((s) => s.length > 0);
}

function matchSegments(pattern: string[], segs: string[]): Record<string, string> | undefined {
  if (pattern.length !== segs.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i]!;
    const s = segs[i]!;
    if (p.startsWith('{') && p.endsWith('}')) params[p.slice(1, -1)] = s;
    else if (p.toLowerCase() !== s.toLowerCase()) return undefined;
  }
  return params;
}
