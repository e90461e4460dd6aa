import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  effectiveSettings,
  loadSettings,
  saveSettings,
  settingsPath,
} from '../../../../electron/core/settings/settings';
import {
  checkDurationCap,
  checkJustification,
  durationCap,
  policyCloud,
  signInTenant,
} from '../../../../electron/core/settings/policy-rules';
import { AppError } from '../../../../shared/errors/app-error';
import { tempDir } from '../../../fixtures/sim';

const HKLM = 'the registry (HKEY_LOCAL_MACHINE\\Software\\Policies\\JIT Connect)';
const HKCU = 'the registry (HKEY_CURRENT_USER\\Software\\Policies\\JIT Connect)';

const error = (code: string, re: RegExp) => (e: unknown) =>
  e instanceof AppError && e.code === code && re.test(e.message);

function dirs() {
  const dir = tempDir('jit-policy-user-');
  return { dir, policy: join(tempDir('jit-policy-file-'), 'policy.json') };
}

test('defaults: keep access off (8 h cap) but allowed, stable updates, no cap, justification optional', () => {
  const { dir, policy } = dirs();
  const { settings, managed } = effectiveSettings(dir, policy);
  assert.equal(settings.keepAccessWhileConnected, false);
  assert.equal(settings.keepAccessCapHours, 8);
  assert.equal(settings.allowKeepAccess, true);
  assert.equal(settings.updateChannel, 'stable');
  assert.equal(settings.maxDuration, undefined);
  assert.equal(settings.justificationRequired, false);
  assert.equal(settings.vpnOnly, false);
  assert.deepEqual(managed, []);
});

