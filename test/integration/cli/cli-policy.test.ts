/**
 * The admin policy as the CLI shows it (in this process, the policy file injected as the installed one would be read):
 * a managed cap refusing a longer request on the demo before anything is requested, the error and its fix on stderr;
 * a cloud other than the policy's refused; a policy-only key in the user's settings named.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../../../electron/cli/main';
import type { CliIo } from '../../../electron/cli/context';
import { tempDir } from '../../fixtures/sim';

const root = join(import.meta.dirname, '..', '..', '..');

/** Runs the CLI in this process under `policy`; returns its exit code and what it printed. */
async function cli(argv: string[], policy: object, settings?: object) {
  const config = tempDir('jit-cli-policy-');
  const policyFile = join(tempDir('jit-cli-policy-file-'), 'policy.json');
  writeFileSync(policyFile, JSON.stringify(policy));
  if (settings) writeFileSync(join(config, 'settings.json'), JSON.stringify(settings));
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    stderrIsTty: false,
    env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: '' },
    cwd: root,
    policyFile,
  };
  const code = await runCli(['--config-dir', config, ...argv], io);
  return { code, stdout, stderr, policyFile };
}

test('a managed cap: `connect --duration 2h` refused before any request, naming the cap and the policy file', async () => {
  const r = await cli(['--demo', 'connect', 'VM-FS01', '--duration', '2h', '--justification', 'INC-7', '--no-launch'], {
    maxDuration: 'PT1H',
  });
  assert.equal(r.code, 1, r.stderr);
  assert.ok(
    r.stderr.includes(`2 h is over the maximum of 1 h (PT1H) set by your administrator's policy (${r.policyFile}).`),
    r.stderr,
  );
  assert.match(r.stderr, /fix: Ask for 1 h or less\./);
  assert.doesNotMatch(r.stderr, /open from/, 'no grant was made');
  assert.equal(r.stdout, '');
});

test('the policy’s cloud: another one named is refused with the fix', async () => {
  const r = await cli(['--cloud', 'AzureCloud', 'vms'], { cloud: 'AzureUSGovernment' });
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, /limited to the cloud AzureUSGovernment by your administrator's policy/);
  assert.match(r.stderr, /fix: Use AzureUSGovernment, or ask your administrator\./);
});

test('a policy-only key in the user’s settings is named, with where it belongs', async () => {
  const r = await cli(['--demo', 'vms'], {}, { allowKeepAccess: false });
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, /"allowKeepAccess" in .*settings\.json can only be set by an administrator's policy/);
});
