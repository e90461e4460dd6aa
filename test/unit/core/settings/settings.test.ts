import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  effectiveSettings,
  loadSettings,
  policyPath,
  saveSettings,
  settingsPath,
} from '../../../../electron/core/settings/settings';
import { AppError } from '../../../../shared/errors/app-error';
import { tempDir } from '../../../fixtures/sim';

const invalid = (re: RegExp) => (e: unknown) =>
  e instanceof AppError && e.code === 'invalid-input' && re.test(e.message);

test('no file: the defaults; a saved file reads back, private to the user', async () => {
  const dir = tempDir('jit-settings-');
  const defaults = loadSettings(dir);
  assert.deepEqual(defaults.privateSourceRanges, []);
  assert.deepEqual(defaults.defaultPorts, { Windows: 3389, Linux: 22 });
  assert.equal(defaults.sourceMode, 'auto');
  assert.deepEqual(defaults.reminderLeadMinutes, [10, 2]);
  assert.equal(defaults.rdp.redirect.clipboard, false);
  await saveSettings(dir, { privateSourceRanges: ['10.99.0.0/16'], defaultDuration: '90m' });
  assert.deepEqual(loadSettings(dir).privateSourceRanges, ['10.99.0.0/16']);
  assert.equal(loadSettings(dir).defaultDuration, '90m');
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

test('the admin policy overrides the user, says which keys it manages, and its errors name its file', () => {
  const dir = tempDir('jit-settings-policy-');
  const policy = join(tempDir('jit-policy-'), 'policy.json');
  writeFileSync(settingsPath(dir), JSON.stringify({ sourceMode: 'public', defaultDuration: 'PT2H' }));
  writeFileSync(policy, JSON.stringify({ sourceMode: 'vpn-only', allowedSourceModes: ['vpn-only'] }));
  const { settings, managed } = effectiveSettings(dir, policy);
  assert.equal(settings.sourceMode, 'vpn-only');
  assert.equal(settings.defaultDuration, 'PT2H', 'what the policy does not set stays the user’s');
  assert.deepEqual(managed.sort(), ['allowedSourceModes', 'sourceMode']);
  writeFileSync(policy, JSON.stringify({ reminderLeadMinutes: [0] }));
  assert.throws(() => effectiveSettings(dir, policy), invalid(new RegExp(`${policy}.*reminderLeadMinutes\\.0`)));
  // The policy narrowing the modes under the user's choice: the first allowed one, not a broken app.
  writeFileSync(policy, JSON.stringify({ allowedSourceModes: ['vpn-only'] }));
  assert.equal(effectiveSettings(dir, policy).settings.sourceMode, 'vpn-only');
  // The user's own file contradicting itself is still the user's mistake.
  writeFileSync(settingsPath(dir), JSON.stringify({ sourceMode: 'public', allowedSourceModes: ['auto'] }));
  assert.throws(
    () => effectiveSettings(dir, join(dir, 'none.json')),
    invalid(/source mode "public" is not allowed here/),
  );
  writeFileSync(settingsPath(dir), '{}');
  assert.deepEqual(effectiveSettings(dir, join(dir, 'none.json')).managed, []);
});

test('the policy file lives where each OS keeps machine-wide settings', () => {
  assert.equal(policyPath('linux'), '/etc/jit-connect/policy.json');
  assert.equal(policyPath('darwin'), '/Library/Application Support/JIT Connect/policy.json');
  assert.equal(policyPath('win32', { ProgramData: 'D:\\PD' }), join('D:\\PD', 'JIT Connect', 'policy.json'));
});

test("the VM list's favourites and grouping: defaults, kept, and bounded", async () => {
  const dir = tempDir('jit-settings-');
  assert.deepEqual(loadSettings(dir).favourites, []);
  assert.equal(loadSettings(dir).vmGroupBy, 'none');
  const id = '/subscriptions/s/resourceGroups/RG/providers/Microsoft.Compute/virtualMachines/VM-FS01';
  await saveSettings(dir, { favourites: [id], vmGroupBy: 'resource-group' });
  assert.deepEqual(loadSettings(dir).favourites, [id]);
  assert.equal(loadSettings(dir).vmGroupBy, 'resource-group');
  const tooMany = Array.from({ length: 501 }, (_, i) => `${id}${i}`);
  await assert.rejects(saveSettings(dir, { favourites: tooMany }), invalid(/favourites/));
  await assert.rejects(saveSettings(dir, { vmGroupBy: 'colour' as never }), invalid(/vmGroupBy/));
});
