/** The gate's reachability decision on the demo estate: VPN routes, public path, firewall DNAT, power, both NSGs. */
import { afterEach, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createContext, type SimContext } from '../../../../electron/azure-sim/context';
import { JitEngine } from '../../../../electron/azure-sim/jit/engine';
import {
  gatewaysServing,
  hubsServing,
  judge,
  tagContext,
  vpnPath,
  type DialTarget,
} from '../../../../electron/azure-sim/gate/reachability';
import { vmTopology } from '../../../../electron/azure-sim/model/topology';
import { hubConnections } from '../../../../electron/azure-sim/model/virtual-wan';
import { inboundRule } from '../../../../electron/azure-sim/seeds/nsg-builders';
import { demoEstate, DEMO } from '../../../../electron/azure-sim/seeds/demo';
import type { ArmResource, NsgProperties, VnetProperties } from '../../../../electron/azure-sim/model/resources';

const vmId = (name: string, rg = 'rg-servers', sub: string = DEMO.prodSubscriptionId) =>
  `/subscriptions/${sub}/resourceGroups/${rg}/providers/Microsoft.Compute/virtualMachines/${name}`;
const params = (rg = 'rg-servers') => ({
  subscriptionId: DEMO.prodSubscriptionId,
  resourceGroup: rg,
  location: DEMO.location,
  policyName: 'default',
});

