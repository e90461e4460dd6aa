/**
 * The token cache: MSAL's own desktop persistence (`@azure/msal-node-extensions`: DPAPI on Windows, the Keychain on
 * macOS, the Secret Service through keytar on Linux) with its cross-process lock, so the CLI and the app share one
 * cache in the config dir. Its plaintext fallback stays off: without a keychain the cache lives in this process's
 * memory and the Reporter says so, naming what is missing. Electron's safeStorage is not used (on Linux it silently
 * falls back to a fixed key).
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { ICachePlugin } from '@azure/msal-node';
import type { Reporter } from '../ports';
import { guardedCachePlugin } from './guarded-cache-plugin';
import { withFileLock } from './verify-lock';

/** Where the tokens are kept. */
export type CacheMode = 'persistent' | 'memory';

/** The cache MSAL is given: a plugin for a persistent cache, none for memory only. */
export interface TokenCacheStore {
  plugin?: ICachePlugin;
  /** True when a sign-in survives this process. */
  persistent: boolean;
  /** Where the tokens live, for messages ("the Secret Service", "memory only"). */
  where: string;
}

/** The keychain entry's service name. */
export const KEYCHAIN_SERVICE = 'JIT Connect';

/**
 * The keychain entry's account name: one per config dir, so `--config-dir` (a second profile, a test) never shares
 * or overwrites another dir's tokens; the CLI and the app use the same dir, so they share.
 */
export function keychainAccount(configDir: string): string {
  return `msal-token-cache-${createHash('sha256').update(configDir).digest('hex').slice(0, 16)}`;
}

/** The file MSAL's persistence uses in the config dir (on Linux and macOS it holds no secret: a change marker). */
export function cacheFilePath(configDir: string): string {
  return join(configDir, 'msal-token-cache.bin');
}

/** Names the OS store for messages. */
function storeName(platform: NodeJS.Platform): string {
  if (platform === 'win32') return 'the DPAPI-protected cache file';
  if (platform === 'darwin') return 'the macOS Keychain';
  return 'the Secret Service (keyring)';
}

/** What is missing and how to fix it, for the "no keychain" warning. */
export function noKeychainAdvice(err: unknown, platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string {
  const reason = err instanceof Error ? (err.message.split('\n')[0] ?? '') : String(err);
  if (platform !== 'linux') return `${storeName(platform)} is not available (${reason}).`;
  if (/libsecret-1\.so|cannot open shared object/i.test(reason))
    return `libsecret is not installed (${reason}). Install it (Debian/Ubuntu: apt install libsecret-1-0 gnome-keyring).`;
  if (!env.DBUS_SESSION_BUS_ADDRESS)
    return (
      'no D-Bus session bus is reachable (DBUS_SESSION_BUS_ADDRESS is unset), so no Secret Service keyring can be ' +
      'asked. Sign in from a desktop session, or start one: dbus-run-session, then unlock gnome-keyring ' +
      '(gnome-keyring-daemon --unlock --components=secrets).'
    );
  return (
    `no Secret Service answered on the D-Bus session bus (${reason}). Install and unlock a keyring ` +
    '(Debian/Ubuntu: apt install gnome-keyring; then gnome-keyring-daemon --unlock --components=secrets), or KeePassXC ' +
    'with its Secret Service integration on.'
  );
}

/** Options of {@link openTokenCache}. */
export interface TokenCacheOptions {
  configDir: string;
  mode?: CacheMode;
  reporter?: Reporter;
  platform?: NodeJS.Platform;
  env?: NodeJS.ProcessEnv;
}

/**
 * Opens the token cache of `configDir`. Persistent by default; when the OS store is unreachable, warns through the
 * Reporter and returns a memory-only cache (never a plaintext file).
 */
export async function openTokenCache(options: TokenCacheOptions): Promise<TokenCacheStore> {
  const platform = options.platform ?? process.platform;
  if (options.mode === 'memory') return { persistent: false, where: 'memory only' };
  const where = storeName(platform);
  try {
    // Imported here: on Linux the module loads keytar, whose native part needs libsecret; its absence is a message.
    const ext = await import('@azure/msal-node-extensions');
    // MSAL's check of the keychain is not safe for processes starting together: one at a time (see verify-lock).
    const persistence = await withFileLock(join(options.configDir, 'msal-token-cache.verify.lock'), () =>
      ext.PersistenceCreator.createPersistence({
        cachePath: cacheFilePath(options.configDir),
        dataProtectionScope: ext.DataProtectionScope.CurrentUser,
        serviceName: KEYCHAIN_SERVICE,
        accountName: keychainAccount(options.configDir),
        usePlaintextFileOnLinux: false,
      }),
    );
    const plugin = guardedCachePlugin(new ext.PersistenceCachePlugin(persistence), where, options.reporter);
    return { plugin, persistent: true, where };
  } catch (err) {
    options.reporter?.warn(
      `Cannot keep the sign-in in ${where}: ${noKeychainAdvice(err, platform, options.env ?? process.env)} ` +
        'Sign-in will not be remembered: it lasts for this run only.',
    );
    return { persistent: false, where: 'memory only' };
  }
}
