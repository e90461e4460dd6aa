/**
 * The TCP gate over a Virtual WAN point-to-site VPN: vm-branch01 (10.41.1.4) sits in vnet-branch, connected to hub
 * vhub-weu whose P2S pool is 10.50.0.0/24. The demo client starts on the VNet-gateway VPN (10.13.1.7), which does not
 * reach that VNet; a test puts it on the vWAN VPN with the control API's `clientInterfaces`. An echo server on
 * 127.0.0.1 is the VM's backend; every wait polls with a deadline.
 */
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import type { SecurityCenter } from '@azure/arm-security';
import type { Simulator } from '../../../electron/azure-sim/index';
import { judge } from '../../../electron/azure-sim/gate/reachability';
import type { ArmResource, NsgProperties } from '../../../electron/azure-sim/model/resources';
import { DEMO } from '../../../electron/azure-sim/seeds/demo';
import { gateEndpoints, startEcho, tryConnect } from '../../fixtures/gate';
import { sdkClients } from '../../fixtures/sdk';
import { control, simFetch, startTestSim } from '../../fixtures/sim';
import { until } from '../../fixtures/wait';

const KEY = '10.41.1.4:3389';
const VM_ID = `/subscriptions/${DEMO.connectivitySubscriptionId}/resourceGroups/rg-branch/providers/Microsoft.Compute/virtualMachines/vm-branch01`;
const ON_VWAN = [
  { name: 'eth0', address: '192.168.1.20' },
  { name: 'AzureVPN-vWAN', address: DEMO.vwanVpnClientIp },
];

describe('TCP gate over a Virtual WAN P2S VPN', () => {
  let sim: Simulator;
  let echo: Awaited<ReturnType<typeof startEcho>>;
  let security: SecurityCenter;
  const sockets: net.Socket[] = [];

  const gate = () => {
    const v = sim.profile.addressMap?.[KEY];
    assert.ok(v, `no addressMap entry for ${KEY}`);
    return v;
  };
  const judged = (re: RegExp) =>
    until(`${KEY} judged ${re}`, async () => {
      const ep = (await gateEndpoints(sim)).find((e) => e.dial === KEY);
      return ep && re.test(ep.reason) ? ep : undefined;
    });
  const refused = async () => {
    const r = await tryConnect(gate());
    if (r !== 'refused') {
      r.destroy();
      assert.fail(`${KEY} accepted a connection`);
    }
  };
  const initiate = (source: string) =>
    security.jitNetworkAccessPolicies.initiate('rg-branch', DEMO.location, 'default', {
      virtualMachines: [
        {
          id: VM_ID,
          ports: [
            {
              number: 3389,
              endTimeUtc: new Date(sim.ctx.clock.nowMs() + 3600_000),
              allowedSourceAddressPrefix: source,
            },
          ],
        },
      ],
    });

  before(async () => {
    echo = await startEcho();
    sim = await startTestSim({ backends: { 'vm-branch01:3389': echo.address } });
    security = sdkClients(sim, 'helpdesk', DEMO.connectivitySubscriptionId).security;
  });
  beforeEach(async () => {
    sockets.splice(0).forEach((s) => s.destroy());
    await control(sim, '/reset', { seed: 'demo' });
    await control(sim, '/settings', { propagationMs: 0, dataplaneLagMs: 0 });
  });
  after(async () => {
    sockets.splice(0).forEach((s) => s.destroy());
    await sim?.close();
    await echo.close();
  });

  test('on the VNet-gateway VPN only, the hub-connected VM has no route', async () => {
    const ep = await judged(/no route/);
    assert.equal(ep.open, false);
    await refused();
  });

  test('a client on the vWAN pool reaches the VM once JIT allows its pool, and not before', async () => {
    await control(sim, '/settings', { clientInterfaces: ON_VWAN });
    await judged(/denied by vm-branch01-nsg/);
    await refused();
    const answer = await initiate(DEMO.vwanP2sPool);
    assert.equal(answer.virtualMachines[0]?.ports[0]?.allowedSourceAddressPrefix, DEMO.vwanP2sPool);
    const sock = await until(`${KEY} to accept`, async () => {
      const r = await tryConnect(gate());
      if (r === 'refused') return undefined;
      sockets.push(r);
      return r;
    });
    const reply = await new Promise<string>((resolve) => {
      sock.once('data', (d: Buffer) => resolve(d.toString()));
      sock.write('hello over vWAN');
    });
    assert.equal(reply, 'hello over vWAN');
    const ep = await judged(/allowed by vm-branch01-nsg/);
    assert.equal(ep.source, DEMO.vwanVpnClientIp);
  });

  test('a grant for the other VPN pool does not open the vWAN path', async () => {
    await control(sim, '/settings', { clientInterfaces: ON_VWAN });
    await initiate(DEMO.p2sPool);
    const nsgId = `/subscriptions/${DEMO.connectivitySubscriptionId}/resourceGroups/rg-branch/providers/Microsoft.Network/networkSecurityGroups/vm-branch01-nsg`;
    await until('the JIT allow rule for the other pool', () =>
      sim.ctx.estate
        .get<ArmResource<NsgProperties>>(nsgId)
        ?.properties.securityRules.some(
          (r) => r.properties.access === 'Allow' && r.properties.sourceAddressPrefix === DEMO.p2sPool,
        )
        ? true
        : undefined,
    );
    // Judged now, with the allow rule in place: the client's vWAN address is not in the granted pool.
    const now = judge(sim.ctx.estate, { vmId: VM_ID, port: 3389, kind: 'private', dialIp: '10.41.1.4' });
    assert.equal(now.open, false);
    assert.equal(now.source, DEMO.vwanVpnClientIp);
    assert.match(now.reason, /denied by vm-branch01-nsg/);
    await judged(/denied by vm-branch01-nsg/);
    await refused();
  });

  test('clientInterfaces is validated', async () => {
    const bad = await simFetch(sim, '/_sim/settings', {
      method: 'POST',
      body: { clientInterfaces: [{ name: 'vpn', address: 'not-an-ip' }] },
    });
    assert.equal(bad.status, 400, bad.text);
  });
});
