/**
 * Where the PowerShell scripts shipped with the app are: `scripts/` next to this module when run from source, or
 * next to the bundle (or its chunk folder's parent) once built — the build copies `scripts/` beside its output.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The directory holding `enter-session.ps1` (the first candidate that has it; else the source layout's). */
export function shippedScriptsDir(moduleUrl: string = import.meta.url): string {
  const candidates = ['./scripts/', '../scripts/'].map((rel) => fileURLToPath(new URL(rel, moduleUrl)));
  return candidates.find((dir) => existsSync(`${dir}enter-session.ps1`)) ?? candidates[0]!;
}
