import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  parseRegQuery,
  readRegistryPolicy,
  registryToSettings,
} from '../../../../electron/core/settings/registry-policy';
import type { ProcessRunner } from '../../../../electron/core/ports';

const HKLM = 'HKEY_LOCAL_MACHINE\\Software\\Policies\\JIT Connect';
const HKCU = 'HKEY_CURRENT_USER\\Software\\Policies\\JIT Connect';

/** What `reg.exe query "HKLM\Software\Policies\JIT Connect" /s` prints: CRLF, a blank line, the key, its values. */
const HKLM_OUTPUT = [
  '',
  HKLM,
  '    Tenant    REG_SZ    contoso.onmicrosoft.com',
  '    MaxDuration    REG_SZ    PT1H',
  '    JustificationTemplate    REG_SZ    Ticket {ticket} for {vm}',
  '    JustificationRequired    REG_DWORD    0x1',
  '    VpnOnly    REG_DWORD    0x0',
  '    KeepAccessCapHours    REG_DWORD    0xc',
  '    AllowedSourceModes    REG_MULTI_SZ    vpn-only\\0fixed',
  '    Cloud    REG_EXPAND_SZ    %ProgramData%\\JIT Connect\\cloud.json',
  '    UpdateChannel    REG_SZ    ',
  '',
  `${HKLM}\\Extra`,
  '    Tenant    REG_SZ    not-policy.example',
  '',
].join('\r\n');

test('reg.exe output: the key’s own values (names, types, data with spaces), not its subkeys’', () => {
  const values = parseRegQuery(HKLM_OUTPUT, HKLM);
  assert.equal(values.length, 9);
  assert.deepEqual(values[0], { name: 'Tenant', type: 'REG_SZ', data: 'contoso.onmicrosoft.com' });
  assert.deepEqual(values[2], { name: 'JustificationTemplate', type: 'REG_SZ', data: 'Ticket {ticket} for {vm}' });
  assert.deepEqual(values[8], { name: 'UpdateChannel', type: 'REG_SZ', data: '' });
  assert.ok(!values.some((v) => v.data === 'not-policy.example'), 'a subkey’s values are not the policy');
  // A value name with spaces (not one of ours, but reg.exe prints it so) parses whole.
  const spaced = parseRegQuery(`\r\n${HKLM}\r\n    Some Name    REG_SZ    a  b\r\n`, HKLM);
  assert.deepEqual(spaced, [{ name: 'Some Name', type: 'REG_SZ', data: 'a  b' }]);
  // An empty key: the header alone.
  assert.deepEqual(parseRegQuery(`\r\n${HKLM}\r\n\r\n`, HKLM), []);
  // The header's case does not matter (reg.exe echoes what was asked).
  assert.equal(parseRegQuery(HKLM_OUTPUT.replace(HKLM, HKLM.toUpperCase()), HKLM).length, 9);
});

test('registry values become settings: strings, DWORD booleans and numbers, multi-strings, expanded strings; a blank string is unset', () => {
  const { values, skipped } = registryToSettings(parseRegQuery(HKLM_OUTPUT, HKLM), { PROGRAMDATA: 'C:\\ProgramData' });
  assert.deepEqual(values, {
    tenant: 'contoso.onmicrosoft.com',
    maxDuration: 'PT1H',
    justificationTemplate: 'Ticket {ticket} for {vm}',
    justificationRequired: true,
    vpnOnly: false,
    keepAccessCapHours: 12,
    allowedSourceModes: ['vpn-only', 'fixed'],
    cloud: 'C:\\ProgramData\\JIT Connect\\cloud.json',
  });
  assert.deepEqual(skipped, []);
});

test('unknown names and wrong types are skipped with a reason an admin can act on', () => {
  const { values, skipped } = registryToSettings([
    { name: 'MaxDurationMinutes', type: 'REG_DWORD', data: '0x3c' },
    { name: 'VpnOnly', type: 'REG_SZ', data: 'yes' },
    { name: 'AllowKeepAccess', type: 'REG_DWORD', data: '0x2' },
    { name: 'maxduration', type: 'REG_SZ', data: 'PT2H' },
  ]);
  assert.deepEqual(values, { maxDuration: 'PT2H' }, 'names are case-insensitive, as in the registry');
  assert.deepEqual(skipped, [
    'MaxDurationMinutes is not a JIT Connect policy',
    'VpnOnly is REG_SZ; it should be REG_DWORD (0 or 1)',
    'AllowKeepAccess is 2; use 0 or 1',
  ]);
});

/** A runner answering reg.exe per key, recording what it ran. */
function fakeReg(answers: Record<string, { exitCode: number; stdout?: string; stderr?: string } | Error>) {
  const ran: string[][] = [];
  const runner: ProcessRunner = {
    run: async (argv, options) => {
      ran.push(argv);
      assert.equal(options.capture, true);
      const a = answers[argv[2]!] ?? {
        exitCode: 1,
        stderr: 'ERROR: The system was unable to find the specified registry key or value.\r\n',
      };
      if (a instanceof Error) throw a;
      return a;
    },
  };
  return { runner, ran };
}

test('on Windows: HKCU then HKLM (lowest first), each as argv; a missing key is no policy and no warning', async () => {
  const { runner, ran } = fakeReg({ [HKLM]: { exitCode: 0, stdout: HKLM_OUTPUT } });
  const warnings: string[] = [];
  const layers = await readRegistryPolicy({ platform: 'win32', runner, warn: (m) => warnings.push(m) });
  assert.deepEqual(ran, [
    ['reg.exe', 'query', HKCU, '/s'],
    ['reg.exe', 'query', HKLM, '/s'],
  ]);
  assert.equal(layers.length, 1);
  assert.equal(layers[0]!.source, `the registry (${HKLM})`);
  assert.equal(layers[0]!.values.maxDuration, 'PT1H');
  assert.deepEqual(warnings, []);
});

test('reg.exe missing or failing: a warning, no policy, no crash; not Windows: reg.exe is never run', async () => {
  const absent = fakeReg({ [HKCU]: new Error('reg.exe was not found.'), [HKLM]: new Error('reg.exe was not found.') });
  const warnings: string[] = [];
  assert.deepEqual(
    await readRegistryPolicy({ platform: 'win32', runner: absent.runner, warn: (m) => warnings.push(m) }),
    [],
  );
  assert.equal(warnings.length, 2);
  assert.match(warnings[1]!, /HKEY_LOCAL_MACHINE.*could not be read: reg\.exe was not found/);
  const denied = fakeReg({ [HKLM]: { exitCode: 1, stderr: 'ERROR: Access is denied.\r\n' } });
  const w2: string[] = [];
  assert.deepEqual(await readRegistryPolicy({ platform: 'win32', runner: denied.runner, warn: (m) => w2.push(m) }), []);
  assert.deepEqual(w2, [`The policy in the registry (${HKLM}) could not be read: ERROR: Access is denied.`]);
  for (const platform of ['linux', 'darwin'] as const) {
    const never = fakeReg({});
    assert.deepEqual(await readRegistryPolicy({ platform, runner: never.runner }), []);
    assert.deepEqual(never.ran, []);
  }
});
