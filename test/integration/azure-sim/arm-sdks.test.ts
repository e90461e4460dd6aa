/**
 * The official Azure SDKs against the simulator, configured only with `endpoint`, scopes and the simulator's CA
 * (the `tlsOptions` pipeline option): reads, paging across nextLink, power LROs, 429 retry and cancellation.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ComputeManagementClient } from '@azure/arm-compute';
import type { NetworkManagementClient } from '@azure/arm-network';
import type { SubscriptionClient } from '@azure/arm-resources-subscriptions';
import type { Simulator } from '../../../electron/azure-sim/index';
import { API_VERSIONS } from '../../../electron/azure-sim/arm/api-versions';
import { DEMO } from '../../../electron/azure-sim/seeds/demo';
import { FABRIKAM } from '../../../electron/azure-sim/seeds/fabrikam';
import { recordUrls, sdkClients } from '../../fixtures/sdk';
import { control, startTestSim } from '../../fixtures/sim';
import { collect } from '../../fixtures/wait';

interface Call {
  method: string;
  path: string;
  status: number;
  at: string;
}

const PROD = DEMO.prodSubscriptionId;

describe('official Azure SDKs against the simulator', () => {
  let sim: Simulator;
  let compute: ComputeManagementClient;
  let computeAdmin: ComputeManagementClient;
  let network: NetworkManagementClient;
  let subscriptions: SubscriptionClient;
  const sent: URL[] = [];

  const calls = async () => (await control(sim, '/calls', undefined, 'GET')) as Call[];
  const clearCalls = () => control(sim, '/calls', undefined, 'DELETE');

  before(async () => {
    sim = await startTestSim();
    ({ subscriptions, compute, network } = sdkClients(sim, 'helpdesk', PROD));
    computeAdmin = sdkClients(sim, 'admin', PROD).compute;
    for (const c of [subscriptions, compute, computeAdmin, network]) recordUrls(c, sent);
  });

  after(() => sim?.close());

  test('SubscriptionClient lists subscriptions and tenants', async () => {
    const subs = await collect(subscriptions.subscriptions.list());
    assert.deepEqual(subs.map((s) => s.displayName).sort(), [
      'Contoso Connectivity',
      'Contoso Dev',
      'Contoso Finance',
      'Contoso Production',
    ]);
    assert.ok(subs.every((s) => s.state === 'Enabled' && s.tenantId === DEMO.tenantId));
    // helpdesk is also a guest in Fabrikam: the tenant list names both, whichever tenant the token is for.
    const tenants = await collect(subscriptions.tenants.list());
    assert.deepEqual(
      tenants.map((t) => t.tenantId),
      [DEMO.tenantId, FABRIKAM.tenantId],
    );
  });

  test('ComputeManagementClient lists, gets and reads instance views', async () => {
    // arm-compute 24 (modular) flattens `properties` into the model.
    const all = await collect(compute.virtualMachines.listAll());
    assert.equal(all.length, 8);
    assert.ok(all.every((vm) => vm.instanceView === undefined));
    const status = await collect(compute.virtualMachines.listAll({ statusOnly: 'true' }));
    const power = Object.fromEntries(
      status.map((vm) => [vm.name, vm.instanceView?.statuses?.find((s) => s.code?.startsWith('PowerState/'))?.code]),
    );
    assert.equal(power['vm-test01'], 'PowerState/deallocated');
    assert.equal(power['VM-FS01'], 'PowerState/running');
    // The SDK offers `expand: 'instanceView'` on list, but Azure refuses it without a scale-set $filter.
    await assert.rejects(
      collect(compute.virtualMachines.list('rg-servers', { expand: 'instanceView' })),
      (err: { statusCode?: number; code?: string }) => err.statusCode === 400 && err.code === 'BadRequest',
    );
    await assert.rejects(
      collect(compute.virtualMachines.listAll({ expand: 'instanceView' })),
      (err: { statusCode?: number }) => err.statusCode === 400,
    );
    const rg = await collect(compute.virtualMachines.list('rg-app'));
    assert.deepEqual(
      rg.map((vm) => vm.name),
      ['vm-app01'],
    );
    const fs01 = await compute.virtualMachines.get('rg-servers', 'VM-FS01');
    assert.equal(fs01.storageProfile?.osDisk?.osType, 'Windows');
    assert.match(String(fs01.networkProfile?.networkInterfaces?.[0]?.id), /vm-fs01-nic$/);
    const expanded = await compute.virtualMachines.get('rg-servers', 'vm-web01', { expand: 'instanceView' });
    assert.equal(expanded.instanceView?.statuses?.[1]?.displayStatus, 'VM running');
    const view = await compute.virtualMachines.instanceView('rg-servers', 'vm-test01');
    assert.equal(view.statuses?.[1]?.code, 'PowerState/deallocated');
    await assert.rejects(
      compute.virtualMachines.get('rg-servers', 'nope'),
      (err: { statusCode?: number; code?: string }) => err.statusCode === 404,
    );
  });

  test('beginStartAndWait and beginDeallocateAndWait follow the operation headers to completion', async () => {
    const state = async () =>
      (await computeAdmin.virtualMachines.instanceView('rg-servers', 'vm-test01')).statuses?.find((s) =>
        s.code?.startsWith('PowerState/'),
      )?.code;
    await clearCalls();
    const t0 = Date.now();
    await computeAdmin.virtualMachines.beginStartAndWait('rg-servers', 'vm-test01', { updateIntervalInMs: 100 });
    const startMs = Date.now() - t0;
    assert.equal(await state(), 'PowerState/running');
    const t1 = Date.now();
    await computeAdmin.virtualMachines.beginDeallocateAndWait('rg-servers', 'vm-test01', { updateIntervalInMs: 100 });
    const deallocateMs = Date.now() - t1;
    assert.equal(await state(), 'PowerState/deallocated');
    const log = await calls();
    const opPolls = log.filter((c) => /\/operations\//.test(c.path));
    assert.ok(log.some((c) => c.method === 'POST' && c.path.endsWith('/start') && c.status === 202));
    assert.ok(log.some((c) => c.method === 'POST' && c.path.endsWith('/deallocate') && c.status === 202));
    assert.ok(opPolls.length >= 2, `the pollers read the operation status (${opPolls.length} polls)`);
    console.log(`# LRO: start ${startMs} ms, deallocate ${deallocateMs} ms, ${opPolls.length} operation-status GETs`);
    // helpdesk (Reader) may not start VMs: the SDK surfaces the 403.
    await assert.rejects(
      compute.virtualMachines.beginStartAndWait('rg-servers', 'vm-test01'),
      (err: { statusCode?: number }) => err.statusCode === 403,
    );
  });

  test('NetworkManagementClient reads NSGs, rules, NICs, public IPs, VNets, subnets, peerings and gateways', async () => {
    const nsgs = await collect(network.networkSecurityGroups.listAll());
    assert.equal(nsgs.length, 9);
    const rgNsgs = await collect(network.networkSecurityGroups.list('rg-network'));
    assert.deepEqual(
      rgNsgs.map((n) => n.name),
      ['nsg-snet-data', 'nsg-snet-identity'],
    );
    const nsg = await network.networkSecurityGroups.get('rg-servers', 'vm-web01-nsg');
    assert.equal(nsg.securityRules?.find((r) => r.name === 'Allow-HTTPS')?.priority, 300);
    assert.equal(nsg.defaultSecurityRules?.length, 6);
    const rules = await collect(network.securityRules.list('rg-servers', 'vm-web01-nsg'));
    assert.deepEqual(
      rules.map((r) => [
        r.name!.replace(/_-?\d+_[0-9A-F]{32}$/, '_<int>_<hex>'),
        r.access,
        r.direction,
        r.destinationPortRange ?? r.destinationPortRanges,
      ]),
      [
        ['Allow-HTTPS', 'Allow', 'Inbound', '443'],
        ['MicrosoftDefenderForCloud-JITRule_<int>_<hex>', 'Deny', 'Inbound', '22'],
      ],
    );
    const nic = await network.networkInterfaces.get('rg-servers', 'vm-web01-nic');
    assert.equal(nic.ipConfigurations?.[0]?.privateIPAddress, '10.10.1.5');
    assert.match(String(nic.networkSecurityGroup?.id), /vm-web01-nsg$/);
    assert.equal((await collect(network.networkInterfaces.listAll())).length, 8);
    const pip = await network.publicIPAddresses.get('rg-servers', 'pip-vm-web01');
    assert.equal(pip.ipAddress, '20.61.10.25');
    const hub = await network.virtualNetworks.get('rg-network', 'vnet-hub');
    assert.ok(hub.subnets?.some((s) => s.name === 'GatewaySubnet'));
    assert.deepEqual((await collect(network.virtualNetworks.listAll())).map((v) => v.name).sort(), [
      'vnet-hub',
      'vnet-spoke-app',
    ]);
    const subnet = await network.subnets.get('rg-network', 'vnet-hub', 'snet-data');
    assert.match(String(subnet.networkSecurityGroup?.id), /nsg-snet-data$/);
    const peerings = await collect(network.virtualNetworkPeerings.list('rg-app', 'vnet-spoke-app'));
    assert.equal(peerings[0]?.useRemoteGateways, true);
    const gateways = await collect(network.virtualNetworkGateways.list('rg-network'));
    assert.deepEqual(
      gateways.map((g) => g.name),
      ['vgw-hub'],
    );
    const gw = await network.virtualNetworkGateways.get('rg-network', 'vgw-hub');
    assert.deepEqual(gw.vpnClientConfiguration?.vpnClientAddressPool?.addressPrefixes, [DEMO.p2sPool]);
  });

  test('the SDK pagers follow nextLink across several pages', async () => {
    await control(sim, '/settings', { pageSize: 2 });
    try {
      await clearCalls();
      const vms = await collect(compute.virtualMachines.listAll());
      assert.equal(vms.length, 8);
      assert.equal(new Set(vms.map((v) => v.id)).size, 8);
      const nsgs = await collect(network.networkSecurityGroups.listAll());
      assert.equal(nsgs.length, 9);
      const log = await calls();
      const vmGets = log.filter(
        (c) => c.method === 'GET' && c.path === `/subscriptions/${PROD}/providers/Microsoft.Compute/virtualMachines`,
      );
      const nsgGets = log.filter(
        (c) =>
          c.method === 'GET' && c.path === `/subscriptions/${PROD}/providers/Microsoft.Network/networkSecurityGroups`,
      );
      assert.equal(vmGets.length, 4);
      assert.equal(nsgGets.length, 5);
      console.log(`# paging at pageSize 2: ${vmGets.length} GETs for 8 VMs, ${nsgGets.length} GETs for 9 NSGs`);
    } finally {
      await control(sim, '/settings', { pageSize: 100 });
    }
  });

  test('a 429 with Retry-After is retried by the SDK pipeline and then succeeds', async () => {
    await clearCalls();
    await control(sim, '/faults', {
      method: 'GET',
      pathIncludes: 'virtualMachines',
      status: 429,
      retryAfterSeconds: 1,
      times: 1,
    });
    const t0 = Date.now();
    const vm = await compute.virtualMachines.get('rg-servers', 'VM-FS01');
    const elapsed = Date.now() - t0;
    assert.equal(vm.name, 'VM-FS01');
    const log = (await calls()).filter((c) => c.path.endsWith('/virtualMachines/VM-FS01'));
    assert.deepEqual(
      log.map((c) => c.status),
      [429, 200],
    );
    const gap = Date.parse(log[1]!.at) - Date.parse(log[0]!.at);
    assert.ok(elapsed >= 950, `the SDK waited Retry-After (${elapsed} ms)`);
    assert.ok(elapsed < 5000, `and not much longer (${elapsed} ms)`);
    console.log(`# 429 retry: call took ${elapsed} ms, ${gap} ms between the 429 and the 200`);
  });

  test('an AbortSignal cancels a slow call promptly', async () => {
    await control(sim, '/settings', { latencyMs: 5000 });
    try {
      const ac = new AbortController();
      const t0 = Date.now();
      setTimeout(() => ac.abort(), 200);
      await assert.rejects(
        network.networkSecurityGroups.get('rg-servers', 'vm-web01-nsg', { abortSignal: ac.signal }),
        (err: Error) => err.name === 'AbortError',
      );
      const networkMs = Date.now() - t0;
      const ac2 = new AbortController();
      const t1 = Date.now();
      setTimeout(() => ac2.abort(), 200);
      await assert.rejects(
        compute.virtualMachines.get('rg-servers', 'VM-FS01', { abortSignal: ac2.signal }),
        (err: Error) => err.name === 'AbortError',
      );
      const computeMs = Date.now() - t1;
      assert.ok(networkMs < 1000 && computeMs < 1000, `aborted after ${networkMs} / ${computeMs} ms (latency 5000 ms)`);
      console.log(`# abort at 200 ms: arm-network rejected after ${networkMs} ms, arm-compute after ${computeMs} ms`);
    } finally {
      await control(sim, '/settings', { latencyMs: 0 });
    }
  });

  test('the api-versions the SDKs send are all served by the simulator', () => {
    const byFamily: Record<string, Set<string>> = { compute: new Set(), network: new Set(), resources: new Set() };
    for (const url of sent) {
      const family = /Microsoft\.Compute/i.test(url.pathname)
        ? 'compute'
        : /Microsoft\.Network/i.test(url.pathname)
          ? 'network'
          : 'resources';
      byFamily[family]!.add(url.searchParams.get('api-version') ?? '(none)');
    }
    assert.deepEqual([...byFamily.compute!], ['2026-03-01']);
    assert.deepEqual([...byFamily.network!], ['2025-05-01']);
    assert.deepEqual([...byFamily.resources!], ['2022-12-01']);
    for (const [family, versions] of Object.entries(byFamily)) {
      for (const v of versions)
        assert.ok(
          (API_VERSIONS[family as keyof typeof API_VERSIONS] as readonly string[]).includes(v),
          `${family} ${v}`,
        );
    }
    console.log(
      `# api-versions sent: ${Object.entries(byFamily)
        .map(([f, v]) => `${f} ${[...v].join(',')}`)
        .join('; ')}`,
    );
  });
});
