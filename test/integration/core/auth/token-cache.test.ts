/**
 * The persistent token cache for real: gnome-keyring on a private D-Bus session, used by separate processes (the
 * CLI and the app share it), some at the same time; a corrupt entry; no keychain at all; and a scan of the config
 * dir, the temp dir and the logs for tokens in the clear.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Simulator } from '../../../../electron/azure-sim/index';
import { DEMO } from '../../../../electron/azure-sim/seeds/demo';
import { FABRIKAM } from '../../../../electron/azure-sim/seeds/fabrikam';
import { control, startTestSim } from '../../../fixtures/sim';
import { run, scenario, worker } from './keyring-harness';
import { cacheSecrets, findLeaks } from './leak-scan';

/**
 * No plaintext fallback: MSAL's persistence leaves only its change markers (`{}` or empty) when the keychain check
 * fails; nothing in the config dir holds a cache.
 */
function assertNoCacheOnDisk(dir: string): void {
  for (const f of readdirSync(dir))
    assert.match(readFileSync(join(dir, f), 'utf8'), /^(\{\})?$/, `${f} holds no cache`);
}

describe('token cache in the keychain', { timeout: 180_000 }, () => {
  let sim: Simulator;
  before(async () => {
    sim = await startTestSim();
  });
  after(() => sim?.close());

  test('shared by processes at once: sign-ins and silent refreshes in parallel, then read by a new process', async () => {
    // Every silent request refreshes (a lifetime under MSAL's 5-minute renewal offset), so every round writes.
    await control(sim, '/settings', { tokenLifetimeSeconds: 60 });
    const s = scenario(sim);
    try {
      const { results: r, log } = await run(
        s,
        [
          worker(s, 'a-signin', 'signin'),
          `${worker(s, 'b-signin', 'signin')} & ${worker(s, 'c-silent', 'silent', 6)} & ${worker(s, 'd-silent', 'silent', 6)} & wait`,
          worker(s, 'e-silent', 'silent', 2),
          worker(s, 'f-status', 'status'),
          worker(s, 'secret-entry', 'keychain-entry'),
        ].join('\n'),
        'unlocked',
      );
      assert.equal(r['a-signin']!.ok, true, JSON.stringify(r['a-signin']));
      assert.equal(r['a-signin']!.persistent, true);
      assert.match(String(r['a-signin']!.where), /Secret Service/);
      for (const k of ['b-signin', 'c-silent', 'd-silent', 'e-silent', 'f-status']) {
        assert.equal(r[k]!.ok, true, `${k}: ${JSON.stringify(r[k])}`);
        assert.deepEqual(r[k]!.warnings, [], `${k} saw no unreadable cache`);
      }
      assert.deepEqual(r['c-silent']!.tenants, [
        DEMO.tenantId,
        FABRIKAM.tenantId,
        DEMO.tenantId,
        FABRIKAM.tenantId,
        DEMO.tenantId,
        FABRIKAM.tenantId,
      ]);
      assert.equal(r['f-status']!.username, 'helpdesk@contoso.com', 'a new process finds the sign-in');

      const secrets = cacheSecrets(String(r['secret-entry']!.entry));
      assert.ok(
        secrets.length >= 3,
        'the keychain holds the access, refresh and id tokens (the scan has something to find)',
      );
      assert.deepEqual(
        findLeaks([], { entry: String(r['secret-entry']!.entry) }, secrets).length > 0,
        true,
        'the scan finds tokens where they are',
      );
      assert.deepEqual(findLeaks([s.configDir, s.tmp], { log }, secrets), []);
      assert.deepEqual(readdirSync(s.configDir).sort(), ['msal-token-cache.bin']);
      assert.equal(
        readFileSync(join(s.configDir, 'msal-token-cache.bin'), 'utf8'),
        '{}',
        'only a change marker on disk',
      );
    } finally {
      await control(sim, '/settings', { tokenLifetimeSeconds: 3600 });
    }
  });

  test('a corrupt cache entry means "signed out" with a message, and the next sign-in replaces it', async () => {
    const s = scenario(sim);
    const { results: r } = await run(
      s,
      [
        worker(s, 'a-signin', 'signin'),
        worker(s, 'b-corrupt', 'corrupt'),
        worker(s, 'c-status', 'status'),
        worker(s, 'd-silent', 'silent', 1),
        worker(s, 'e-signin', 'signin'),
        worker(s, 'f-status', 'status'),
        worker(s, 'g-signout', 'signout'),
        worker(s, 'h-status', 'status'),
        worker(s, 'secret-after-signout', 'keychain-entry'),
      ].join('\n'),
      'unlocked',
    );
    assert.equal(r['b-corrupt']!.ok, true);
    assert.equal(r['c-status']!.ok, true, 'no crash');
    assert.equal(r['c-status']!.username, null);
    assert.match(r['c-status']!.warnings.join('\n'), /unreadable.*signed out/);
    assert.equal(r['d-silent']!.ok, false);
    assert.equal(r['d-silent']!.code, 'not-signed-in');
    assert.equal(r['e-signin']!.ok, true);
    assert.equal(r['f-status']!.username, 'helpdesk@contoso.com');
    assert.deepEqual(r['f-status']!.warnings, [], 'the sign-in wrote a valid cache over the corrupt one');
    assert.equal(r['g-signout']!.removed, 'helpdesk@contoso.com');
    assert.equal(r['h-status']!.username, null, 'sign-out removed the account for other processes too');
    assert.deepEqual(cacheSecrets(String(r['secret-after-signout']!.entry)), [], 'and every token of it');
  });

  test('no D-Bus session: a clear warning, sign-in in memory only, nothing written to disk', async () => {
    const s = scenario(sim);
    const { results: r, log } = await run(
      s,
      [worker(s, 'a-signin', 'signin'), worker(s, 'b-status', 'status')].join('\n'),
      'none',
    );
    assert.equal(r['a-signin']!.ok, true, JSON.stringify(r['a-signin']));
    assert.equal(r['a-signin']!.persistent, false);
    const warning = r['a-signin']!.warnings.join('\n');
    assert.match(warning, /no D-Bus session bus/);
    assert.match(warning, /gnome-keyring/);
    assert.match(warning, /will not be remembered/);
    assert.equal(r['b-status']!.username, null, 'the next process is signed out');
    assertNoCacheOnDisk(s.configDir);
    assert.deepEqual(findLeaks([s.configDir, s.tmp], { log }, []), []);
  });

  test('a keyring that cannot be unlocked: the same clear warning and memory only', async () => {
    const s = scenario(sim);
    const { results: r } = await run(s, worker(s, 'a-signin', 'signin'), 'locked');
    assert.equal(r['a-signin']!.ok, true, JSON.stringify(r['a-signin']));
    assert.equal(r['a-signin']!.persistent, false);
    assert.match(r['a-signin']!.warnings.join('\n'), /Secret Service.*unlock.*will not be remembered/s);
    assertNoCacheOnDisk(s.configDir);
  });
});
