/**
 * The CLI's main job end to end, in separate processes sharing a real keyring: `connect` requests JIT from the right
 * source, waits, and runs the real ssh through the simulator's gate to an sshd the test started; `grants`, `extend`
 * and `enable` on the same grants; errors with their fix.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import type { Simulator } from '../../../electron/azure-sim/index';
import { runInKeyringSession, type StepOutput } from '../../fixtures/keyring-session';
import { startSshd, type Server } from '../../fixtures/servers';
import { startTestSim, tempDir } from '../../fixtures/sim';

const root = join(import.meta.dirname, '..', '..', '..');
let sim: Simulator;
let sshd: Server & { clientKey: string };
let out: Record<string, StepOutput>;
const me = userInfo().username;

before(async () => {
  const dir = tempDir('jit-cli-connect-');
  sshd = await startSshd(dir);
  sim = await startTestSim({
    backends: { 'vm-web01:22': `127.0.0.1:${sshd.port}` },
    propagationMs: 300,
    dataplaneLagMs: 200,
  });
  const profile = join(dir, 'profile.json');
  writeFileSync(profile, JSON.stringify(sim.profile));
  const config = join(dir, 'config');
  const cli = (args: string) =>
    `node '${join(root, 'scripts', 'cli.mjs')}' --cloud '${profile}' --config-dir '${config}' ${args}`;
  // The ssh client as an admin would override it: this test's key, no prompts, no known_hosts of the user's.
  const settings = {
    clients: {
      ssh: [
        'ssh',
        '-T',
        '-i',
        sshd.clientKey,
        '-o',
        'BatchMode=yes',
        '-o',
        'StrictHostKeyChecking=no',
        '-o',
        'UserKnownHostsFile=/dev/null',
      ],
    },
  };
  mkdirSync(config, { mode: 0o700 });
  writeFileSync(join(config, 'settings.json'), JSON.stringify(settings));
  out = await runInKeyringSession([
    ['login', cli('login --device-code')],
    ['ssh', cli(`connect vm-web01 --source public --no-terminal --user ${me}`)],
    ['rdp', cli('--json connect VM-FS01 --no-launch')],
    ['grants', cli('--json grants')],
    ['extend', cli('--json extend VM-FS01 --duration 30m')],
    ['over', cli('extend VM-FS01 --duration PT9H')],
    ['enable', cli('enable vm-build01 --ports 22')],
    ['finance', cli('connect vm-fin01 --no-launch')],
    ['unknown', cli('connect vm-nope')],
  ]);
});
after(async () => {
  await sim?.close();
  await sshd?.stop();
});

test('login with a device code, kept in the keyring for the next processes', () => {
  assert.equal(out.login!.code, 0, out.login!.stderr);
  assert.match(out.login!.stderr, /enter the code/i);
  assert.match(out.login!.stdout, /Signed in as helpdesk@contoso\.com/);
});

test('connect vm-web01 --no-terminal: JIT from the public address, then the real ssh session through the gate', () => {
  const r = out.ssh!;
  assert.equal(r.code, 0, r.stderr);
  const steps = [...r.stderr.matchAll(/vm-web01:22 (requested|waiting for the rule|rule live|reachable)/g)].map(
    (m) => m[1],
  );
  assert.deepEqual(steps, ['requested', 'waiting for the rule', 'rule live', 'reachable']);
  assert.match(r.stderr, /open from 203\.0\.113\.7 until/);
  assert.match(r.stderr, /launching: ssh/);
  assert.match(sshd.log(), new RegExp(`Accepted publickey for ${me} from 127\\.0\\.0\\.1`));
});

test('connect VM-FS01 --no-launch --json: the grant from the VPN pool, in the DESIGN shape', () => {
  const r = out.rdp!;
  assert.equal(r.code, 0, r.stderr);
  const g = JSON.parse(r.stdout) as Record<string, unknown>;
  assert.equal(g.vmName, 'VM-FS01');
  assert.equal(g.port, 3389);
  assert.equal(g.source, '10.13.1.0/24');
  assert.equal(g.dialAddress, '10.10.1.4:3389');
  assert.match(String(g.ruleName), /^MicrosoftDefenderForCloud-JITRule-/);
  assert.ok(Date.parse(String(g.endTimeUtc)) > Date.parse(String(g.startTimeUtc)));
  assert.doesNotMatch(r.stderr, /launching/);
});

test('grants lists both live grants as mine, with the time left', () => {
  assert.equal(out.grants!.code, 0, out.grants!.stderr);
  const grants = JSON.parse(out.grants!.stdout) as Array<{
    vmName: string;
    port: number;
    mine: boolean;
    remainingSeconds: number;
  }>;
  assert.deepEqual(grants.map((g) => `${g.vmName}:${g.port}`).sort(), ['VM-FS01:3389', 'vm-web01:22']);
  for (const g of grants) {
    assert.ok(g.mine);
    assert.ok(g.remainingSeconds > 60 && g.remainingSeconds <= 8 * 3600, String(g.remainingSeconds));
  }
});

test('extend: a new request ending 30 minutes from now; over the maximum is refused naming it', () => {
  assert.equal(out.extend!.code, 0, out.extend!.stderr);
  const g = JSON.parse(out.extend!.stdout) as { endTimeUtc: string };
  const left = (Date.parse(g.endTimeUtc) - Date.now()) / 60_000;
  assert.ok(left > 25 && left <= 30.5, `${left} minutes left`);
  assert.equal(out.over!.code, 1);
  assert.match(out.over!.stderr, /error: .*(maximum|PT3H|3 h)/i);
});

test('errors say what to do: a missing write right, a VM no path reaches, an unknown VM', () => {
  assert.equal(out.enable!.code, 1);
  assert.match(out.enable!.stderr, /jitNetworkAccessPolicies\/write/);
  assert.equal(out.finance!.code, 1);
  assert.match(out.finance!.stderr, /error: .*vm-fin01[\s\S]*fix: /);
  assert.equal(out.unknown!.code, 1);
  assert.match(out.unknown!.stderr, /vm-nope[\s\S]*fix: .*refresh the VM list[\s\S]*try: jit-connect vms --refresh/);
});
