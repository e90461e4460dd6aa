/**
 * The `jit-connect` CLI as people use it: a newcomer's `npm run cli -- --demo login` then `vms` in separate processes
 * (the sign-in kept in a real gnome-keyring on a private D-Bus session), JSON for scripts, a warm start from the
 * cached inventory, and errors on stderr with their fix and a non-zero exit.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Simulator } from '../../../electron/azure-sim/index';
import { runCli } from '../../../electron/cli/main';
import type { CliIo } from '../../../electron/cli/context';
import type { Vm } from '../../../shared/domain/types';
import { runInKeyringSession } from '../../fixtures/keyring-session';
import { startTestSim, tempDir } from '../../fixtures/sim';

const root = join(import.meta.dirname, '..', '..', '..');

/** Runs the CLI in this process; returns its exit code and what it printed. */
async function cli(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    stderrIsTty: false,
    env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: '' },
    cwd: root,
  };
  const code = await runCli(argv, io);
  return { code, stdout, stderr };
}

test('a newcomer: `npm run cli -- --demo login`, then `vms`, in two processes sharing the keyring', async () => {
  const config = tempDir('jit-cli-newcomer-');
  const run = (args: string) => `node '${join(root, 'scripts', 'cli.mjs')}' --demo --config-dir '${config}' ${args}`;
  const out = await runInKeyringSession([
    ['login', run('login')],
    ['vms', run('vms')],
  ]);
  assert.equal(out.login!.code, 0, out.login!.stderr);
  assert.equal(out.vms!.code, 0, out.vms!.stderr);
  assert.match(out.login!.stdout, /^Signed in as helpdesk@contoso\.com \(tenant [0-9a-f-]+\)\.$/m);
  assert.match(out.login!.stderr, /Demo sign-in: code [A-Z0-9-]+/);
  assert.doesNotMatch(out.login!.stderr, /will not be remembered/, 'the keyring keeps the sign-in');
  // The second process finds the sign-in in the keyring: no new sign-in.
  assert.doesNotMatch(out.vms!.stderr, /Demo sign-in/, out.vms!.stderr);
  const lines = out.vms!.stdout.trim().split('\n');
  assert.match(lines[0]!, /^NAME\s+SUBSCRIPTION\s+POWER\s+OS\s+IP\s+JIT$/);
  const row = (name: string) => lines.find((l) => l.startsWith(`${name} `)) ?? '';
  assert.match(row('VM-FS01'), /Contoso Production\s+running\s+Windows\s+10\.10\.1\.4\s+3389,5985,5986$/);
  assert.match(row('vm-build01'), /not configured$/);
  assert.match(row('vm-test01'), /deallocated/);
  assert.match(row('vm-dev01'), /unsupported \(.*Plan 2/);
  assert.match(row('vm-fab-jump01'), /Fabrikam Operations/);
  assert.equal(lines.length, 13, 'the header and the twelve demo VMs');
});

describe('the CLI against a running simulated Azure', () => {
  let sim: Simulator;
  let profileFile: string;
  before(async () => {
    sim = await startTestSim();
    profileFile = join(tempDir('jit-cli-profile-'), 'profile.json');
    writeFileSync(profileFile, JSON.stringify(sim.profile));
  });
  after(() => sim.close());

  test('not signed in: the error names `jit-connect login`, on stderr, exit 1; --json keeps it JSON', async () => {
    const config = tempDir('jit-cli-nosignin-');
    const r = await cli(['--cloud', profileFile, '--config-dir', config, 'vms']);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^error: .*\n {2}fix: Sign in\.\n {2}try: jit-connect login$/m);
    const j = await cli(['--cloud', profileFile, '--config-dir', config, '--json', 'vms']);
    assert.equal(j.code, 1);
    assert.equal(j.stdout, '');
    const lastLine = j.stderr.trim().split('\n').pop()!;
    assert.equal(JSON.parse(lastLine).error.code, 'not-signed-in');
  });

  test('bad usage exits 2 with the usage: an unknown command, --demo with --cloud, a bad cloud', async () => {
    const config = tempDir('jit-cli-usage-');
    const unknown = await cli(['--config-dir', config, 'frobnicate']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown command 'frobnicate'/);
    const both = await cli(['--config-dir', config, '--demo', '--cloud', 'AzureCloud', 'vms']);
    assert.equal(both.code, 2);
    assert.match(both.stderr, /cannot be used with option '--demo'/);
    const bad = await cli(['--config-dir', config, '--cloud', 'Nowhere', 'vms']);
    assert.equal(bad.code, 2);
    assert.match(
      bad.stderr,
      /No cloud named .*Nowhere.*\n {2}fix: Name one of AzureCloud.*\n {2}try: --cloud AzureCloud/,
    );
  });
});

