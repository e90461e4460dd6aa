import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { loadSettings, saveSettings, settingsPath } from '../../../../electron/core/settings/settings';
import { AppError } from '../../../../shared/errors/app-error';
import { tempDir } from '../../../fixtures/sim';

const invalid = (re: RegExp) => (e: unknown) =>
  e instanceof AppError && e.code === 'invalid-input' && re.test(e.message);

test('no file: the defaults; a saved file reads back, private to the user', async () => {
  const dir = tempDir('jit-settings-');
  assert.deepEqual(loadSettings(dir), { privateSourceRanges: [] });
  await saveSettings(dir, { privateSourceRanges: ['10.99.0.0/16'] });
  assert.deepEqual(loadSettings(dir), { privateSourceRanges: ['10.99.0.0/16'] });
  assert.equal(statSync(settingsPath(dir)).mode & 0o777, 0o600);
});

test('mistakes name the file and the key, and nothing is written', async () => {
  const dir = tempDir('jit-settings-bad-');
  writeFileSync(settingsPath(dir), '{ "privateSourceRanges": ["10.99.0.7/16"] }');
  assert.throws(() => loadSettings(dir), invalid(/invalid at "privateSourceRanges\.0": not an IPv4 range/));
  writeFileSync(settingsPath(dir), '{ "privateSourceRange": [] }');
  assert.throws(() => loadSettings(dir), invalid(/invalid at "privateSourceRange"/));
  writeFileSync(settingsPath(dir), '{ "clientId": "my-app" }');
  assert.throws(() => loadSettings(dir), invalid(/invalid at "clientId": not an application \(client\) id/));
  writeFileSync(settingsPath(dir), '{ nope');
  assert.throws(() => loadSettings(dir), invalid(/not valid JSON/));
  await assert.rejects(saveSettings(dir, { privateSourceRanges: ['bad'] }), invalid(/privateSourceRanges\.0/));
  assert.equal(readFileSync(settingsPath(dir), 'utf8'), '{ nope', 'the bad save wrote nothing');
});
