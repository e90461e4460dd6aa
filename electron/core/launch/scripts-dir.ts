/**
 * Where the PowerShell scripts shipped with the app are: `scripts/` next to this module when run from source, or
 * next to the bundle (or its chunk folder's parent) once built — the build copies `scripts/` beside its output.
 * In the installed app the bundle lives in `app.asar`, which only Electron can read: the installers unpack the
 * scripts beside it (`app.asar.unpacked`), and that is the path PowerShell is given.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The same path outside the app's asar archive (where electron-builder's asarUnpack puts files other programs read). */
export function outsideAsar(path: string): string {
  return path.replace(/([\\/])app\.asar(?=[\\/])/, '$1app.asar.unpacked');
}

/** The directory holding `enter-session.ps1` (the first candidate that has it; else the source layout's). */
export function shippedScriptsDir(moduleUrl: string = import.meta.url): string {
  const candidates = ['./scripts/', '../scripts/'].map((rel) => outsideAsar(fileURLToPath(new URL(rel, moduleUrl))));
  return candidates.find((dir) => existsSync(`${dir}enter-session.ps1`)) ?? candidates[0]!;
}
