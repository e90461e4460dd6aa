/**
 * Connect's errors against the simulator: each clear (its code, and words naming what to do) and leaving nothing
 * half-done — a request refused before sending sends nothing; a wait that fails stops reading.
 */
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Simulator } from '../../../../electron/azure-sim/index';
import { DEMO } from '../../../../electron/azure-sim/seeds/demo';
import type { AppError } from '../../../../shared/errors/app-error';
import type { Vm } from '../../../../shared/domain/types';
import { sdkClients } from '../../../fixtures/sdk';
import { control, startTestSim } from '../../../fixtures/sim';
import { until } from '../../../fixtures/wait';
import { publicSource, runConnect, vmsOf, vpnSource } from './connect-helpers';

type Call = { method: string; path: string; status: number };

describe('connect errors', () => {
  let sim: Simulator;
  let vms: Map<string, Vm>;
  const calls = async () => (await control(sim, '/calls', undefined, 'GET')) as Call[];
  const initiates = async () => (await calls()).filter((c) => c.method === 'POST' && /\/initiate/i.test(c.path));
  const fast = { firstMs: 50, maxMs: 150, probeEveryMs: 50 };
  const fs01 = () => vms.get('vm-fs01')!;
  const rejects = async (run: Promise<unknown>, code: string, words: RegExp) => {
    const err = (await run.then(
      () => assert.fail('expected an error'),
      (e: unknown) => e,
    )) as AppError;
    assert.equal(err.code, code, `${err.code}: ${err.message}`);
    assert.match(`${err.message} ${err.fix ?? ''}`, words);
    return err;
  };

  before(async () => {
    sim = await startTestSim();
    vms = await vmsOf(sim, 'helpdesk');
  });
  beforeEach(async () => {
    await control(sim, '/reset', { seed: 'demo' });
    await control(sim, '/settings', { propagationMs: 0, dataplaneLagMs: 0, blockedPorts: [] });
    await control(sim, '/faults', undefined, 'DELETE');
    await control(sim, '/calls', undefined, 'DELETE');
  });
  after(() => sim?.close());

  test('over the maximum: names the maximum; nothing sent', async () => {
    await rejects(
      runConnect(sim, 'helpdesk', { targets: [{ vm: fs01() }], chooseSource: vpnSource(DEMO.p2sPool), duration: '2d' }),
      'duration-over-max',
      /maximum of \d+ h/,
    );
    assert.equal((await initiates()).length, 0);
  });

  test('a port the policy lacks: lists those it has; nothing sent', async () => {
    await rejects(
      runConnect(sim, 'helpdesk', { targets: [{ vm: fs01(), port: 8080 }], chooseSource: vpnSource(DEMO.p2sPool) }),
      'port-not-in-policy',
      /3389, 5985, 5986/,
    );
    assert.equal((await initiates()).length, 0);
  });

  test('Contoso Finance: a 403 naming the initiate action', async () => {
    await rejects(
      runConnect(sim, 'helpdesk', { targets: [{ vm: vms.get('vm-fin01')! }], chooseSource: vpnSource(DEMO.p2sPool) }),
      'missing-permission',
      /jitNetworkAccessPolicies\/initiate\/action/,
    );
  });

  test('a deallocated VM: says so and offers --start; nothing read or sent', async () => {
    await rejects(
      runConnect(sim, 'helpdesk', { targets: [{ vm: vms.get('vm-test01')! }], chooseSource: vpnSource(DEMO.p2sPool) }),
      'vm-not-running',
      /deallocated.*Start it first/s,
    );
    assert.equal((await calls()).length, 0);
  });

  test('a mistake in the second VM sends nothing for the first', async () => {
    await rejects(
      runConnect(sim, 'helpdesk', {
        targets: [{ vm: fs01() }, { vm: vms.get('vm-web01')!, port: 3389 }],
        chooseSource: vpnSource(DEMO.p2sPool),
      }),
      'port-not-in-policy',
      /22/,
    );
    assert.equal((await initiates()).length, 0);
  });

  test('the policy deleted mid-wait: a clear error, and the wait stops', async () => {
    await control(sim, '/settings', { propagationMs: 600_000 });
    let waiting = false;
    // The public path: with the policy (and its deny rules) gone, the VPN would be let in by AllowVnetInBound.
    const run = runConnect(sim, 'helpdesk', {
      targets: [{ vm: vms.get('vm-web01')! }],
      chooseSource: publicSource,
      timing: fast,
      onProgress: (e) => (waiting ||= e.step === 'waiting-for-rule'),
    });
    await until('waiting', () => (waiting ? true : undefined));
    const { security } = sdkClients(sim, 'admin');
    await security.jitNetworkAccessPolicies.delete('rg-servers', DEMO.location, 'default');
    await rejects(run, 'jit-not-enabled', /deleted while waiting/);
    const n = (await calls()).length;
    await new Promise((r) => setImmediate(r));
    assert.equal((await calls()).length, n, 'no reads after the error');
  });

  test('a rule that never appears: a timeout naming the request and what was seen', async () => {
    await control(sim, '/settings', { propagationMs: 600_000 });
    await rejects(
      runConnect(sim, 'helpdesk', {
        targets: [{ vm: fs01() }],
        chooseSource: vpnSource(DEMO.p2sPool),
        timing: fast,
        timeoutMs: 700,
      }),
      'rule-timeout',
      /port 3389 on VM-FS01 from 10\.13\.1\.0\/24 \(request of .* in policy 'default'\).*denied by MicrosoftDefenderForCloud-JITRule_/,
    );
  });

  test('the rule live but the port closed: its own error naming what may block it', async () => {
    await control(sim, '/settings', { blockedPorts: [{ vm: 'VM-FS01', port: 3389 }] });
    await rejects(
      runConnect(sim, 'helpdesk', {
        targets: [{ vm: fs01() }],
        chooseSource: vpnSource(DEMO.p2sPool),
        timing: fast,
        reachTimeoutMs: 600,
      }),
      'port-blocked',
      /rule .* is live .*Virtual Network Manager/,
    );
  });

  test('cancel mid-wait: cancelled at once', async () => {
    await control(sim, '/settings', { propagationMs: 600_000 });
    const ac = new AbortController();
    const run = runConnect(sim, 'helpdesk', {
      targets: [{ vm: fs01() }],
      chooseSource: vpnSource(DEMO.p2sPool),
      signal: ac.signal,
      onProgress: (e) => {
        if (e.step === 'waiting-for-rule') setImmediate(() => ac.abort());
      },
    });
    const started = Date.now();
    await rejects(run, 'cancelled', /Cancelled/);
    assert.ok(Date.now() - started < 2000);
  });

  test('a 429 storm while waiting: Retry-After honoured, and the connect still completes', async () => {
    await control(sim, '/settings', { propagationMs: 400 });
    await control(sim, '/faults', {
      method: 'GET',
      pathIncludes: 'networkSecurityGroups',
      status: 429,
      retryAfterSeconds: 0,
      times: 6,
    });
    const { result } = await runConnect(sim, 'helpdesk', {
      targets: [{ vm: fs01() }],
      chooseSource: vpnSource(DEMO.p2sPool),
      timing: fast,
    });
    assert.equal(result.connections[0]!.grant.source, DEMO.p2sPool);
    assert.ok((await calls()).filter((c) => c.status === 429).length >= 6);
  });

  test('a 429 storm that does not end: the timeout says ARM throttled', async () => {
    await control(sim, '/settings', { propagationMs: 600_000 });
    await control(sim, '/faults', {
      method: 'GET',
      pathIncludes: 'networkSecurityGroups',
      status: 429,
      retryAfterSeconds: 0,
      times: 10_000,
    });
    await rejects(
      runConnect(sim, 'helpdesk', {
        targets: [{ vm: fs01() }],
        chooseSource: vpnSource(DEMO.p2sPool),
        timing: fast,
        timeoutMs: 800,
      }),
      'rule-timeout',
      /throttled/,
    );
  });
});
