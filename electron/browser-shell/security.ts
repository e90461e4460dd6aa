/**
 * The browser shell's guards, kept apart from the server so each is small and testable: the per-launch secret, the
 * `Host`/`Origin` checks that stop DNS rebinding and cross-site pages, and the production headers (CSP and friends).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/** The WebSocket subprotocol the bridge and the shell speak; the server echoes it, never the secret. */
export const WS_PROTOCOL = 'jit-connect.v1';
/** The secret travels as a second offered subprotocol `jit-secret.<hex>` (headers are not logged like URLs are). */
export const SECRET_PROTOCOL_PREFIX = 'jit-secret.';
/** The WebSocket endpoint's path. */
export const WS_PATH = '/ws';

/** A fresh per-launch secret: 32 random bytes (256 bits) as hex, a valid subprotocol token. */
export function newSecret(): string {
  return randomBytes(32).toString('hex');
}

/** Compares a presented secret with the real one in constant time (length first: it is not secret). */
export function secretMatches(presented: string | undefined, secret: string): boolean {
  if (typeof presented !== 'string' || presented.length !== secret.length) return false;
  return timingSafeEqual(Buffer.from(presented), Buffer.from(secret));
}

/** The secret offered in `Sec-WebSocket-Protocol`, if any (the header is a comma-separated list). */
export function presentedSecret(headers: IncomingHttpHeaders): string | undefined {
  const raw = headers['sec-websocket-protocol'];
  if (typeof raw !== 'string') return undefined;
  const offered = raw.split(',').map((p) => p.trim());
  const hit = offered.find((p) => p.startsWith(SECRET_PROTOCOL_PREFIX));
  return hit?.slice(SECRET_PROTOCOL_PREFIX.length);
}

/** The shell's own origin for a port (the only one allowed to talk to it). */
export function shellOrigin(port: number): string {
  return `http://127.0.0.1:${port}`;
}

/**
 * `Host` must be exactly 127.0.0.1:PORT: a page on evil.example that rebinds its name to 127.0.0.1 sends
 * `Host: evil.example:PORT` and is refused, for plain HTTP too (it could otherwise read the served files).
 */
export function hostAllowed(headers: IncomingHttpHeaders, port: number): boolean {
  return headers.host === `127.0.0.1:${port}`;
}

/** `Origin` must be exactly the shell's origin (required for the WebSocket; browsers always send it there). */
export function originAllowed(headers: IncomingHttpHeaders, port: number): boolean {
  return headers.origin === shellOrigin(port);
}

/** The production CSP: only the shell's own scripts, and only its own WebSocket; inline styles for Fluent UI. */
export function contentSecurityPolicy(port: number): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    // Fluent UI's CSS-in-JS (Griffel) injects <style> tags at run time; scripts stay 'self' only.
    "style-src 'self' 'unsafe-inline'",
    `connect-src ws://127.0.0.1:${port}`,
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'",
  ].join('; ');
}

/** Headers every HTTP answer carries, errors included. */
export function securityHeaders(port: number): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(port),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'X-Frame-Options': 'DENY',
  };
}
