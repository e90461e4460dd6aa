/** The few HTML pages Entra shows: the auto-submitting form_post answer, error pages, the device-code page. */
import { randomBytes } from 'node:crypto';
import { html } from '../http/form';
import type { SimResponse } from '../http/router';

/**
 * Headers every page carries: a strict CSP (scripts only by per-response nonce, forms only to `formAction`),
 * no framing (clickjacking), no referrer to other origins (page URLs hold state), no caching. `same-origin` rather
 * than `no-referrer`: with `no-referrer` browsers send `Origin: null`, and the device-code page must see its own origin.
 */
function pageHeaders(nonce: string, formAction: string): Record<string, string> {
  return {
    'Content-Security-Policy': `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; form-action ${formAction}; frame-ancestors 'none'; base-uri 'none'`,
    'X-Frame-Options': 'DENY',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'same-origin',
    'Cache-Control': 'no-store',
    Pragma: 'no-cache',
  };
}

const STYLE =
  'body{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;color:#1b1b1b}h1{font-size:1.3rem}code{background:#eee;padding:0 .2rem}';

function page(status: number, title: string, body: string, formAction: string, script?: string): SimResponse {
  const nonce = randomBytes(16).toString('base64');
  const scriptTag = script ? `<script nonce="${nonce}">${script}</script>` : '';
  const text =
    `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">` +
    `<title>${html(title)}</title><style nonce="${nonce}">${STYLE}</style></head>` +
    `<body><h1>${html(title)}</h1>${body}${scriptTag}</body></html>`;
  return { status, text, contentType: 'text/html; charset=utf-8', headers: pageHeaders(nonce, formAction) };
}

/** The origin a form may post to (for `form-action`), e.g. `http://localhost:51234`. */
function originOf(url: string): string {
  return new URL(url).origin;
}

/**
 * Entra's `response_mode=form_post` answer: a page that POSTs the fields to the redirect URI at once
 * (inline script allowed by nonce; a button for when scripts are off).
 */
export function formPostPage(redirectUri: string, fields: Record<string, string>): SimResponse {
  const inputs = Object.entries(fields)
    .map(([k, v]) => `<input type="hidden" name="${html(k)}" value="${html(v)}">`)
    .join('');
  const body =
    `<p>Signing you in to the application…</p>` +
    `<form method="post" action="${html(redirectUri)}">${inputs}<noscript><button type="submit">Continue</button></noscript></form>`;
  return page(200, 'Working…', body, originOf(redirectUri), 'document.forms[0].submit();');
}

/** An error page for what cannot go back to the app (unknown client, unacceptable redirect URI). */
export function errorPage(status: number, code: number, error: string, message: string): SimResponse {
  const body =
    `<p>Sorry, but we're having trouble signing you in.</p>` +
    `<p><strong>AADSTS${code}</strong>: ${html(message)}</p><p>Error: <code>${html(error)}</code></p>`;
  return page(status, 'Sign in', body, "'none'");
}

/** The device-code verification page: enter the code, then approve or deny as the simulated signed-in user. */
export function deviceCodePage(action: string, signInAs: string, note?: { ok: boolean; text: string }): SimResponse {
  const msg = note ? `<p role="status"><strong>${note.ok ? 'Done' : 'Problem'}:</strong> ${html(note.text)}</p>` : '';
  const body =
    msg +
    `<p>Enter the code displayed on your app or device. You are signed in as <code>${html(signInAs)}</code> (simulated).</p>` +
    `<form method="post" action="${html(action)}">` +
    `<label>Code <input name="otc" autocomplete="off" autofocus required pattern="[A-Za-z0-9\\-]{4,16}"></label> ` +
    `<button name="decision" value="approve" type="submit">Sign in</button> ` +
    `<button name="decision" value="deny" type="submit">Deny</button></form>`;
  return page(note && !note.ok ? 400 : 200, 'Enter code', body, "'self'");
}

/** The end-session page (`/logout`) when there is no loopback `post_logout_redirect_uri` to send the browser to. */
export function signedOutPage(): SimResponse {
  return page(200, 'You signed out of your account', "<p>It's a good idea to close all browser windows.</p>", "'none'");
}
