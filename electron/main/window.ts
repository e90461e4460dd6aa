/**
 * The main window and its guards (Electron's security checklist): isolated, sandboxed, no Node in the page, a strict
 * CSP on every response, every permission denied, navigation and new windows refused, external links only to the
 * allow-list. Each piece takes the few Electron methods it needs, so it is tested with plain objects.
 */
import type {
  BrowserWindowConstructorOptions,
  HandlerDetails,
  Session,
  WebContents,
  WindowOpenHandlerResponse,
} from 'electron';
import { CONTENT_SECURITY_POLICY, isAllowedExternal, isAppUrl } from './security';

/** The window's options: the webPreferences are the checklist's, spelled out rather than left to defaults. */
export function windowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1200,
    height: 800,
    minWidth: 640,
    minHeight: 480,
    show: false,
    title: 'JIT Connect',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  };
}

/** The session methods the guards use. */
export type GuardedSession = Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'> & {
  webRequest: Pick<Session['webRequest'], 'onHeadersReceived'>;
};

/** Denies every permission (camera, notifications, geolocation, …) and sets the CSP header on every response. */
export function hardenSession(session: GuardedSession): void {
  // The UI needs no web permission: notifications come from the main process, not the page.
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.webRequest.onHeadersReceived((details, callback) => {
    const headers = { ...details.responseHeaders };
    // Replace whatever CSP a response carried (any spelling): ours is the only one in force.
    for (const name of Object.keys(headers)) {
      if (name.toLowerCase() === 'content-security-policy') delete headers[name];
    }
    headers['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY];
    headers['X-Content-Type-Options'] = ['nosniff'];
    callback({ responseHeaders: headers });
  });
}

/** The webContents methods the guards use. */
export type GuardedContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

/** Opens an allow-listed URL in the OS browser (shell.openExternal). */
export type OpenExternal = (url: string) => Promise<void>;

/** Hands `url` to the OS browser when it is allow-listed; anything else is dropped (and reported). */
export function openIfAllowed(url: string, openExternal: OpenExternal, onRefused?: (url: string) => void): boolean {
  if (!isAllowedExternal(url)) {
    onRefused?.(url);
    return false;
  }
  void openExternal(url).catch(() => onRefused?.(url));
  return true;
}

/**
 * Guards a window's contents: navigation away from the app's origin is prevented (an allow-listed link opens in the
 * OS browser instead), `window.open` never creates a window, `<webview>` is refused.
 */
export function guardContents(
  contents: GuardedContents,
  openExternal: OpenExternal,
  onRefused?: (url: string) => void,
): void {
  const guardNavigation = (event: { url: string; preventDefault(): void }) => {
    if (isAppUrl(event.url)) return;
    event.preventDefault();
    openIfAllowed(event.url, openExternal, onRefused);
  };
  contents.on('will-navigate', (event) => guardNavigation(event));
  contents.on('will-redirect', (event) => guardNavigation(event));
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler((details: HandlerDetails): WindowOpenHandlerResponse => {
    openIfAllowed(details.url, openExternal, onRefused);
    return { action: 'deny' };
  });
}
