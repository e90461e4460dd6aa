/**
 * The dialogs that are not on the first screen (settings, history, enable JIT, the request dialog, a deep link's
 * confirmation), each in a chunk of its own: the page parses less before the VM list shows, and a dialog's code is
 * fetched from the app's own origin (the CSP's 'self') when it is first opened, or while the app is idle after the
 * list showed (preloadScreens), so opening one later does not wait.
 */
import { lazy, Suspense, useSyncExternalStore, type ComponentProps, type ComponentType } from 'react';
import type { DeepLinkDialog as DeepLinkDialogType } from '../deep-link/deep-link-dialog';
import { currentLink, subscribeLinks } from '../deep-link/link-store';

const loaders = {
  settings: () => import('../settings/settings-dialog'),
  history: () => import('../history/history-dialog'),
  enableJit: () => import('../admin/enable-jit-dialog'),
  request: () => import('../request/request-dialog'),
  deepLink: () => import('../deep-link/deep-link-dialog'),
};

/** `Inner` behind its own Suspense boundary: a dialog loading never hides another one already open. */
function deferred<P extends object>(Inner: ComponentType<P>): ComponentType<P> {
  return function Deferred(props: P) {
    return (
      <Suspense fallback={null}>
        <Inner {...props} />
      </Suspense>
    );
  };
}

/** The settings dialog, loaded on first use. */
export const SettingsDialog = deferred(lazy(() => loaders.settings().then((m) => ({ default: m.SettingsDialog }))));
/** The history dialog, loaded on first use. */
export const HistoryDialog = deferred(lazy(() => loaders.history().then((m) => ({ default: m.HistoryDialog }))));
/** The enable-JIT dialog, loaded on first use. */
export const EnableJitDialog = deferred(lazy(() => loaders.enableJit().then((m) => ({ default: m.EnableJitDialog }))));
/** The request dialog, loaded on first use. */
export const RequestDialog = deferred(lazy(() => loaders.request().then((m) => ({ default: m.RequestDialog }))));

const LazyDeepLinkDialog = deferred(lazy(() => loaders.deepLink().then((m) => ({ default: m.DeepLinkDialog }))));

/** A deep link's confirmation: its code loads only once a link is there to confirm. */
export function DeepLinkDialog(props: ComponentProps<typeof DeepLinkDialogType>) {
  const link = useSyncExternalStore(subscribeLinks, currentLink);
  return link ? <LazyDeepLinkDialog {...props} /> : null;
}

/** Fetches every dialog's chunk while the browser is idle (after the first screen showed); errors wait for use. */
export function preloadScreens(): void {
  const idle = (globalThis as { requestIdleCallback?: (cb: () => void) => void }).requestIdleCallback;
  const run = () => Object.values(loaders).forEach((load) => void load().catch(() => undefined));
  if (idle) idle(run);
  else setTimeout(run, 0);
}
