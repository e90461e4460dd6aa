/**
 * JIT state survives a restart with --state-dir: grants, their pending rule appearances and their expiries are
 * re-armed from the saved policies; what fell due while the simulator was down applies at once on start; deny
 * rules are not duplicated.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Simulator } from '../../../electron/azure-sim/index';
import { DEMO } from '../../../electron/azure-sim/seeds/demo';
import { sdkClients } from '../../fixtures/sdk';
import { control, startTestSim, tempDir } from '../../fixtures/sim';
import { until } from '../../fixtures/wait';

const vmId = (name: string) =>
  `/subscriptions/${DEMO.prodSubscriptionId}/resourceGroups/rg-servers/providers/Microsoft.Compute/virtualMachines/${name}`;
const ALLOW_RE = /^(?:MicrosoftDefenderForCloud|SecurityCenter)-JITRule-/;
const DENY_RE = /^(?:MicrosoftDefenderForCloud|SecurityCenter)-JITRule_/;

function clients(sim: Simulator) {
  const { security, network } = sdkClients(sim, 'helpdesk');
  const rules = async (nsg: string, rg: string) =>
    (await network.networkSecurityGroups.get(rg, nsg)).securityRules ?? [];
  return {
    security,
    allow: async (nsg: string, rg = 'rg-servers') => (await rules(nsg, rg)).filter((r) => ALLOW_RE.test(r.name ?? '')),
    deny: async (nsg: string, rg = 'rg-servers') => (await rules(nsg, rg)).filter((r) => DENY_RE.test(r.name ?? '')),
    statuses: async () => {
      const p = await security.jitNetworkAccessPolicies.get('rg-servers', DEMO.location, 'default');
      return Object.fromEntries(
        (p.requests ?? []).map((r) => [
          r.virtualMachines[0]!.id.split('/').pop()!,
          `${r.virtualMachines[0]!.ports[0]!.status}/${r.virtualMachines[0]!.ports[0]!.statusReason}`,
        ]),
      );
    },
    initiate: (sim: Simulator, vm: string, port: number, minutes: number) =>
      security.jitNetworkAccessPolicies.initiate('rg-servers', DEMO.location, 'default', {
        virtualMachines: [
          {
            id: vmId(vm),
            ports: [
              {
                number: port,
                endTimeUtc: new Date(sim.ctx.clock.nowMs() + minutes * 60_000),
                allowedSourceAddressPrefix: DEMO.p2sPool,
              },
            ],
          },
        ],
      }),
  };
}

test('grants, pending rules and expiries survive a restart; due work applies at once on start', async () => {
  const stateDir = tempDir('jit-state-');
  const a = await startTestSim({ stateDir });
  try {
    const c = clients(a);
    await c.initiate(a, 'vm-sql01', 3389, 10); // propagation 0: applied before the restart, due to expire during the downtime
    // vm-sql01 has only a subnet NSG (in rg-network).
    await until('the sql01 allow rule', async () =>
      (await c.allow('nsg-snet-data', 'rg-network')).length === 1 ? true : undefined,
    );
    await control(a, '/settings', { propagationMs: 5 * 60_000 });
    await c.initiate(a, 'VM-FS01', 3389, 60); // its rule falls due during the downtime
    await control(a, '/settings', { propagationMs: 30 * 60_000 });
    await c.initiate(a, 'vm-web01', 22, 120); // still pending after the restart
    assert.deepEqual(await c.allow('VM-FS01-nsg'), []);
  } finally {
    await a.close();
  }

  // The simulator was down for 15 minutes of simulated time.
  const file = join(stateDir, 'state.json');
  const saved = JSON.parse(readFileSync(file, 'utf8')) as { clockOffsetMs: number };
  saved.clockOffsetMs += 15 * 60_000;
  writeFileSync(file, JSON.stringify(saved));

  const b = await startTestSim({ stateDir });
  try {
    const c = clients(b);
    const statuses = await c.statuses();
    assert.equal(statuses['vm-sql01'], 'Revoked/Expired', 'a past-due expiry applied at once on start');
    assert.deepEqual(await c.allow('nsg-snet-data', 'rg-network'), [], 'its rule is gone');
    assert.equal((await c.deny('nsg-snet-data', 'rg-network')).length, 1, 'deny rules are not duplicated by start()');
    assert.equal((await c.allow('VM-FS01-nsg')).length, 1, 'a rule that fell due during the downtime appears at once');
    assert.equal((await c.deny('VM-FS01-nsg')).length, 1);
    assert.deepEqual(await c.allow('vm-web01-nsg'), [], 'a rule still propagating is not there yet');
    assert.equal(statuses['vm-web01'], 'Initiating/UserRequested', 'still Initiating after the restart');
    assert.equal(statuses['VM-FS01'], 'Initiated/UserRequested', 'Initiated once its rule appeared on start');

    await control(b, '/clock/advance', { seconds: 16 * 60 });
    assert.equal((await c.allow('vm-web01-nsg')).length, 1, 'the re-armed appearance fires');
    await control(b, '/clock/advance', { seconds: 30 * 60 });
    assert.deepEqual(await c.allow('VM-FS01-nsg'), [], 'the re-armed expiry fires');
    const after = await c.statuses();
    assert.equal(after['VM-FS01'], 'Revoked/Expired');
    assert.equal(after['vm-web01'], 'Initiated/UserRequested');
    // Nothing internal leaks through the SDK model either.
    const p = await c.security.jitNetworkAccessPolicies.get('rg-servers', DEMO.location, 'default');
    assert.ok(!JSON.stringify(p).includes('_rule'));
  } finally {
    await b.close();
  }
});
