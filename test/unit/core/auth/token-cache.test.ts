/**
 * The token cache's guards without a keychain: an unreadable or unparsable cache is "signed out" with one clear
 * message, a failed write says the sign-in will not be remembered, the "no keychain" advice names what is missing,
 * and the verification lock lets one process at a time through.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Logger, TokenCacheContext, type ISerializableTokenCache } from '@azure/msal-node';
import { PersistenceCachePlugin, type IPersistence } from '@azure/msal-node-extensions';
import { guardedCachePlugin } from '../../../../electron/core/auth/guarded-cache-plugin';
import { keychainAccount, noKeychainAdvice, openTokenCache } from '../../../../electron/core/auth/token-cache';
import { withFileLock } from '../../../../electron/core/auth/verify-lock';
import { tempDir } from '../../../fixtures/sim';

/** A persistence in memory (a stand-in for the keychain), with a stored text and optional failures. */
function memoryPersistence(dir: string, stored: string | null, fail: { load?: boolean; save?: boolean } = {}) {
  const state = { stored, lastSaved: null as string | null };
  const persistence = {
    save: async (c: string) => {
      if (fail.save) throw new Error('keyring locked');
      state.stored = state.lastSaved = c;
    },
    load: async () => {
      if (fail.load) throw new Error('keyring went away');
      return state.stored;
    },
    delete: async () => true,
    reloadNecessary: async () => true,
    getFilePath: () => join(dir, 'cache.bin'),
    getLogger: () => new Logger({}),
    verifyPersistence: async () => true,
    createForPersistenceValidation: async () => persistence,
  } as unknown as IPersistence;
  return { persistence, state };
}

function fakeCache() {
  const calls: string[] = [];
  const cache: ISerializableTokenCache = {
    deserialize: (d) => {
      calls.push(d);
      JSON.parse(d);
    },
    serialize: () => '{"Account":{}}',
  };
  return { cache, calls };
}

test('a corrupt cache: one warning, MSAL gets an empty cache, and the next write replaces the entry', async () => {
  const { persistence, state } = memoryPersistence(tempDir(), '{"Account": {"oops": tr');
  const warnings: string[] = [];
  const plugin = guardedCachePlugin(new PersistenceCachePlugin(persistence), 'the keyring', {
    warn: (m) => warnings.push(m),
  });
  const { cache, calls } = fakeCache();
  await plugin.beforeCacheAccess(new TokenCacheContext(cache, false));
  await plugin.afterCacheAccess(new TokenCacheContext(cache, false));
  await plugin.beforeCacheAccess(new TokenCacheContext(cache, false));
  assert.equal(warnings.length, 1, 'said once');
  assert.match(warnings[0]!, /saved sign-in in the keyring is unreadable .*signed out/);
  assert.equal(calls.at(-1), '{}', 'MSAL is left with an empty cache, not the broken text');
  const ctx = new TokenCacheContext(cache, true);
  await plugin.beforeCacheAccess(ctx);
  await plugin.afterCacheAccess(ctx);
  assert.equal(state.lastSaved, '{"Account":{}}');
});

test('a keychain that fails to read or write: warnings, never a throw', async () => {
  const dir = tempDir();
  const warnings: string[] = [];
  const reporter = { warn: (m: string) => warnings.push(m) };
  const failing = memoryPersistence(dir, null, { load: true, save: true }).persistence;
  const plugin = guardedCachePlugin(new PersistenceCachePlugin(failing), 'the keyring', reporter);
  const { cache } = fakeCache();
  const ctx = new TokenCacheContext(cache, true);
  await plugin.beforeCacheAccess(ctx);
  await plugin.afterCacheAccess(ctx);
  assert.match(warnings[0]!, /cannot be read \(keyring went away\); treating it as signed out/);
  assert.match(warnings[1]!, /cannot be saved to the keyring \(keyring locked\); sign-in will not be remembered/);
});

test('"memory" mode opens no keychain at all', async () => {
  const store = await openTokenCache({ configDir: tempDir(), mode: 'memory' });
  assert.deepEqual(store, { persistent: false, where: 'memory only' });
});

test('the no-keychain advice names what is missing and how to fix it', () => {
  const noBus = noKeychainAdvice(new Error('Cannot autolaunch D-Bus without X11 $DISPLAY'), 'linux', {});
  assert.match(noBus, /no D-Bus session bus .*DBUS_SESSION_BUS_ADDRESS is unset/);
  assert.match(noBus, /gnome-keyring-daemon --unlock/);
  const locked = noKeychainAdvice(
    new Error('Object does not exist at path “/org/freedesktop/secrets/collection/login”'),
    'linux',
    {
      DBUS_SESSION_BUS_ADDRESS: 'unix:path=/run/user/1000/bus',
    },
  );
  assert.match(locked, /no Secret Service answered .*apt install gnome-keyring/);
  const lib = noKeychainAdvice(new Error('libsecret-1.so.0: cannot open shared object file'), 'linux', {});
  assert.match(lib, /libsecret is not installed.*libsecret-1-0/);
  assert.match(noKeychainAdvice(new Error('x'), 'darwin', {}), /macOS Keychain is not available/);
});

test('one keychain entry per config dir', () => {
  assert.equal(keychainAccount('/a'), keychainAccount('/a'));
  assert.notEqual(keychainAccount('/a'), keychainAccount('/b'));
});

test('the verification lock lets one holder in at a time and takes over a dead holder’s lock', async () => {
  const dir = tempDir();
  const lock = join(dir, 'x.lock');
  const order: string[] = [];
  const hold = (name: string) =>
    withFileLock(lock, async () => {
      order.push(`${name}+`);
      await new Promise((r) => setImmediate(r));
      order.push(`${name}-`);
    });
  await Promise.all([hold('a'), hold('b'), hold('c')]);
  for (let i = 0; i < order.length; i += 2)
    assert.equal(order[i]!.slice(0, 1), order[i + 1]!.slice(0, 1), order.join());
  // A holder that crashed: its lock was last refreshed a minute ago.
  const { mkdirSync, utimesSync } = await import('node:fs');
  mkdirSync(`${lock}.lock`);
  const old = new Date(Date.now() - 60_000);
  utimesSync(`${lock}.lock`, old, old);
  assert.equal(await withFileLock(lock, async () => 'ran'), 'ran');
});
