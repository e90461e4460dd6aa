/**
 * The pages MSAL's loopback listener shows in the browser after sign-in: plain, local HTML (no script, no remote
 * resources), so nothing leaves the machine and the page works offline.
 */

const page = (title: string, body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>` +
  `<style>body{font:16px system-ui,sans-serif;margin:4em auto;max-width:32em;color:#222}</style></head>` +
  `<body><h1>${title}</h1><p>${body}</p></body></html>`;

/** Shown after a successful sign-in. */
export const SUCCESS_PAGE = page('Signed in to JIT Connect', 'You can close this window and return to JIT Connect.');

/** Shown when Entra answered with an error (MSAL puts the error in the window's URL, not in this page). */
export const ERROR_PAGE = page(
  'Sign-in to JIT Connect failed',
  'Entra ID did not sign you in. Close this window; JIT Connect shows the reason and what to do.',
);
