/**
 * The admin policy through the app service on the simulator, as a person meets it: a policy file and a registry layer
 * (Windows' Group Policy / Intune, injected) cap the duration and require a justification; a request over the cap and
 * one without a justification are refused before anything reaches Azure, with the error naming the cap and who set
 * it; extend is held to the cap; the settings show what is managed; sign-in is held to the policy's tenant.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import type { Simulator } from '../../../../electron/azure-sim/index';
import { AppError } from '../../../../shared/errors/app-error';
import { control, startTestSim } from '../../../fixtures/sim';
import { until } from '../../../fixtures/wait';
import { appOn } from './app-harness';

const HKLM = 'the registry (HKEY_LOCAL_MACHINE\\Software\\Policies\\JIT Connect)';

describe('admin policy in the app service', () => {
  let sim: Simulator;
  let app: Awaited<ReturnType<typeof appOn>>;
  let fs01: string;

  /** The initiate calls the simulator has seen. */
  const initiates = async () =>
    ((await control(sim, '/calls', undefined, 'GET')) as Array<{ method: string; path: string }>).filter(
      (c) => c.method === 'POST' && /\/initiate/i.test(c.path),
    ).length;

  /** Starts a connect and waits for its end. */
  const connectTo = async (args: { duration?: string; justification?: string }) => {
    const { connectId } = await app.call('connect:start', { targets: [{ vmId: fs01 }], launch: false, ...args });
    return until('connect:finished', () => app.of('connect:finished').find((e) => e.connectId === connectId));
  };

  before(async () => {
    sim = await startTestSim({ propagationMs: 100 });
    app = await appOn(sim, {
      registryPolicy: [
        { source: HKLM, values: { maxDuration: 'PT1H', justificationRequired: true, tenant: sim.profile.tenantId } },
      ],
    });
    writeFileSync(app.policyFile, JSON.stringify({ updateChannel: 'none', maxDuration: 'PT2H' }));
    await app.call('session:signIn', { method: 'device-code' });
    fs01 = (await app.call('vms:list', {})).vms.find((v) => v.name === 'VM-FS01')!.id;
  });
  after(async () => {
    await app?.service.dispose();
    sim?.close();
  });

  test('settings:get: keys from the registry and from the file are managed; setting one is refused', async () => {
    const s = await app.call('settings:get', {});
    assert.deepEqual([...s.managed].sort(), ['justificationRequired', 'maxDuration', 'tenant', 'updateChannel']);
    assert.equal(s.settings.maxDuration, 'PT1H', 'HKLM beats the policy file');
    await assert.rejects(
      app.call('settings:set', { patch: { maxDuration: 'PT3H' } }),
      (e) => e instanceof AppError && /maxDuration is set by your administrator's policy/.test(e.message),
    );
  });

  test('the preview offers the cap as the maximum', async () => {
    const p = await app.call('connect:preview', { vmId: fs01 });
    assert.equal(p.maxDuration, 'PT1H');
  });

  test('over the cap: refused before any request, the error naming the cap and the registry', async () => {
    const before = await initiates();
    const finished = await connectTo({ duration: '2h', justification: 'INC-1' });
    const error = finished.error as { code: string; message: string; fix: string };
    assert.equal(error.code, 'duration-over-max');
    assert.equal(error.message, `2 h is over the maximum of 1 h (PT1H) set by your administrator's policy (${HKLM}).`);
    assert.equal(error.fix, 'Ask for 1 h or less.');
    assert.equal(await initiates(), before, 'nothing was requested');
  });

  test('no justification where one is required: refused before any request, with the fix', async () => {
    const before = await initiates();
    const finished = await connectTo({});
    const error = finished.error as { code: string; message: string; fix: string };
    assert.match(error.message, /justification is required by your administrator's policy/);
    assert.match(error.fix, /Say why you need access/);
    assert.equal(await initiates(), before, 'nothing was requested');
  });

  test('within the cap: granted for the cap by default; extend held to the cap too', async () => {
    const finished = await connectTo({ justification: 'INC-2' });
    assert.equal(finished.error, undefined, JSON.stringify(finished.error));
    const g = (finished.grants as Array<{ startTimeUtc: string; endTimeUtc: string }>)[0]!;
    const minutes = (Date.parse(g.endTimeUtc) - Date.parse(g.startTimeUtc)) / 60_000;
    assert.ok(Math.abs(minutes - 60) < 2, `about an hour (the cap), got ${minutes} min`);
    const before = await initiates();
    await assert.rejects(
      app.call('grants:extend', { vmId: fs01, port: 3389, duration: '90m' }),
      (e) =>
        e instanceof AppError && e.code === 'duration-over-max' && /set by your administrator's policy/.test(e.message),
    );
    assert.equal(await initiates(), before, 'the refused extension requested nothing');
    const extended = await app.call('grants:extend', { vmId: fs01, port: 3389 });
    assert.ok(Date.parse(extended.endTimeUtc) - Date.now() <= 3600_000 + 120_000, 'the default extension is the cap');
  });

  test('VPN only: a public source asked for is refused before any request', async () => {
    writeFileSync(app.policyFile, JSON.stringify({ vpnOnly: true }));
    try {
      const before = await initiates();
      const { connectId } = await app.call('connect:start', {
        targets: [{ vmId: fs01 }],
        source: 'public',
        justification: 'INC-3',
        launch: false,
      });
      const finished = await until('connect:finished', () =>
        app.of('connect:finished').find((e) => e.connectId === connectId),
      );
      assert.match(
        String((finished.error as { message: string }).message),
        /"public" is not allowed here \(allowed: vpn-only\)/,
      );
      assert.equal(await initiates(), before, 'nothing was requested');
      assert.ok((await app.call('settings:get', {})).managed.includes('sourceMode'));
    } finally {
      writeFileSync(app.policyFile, JSON.stringify({ updateChannel: 'none', maxDuration: 'PT2H' }));
    }
  });

  test('sign-in is held to the policy’s tenant: another one asked for is refused', async () => {
    await assert.rejects(
      app.call('session:signIn', { method: 'device-code', tenant: 'fabrikam.onmicrosoft.com' }),
      (e) => e instanceof AppError && /limited to tenant/.test(e.message) && e.message.includes(sim.profile.tenantId!),
    );
  });

  test('a cloud other than the policy’s is refused at the first call that needs it, naming the policy', async () => {
    const other = await appOn(sim, { registryPolicy: [{ source: HKLM, values: { cloud: 'AzureUSGovernment' } }] });
    try {
      await assert.rejects(
        other.call('session:get', {}),
        (e) =>
          e instanceof AppError &&
          e.message ===
            `This app is limited to the cloud AzureUSGovernment by your administrator's policy (${HKLM}); AzureSimulator was asked for.`,
      );
    } finally {
      await other.service.dispose();
    }
  });
});
