/**
 * Where `jitconnect://` links arrive from the OS (a first launch's argv, a second instance, macOS `open-url`) or a
 * flag, and wait until a UI listens. Each link is checked by shared/deep-link and sent as one `deepLink:opened` event
 * (the link, or why it was refused); the UI then asks the user before anything is requested. Nothing here requests.
 */
import { parseDeepLink } from '../../../shared/deep-link/parse-deep-link';
import type { EventPayload, EventSink } from '../../../shared/ipc/contract';

/** At most this many links wait for a UI: a page spamming links cannot grow the queue (the newest are kept). */
export const MAX_QUEUED_LINKS = 5;

/** The inbox of deep links. */
export interface DeepLinkInbox {
  /** A link arrived: checked now, delivered to the UI now or once one listens. */
  open(url: string): void;
  /** A UI listens through `sink`: queued links go out now, later ones at once. Returns the way to detach it. */
  attach(sink: EventSink): () => void;
  /** How many links wait for a UI. */
  readonly pending: number;
}

/** Creates an empty inbox. */
export function createDeepLinkInbox(): DeepLinkInbox {
  const queue: Array<EventPayload<'deepLink:opened'>> = [];
  let sink: EventSink | undefined;
  return {
    open(url) {
      const parsed = parseDeepLink(url);
      const payload: EventPayload<'deepLink:opened'> = parsed.ok ? { link: parsed.link } : { error: parsed.error };
      if (sink) return sink('deepLink:opened', payload);
      queue.push(payload);
      if (queue.length > MAX_QUEUED_LINKS) queue.shift();
    },
    attach(next) {
      sink = next;
      for (const payload of queue.splice(0)) next('deepLink:opened', payload);
      return () => {
        if (sink === next) sink = undefined;
      };
    },
    get pending() {
      return queue.length;
    },
  };
}