describe('demo mode in one process', () => {
  const config = tempDir('jit-cli-demo-');

  test('`--json vms` prints one JSON document: the DESIGN shape for every VM, filtered', async () => {
    const r = await cli(['--demo', '--config-dir', config, '--json', 'vms', '--filter', 'fs01']);
    assert.equal(r.code, 0, r.stderr);
    const vms = JSON.parse(r.stdout) as Vm[];
    assert.deepEqual(
      vms.map((v) => v.name),
      ['VM-FS01'],
    );
    const fs01 = vms[0]!;
    for (const key of ['id', 'name', 'resourceGroup', 'subscriptionId', 'subscriptionName', 'location', 'osType'])
      assert.ok(key in fs01, key);
    assert.equal(fs01.powerState, 'running');
    assert.equal(fs01.privateIp, '10.10.1.4');
    assert.equal(fs01.jit.state, 'configured');
    assert.deepEqual(
      fs01.jit.ports.map((p) => [p.number, p.maxDuration]),
      [
        [3389, 'PT3H'],
        [5985, 'PT1H'],
        [5986, 'PT1H'],
      ],
    );
    assert.deepEqual(
      fs01.p2sPools.map((p) => p.prefix),
      ['10.13.1.0/24'],
    );
  });

  test('a warm start answers from the cached inventory and says so; --refresh reads Azure', async () => {
    const warm = await cli(['--demo', '--config-dir', config, 'vms']);
    assert.equal(warm.code, 0, warm.stderr);
    assert.match(warm.stderr, /from the inventory read at .*--refresh reads Azure now/);
    const fresh = await cli(['--demo', '--config-dir', config, 'vms', '--refresh']);
    assert.equal(fresh.code, 0, fresh.stderr);
    assert.doesNotMatch(fresh.stderr, /from the inventory read at/);
    assert.equal(fresh.stdout, warm.stdout);
  });

  test("the admin's privateSourceRanges (settings.json) reach every VM as a VPN range; a bad one is named", async () => {
    const dir = tempDir('jit-cli-ranges-');
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ privateSourceRanges: ['10.99.0.0/16'] }));
    const r = await cli(['--demo', '--config-dir', dir, '--json', 'vms', '--filter', 'vm-fin01']);
    assert.equal(r.code, 0, r.stderr);
    const [fin01] = JSON.parse(r.stdout) as Vm[];
    assert.deepEqual(fin01!.p2sPools, [{ prefix: '10.99.0.0/16', via: 'admin-setting' }]);
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ privateSourceRanges: ['10.99.0.7/16'] }));
    const bad = await cli(['--demo', '--config-dir', dir, 'vms']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /settings .* invalid at "privateSourceRanges\.0".*\n {2}fix: Correct or remove/);
  });

  test('`tenants` lists the home tenant and the guest one', async () => {
    const r = await cli(['--demo', '--config-dir', config, 'tenants']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Contoso\s+contoso\.com\s+home/);
    assert.match(r.stdout, /Fabrikam\s+fabrikam\.com\s+guest/);
  });
});
