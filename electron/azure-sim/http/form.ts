/** Body parsing helpers for form-encoded (Entra) and JSON (ARM) requests. */
import type { SimRequest } from './router';

/** The request body as form fields (application/x-www-form-urlencoded). */
export function formBody(req: SimRequest): URLSearchParams {
  return new URLSearchParams(req.rawBody);
}

/** Parses the JSON body; `undefined` when empty, throws SyntaxError when malformed. */
export function jsonBody(req: SimRequest): unknown {
  if (req.rawBody.trim() === '') return undefined;
  return JSON.parse(req.rawBody);
}

/** Escapes text for HTML. */
export function html(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
