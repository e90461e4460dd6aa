/** The leak scan: no access, refresh or id token, and no device code, in the clear in files or logs. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Any JWT (Entra's access and id tokens; the simulator's refresh tokens are JWTs too). */
const JWT = /eyJ[\w-]{10,}\.eyJ[\w-]{10,}\.[\w-]{10,}/;
/** The simulator's device codes (AAD's start the same way). */
const DEVICE_CODE = /DAQABAAEAAAD/;

/** Every file under `dir`, recursively. */
function files(dir: string): string[] {
  let out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    out = statSync(p).isDirectory() ? out.concat(files(p)) : out.concat(p);
  }
  return out;
}

/**
 * What in `dirs` and `texts` looks like a token, or contains one of `secrets` (exact token values); empty when
 * clean. Names the place and the kind, never the value.
 */
export function findLeaks(dirs: string[], texts: Record<string, string>, secrets: string[]): string[] {
  const places: Record<string, string> = { ...texts };
  for (const dir of dirs) for (const f of files(dir)) places[f] = readFileSync(f, 'latin1');
  const leaks: string[] = [];
  for (const [place, text] of Object.entries(places)) {
    if (JWT.test(text)) leaks.push(`${place}: a JWT`);
    if (DEVICE_CODE.test(text)) leaks.push(`${place}: a device code`);
    // The signature part alone is enough to tell a token was written (e.g. inside base64 or JSON escaping).
    if (secrets.some((s) => s.length > 40 && text.includes(s.slice(-40)))) leaks.push(`${place}: a cached token`);
  }
  return leaks;
}

/** The secret values in a serialized MSAL cache (access, refresh and id tokens). */
export function cacheSecrets(serialized: string): string[] {
  const cache = JSON.parse(serialized) as Record<string, Record<string, { secret?: string }>>;
  const out: string[] = [];
  for (const kind of ['AccessToken', 'RefreshToken', 'IdToken'])
    for (const entry of Object.values(cache[kind] ?? {})) if (entry.secret) out.push(entry.secret);
  return out;
}
