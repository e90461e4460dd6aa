/**
 * The Opener port in plain Node (the CLI, the browser shell): the system's default browser, started with an argv array (no shell parses the URL, so `&`
 * and quotes in a sign-in URL stay inert). Rejects when nothing can be started, so the caller prints the URL.
 */
import { spawn } from 'node:child_process';
import type { Opener } from '../ports';

/** The command that opens a URL on this platform, as argv. */
export function openCommand(url: string, platform: NodeJS.Platform = process.platform): string[] {
  if (platform === 'win32') return ['rundll32', 'url.dll,FileProtocolHandler', url];
  if (platform === 'darwin') return ['open', url];
  return ['xdg-open', url];
}

/** An Opener that runs {@link openCommand}; it rejects if the command is missing or fails at once. */
export function systemOpener(platform: NodeJS.Platform = process.platform): Opener {
  return {
    openUrl: (url) =>
      new Promise<void>((resolve, reject) => {
        if (!/^https?:\/\//i.test(url)) return reject(new Error(`refusing to open a non-web URL: ${url}`));
        const [cmd, ...args] = openCommand(url, platform);
        const child = spawn(cmd!, args, { stdio: 'ignore', detached: true });
        child.once('error', reject);
        child.once('spawn', () => {
          child.unref();
          resolve();
        });
      }),
  };
}