describe('gate reachability (demo estate)', () => {
  let ctx: SimContext;
  let engine: JitEngine;
  const target = (name: string, port: number, kind: DialTarget['kind'] = 'private', rg = 'rg-servers'): DialTarget => {
    const topo = vmTopology(ctx.estate, vmId(name, rg))!;
    const dialIp = kind === 'private' ? topo.privateIp : kind === 'public' ? topo.publicIp! : DEMO.firewallPublicIp;
    return { vmId: topo.vm.id, port, kind, dialIp };
  };
  const grant = (name: string, port: number, source?: string, rg = 'rg-servers') => {
    engine.initiate(
      params(rg),
      {
        virtualMachines: [
          {
            id: vmId(name, rg),
            ports: [
              {
                number: port,
                endTimeUtc: new Date(ctx.clock.nowMs() + 3600_000).toISOString(),
                ...(source ? { allowedSourceAddressPrefix: source } : {}),
              },
            ],
          },
        ],
      },
      'test@contoso.com',
    );
    ctx.clock.advance(0); // the propagation delay is 0: the rule appears on the next due-timer run
  };

  beforeEach(() => {
    ctx = createContext(demoEstate());
    engine = new JitEngine(ctx);
    engine.start();
  });
  afterEach(() => {
    engine.stop();
    ctx.clock.dispose();
  });

  test('the P2S client reaches the hub and, through gateway transit, the spoke; not the unpeered finance VNet', () => {
    const hub = vmTopology(ctx.estate, vmId('VM-FS01'))!.vnet!;
    const spoke = vmTopology(ctx.estate, vmId('vm-app01', 'rg-app'))!.vnet!;
    const fin = vmTopology(ctx.estate, vmId('vm-fin01', 'rg-finance', DEMO.financeSubscriptionId))!.vnet!;
    assert.deepEqual(vpnPath(ctx.estate, hub, ctx.estate.client.interfaces), {
      clientIp: DEMO.vpnClientIp,
      pool: DEMO.p2sPool,
      gatewayId: gatewaysServing(ctx.estate, hub)[0]!.id,
    });
    assert.equal(vpnPath(ctx.estate, spoke, ctx.estate.client.interfaces)?.clientIp, DEMO.vpnClientIp);
    assert.equal(vpnPath(ctx.estate, fin, ctx.estate.client.interfaces), undefined);
    assert.equal(
      vpnPath(ctx.estate, hub, [{ address: '192.168.1.20' }]),
      undefined,
      'off the VPN there is no private path',
    );
    assert.ok(tagContext(ctx.estate, spoke).virtualNetwork.includes(DEMO.p2sPool));
    assert.ok(
      tagContext(ctx.estate, spoke).virtualNetwork.includes('10.10.0.0/16'),
      'the peered hub is VirtualNetwork',
    );
    // Without useRemoteGateways on the spoke side, the spoke is not reachable over the hub's VPN.
    (spoke as ArmResource<VnetProperties>).properties.virtualNetworkPeerings[0]!.properties.useRemoteGateways = false;
    assert.equal(vpnPath(ctx.estate, spoke, ctx.estate.client.interfaces), undefined);
  });

  test('a VNet connected to a Virtual WAN hub is reached from the hub P2S pool only, while the connection is up', () => {
    const branch = vmTopology(ctx.estate, vmId('vm-branch01', 'rg-branch', DEMO.connectivitySubscriptionId))!.vnet!;
    const onVwan = [{ address: '192.168.1.20' }, { address: DEMO.vwanVpnClientIp }];
    assert.equal(vpnPath(ctx.estate, branch, ctx.estate.client.interfaces), undefined, 'the VNet-gateway pool');
    const path = vpnPath(ctx.estate, branch, onVwan);
    assert.equal(path?.clientIp, DEMO.vwanVpnClientIp);
    assert.equal(path?.pool, DEMO.vwanP2sPool);
    assert.match(String(path?.gatewayId), /\/p2sVpnGateways\/p2sgw-weu$/);
    assert.deepEqual(
      hubsServing(ctx.estate, branch).map((h) => [h.hubPrefix, h.pools]),
      [['10.200.0.0/23', [DEMO.vwanP2sPool]]],
    );
    const tags = tagContext(ctx.estate, branch).virtualNetwork;
    assert.ok(tags.includes(DEMO.vwanP2sPool) && tags.includes('10.200.0.0/23'), tags.join(','));
    // The vWAN pool does not reach the VNet-gateway hub, and a failed hub connection carries no traffic.
    const hub = vmTopology(ctx.estate, vmId('VM-FS01'))!.vnet!;
    assert.equal(vpnPath(ctx.estate, hub, [{ address: DEMO.vwanVpnClientIp }]), undefined);
    const vhub = ctx.estate.list<ArmResource>('Microsoft.Network/virtualHubs')[0]!;
    hubConnections(vhub)[0]!.properties.provisioningState = 'Failed';
    assert.equal(vpnPath(ctx.estate, branch, onVwan), undefined);
  });

  test('JIT deny rules block the VPN until a grant; the grant opens exactly the requested port', () => {
    assert.match(
      judge(ctx.estate, target('VM-FS01', 3389)).reason,
      /denied by VM-FS01-nsg rule MicrosoftDefenderForCloud-JITRule_/,
    );
    grant('VM-FS01', 3389, DEMO.p2sPool);
    const j = judge(ctx.estate, target('VM-FS01', 3389));
    assert.equal(j.open, true, j.reason);
    assert.equal(j.source, DEMO.vpnClientIp);
    assert.equal(judge(ctx.estate, target('VM-FS01', 5985)).open, false);
  });

  test("vm-sql01's pre-2023 deny rule (SecurityCenter-JITRule) blocks too, and a grant opens it", () => {
    assert.match(
      judge(ctx.estate, target('vm-sql01', 3389)).reason,
      /denied by nsg-snet-data rule SecurityCenter-JITRule_/,
    );
    grant('vm-sql01', 3389, DEMO.p2sPool);
    assert.equal(judge(ctx.estate, target('vm-sql01', 3389)).open, true);
  });

  test('a port blocked outside JIT (a security admin rule) stays shut while the JIT rule allows it', () => {
    grant('VM-FS01', 3389, DEMO.p2sPool);
    const blocked = [{ vm: 'vm-fs01', port: 3389 }];
    const j = judge(ctx.estate, target('VM-FS01', 3389), blocked);
    assert.equal(j.open, false);
    assert.match(j.reason, /security admin rule \(Azure Virtual Network Manager\)/);
    assert.equal(
      judge(ctx.estate, target('VM-FS01', 3389), [{ vm: vmId('VM-FS01').toUpperCase(), port: 3389 }]).open,
      false,
      'by id, any case',
    );
    assert.equal(
      judge(ctx.estate, target('VM-FS01', 3389), [{ vm: 'VM-FS01', port: 22 }]).open,
      true,
      'other ports do not count',
    );
    assert.equal(
      judge(ctx.estate, target('VM-FS01', 3389), [{ vm: 'vm-web01', port: 3389 }]).open,
      true,
      'nor other VMs',
    );
  });

  test('a grant listing several sources opens for each of them (sourceAddressPrefixes)', () => {
    engine.initiate(
      params(),
      {
        virtualMachines: [
          {
            id: vmId('vm-web01'),
            ports: [
              {
                number: 22,
                endTimeUtc: new Date(ctx.clock.nowMs() + 3600_000).toISOString(),
                allowedSourceAddressPrefixes: [DEMO.p2sPool, DEMO.publicClientIp],
              },
            ],
          },
        ],
      },
      'test@contoso.com',
    );
    ctx.clock.advance(0);
    assert.equal(judge(ctx.estate, target('vm-web01', 22)).open, true, 'from the VPN');
    assert.equal(judge(ctx.estate, target('vm-web01', 22, 'public')).open, true, 'from the public address');
  });

  test('the public path judges the client public address: a VPN-only grant does not open it', () => {
    grant('vm-web01', 22, DEMO.p2sPool);
    assert.equal(judge(ctx.estate, target('vm-web01', 22)).open, true);
    const pub = judge(ctx.estate, target('vm-web01', 22, 'public'));
    assert.equal(pub.open, false);
    assert.equal(pub.source, DEMO.publicClientIp);
    grant('vm-web01', 22, DEMO.publicClientIp);
    assert.equal(judge(ctx.estate, target('vm-web01', 22, 'public')).open, true);
  });

  test('a VM with NSGs on subnet and NIC needs an allow in both', () => {
    const topo = vmTopology(ctx.estate, vmId('vm-dc01'))!;
    assert.deepEqual(
      topo.nsgs.map((n) => n.name),
      ['nsg-snet-identity', 'vm-dc01-nsg'],
    );
    const [subnetNsg, nicNsg] = topo.nsgs as [ArmResource<NsgProperties>, ArmResource<NsgProperties>];
    nicNsg.properties.securityRules.push(inboundRule(nicNsg.id, 'manual-allow', 200, 'Allow', '3389', DEMO.p2sPool));
    assert.match(judge(ctx.estate, target('vm-dc01', 3389)).reason, /denied by nsg-snet-identity/);
    subnetNsg.properties.securityRules.push(
      inboundRule(subnetNsg.id, 'manual-allow', 200, 'Allow', '3389', DEMO.p2sPool),
    );
    assert.equal(judge(ctx.estate, target('vm-dc01', 3389)).open, true);
  });

  test('a VM without JIT is open to VPN clients by AllowVnetInBound unless a user rule denies it', () => {
    const t = target('vm-build01', 22);
    assert.match(judge(ctx.estate, t).reason, /AllowVnetInBound/);
    const nsg = vmTopology(ctx.estate, t.vmId)!.nsgs[0]!;
    nsg.properties.securityRules.push(inboundRule(nsg.id, 'Deny-SSH', 1000, 'Deny', '22', '*'));
    assert.match(judge(ctx.estate, t).reason, /Deny-SSH/);
  });

  test('firewall path: only while a JIT grant covering the client public address is live', () => {
    const fw = target('vm-legacy01', 3389, 'firewall');
    assert.match(judge(ctx.estate, fw).reason, /no JIT DNAT rule/);
    grant('vm-legacy01', 3389, DEMO.p2sPool);
    assert.match(judge(ctx.estate, fw).reason, /no JIT DNAT rule/, 'a VPN-only grant does not cover the public client');
    grant('vm-legacy01', 3389); // source omitted: the caller's public address
    assert.equal(judge(ctx.estate, fw).open, true);
  });

  test('a VM that is not running stays closed even with a grant', () => {
    grant('vm-test01', 3389, DEMO.p2sPool);
    assert.equal(judge(ctx.estate, target('vm-test01', 3389)).reason, 'the VM is deallocated');
    ctx.estate.power.set(vmId('vm-test01').toLowerCase(), 'running');
    assert.equal(judge(ctx.estate, target('vm-test01', 3389)).open, true);
  });
});
