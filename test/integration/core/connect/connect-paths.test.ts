/**
 * Connect against the simulator, path by path: it returns only after the allow rule is live in ARM and the TCP gate
 * accepts the dialled address (the simulator's propagation and data-plane lag set), with the source each path
 * must request and the address each must dial.
 */
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Simulator } from '../../../../electron/azure-sim/index';
import { DEMO } from '../../../../electron/azure-sim/seeds/demo';
import { tcpProbe } from '../../../../electron/core/connect/probe';
import { systemClock } from '../../../../electron/core/ports';
import type { Vm } from '../../../../shared/domain/types';
import { gateEndpoints, tryConnect } from '../../../fixtures/gate';
import { sdkClients } from '../../../fixtures/sdk';
import { control, startTestSim } from '../../../fixtures/sim';
import { firewallSource, publicSource, runConnect, vmsOf, vpnSource } from './connect-helpers';

const STEPS = ['requested', 'waiting-for-rule', 'rule-live', 'reachable'];

describe('connect, path by path', () => {
  let sim: Simulator;
  let vms: Map<string, Vm>;

  before(async () => {
    sim = await startTestSim();
    vms = await vmsOf(sim, 'helpdesk');
  });
  beforeEach(async () => {
    await control(sim, '/reset', { seed: 'demo' });
    await control(sim, '/settings', { propagationMs: 0, dataplaneLagMs: 0, blockedPorts: [] });
  });
  after(() => sim?.close());

  test('VM-FS01 from the VPN: requests 10.13.1.0/24 and returns only once the rule is live and the gate accepts', async () => {
    await control(sim, '/settings', { propagationMs: 700, dataplaneLagMs: 600 });
    const fs01 = vms.get('vm-fs01')!;
    const wall: Record<string, number> = {};
    const probes: Array<{ at: number; ok: boolean }> = [];
    const real = tcpProbe(systemClock);
    const { result, events } = await runConnect(sim, 'helpdesk', {
      targets: [{ vm: fs01 }],
      chooseSource: vpnSource(DEMO.p2sPool),
      timing: { firstMs: 100, maxMs: 400 },
      probe: async (t, ms, s) => {
        const ok = await real(t, ms, s);
        probes.push({ at: Date.now(), ok });
        return ok;
      },
      onProgress: (e) => (wall[e.step] = Date.now()),
    });
    const c = result.connections[0]!;
    assert.deepEqual(
      events.map((e) => e.step),
      STEPS,
    );
    assert.equal(c.grant.source, DEMO.p2sPool, 'the request named the VPN pool');
    assert.equal(c.grant.port, 3389);
    assert.equal(c.grant.dialAddress, `${fs01.privateIp}:3389`);
    assert.equal(`${c.dial.host}:${c.dial.port}`, sim.profile.addressMap![`${fs01.privateIp}:3389`]);
    assert.equal(c.via, 'nsg');
    // The rule is in ARM, and it is the one connect named.
    const { network } = sdkClients(sim, 'helpdesk');
    const nsg = await network.networkSecurityGroups.get('rg-servers', 'VM-FS01-nsg');
    const allow = nsg.securityRules!.find((r) => r.access === 'Allow' && r.sourceAddressPrefix === DEMO.p2sPool);
    assert.ok(allow, 'an allow rule for the pool');
    assert.equal(c.grant.ruleName, allow.name);
    // The gate opened (after the data-plane lag) before connect said reachable, and a probe had found it shut first.
    const ep = (await gateEndpoints(sim)).find((e) => e.dial === `${fs01.privateIp}:3389`)!;
    assert.equal(ep.open, true);
    const opened = Date.parse((ep as unknown as { lastChange: { at: string } }).lastChange.at);
    assert.ok(opened <= wall.reachable!, 'reachable only after the gate opened');
    assert.ok(
      probes.some((p) => !p.ok && p.at < opened),
      'the port was probed while still shut',
    );
    assert.ok(c.timings.requestedMs <= c.timings.ruleLiveMs && c.timings.ruleLiveMs <= c.timings.reachableMs);
    assert.ok(Date.parse(c.grant.endTimeUtc) > Date.parse(c.grant.startTimeUtc));
    const sock = await tryConnect(`${c.dial.host}:${c.dial.port}`);
    assert.notEqual(sock, 'refused');
    if (sock !== 'refused') sock.destroy();
  });

  test('vm-web01 by the public path: the source is read back from the 202 as 203.0.113.7', async () => {
    await control(sim, '/settings', { propagationMs: 300, dataplaneLagMs: 200 });
    const web = vms.get('vm-web01')!;
    const { result, events } = await runConnect(sim, 'helpdesk', {
      targets: [{ vm: web }],
      chooseSource: publicSource,
      timing: { firstMs: 100, maxMs: 400 },
    });
    const c = result.connections[0]!;
    assert.equal(c.grant.source, '203.0.113.7');
    assert.match(events[0]!.detail!, /203\.0\.113\.7/);
    assert.equal(c.grant.port, 22, 'the Linux default');
    assert.equal(c.grant.dialAddress, `${web.publicIp}:22`);
    assert.equal(`${c.dial.host}:${c.dial.port}`, sim.profile.addressMap![`${web.publicIp}:22`]);
  });

  test('vm-legacy01 behind the firewall: dials firewall-IP:mappedPort', async () => {
    const legacy = vms.get('vm-legacy01')!;
    const { result } = await runConnect(sim, 'helpdesk', {
      targets: [{ vm: legacy }],
      chooseSource: firewallSource,
      timing: { firstMs: 50, maxMs: 200 },
    });
    const c = result.connections[0]!;
    const [ip, port] = c.grant.dialAddress.split(':');
    assert.equal(ip, DEMO.firewallPublicIp);
    assert.notEqual(Number(port), 3389, 'the mapped port, not the VM port');
    assert.equal(`${c.dial.host}:${c.dial.port}`, sim.profile.addressMap![c.grant.dialAddress]);
    assert.equal(c.grant.source, '203.0.113.7');
  });

  test('vm-app01 in the spoke sends the listed prefix verbatim', async () => {
    const app = vms.get('vm-app01')!;
    const { result } = await runConnect(sim, 'helpdesk', {
      targets: [{ vm: app }],
      chooseSource: async (vm, port) => {
        assert.deepEqual(port.allowedSources, [DEMO.p2sPool, '198.51.100.0/24']);
        return vpnSource(port.allowedSources[0]!)(vm);
      },
      timing: { firstMs: 50, maxMs: 200 },
    });
    assert.equal(result.connections[0]!.grant.source, DEMO.p2sPool);
    const { security } = sdkClients(sim, 'helpdesk');
    const policy = await security.jitNetworkAccessPolicies.get('rg-app', DEMO.location, 'default');
    const sent = policy.requests!.at(-1)!.virtualMachines[0]!.ports[0]!;
    assert.equal(sent.allowedSourceAddressPrefix, DEMO.p2sPool);
  });

  test('the JIT-only user (no NSG read) waits for the request to be Initiated, and still connects', async () => {
    await control(sim, '/settings', { propagationMs: 400, dataplaneLagMs: 200 });
    const fs01 = (await vmsOf(sim, 'jitonly')).get('vm-fs01')!;
    const { result, events } = await runConnect(sim, 'jitonly', {
      targets: [{ vm: fs01, port: 3389 }],
      chooseSource: async (vm) => ({
        path: 'vpn',
        requestPrefix: DEMO.p2sPool,
        dialHost: vm.privateIp ?? '10.10.1.4',
        explanation: 'VPN pool',
      }),
      timing: { firstMs: 100, maxMs: 400 },
    });
    const c = result.connections[0]!;
    assert.equal(c.via, 'policy-request');
    assert.deepEqual(
      events.map((e) => e.step),
      STEPS,
    );
    assert.match(events.find((e) => e.step === 'rule-live')!.detail!, /Initiated/);
  });

  test('NSGs known but their read forbidden (403): falls back to the request status', async () => {
    await control(sim, '/calls', undefined, 'DELETE');
    const { result } = await runConnect(sim, 'jitonly', {
      targets: [{ vm: vms.get('vm-fs01')! }],
      chooseSource: vpnSource(DEMO.p2sPool),
      timing: { firstMs: 50, maxMs: 200 },
    });
    assert.equal(result.connections[0]!.via, 'policy-request');
    const calls = (await control(sim, '/calls', undefined, 'GET')) as Array<{ path: string; status: number }>;
    assert.ok(calls.some((c) => /networkSecurityGroups/i.test(c.path) && c.status === 403));
  });

  test('several VMs and ports: one initiate per policy', async () => {
    await control(sim, '/calls', undefined, 'DELETE');
    const { result } = await runConnect(sim, 'helpdesk', {
      targets: [
        { vm: vms.get('vm-fs01')! },
        { vm: vms.get('vm-fs01')!, port: 5985 },
        { vm: vms.get('vm-web01')! },
        { vm: vms.get('vm-app01')! },
      ],
      chooseSource: async (vm) => (vm.publicIp ? publicSource(vm) : vpnSource(DEMO.p2sPool)(vm)),
      justification: 'Ticket 42',
      timing: { firstMs: 50, maxMs: 200 },
    });
    assert.deepEqual(result.connections.map((c) => `${c.grant.vmName}:${c.grant.port}`).sort(), [
      'VM-FS01:3389',
      'VM-FS01:5985',
      'vm-app01:22',
      'vm-web01:22',
    ]);
    const calls = (await control(sim, '/calls', undefined, 'GET')) as Array<{ method: string; path: string }>;
    const initiates = calls.filter((c) => c.method === 'POST' && /\/initiate/i.test(c.path));
    assert.equal(initiates.length, 2, 'rg-servers and rg-app: two policies');
  });
});
