/** Where the PowerShell scripts shipped with the app are, next to this module (and in the packaged app's files). */
import { fileURLToPath } from 'node:url';

/** The directory holding `enter-session.ps1`. */
export function shippedScriptsDir(): string {
  return fileURLToPath(new URL('./scripts/', import.meta.url));
}
