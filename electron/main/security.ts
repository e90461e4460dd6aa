/**
 * The Electron shell's security policy in one place: the app's own origin (a privileged custom scheme, so "same
 * origin" means our files and nothing else on disk), the production CSP, and the allow-list of external links.
 */

/** The custom scheme the renderer is served from (registered as standard and secure before `app` is ready). */
export const APP_SCHEME = 'app';
/** The one host of that scheme: `app://jit-connect/index.html`. */
export const APP_HOST = 'jit-connect';
/** The app's origin: the only origin allowed to navigate the window or call the IPC handlers. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** The page the window loads. */
export const APP_ENTRY = `${APP_ORIGIN}/index.html`;

/**
 * The production Content-Security-Policy: our scripts and styles only, no eval, no plugins, no frames, no forms, no
 * network from the page (every call goes through IPC). Inline styles are allowed because the component library
 * (Fluent UI, Griffel) injects style elements at run time; scripts stay strictly 'self'.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "frame-src 'none'",
  "form-action 'none'",
].join('; ');

/**
 * Hosts a link in the UI may open in the user's browser: the Azure portals of the clouds the app supports (the
 * grants panel links to the activity log) and Microsoft's docs for the error fixes. Exact host names, https only.
 */
export const EXTERNAL_HOSTS: readonly string[] = [
  'portal.azure.com',
  'portal.azure.us',
  'portal.azure.cn',
  'learn.microsoft.com',
];

/** Parses a URL, or undefined when it is not one. */
function parse(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

/** True when `url` belongs to the app's own origin (and is not a look-alike such as `app://jit-connect.evil`). */
export function isAppUrl(url: string): boolean {
  const u = parse(url);
  return u !== undefined && u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST && u.username === '';
}

/** True when `url` may be handed to the OS browser: https, an allow-listed host, no credentials, default port. */
export function isAllowedExternal(url: string, hosts: readonly string[] = EXTERNAL_HOSTS): boolean {
  const u = parse(url);
  if (!u || u.protocol !== 'https:' || u.username !== '' || u.password !== '' || u.port !== '') return false;
  return hosts.includes(u.hostname.toLowerCase());
}
