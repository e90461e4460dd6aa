/** `nextLink` paging as ARM does it: a page of `value` and a link carrying a skip token. */
import type { SimContext } from '../context';
import type { SimRequest } from '../http/router';
import { badRequest } from './errors';

/** One page of a list answer. */
export interface Page<T> {
  value: T[];
  nextLink?: string;
}

/** Cuts `items` into the page the request asks for (by `$skiptoken`), using the configured page size. */
export function paginate<T>(
  ctx: SimContext,
  req: SimRequest,
  items: readonly T[],
  pageSize = ctx.settings.pageSize,
): Page<T> {
  const token = req.query.get('$skiptoken') ?? req.query.get('$skipToken');
  let start = 0;
  if (token !== null) {
    const n = Number.parseInt(Buffer.from(token, 'base64url').toString('utf8'), 10);
    if (!Number.isInteger(n) || n < 0) throw badRequest('InvalidSkipToken', `The skip token '${token}' is not valid.`);
    start = n;
  }
  const value = items.slice(start, start + pageSize);
  const next = start + pageSize;
  if (next >= items.length) return { value };
  const q = new URLSearchParams(req.query);
  q.delete('$skipToken');
  q.set('$skiptoken', Buffer.from(String(next)).toString('base64url'));
  return { value, nextLink: `${ctx.baseUrl}${req.url.pathname}?${q.toString()}` };
}
