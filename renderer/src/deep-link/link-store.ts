/**
 * The deep links the shell sent (`deepLink:opened`), kept until the user has answered each. Subscribed once by the
 * entry (main.tsx) before anything renders — so a link sent as soon as the page is there is never missed — and read
 * by the dialog whenever the workspace is on screen (a link that arrives before sign-in waits for it).
 */
import type { EventPayload, JitConnectApi } from '../../../shared/ipc/contract';

/** One link event as the dialog shows it. */
export type LinkEvent = EventPayload<'deepLink:opened'>;

let queue: LinkEvent[] = [];
const listeners = new Set<() => void>();

function changed(): void {
  for (const l of listeners) l();
}

/** Listens for links from the shell; returns the way to stop. */
export function watchDeepLinks(api: JitConnectApi): () => void {
  return api.on('deepLink:opened', (event) => {
    // A burst of links (a page opening many) keeps only the latest few, like the shell does.
    queue = [...queue, event].slice(-5);
    changed();
  });
}

/** The link to show now (the oldest not yet answered), if any. */
export function currentLink(): LinkEvent | undefined {
  return queue[0];
}

/** The user answered the current link (Request, Cancel or Close). */
export function dismissLink(): void {
  queue = queue.slice(1);
  changed();
}

/** For useSyncExternalStore. */
export function subscribeLinks(listener: () => void): () => void {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}
