/**
 * The app service against the simulator, as a face drives it: sign in by device code, the VM list, a request's
 * preview, a connect with its progress events and grant, a cancel mid-wait, grants and extend, a managed setting
 * refused, reminders as events when the simulated clock moves, enable refused for helpdesk, sign-out. Every result and
 * event is parsed by its contract schema (see app-harness.ts).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import type { Simulator } from '../../../../electron/azure-sim/index';
import { AppError } from '../../../../shared/errors/app-error';
import { control, startTestSim } from '../../../fixtures/sim';
import { until } from '../../../fixtures/wait';
import { appOn } from './app-harness';

const isCode = (code: string) => (err: unknown) => {
  assert.ok(err instanceof AppError, `an AppError, got ${String(err)}`);
  assert.equal(err.code, code, err.message);
  return true;
};

describe('app service', () => {
  let sim: Simulator;
  let app: Awaited<ReturnType<typeof appOn>>;
  let fs01: string;

  before(async () => {
    // A short propagation so the steps come in their real order (requested, waiting, live, reachable).
    sim = await startTestSim({ propagationMs: 200 });
    app = await appOn(sim);
  });
  after(async () => {
    await app?.service.dispose();
    sim?.close();
  });

  test('before sign-in: the profile cloud, no account; a call needing Azure says to sign in', async () => {
    const s = await app.call('session:get', {});
    assert.equal(s.account, undefined);
    assert.deepEqual(s.cloud, { name: 'AzureSimulator', demo: false });
    await assert.rejects(app.call('vms:list', {}), isCode('not-signed-in'));
  });

  test('device-code sign-in: the code as an event, the account, session:changed', async () => {
    const account = await app.call('session:signIn', { method: 'device-code' });
    assert.match(account.username, /^helpdesk@/);
    const [code] = app.of('deviceCode:issued');
    assert.ok(code && typeof code.userCode === 'string' && String(code.message).includes(String(code.userCode)));
    assert.deepEqual(app.of('session:changed').at(-1), { account });
    assert.deepEqual((await app.call('session:get', {})).account, account);
  });

  test('vms:list: every VM with its JIT state, then from the cache; refresh reads Azure', async () => {
    const first = await app.call('vms:list', {});
    const vm = first.vms.find((v) => v.name === 'VM-FS01');
    assert.ok(vm, 'VM-FS01 listed');
    assert.equal(vm.jit.state, 'configured');
    fs01 = vm.id;
    const second = await app.call('vms:list', {});
    assert.equal(second.fromCache, true);
    assert.equal(second.vms.length, first.vms.length);
    assert.equal((await app.call('vms:list', { refresh: true })).fromCache, false);
  });

  test('tenants:list: the home tenant marked', async () => {
    const tenants = await app.call('tenants:list', {});
    assert.ok(tenants.some((t) => t.home));
  });

  test('connect:preview: the policy ports, 3389, the VPN pool explained, the maximum, the template', async () => {
    const p = await app.call('connect:preview', { vmId: fs01 });
    assert.ok(p.ports.some((x) => x.number === 3389));
    assert.equal(p.port, 3389);
    assert.equal(p.source?.path, 'vpn');
    assert.equal(p.source?.requestPrefix, '10.13.1.0/24');
    assert.match(p.source!.explanation, /10\.13\.1\.0\/24/);
    assert.equal(p.sourceError, undefined);
    assert.equal(p.maxDuration, p.ports.find((x) => x.number === 3389)!.maxDuration);
    assert.equal(typeof p.justificationTemplate, 'string');
    await assert.rejects(app.call('connect:preview', { vmId: fs01, port: 4444 }), isCode('port-not-in-policy'));
  });

  test('connect:start: an id at once, every step in order incl. launching, the grant, the client started', async () => {
    const { connectId } = await app.call('connect:start', {
      targets: [{ vmId: fs01 }],
      justification: 'Ticket 42',
      launch: true,
    });
    const finished = await until('connect:finished', () =>
      app.of('connect:finished').find((e) => e.connectId === connectId),
    );
    assert.equal(finished.error, undefined, JSON.stringify(finished.error));
    const steps = app
      .of('connect:progressed')
      .filter((e) => e.connectId === connectId)
      .map((e) => e.step);
    assert.deepEqual(
      steps.filter((s, i) => s !== steps[i - 1]),
      ['requested', 'waiting-for-rule', 'rule-live', 'reachable', 'launching'],
    );
    const grants = finished.grants as Array<{ vmName: string; port: number; source: string }>;
    assert.equal(grants.length, 1);
    assert.deepEqual([grants[0]!.vmName, grants[0]!.port, grants[0]!.source], ['VM-FS01', 3389, '10.13.1.0/24']);
    assert.equal(app.ran.length, 1, 'the RDP client was started');
    assert.equal(app.ran[0]![0], 'xfreerdp');
    // The history has the request with its justification; the next preview remembers the port.
    const history = await app.call('grants:history', {});
    const line = history.find((h) => h.kind === 'request' && h.vmName === 'VM-FS01');
    assert.equal(line?.outcome, 'granted');
    assert.equal(line?.justification, 'Ticket 42');
    assert.match(line!.activityLog, /^https:\/\//);
  });

  test('a client that cannot start: the grant stands (recorded as granted), the error beside it', async () => {
    const app01 = (await app.call('vms:list', {})).vms.find((v) => v.name === 'vm-app01')!;
    app.behaviour.runFails = true;
    try {
      const { connectId } = await app.call('connect:start', { targets: [{ vmId: app01.id }], launch: true });
      const finished = await until('connect:finished', () =>
        app.of('connect:finished').find((e) => e.connectId === connectId),
      );
      assert.equal((finished.grants as unknown[]).length, 1);
      assert.equal((finished.error as { code: string }).code, 'client-not-found');
      const lines = (await app.call('grants:history', {})).filter((h) => h.vmName === 'vm-app01');
      assert.deepEqual(
        lines.map((h) => h.outcome),
        ['granted'],
      );
    } finally {
      app.behaviour.runFails = false;
    }
  });

  test('grants:list and grants:extend: my live grant, extended to a later end', async () => {
    const list = await app.call('grants:list', {});
    const g = list.grants.find((x) => x.vmName === 'VM-FS01' && x.port === 3389);
    assert.ok(g?.mine, 'my grant listed');
    assert.ok(g.remainingSeconds > 0);
    await control(sim, '/clock/advance', { seconds: 60 });
    const extended = await app.call('grants:extend', { vmId: fs01, port: 3389 });
    assert.ok(Date.parse(extended.endTimeUtc) > Date.parse(g.endTimeUtc), 'a later end');
    await assert.rejects(app.call('grants:extend', { vmId: fs01, port: 22 }), isCode('invalid-input'));
  });

  test('connect:cancel mid-wait: connect:finished with cancelled, the failure in the history', async () => {
    await control(sim, '/settings', { propagationMs: 60_000 });
    try {
      // Port 5985: no rule of it is live yet, so the wait is real.
      const { connectId } = await app.call('connect:start', { targets: [{ vmId: fs01, port: 5985 }], launch: false });
      // The id comes back at once: the connect runs in the background.
      assert.equal(
        app.of('connect:finished').find((e) => e.connectId === connectId),
        undefined,
      );
      await until('waiting for the rule', () =>
        app.of('connect:progressed').find((e) => e.connectId === connectId && e.step === 'waiting-for-rule'),
      );
      assert.deepEqual(await app.call('connect:cancel', { connectId }), {});
      const finished = await until('connect:finished', () =>
        app.of('connect:finished').find((e) => e.connectId === connectId),
      );
      assert.equal((finished.error as { code: string } | undefined)?.code, 'cancelled', JSON.stringify(finished));
      const history = await app.call('grants:history', {});
      assert.equal(history.at(-1)?.outcome, 'failed');
      assert.equal(history.at(-1)?.errorCode, 'cancelled');
      // Cancelling a finished connect is no error.
      assert.deepEqual(await app.call('connect:cancel', { connectId }), {});
    } finally {
      await control(sim, '/settings', { propagationMs: 200 });
    }
  });

  test('settings: a user key saved; a key the admin policy manages refused, named', async () => {
    const saved = await app.call('settings:set', { patch: { justificationTemplate: 'Ticket {ticket}' } });
    assert.equal(saved.settings.justificationTemplate, 'Ticket {ticket}');
    writeFileSync(app.policyFile, JSON.stringify({ sourceMode: 'vpn-only', allowedSourceModes: ['vpn-only'] }));
    const s = await app.call('settings:get', {});
    assert.deepEqual(s.managed.sort(), ['allowedSourceModes', 'sourceMode']);
    await assert.rejects(
      app.call('settings:set', { patch: { sourceMode: 'public' } }),
      (err) => isCode('invalid-input')(err) && /sourceMode/.test((err as Error).message),
    );
    // A bad value is named, without the settings file's path.
    await assert.rejects(
      app.call('settings:set', { patch: { defaultDuration: 'forever' } }),
      (err) =>
        isCode('invalid-input')(err) &&
        /defaultDuration/.test((err as Error).message) &&
        !(err as Error).message.includes(app.configDir),
    );
  });

  test('reminders: grant:expiring and the notification when the simulated clock nears the end; Extend works', async () => {
    const g = (await app.call('grants:list', {})).grants.find((x) => x.vmName === 'VM-FS01' && x.port === 3389)!;
    const minutesLeft = g.remainingSeconds / 60;
    await control(sim, '/clock/advance', { seconds: Math.floor((minutesLeft - 9) * 60) });
    const expiring = await until('grant:expiring', () =>
      app.of('grant:expiring').find((e) => (e.grant as { vmName: string }).vmName === 'VM-FS01'),
    );
    assert.ok((expiring.minutesLeft as number) <= 10 && (expiring.minutesLeft as number) >= 8);
    assert.match(String(expiring.text), /VM-FS01/);
    const note = await until('the notification', () =>
      app.notes.find((n) => n.id.startsWith('grant:expiring') && n.title.startsWith('VM-FS01')),
    );
    assert.deepEqual(note.actions, [{ id: 'extend', label: 'Extend' }]);
    app.click(note.id, 'extend');
    await until('extended by the notification', async () => {
      const now = (await app.call('grants:list', {})).grants.find((x) => x.vmName === 'VM-FS01' && x.port === 3389);
      return now && Date.parse(now.endTimeUtc) > Date.parse(g.endTimeUtc);
    });
  });

  test('jit:enable as helpdesk: missing-permission naming the action', async () => {
    const sql = (await app.call('vms:list', {})).vms.find((v) => v.name === 'vm-sql01')!;
    await assert.rejects(app.call('jit:enable', { vmId: sql.id, ports: [5985] }), (err) => {
      isCode('missing-permission')(err);
      assert.match((err as Error).message, /Microsoft\.Security\/locations\/jitNetworkAccessPolicies\/write/);
      return true;
    });
  });

  test('session:signOut: session:changed without an account; calls need sign-in again', async () => {
    assert.deepEqual(await app.call('session:signOut', {}), { signedOut: true });
    assert.deepEqual(app.of('session:changed').at(-1), {});
    assert.equal((await app.call('session:get', {})).account, undefined);
    await assert.rejects(app.call('vms:list', {}), isCode('not-signed-in'));
  });

  test('browser sign-in goes through the Opener; one that cannot open a browser fails with the device-code fix', async () => {
    await assert.rejects(
      app.call('session:signIn', { method: 'browser' }),
      (err) => isCode('invalid-input')(err) && /device code/i.test((err as AppError).fix ?? ''),
    );
    assert.equal(app.opened.length, 1);
    assert.equal(new URL(app.opened[0]!).origin, new URL(sim.profile.authorityHost).origin);
    assert.match(app.opened[0]!, /\/oauth2\/v2\.0\/authorize\?/);
  });
});
