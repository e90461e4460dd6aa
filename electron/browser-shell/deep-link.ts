/**
 * Deep links in the browser shell: `--link <url>` hands a `jitconnect://` link to the page, which asks the user
 * before requesting anything. The link is checked by core's inbox and sent (as `deepLink:opened`) once the page has
 * connected; a reload does not show it again.
 */
import { createDeepLinkInbox } from '../core/deep-link/deep-link-inbox';
import type { EventSink } from '../../shared/ipc/contract';

/** The links of this shell: the shell's `onClient` hook, and `open` for a link that arrives later. */
export interface ShellLinks {
  onClient(sink: EventSink): void;
  open(url: string): void;
}

/** Hands the links given at launch (and any opened later) to the page once it connects. */
export function handOverLinks(urls: readonly string[]): ShellLinks {
  const inbox = createDeepLinkInbox();
  for (const url of urls) inbox.open(url);
  return {
    onClient: (sink) => void inbox.attach(sink),
    open: (url) => inbox.open(url),
  };
}
