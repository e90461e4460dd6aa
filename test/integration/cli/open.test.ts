/**
 * `jit-connect open <url>`: a deep link is shown and confirmed before anything is requested. In separate processes
 * (no terminal on stdin, as from a ticket system's launcher) it is refused unless `--yes` is given; a malformed link
 * is a usage error with the parser's message; on a terminal the person is asked and "no" requests nothing.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Simulator } from '../../../electron/azure-sim/index';
import { runCli } from '../../../electron/cli/main';
import type { JitPolicyDoc } from '../../../electron/azure-sim/model/resources';
import { runInKeyringSession, type StepOutput } from '../../fixtures/keyring-session';
import { startTestSim, tempDir } from '../../fixtures/sim';

const root = join(import.meta.dirname, '..', '..', '..');
let sim: Simulator;
let out: Record<string, StepOutput>;
let seen: JitPolicyDoc['properties']['requests'];

before(async () => {
  sim = await startTestSim({ propagationMs: 200, dataplaneLagMs: 100 });
  const dir = tempDir('jit-cli-open-');
  const profile = join(dir, 'profile.json');
  writeFileSync(profile, JSON.stringify(sim.profile));
  const cli = (args: string) =>
    `node '${join(root, 'scripts', 'cli.mjs')}' --cloud '${profile}' --config-dir '${join(dir, 'config')}' ${args}`;
  out = await runInKeyringSession([
    ['login', cli('login --device-code')],
    ['noTty', cli(`open 'jitconnect://connect?vm=VM-FS01&port=3389&justification=no-tty'`)],
    ['malformed', cli(`open 'jitconnect://connect?vm=VM-FS01&port=3389&source=*'`)],
    ['noJit', cli(`open 'jitconnect://connect?vm=vm-build01&port=22' --yes`)],
    [
      'yes',
      cli(
        `--json open 'jitconnect://connect?vm=VM-FS01&port=3389&duration=1h&justification=INC-7+confirmed' --yes --no-launch`,
      ),
    ],
  ]);
  seen = sim.ctx.estate.snapshot().jitPolicies.flatMap((p) => p.properties.requests);
});
after(() => sim?.close());

test('no terminal and no --yes: refused with a message naming --yes, and nothing reaches Azure', () => {
  assert.equal(out.login!.code, 0, out.login!.stderr);
  const r = out.noTty!;
  assert.notEqual(r.code, 0);
  assert.match(r.stderr, /VM\s+VM-FS01 \(/, 'it still shows what the link asks for');
  assert.match(r.stderr, /no terminal to ask on/);
  assert.match(r.stderr, /fix: .*--yes/);
  assert.equal(r.stdout, '');
  assert.ok(!seen.some((q) => q.justification === 'no-tty'), 'no initiate for the refused link');
});

test("a malformed link: the parser's message and fix, exit 2, nothing requested", () => {
  const r = out.malformed!;
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, /error: Refused link: it has an unknown parameter 'source'\./);
  assert.match(r.stderr, /fix: Use only vm, port, duration, justification/);
});

test("a link to a VM without JIT: connect's own error before any summary, even with --yes", () => {
  const r = out.noJit!;
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stderr, /error: JIT is not enabled on vm-build01/);
  assert.doesNotMatch(r.stderr, /This link asks/);
});

test("--yes: the summary, then the grant as connect gives it, with the link's duration and justification", () => {
  const r = out.yes!;
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /port\s+3389/);
  assert.match(r.stderr, /duration\s+1 h \(from the link\)/);
  assert.match(r.stderr, /justification\s+INC-7 confirmed/);
  const grant = JSON.parse(r.stdout) as { vmName: string; port: number; startTimeUtc: string; endTimeUtc: string };
  assert.equal(grant.vmName, 'VM-FS01');
  assert.equal(grant.port, 3389);
  const ms = Date.parse(grant.endTimeUtc) - Date.parse(grant.startTimeUtc);
  assert.ok(Math.abs(ms - 3_600_000) < 120_000, `about an hour: ${ms} ms`);
  assert.equal(seen.filter((q) => q.justification === 'INC-7 confirmed').length, 1, 'exactly one initiate');
});

test('on a terminal the person is asked; anything but yes requests nothing (demo, in this process)', async () => {
  let stderr = '';
  const asked: string[] = [];
  const code = await runCli(
    ['--demo', '--config-dir', tempDir('jit-cli-open-tty-'), 'open', 'jitconnect://connect?vm=vm-web01&port=22'],
    {
      stdout: () => {},
      stderr: (t) => void (stderr += t),
      stderrIsTty: false,
      stdinIsTty: true,
      ask: async (q) => {
        asked.push(q);
        return 'n';
      },
      env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: '' },
      cwd: root,
    },
  );
  assert.deepEqual(asked, ['Request this access? [y/N] ']);
  assert.equal(code, 1, stderr);
  assert.match(stderr, /VM\s+vm-web01/);
  assert.match(stderr, /error: Nothing was requested\./);
  assert.doesNotMatch(stderr, /requested \(|open from/);
});
