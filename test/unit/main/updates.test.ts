/**
 * Updates stay off unless the build named a feed, never touch an MSI install, follow the admin policy's channel, and
 * a failed check never takes the app down (electron-updater replaced by a plain object).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startUpdates, updateDecision, type UpdateSituation, type Updater } from '../../../electron/main/updates';

const RES = join('/opt', 'JIT Connect', 'resources');
const EXE = join('/opt', 'JIT Connect', 'JIT Connect.exe');

function situation(files: string[], extra: Partial<UpdateSituation> = {}): UpdateSituation {
  return {
    isPackaged: true,
    resourcesPath: RES,
    execPath: EXE,
    platform: 'linux',
    productName: 'JIT Connect',
    exists: (p) => files.includes(p),
    ...extra,
  };
}
const feed = join(RES, 'app-update.yml');
const nsisUninstaller = join('/opt', 'JIT Connect', 'Uninstall JIT Connect.exe');

function fakeUpdater(fail?: Error) {
  const calls: string[] = [];
  const updater: Updater = {
    channel: null,
    checkForUpdatesAndNotify: async () => {
      calls.push(`check:${updater.channel ?? 'default'}`);
      if (fail) throw fail;
      return null;
    },
  };
  return { updater, calls };
}

test('without a feed in the build nothing is checked, and electron-updater is not even loaded', async () => {
  let loaded = false;
  const d = await startUpdates(async () => ((loaded = true), fakeUpdater().updater), situation([]));
  assert.deepEqual(d, { check: false, reason: 'no update feed was configured when this build was made' });
  assert.equal(loaded, false);
  assert.equal(updateDecision(situation([feed], { isPackaged: false })).check, false, 'a development run');
});

test('with a feed: one check; an MSI install on Windows is left to IT, an NSIS install updates', async () => {
  const { updater, calls } = fakeUpdater();
  assert.deepEqual(await startUpdates(async () => updater, situation([feed])), { check: true });
  assert.deepEqual(calls, ['check:default']);
  assert.deepEqual(updateDecision(situation([feed], { platform: 'win32' })), {
    check: false,
    reason: 'an MSI install: new versions come from IT, as a new MSI',
  });
  assert.deepEqual(updateDecision(situation([feed, nsisUninstaller], { platform: 'win32' })), { check: true });
});

test("the admin policy's updateChannel: beta is named, stable is the updater's default, none turns it off", async () => {
  const { updater, calls } = fakeUpdater();
  await startUpdates(async () => updater, situation([feed], { policyChannel: 'beta' }));
  assert.deepEqual(calls, ['check:beta']);
  const fresh = fakeUpdater();
  await startUpdates(async () => fresh.updater, situation([feed], { policyChannel: 'stable' }));
  assert.deepEqual(fresh.calls, ['check:default']);
  assert.deepEqual(updateDecision(situation([feed], { policyChannel: 'none' })), {
    check: false,
    reason: 'turned off by policy',
  });
});

test('a failed check (offline, feed down) is logged, never thrown', async () => {
  const lines: string[] = [];
  const { updater } = fakeUpdater(new Error('getaddrinfo ENOTFOUND updates.example.com'));
  const d = await startUpdates(
    async () => updater,
    situation([feed]),
    (l) => lines.push(l),
  );
  assert.deepEqual(d, { check: true });
  assert.deepEqual(lines, ['updates: the check failed: getaddrinfo ENOTFOUND updates.example.com']);
});
