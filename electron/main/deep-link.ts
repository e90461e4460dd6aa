/**
 * Deep links in the Electron shell: registering the app as the `jitconnect:` handler, and collecting links from
 * where each OS delivers them — Windows and Linux pass the link as an argument (to the first instance's argv, or to
 * a second launch, which the single-instance lock turns into the first instance's `second-instance` event); macOS
 * sends `open-url`. Each link goes to core's inbox, which checks it and tells the UI; the UI asks before requesting.
 */
import { resolve } from 'node:path';
import type { App } from 'electron';
import { DEEP_LINK_SCHEME } from '../../shared/deep-link/parse-deep-link';

/** A launch carries at most this many links (a launcher flooding argv gets the first ones only). */
export const MAX_LINKS_PER_LAUNCH = 3;

/** The `jitconnect:` arguments of a command line (the scheme in any case), in order, at most a few. */
export function linksInArgv(argv: readonly string[]): string[] {
  const prefix = `${DEEP_LINK_SCHEME}:`;
  return argv.filter((a) => a.slice(0, prefix.length).toLowerCase() === prefix).slice(0, MAX_LINKS_PER_LAUNCH);
}

/** What the registration reads from the process (`process` itself in the shell). */
export interface ProcessInfo {
  /** True when run as `electron .` (development): the OS must start Electron with the app's path. */
  defaultApp?: boolean;
  execPath: string;
  argv: readonly string[];
}

/**
 * Registers the app as the OS handler of `jitconnect:` links. Packaged, the app's own binary is registered; in
 * development (`process.defaultApp`) Electron's binary is, with the app's path as its argument, or the OS would start
 * a bare Electron. Returns what Electron answered (false: the OS refused, e.g. another app holds the scheme by policy).
 */
export function registerProtocolClient(app: Pick<App, 'setAsDefaultProtocolClient'>, proc: ProcessInfo): boolean {
  if (proc.defaultApp) {
    const appPath = proc.argv[1];
    if (!appPath) return false;
    return app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME, proc.execPath, [resolve(appPath)]);
  }
  return app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME);
}

/** The app's events this needs: `second-instance` and `open-url`. */
export type DeepLinkEvents = Pick<App, 'on'>;

/**
 * Sends every link of this launch's `argv`, of later launches (`second-instance`) and of macOS `open-url` to `open`
 * (core's inbox). `onSecondInstance` runs for every later launch, link or not (the shell brings its window forward).
 * Call it before `ready`: macOS may send `open-url` for the link that launched the app before then.
 */
export function forwardDeepLinks(
  app: DeepLinkEvents,
  argv: readonly string[],
  open: (url: string) => void,
  onSecondInstance?: () => void,
): void {
  for (const url of linksInArgv(argv)) open(url);
  app.on('second-instance', (_event, commandLine) => {
    onSecondInstance?.();
    for (const url of linksInArgv(commandLine)) open(url);
  });
  app.on('open-url', (event, url) => {
    // Handled here: without preventDefault macOS treats the link as not taken.
    event.preventDefault();
    open(url);
  });
}