test('policy-only keys in the user’s file are refused, saying who sets them and what to do', async () => {
  const { dir, policy } = dirs();
  for (const key of ['allowKeepAccess', 'updateChannel', 'maxDuration', 'tenant', 'cloud', 'vpnOnly']) {
    writeFileSync(
      settingsPath(dir),
      JSON.stringify({ [key]: key === 'allowKeepAccess' || key === 'vpnOnly' ? true : 'x' }),
    );
    assert.throws(
      () => effectiveSettings(dir, policy),
      (e: unknown) =>
        e instanceof AppError &&
        e.message === `"${key}" in ${settingsPath(dir)} can only be set by an administrator's policy.` &&
        /Remove ".*" from .*registry \(Group Policy, Intune\)/.test(e.fix ?? ''),
    );
  }
  writeFileSync(settingsPath(dir), '{}');
  await assert.rejects(
    saveSettings(dir, { updateChannel: 'beta' } as never),
    error('invalid-input', /administrator's policy/),
  );
  // The user's own keep-access choice is theirs to save.
  await saveSettings(dir, { keepAccessWhileConnected: true, keepAccessCapHours: 4 });
  assert.equal(loadSettings(dir).keepAccessCapHours, 4);
});

test('precedence: HKLM over HKCU over the policy file over the user; managed and origins name each key’s source', () => {
  const { dir, policy } = dirs();
  writeFileSync(
    settingsPath(dir),
    JSON.stringify({ defaultDuration: '2h', justificationTemplate: 'mine', keepAccessCapHours: 3 }),
  );
  writeFileSync(policy, JSON.stringify({ defaultDuration: '90m', maxDuration: 'PT4H', updateChannel: 'beta' }));
  const eff = effectiveSettings(dir, policy, [
    { source: HKCU, values: { maxDuration: 'PT3H', justificationTemplate: 'Ticket {ticket}' } },
    { source: HKLM, values: { maxDuration: 'PT1H', allowKeepAccess: false } },
  ]);
  assert.equal(eff.settings.defaultDuration, '90m', 'the file beats the user');
  assert.equal(eff.settings.justificationTemplate, 'Ticket {ticket}', 'HKCU beats the user');
  assert.equal(eff.settings.maxDuration, 'PT1H', 'HKLM beats HKCU and the file');
  assert.equal(eff.settings.updateChannel, 'beta');
  assert.equal(eff.settings.allowKeepAccess, false);
  assert.equal(eff.settings.keepAccessCapHours, 3, 'what no policy sets stays the user’s');
  // Registry-sourced keys are managed too (the UI shows them so, and settings:set refuses them).
  assert.deepEqual([...eff.managed].sort(), [
    'allowKeepAccess',
    'defaultDuration',
    'justificationTemplate',
    'keepAccessWhileConnected',
    'maxDuration',
    'updateChannel',
  ]);
  assert.equal(eff.origins.maxDuration, HKLM);
  assert.equal(eff.origins.justificationTemplate, HKCU);
  assert.equal(eff.origins.defaultDuration, policy);
  // A bad registry value names the registry key, not a file.
  assert.throws(
    () => effectiveSettings(dir, policy, [{ source: HKLM, values: { updateChannel: 'nightly' } }]),
    error('invalid-input', /registry \(HKEY_LOCAL_MACHINE.*invalid at "updateChannel"/),
  );
});

test('vpnOnly forces the VPN-only source mode over the user’s choice, and manages the source keys', () => {
  const { dir, policy } = dirs();
  writeFileSync(settingsPath(dir), JSON.stringify({ sourceMode: 'public' }));
  const eff = effectiveSettings(dir, policy, [{ source: HKLM, values: { vpnOnly: true } }]);
  assert.equal(eff.settings.sourceMode, 'vpn-only');
  assert.deepEqual(eff.settings.allowedSourceModes, ['vpn-only']);
  assert.deepEqual([...eff.managed].sort(), ['allowedSourceModes', 'sourceMode', 'vpnOnly']);
  assert.equal(eff.origins.sourceMode, HKLM);
});

test('keep access forbidden by the admin: off whatever the user chose, and managed', () => {
  const { dir, policy } = dirs();
  writeFileSync(settingsPath(dir), JSON.stringify({ keepAccessWhileConnected: true }));
  assert.equal(effectiveSettings(dir, policy).settings.keepAccessWhileConnected, true, 'allowed by default');
  const eff = effectiveSettings(dir, policy, [{ source: HKLM, values: { allowKeepAccess: false } }]);
  assert.equal(eff.settings.keepAccessWhileConnected, false);
  assert.deepEqual([...eff.managed].sort(), ['allowKeepAccess', 'keepAccessWhileConnected']);
});

test('the duration cap: over it refused naming the cap and who set it; at it fine', () => {
  const { dir, policy } = dirs();
  writeFileSync(policy, JSON.stringify({ maxDuration: 'PT1H' }));
  const cap = durationCap(effectiveSettings(dir, policy));
  assert.deepEqual(cap, { ms: 3600_000, by: `your administrator's policy (${policy})` });
  checkDurationCap(3600_000, cap);
  assert.throws(
    () => checkDurationCap(2 * 3600_000, cap),
    (e: unknown) =>
      e instanceof AppError &&
      e.code === 'duration-over-max' &&
      e.message === `2 h is over the maximum of 1 h (PT1H) set by your administrator's policy (${policy}).` &&
      e.fix === 'Ask for 1 h or less.',
  );
  assert.equal(durationCap(effectiveSettings(dir, join(dir, 'none.json'))), undefined);
});

test('a required justification: empty or blank refused with the fix; given, fine; not required, nothing checked', () => {
  for (const j of [undefined, '', '   '])
    assert.throws(
      () => checkJustification(j, { justificationRequired: true }),
      (e: unknown) =>
        e instanceof AppError &&
        /required by your administrator's policy/.test(e.message) &&
        /justification/.test(e.fix ?? ''),
    );
  checkJustification('INC-1234', { justificationRequired: true });
  checkJustification(undefined, { justificationRequired: false });
});

test('tenant and cloud: the policy’s by default; another one asked for is refused; none set, the ask stands', () => {
  const eff = {
    settings: { tenant: 'contoso.onmicrosoft.com', cloud: 'AzureUSGovernment' } as never,
    origins: { tenant: HKLM },
  };
  assert.equal(signInTenant(undefined, eff), 'contoso.onmicrosoft.com');
  assert.equal(signInTenant('CONTOSO.onmicrosoft.com', eff), 'contoso.onmicrosoft.com');
  assert.throws(
    () => signInTenant('fabrikam.com', eff),
    error('invalid-input', /limited to tenant contoso\.onmicrosoft\.com by your administrator's policy \(the registry/),
  );
  assert.equal(policyCloud(undefined, eff), 'AzureUSGovernment');
  assert.throws(() => policyCloud('AzureCloud', eff), error('invalid-input', /limited to the cloud AzureUSGovernment/));
  const none = { settings: {} as never, origins: {} };
  assert.equal(signInTenant('fabrikam.com', none), 'fabrikam.com');
  assert.equal(policyCloud(undefined, none), undefined);
});
