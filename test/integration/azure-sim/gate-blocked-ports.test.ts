/**
 * Something other than JIT blocks the port: an Azure Virtual Network Manager security admin rule (simulated with the
 * control API's `blockedPorts`) keeps the gate shut while ARM shows the JIT allow rule, so a client can tell
 * "rule live, port closed" apart from "rule not there yet". Also the data-plane lag as a random range.
 */
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { NetworkManagementClient } from '@azure/arm-network';
import type { SecurityCenter } from '@azure/arm-security';
import type { Simulator } from '../../../electron/azure-sim/index';
import { DEMO } from '../../../electron/azure-sim/seeds/demo';
import { gateEndpoints, tryConnect } from '../../fixtures/gate';
import { sdkClients } from '../../fixtures/sdk';
import { control, simFetch, startTestSim } from '../../fixtures/sim';
import { until } from '../../fixtures/wait';

const vmId = (name: string) =>
  `/subscriptions/${DEMO.prodSubscriptionId}/resourceGroups/rg-servers/providers/Microsoft.Compute/virtualMachines/${name}`;

/** True when a TCP connection to host:port is accepted (then closed), false when refused. */
async function accepts(hostPort: string): Promise<boolean> {
  const sock = await tryConnect(hostPort);
  if (sock === 'refused') return false;
  sock.destroy();
  return true;
}

describe('ports blocked outside JIT (security admin rules)', () => {
  let sim: Simulator;
  let security: SecurityCenter;
  let network: NetworkManagementClient;
  const dial = (key: string) => sim.profile.addressMap![key]!;
  const reason = async (key: string) => {
    return (await gateEndpoints(sim)).find((e) => e.dial === key)!;
  };
  const initiate = (port: number) =>
    security.jitNetworkAccessPolicies.initiate('rg-servers', DEMO.location, 'default', {
      virtualMachines: [
        {
          id: vmId('VM-FS01'),
          ports: [
            { number: port, endTimeUtc: new Date(Date.now() + 3600_000), allowedSourceAddressPrefix: DEMO.p2sPool },
          ],
        },
      ],
    });
  const allowRuleFor = (port: number) =>
    until(`the allow rule for ${port} in ARM`, async () => {
      const nsg = await network.networkSecurityGroups.get('rg-servers', 'VM-FS01-nsg');
      return nsg.securityRules?.find((r) => r.access === 'Allow' && r.destinationPortRange === String(port));
    });

  before(async () => {
    sim = await startTestSim();
    ({ security, network } = sdkClients(sim, 'helpdesk'));
  });
  beforeEach(async () => {
    await control(sim, '/reset', { seed: 'demo' });
    await control(sim, '/settings', { blockedPorts: [], dataplaneLagMs: 0 });
  });
  after(() => sim?.close());

  test('the JIT rule appears in ARM but the gate refuses the blocked VM port; other ports and clearing it open', async () => {
    await control(sim, '/settings', { blockedPorts: [{ vm: 'VM-FS01', port: 3389 }] });
    const req = await initiate(3389);
    assert.equal(req.virtualMachines[0]!.ports[0]!.status, 'Initiating');
    const rule = await allowRuleFor(3389);
    assert.match(rule.name!, /^MicrosoftDefenderForCloud-JITRule-/);
    const policy = await security.jitNetworkAccessPolicies.get('rg-servers', DEMO.location, 'default');
    assert.equal(policy.requests![0]!.virtualMachines[0]!.ports[0]!.status, 'Initiated', 'JIT says the rule is live');
    const ep = await until('the gate to judge the port', async () => {
      const e = await reason('10.10.1.4:3389');
      return /security admin rule/.test(e.reason) ? e : undefined;
    });
    assert.equal(ep.allowed, false);
    assert.equal(await accepts(dial('10.10.1.4:3389')), false, 'refused while the rule is live');

    await initiate(5985);
    await allowRuleFor(5985);
    await until('5985 to open', async () => ((await accepts(dial('10.10.1.4:5985'))) ? true : undefined));

    await control(sim, '/settings', { blockedPorts: [] });
    await until('3389 to open once unblocked', async () =>
      (await accepts(dial('10.10.1.4:3389'))) ? true : undefined,
    );
  });

  test('blockedPorts names a VM by name or resource id; an unknown VM is a 400', async () => {
    const ok = await simFetch(sim, '/_sim/settings', {
      method: 'POST',
      body: {
        blockedPorts: [
          { vm: vmId('VM-FS01').toLowerCase(), port: 3389 },
          { vm: 'vm-web01', port: 22 },
        ],
      },
    });
    assert.equal(ok.status, 200, ok.text);
    assert.equal((ok.body as { blockedPorts: unknown[] }).blockedPorts.length, 2);
    const bad = await simFetch(sim, '/_sim/settings', {
      method: 'POST',
      body: { blockedPorts: [{ vm: 'vm-nope', port: 1 }] },
    });
    assert.equal(bad.status, 400);
    assert.match(bad.text, /no VM 'vm-nope'/);
  });

  test('a data-plane lag range opens the gate within its bounds after the rule appears', async () => {
    await control(sim, '/settings', { dataplaneLagMs: { min: 300, max: 600 } });
    await initiate(3389);
    await allowRuleFor(3389);
    const ruleAt = Date.now();
    await until('the gate to open', async () => ((await accepts(dial('10.10.1.4:3389'))) ? true : undefined));
    const after = Date.now() - ruleAt;
    assert.ok(after >= 250, `opened ${after} ms after the rule was seen`);
  });
});
