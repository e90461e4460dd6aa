/** ARM reads of the simulator over raw HTTPS: paging, power state, network topology, RBAC, headers, throttling. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Simulator } from '../../../electron/azure-sim/index';
import { DEMO } from '../../../electron/azure-sim/seeds/demo';
import { control, mintArmToken, simFetch, startTestSim } from '../../fixtures/sim';
import { until } from '../../fixtures/wait';

const COMPUTE = 'api-version=2025-04-01';
const NETWORK = 'api-version=2025-05-01';
const SUB = `/subscriptions/${DEMO.prodSubscriptionId}`;
const FIN = `/subscriptions/${DEMO.financeSubscriptionId}`;
const SRV = `${SUB}/resourceGroups/rg-servers`;
const NET = `${SUB}/resourceGroups/rg-network/providers/Microsoft.Network`;

type Json = Record<string, unknown>;
interface ArmList<T = Json> {
  value: T[];
  nextLink?: string;
}
interface Status {
  code: string;
  displayStatus: string;
  time?: string;
}
interface ArmErrorBody {
  error: { code: string; message: string };
}

function powerOf(view: { statuses: Status[] }): Status {
  const s = view.statuses.find((x) => x.code.startsWith('PowerState/'));
  assert.ok(s, `no PowerState status in ${JSON.stringify(view.statuses)}`);
  return s;
}

describe('ARM reads (raw HTTPS)', () => {
  let sim: Simulator;
  const get = (path: string, user = 'helpdesk') => simFetch(sim, path, { token: mintArmToken(sim, user) });

  before(async () => {
    sim = await startTestSim();
  });
  after(() => sim.close());

  test('lists page with nextLink at the configured page size, and the pages add up', async () => {
    await control(sim, '/settings', { pageSize: 2 });
    try {
      const all = await get(`${SUB}/providers/Microsoft.Compute/virtualMachines?${COMPUTE}`);
      assert.equal(all.status, 200);
      const names: string[] = [];
      let page = all.body as ArmList;
      let pages = 1;
      for (;;) {
        assert.ok(page.value.length <= 2);
        names.push(...page.value.map((v) => String(v.name)));
        if (!page.nextLink) break;
        assert.ok(
          page.nextLink.startsWith(`${sim.baseUrl}${SUB}/providers/Microsoft.Compute/virtualMachines?`),
          page.nextLink,
        );
        assert.match(page.nextLink, /api-version=2025-04-01/);
        const next = await get(page.nextLink.slice(sim.baseUrl.length));
        assert.equal(next.status, 200, next.text);
        page = next.body as ArmList;
        pages++;
      }
      const expected = sim.ctx.estate
        .list('Microsoft.Compute/virtualMachines', { subscriptionId: DEMO.prodSubscriptionId })
        .map((r) => r.name);
      assert.equal(expected.length, 8);
      assert.deepEqual(names, expected);
      assert.equal(pages, 4);
      // Network lists and child collections page the same way.
      const rules = (await get(`${NET}/networkSecurityGroups/nsg-snet-data/defaultSecurityRules?${NETWORK}`))
        .body as ArmList;
      assert.equal(rules.value.length, 2);
      assert.ok(rules.nextLink);
      const bad = await get(`${SUB}/providers/Microsoft.Compute/virtualMachines?${COMPUTE}&$skiptoken=%%%`);
      assert.equal(bad.status, 400);
    } finally {
      await control(sim, '/settings', { pageSize: 100 });
    }
  });

  test('listAll with statusOnly=true carries each VM power state; the deallocated demo VM shows it', async () => {
    const r = await get(`${SUB}/providers/Microsoft.Compute/virtualMachines?${COMPUTE}&statusOnly=true`);
    assert.equal(r.status, 200, r.text);
    const vms = (r.body as ArmList<{ name: string; properties: { instanceView: { statuses: Status[] } } }>).value;
    const power = Object.fromEntries(vms.map((vm) => [vm.name, powerOf(vm.properties.instanceView).code]));
    assert.equal(power['vm-test01'], 'PowerState/deallocated');
    assert.equal(power['VM-FS01'], 'PowerState/running');
    assert.equal(Object.keys(power).length, 8);
    // Without statusOnly the list has no instance view.
    const plain = (await get(`${SUB}/providers/Microsoft.Compute/virtualMachines?${COMPUTE}`)).body as ArmList<{
      properties: Json;
    }>;
    assert.ok(plain.value.every((vm) => !('instanceView' in vm.properties)));
    assert.equal(
      (await get(`${SUB}/providers/Microsoft.Compute/virtualMachines?${COMPUTE}&statusOnly=maybe`)).status,
      400,
    );
  });

  test('a VM list refuses $expand=instanceView without a scale-set $filter, as Azure does', async () => {
    const lists = [
      `${SUB}/providers/Microsoft.Compute/virtualMachines`,
      `${SRV}/providers/Microsoft.Compute/virtualMachines`,
      `${SUB}/providers/Microsoft.Compute/locations/westeurope/virtualMachines`,
    ];
    for (const list of lists) {
      const r = await get(`${list}?${COMPUTE}&$expand=instanceView`);
      assert.equal(r.status, 400, `${list}: ${r.text}`);
      assert.deepEqual((r.body as ArmErrorBody).error, {
        code: 'BadRequest',
        message: 'Expand Instance View is only supported when Virtual Machine Scale Set resource filter is applied',
      });
    }
    // With the documented scale-set filter the expand is accepted (the demo has no scale sets: an empty list).
    const scaleSet = `${SRV}/providers/Microsoft.Compute/virtualMachineScaleSets/vmss-none`;
    const filtered = await get(
      `${lists[0]}?${COMPUTE}&$expand=instanceView&$filter=${encodeURIComponent(`virtualMachineScaleSet/id eq '${scaleSet}'`)}`,
    );
    assert.equal(filtered.status, 200, filtered.text);
    assert.deepEqual((filtered.body as ArmList).value, []);
    const otherFilter = await get(
      `${lists[0]}?${COMPUTE}&$filter=${encodeURIComponent("resourceGroup eq 'rg-servers'")}`,
    );
    assert.equal(otherFilter.status, 400, otherFilter.text);
    // statusOnly=true remains the way to read every VM's power state in one list.
    const status = await get(`${lists[0]}?${COMPUTE}&statusOnly=true`);
    assert.equal(status.status, 200, status.text);
  });

  test('instanceView and $expand=instanceView report running and deallocated VMs as Azure words them', async () => {
    const test01 = (await get(`${SRV}/providers/Microsoft.Compute/virtualMachines/vm-test01/instanceView?${COMPUTE}`))
      .body as { statuses: Status[]; computerName?: string };
    assert.deepEqual(powerOf(test01), {
      code: 'PowerState/deallocated',
      level: 'Info',
      displayStatus: 'VM deallocated',
    });
    assert.equal(test01.statuses[0]!.code, 'ProvisioningState/succeeded');
    assert.ok(!Number.isNaN(Date.parse(String(test01.statuses[0]!.time))));
    assert.equal(test01.computerName, undefined, 'a deallocated VM reports no guest details');

    const fs01 = (await get(`${SRV}/providers/Microsoft.Compute/virtualMachines/vm-fs01/instanceView?${COMPUTE}`))
      .body as Json & { statuses: Status[] };
    assert.equal(powerOf(fs01).displayStatus, 'VM running');
    assert.equal(fs01.computerName, 'VM-FS01');
    assert.match(String(fs01.osName), /Windows/);
    assert.equal((fs01.vmAgent as { statuses: Status[] }).statuses[0]!.displayStatus, 'Ready');

    const web01 = (
      await get(`${SRV}/providers/Microsoft.Compute/virtualMachines/vm-web01?${COMPUTE}&$expand=instanceView`)
    ).body as {
      properties: {
        instanceView: { statuses: Status[]; osName: string };
        storageProfile: { osDisk: { osType: string } };
      };
    };
    assert.equal(powerOf(web01.properties.instanceView).code, 'PowerState/running');
    assert.equal(web01.properties.storageProfile.osDisk.osType, 'Linux');
    const plain = (await get(`${SRV}/providers/Microsoft.Compute/virtualMachines/vm-web01?${COMPUTE}`)).body as {
      properties: Json;
    };
    assert.ok(!('instanceView' in plain.properties));
    const bad = await get(`${SRV}/providers/Microsoft.Compute/virtualMachines/vm-web01?${COMPUTE}&$expand=everything`);
    assert.equal(bad.status, 400);
    assert.equal((bad.body as ArmErrorBody).error.code, 'InvalidParameter');
  });

  test('VMs list per resource group and per location', async () => {
    const rg = (await get(`${SUB}/resourceGroups/rg-app/providers/Microsoft.Compute/virtualMachines?${COMPUTE}`))
      .body as ArmList;
    assert.deepEqual(
      rg.value.map((v) => v.name),
      ['vm-app01'],
    );
    const here = (await get(`${SUB}/providers/Microsoft.Compute/locations/westeurope/virtualMachines?${COMPUTE}`))
      .body as ArmList;
    assert.equal(here.value.length, 8);
    const elsewhere = (await get(`${SUB}/providers/Microsoft.Compute/locations/eastus/virtualMachines?${COMPUTE}`))
      .body as ArmList;
    assert.deepEqual(elsewhere.value, []);
  });

  test('start and deallocate answer 202 with operation headers, pass through starting/deallocating, and finish', async () => {
    const vm = `${SRV}/providers/Microsoft.Compute/virtualMachines/vm-test01`;
    const denied = await simFetch(sim, `${vm}/start?${COMPUTE}`, {
      method: 'POST',
      token: mintArmToken(sim, 'helpdesk'),
    });
    assert.equal(denied.status, 403);
    assert.match((denied.body as ArmErrorBody).error.message, /Microsoft\.Compute\/virtualMachines\/start\/action/);

    const run = async (action: 'start' | 'deallocate', during: string, end: string) => {
      const r = await simFetch(sim, `${vm}/${action}?${COMPUTE}`, {
        method: 'POST',
        token: mintArmToken(sim, 'admin'),
      });
      assert.equal(r.status, 202, r.text);
      const asyncOp = String(r.headers['azure-asyncoperation']);
      const location = String(r.headers.location);
      assert.ok(
        asyncOp.startsWith(`${sim.baseUrl}${SUB}/providers/Microsoft.Compute/locations/westeurope/operations/`),
        asyncOp,
      );
      assert.match(location, /monitor=true/);
      const view = (await get(`${vm}/instanceView?${COMPUTE}`)).body as { statuses: Status[] };
      assert.equal(powerOf(view).code, `PowerState/${during}`);
      const first = (await get(asyncOp.slice(sim.baseUrl.length))).body as { status: string; name: string };
      assert.equal(first.status, 'InProgress');
      assert.equal((await get(location.slice(sim.baseUrl.length))).status, 202);
      const done = await until(`${action} to finish`, async () => {
        const s = (await get(asyncOp.slice(sim.baseUrl.length))).body as { status: string; endTime?: string };
        return s.status === 'InProgress' ? undefined : s;
      });
      assert.equal(done.status, 'Succeeded');
      assert.ok(done.endTime);
      const monitor = await get(location.slice(sim.baseUrl.length));
      assert.equal(monitor.status, 200);
      const after = (await get(`${vm}/instanceView?${COMPUTE}`)).body as { statuses: Status[] };
      assert.equal(powerOf(after).code, `PowerState/${end}`);
    };
    await run('start', 'starting', 'running');
    await run('deallocate', 'deallocating', 'deallocated');
    const missing = await get(
      `${SUB}/providers/Microsoft.Compute/locations/westeurope/operations/00000000-0000-0000-0000-000000000000?${COMPUTE}`,
    );
    assert.equal(missing.status, 404);
  });

  test('advancing the simulated clock completes a power transition', async () => {
    const vm = `${SRV}/providers/Microsoft.Compute/virtualMachines/vm-build01`;
    const r = await simFetch(sim, `${vm}/deallocate?${COMPUTE}`, { method: 'POST', token: mintArmToken(sim, 'admin') });
    assert.equal(r.status, 202);
    await control(sim, '/clock/advance', { seconds: 5 });
    const view = (await get(`${vm}/instanceView?${COMPUTE}`)).body as { statuses: Status[] };
    assert.equal(powerOf(view).code, 'PowerState/deallocated');
    await simFetch(sim, `${vm}/start?${COMPUTE}`, { method: 'POST', token: mintArmToken(sim, 'admin') });
    await control(sim, '/clock/advance', { seconds: 5 });
  });

  test('the hub VNet has the GatewaySubnet, subnet NSGs and a gateway-transit peering; subnets and peerings read alone', async () => {
    const hub = (await get(`${NET}/virtualNetworks/vnet-hub?${NETWORK}`)).body as {
      properties: {
        subnets: Array<{ name: string; properties: { networkSecurityGroup?: { id: string } } }>;
        virtualNetworkPeerings: Array<{ name: string; properties: Json }>;
      };
    };
    const subnets = Object.fromEntries(hub.properties.subnets.map((s) => [s.name, s]));
    assert.ok(subnets.GatewaySubnet);
    assert.match(
      String(subnets['snet-data']!.properties.networkSecurityGroup?.id),
      /\/networkSecurityGroups\/nsg-snet-data$/,
    );
    assert.equal(subnets['snet-servers']!.properties.networkSecurityGroup, undefined);
    const [peering] = hub.properties.virtualNetworkPeerings;
    assert.equal(peering!.properties.allowGatewayTransit, true);
    assert.equal(peering!.properties.peeringState, 'Connected');
    assert.match(String((peering!.properties.remoteVirtualNetwork as { id: string }).id), /vnet-spoke-app$/);

    const spokePeerings = (
      await get(
        `${SUB}/resourceGroups/rg-app/providers/Microsoft.Network/virtualNetworks/vnet-spoke-app/virtualNetworkPeerings?${NETWORK}`,
      )
    ).body as ArmList<{ properties: Json }>;
    assert.equal(spokePeerings.value[0]!.properties.useRemoteGateways, true);
    const one = await get(`${NET}/virtualNetworks/vnet-hub/virtualNetworkPeerings/${peering!.name}?${NETWORK}`);
    assert.equal((one.body as { name: string }).name, peering!.name);
    const subnet = (await get(`${NET}/virtualNetworks/vnet-hub/subnets/snet-identity?${NETWORK}`)).body as {
      properties: { networkSecurityGroup: { id: string } };
    };
    assert.match(subnet.properties.networkSecurityGroup.id, /nsg-snet-identity$/);
    const subnetList = (await get(`${NET}/virtualNetworks/vnet-hub/subnets?${NETWORK}`)).body as ArmList;
    assert.equal(subnetList.value.length, 5);
    const vnets = (await get(`${SUB}/providers/Microsoft.Network/virtualNetworks?${NETWORK}`)).body as ArmList;
    assert.deepEqual(vnets.value.map((v) => v.name).sort(), ['vnet-hub', 'vnet-spoke-app']);
  });

  test("the VPN gateway's point-to-site pool is 10.13.1.0/24, in the resource group list and alone", async () => {
    const list = (
      await get(`${SUB}/resourceGroups/rg-network/providers/Microsoft.Network/virtualNetworkGateways?${NETWORK}`)
    ).body as ArmList;
    assert.deepEqual(
      list.value.map((g) => g.name),
      ['vgw-hub'],
    );
    const gw = (await get(`${NET}/virtualNetworkGateways/vgw-hub?${NETWORK}`)).body as {
      properties: { vpnClientConfiguration: { vpnClientAddressPool: { addressPrefixes: string[] } } };
    };
    assert.deepEqual(gw.properties.vpnClientConfiguration.vpnClientAddressPool.addressPrefixes, ['10.13.1.0/24']);
  });

  test('NSGs, their rules and default rules, NICs and public IPs read per resource, resource group and subscription', async () => {
    const nsg = `${SRV}/providers/Microsoft.Network/networkSecurityGroups/vm-web01-nsg`;
    const rule = (await get(`${nsg}/securityRules/allow-https?${NETWORK}`)).body as {
      name: string;
      properties: { priority: number; destinationPortRange: string };
    };
    assert.equal(rule.name, 'Allow-HTTPS');
    assert.equal(rule.properties.priority, 300);
    const rules = (await get(`${nsg}/securityRules?${NETWORK}`)).body as ArmList;
    // The user's rule, and the deny rule JIT put there when the policy was enabled (port 22 of vm-web01).
    assert.equal(rules.value.length, 2);
    assert.equal(rules.value[0]!.name, 'Allow-HTTPS');
    assert.match(String(rules.value[1]!.name), /^MicrosoftDefenderForCloud-JITRule_-?\d+_[0-9A-F]{32}$/);
    const deny = (await get(`${nsg}/defaultSecurityRules/DenyAllInBound?${NETWORK}`)).body as {
      properties: { priority: number; access: string };
    };
    assert.deepEqual([deny.properties.priority, deny.properties.access], [65500, 'Deny']);
    assert.equal(((await get(`${nsg}/defaultSecurityRules?${NETWORK}`)).body as ArmList).value.length, 6);

    const nsgs = (await get(`${SUB}/providers/Microsoft.Network/networkSecurityGroups?${NETWORK}`)).body as ArmList;
    assert.equal(nsgs.value.length, 9); // 2 subnet NSGs + 7 NIC NSGs (vm-sql01 has only its subnet NSG)
    const rgNsgs = (
      await get(`${SUB}/resourceGroups/rg-network/providers/Microsoft.Network/networkSecurityGroups?${NETWORK}`)
    ).body as ArmList;
    assert.deepEqual(
      rgNsgs.value.map((n) => n.name),
      ['nsg-snet-data', 'nsg-snet-identity'],
    );

    const nic = (await get(`${SRV}/providers/Microsoft.Network/networkInterfaces/vm-web01-nic?${NETWORK}`)).body as {
      properties: {
        networkSecurityGroup: { id: string };
        ipConfigurations: Array<{ properties: { privateIPAddress: string; publicIPAddress: { id: string } } }>;
      };
    };
    assert.match(nic.properties.networkSecurityGroup.id, /vm-web01-nsg$/);
    assert.equal(nic.properties.ipConfigurations[0]!.properties.privateIPAddress, '10.10.1.5');
    const pipPath = nic.properties.ipConfigurations[0]!.properties.publicIPAddress.id;
    const pip = (await get(`${pipPath}?${NETWORK}`)).body as { properties: { ipAddress: string } };
    assert.equal(pip.properties.ipAddress, '20.61.10.25');
    assert.equal(
      ((await get(`${SUB}/providers/Microsoft.Network/networkInterfaces?${NETWORK}`)).body as ArmList).value.length,
      8,
    );
    assert.equal(
      ((await get(`${SUB}/providers/Microsoft.Network/publicIPAddresses?${NETWORK}`)).body as ArmList).value.length,
      3,
    );
    assert.equal(
      ((await get(`${SRV}/providers/Microsoft.Network/publicIPAddresses?${NETWORK}`)).body as ArmList).value.length,
      1,
    );
  });

  test('missing resources, rules and resource groups answer ARM 404s', async () => {
    const cases: Array<[string, string]> = [
      [`${SRV}/providers/Microsoft.Network/networkSecurityGroups/nope?${NETWORK}`, 'ResourceNotFound'],
      [
        `${SRV}/providers/Microsoft.Network/networkSecurityGroups/vm-web01-nsg/securityRules/nope?${NETWORK}`,
        'ResourceNotFound',
      ],
      [`${NET}/virtualNetworks/vnet-hub/subnets/nope?${NETWORK}`, 'ResourceNotFound'],
      [`${SRV}/providers/Microsoft.Compute/virtualMachines/nope?${COMPUTE}`, 'ResourceNotFound'],
      [`${SRV}/providers/Microsoft.Compute/virtualMachines/nope/instanceView?${COMPUTE}`, 'ResourceNotFound'],
      [`${SUB}/resourceGroups/rg-nope/providers/Microsoft.Compute/virtualMachines?${COMPUTE}`, 'ResourceGroupNotFound'],
      [
        `${SUB}/resourceGroups/rg-nope/providers/Microsoft.Network/networkSecurityGroups/x?${NETWORK}`,
        'ResourceGroupNotFound',
      ],
      [
        `/subscriptions/00000000-0000-0000-0000-000000000000/providers/Microsoft.Compute/virtualMachines?${COMPUTE}`,
        'SubscriptionNotFound',
      ],
    ];
    for (const [path, code] of cases) {
      const r = await get(path);
      assert.equal(r.status, 404, path);
      assert.equal((r.body as ArmErrorBody).error.code, code, path);
      assert.ok((r.body as ArmErrorBody).error.message.length > 0);
    }
  });

  test("Microsoft's API-only least-privilege JIT role cannot read VMs, NICs or NSGs but may read public IPs", async () => {
    const cases: Array<[string, string]> = [
      [`${SUB}/providers/Microsoft.Compute/virtualMachines?${COMPUTE}`, 'Microsoft.Compute/virtualMachines/read'],
      [
        `${SRV}/providers/Microsoft.Compute/virtualMachines/VM-FS01?${COMPUTE}`,
        'Microsoft.Compute/virtualMachines/read',
      ],
      [
        `${SRV}/providers/Microsoft.Network/networkSecurityGroups/vm-fs01-nsg?${NETWORK}`,
        'Microsoft.Network/networkSecurityGroups/read',
      ],
      [
        `${SUB}/providers/Microsoft.Network/networkSecurityGroups?${NETWORK}`,
        'Microsoft.Network/networkSecurityGroups/read',
      ],
      [
        `${SRV}/providers/Microsoft.Network/networkSecurityGroups/vm-fs01-nsg/securityRules?${NETWORK}`,
        'Microsoft.Network/networkSecurityGroups/securityRules/read',
      ],
      [
        `${SRV}/providers/Microsoft.Network/networkInterfaces/vm-fs01-nic?${NETWORK}`,
        'Microsoft.Network/networkInterfaces/read',
      ],
    ];
    for (const [path, action] of cases) {
      const r = await get(path, 'jitonly');
      assert.equal(r.status, 403, path);
      const { error } = r.body as ArmErrorBody;
      assert.equal(error.code, 'AuthorizationFailed');
      assert.ok(error.message.includes(`'${action}'`), error.message);
      assert.match(error.message, new RegExp(`over scope '${SUB}`));
    }
    const pip = await get(`${SRV}/providers/Microsoft.Network/publicIPAddresses/pip-vm-web01?${NETWORK}`, 'jitonly');
    assert.equal(pip.status, 200, pip.text);
  });

  test('helpdesk lists the VMs of every subscription it can read', async () => {
    const subs = ((await get('/subscriptions?api-version=2022-12-01')).body as ArmList<{ subscriptionId: string }>)
      .value;
    assert.equal(subs.length, 4);
    const names: string[] = [];
    for (const s of subs) {
      const r = await get(`/subscriptions/${s.subscriptionId}/providers/Microsoft.Compute/virtualMachines?${COMPUTE}`);
      assert.equal(r.status, 200, r.text);
      names.push(...(r.body as ArmList).value.map((v) => String(v.name)));
    }
    for (const vm of ['vm-fin01', 'VM-FS01', 'vm-branch01', 'vm-dev01']) assert.ok(names.includes(vm), names.join(','));
    assert.equal((await get(`${FIN}/providers/Microsoft.Compute/virtualMachines?${COMPUTE}`, 'jitonly')).status, 403);
  });

  test('every answer carries a Date header, errors included', async () => {
    const answers = await Promise.all([
      get(`${SUB}/providers/Microsoft.Compute/virtualMachines?${COMPUTE}`),
      get(`${NET}/virtualNetworks/vnet-hub?${NETWORK}`),
      get(`${NET}/virtualNetworks/nope?${NETWORK}`),
      get(`${SUB}/providers/Microsoft.Compute/virtualMachines?${COMPUTE}`, 'jitonly'),
      get(`${SUB}/providers/Microsoft.Compute/virtualMachines?api-version=1999-01-01`),
      simFetch(sim, `${SUB}/providers/Microsoft.Compute/virtualMachines?${COMPUTE}`),
      simFetch(sim, `${SRV}/providers/Microsoft.Compute/virtualMachines/vm-test01/start?${COMPUTE}`, {
        method: 'POST',
        token: mintArmToken(sim, 'admin'),
        body: '{oops',
      }),
    ]);
    assert.deepEqual(
      answers.map((a) => a.status),
      [200, 200, 404, 403, 400, 401, 400],
    );
    for (const a of answers) {
      const date = String(a.headers.date);
      assert.match(date, /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/);
      assert.ok(Math.abs(Date.parse(date) - sim.ctx.clock.nowMs()) < 60_000);
    }
  });

  test('x-ms-ratelimit-remaining-subscription-reads counts down', async () => {
    const read = async () =>
      Number(
        (await get(`${NET}/virtualNetworks/vnet-hub?${NETWORK}`, 'colleague')).headers[
          'x-ms-ratelimit-remaining-subscription-reads'
        ],
      );
    const a = await read();
    const b = await read();
    const c = await read();
    assert.ok(Number.isInteger(a) && a > 0 && a <= 250, String(a));
    assert.ok(b < a && c < b, `${a} ${b} ${c}`);
  });

  test('simulator-internal fields of stored documents never leave the simulator', async () => {
    const nsg = sim.ctx.estate.get(`${SRV}/providers/Microsoft.Network/networkSecurityGroups/vm-dc01-nsg`)!;
    nsg._simNote = 'internal';
    (nsg.properties as Json)._pending = [{ at: 1 }];
    const r = await get(`${SRV}/providers/Microsoft.Network/networkSecurityGroups/vm-dc01-nsg?${NETWORK}`);
    assert.equal(r.status, 200);
    assert.doesNotMatch(r.text, /_simNote|_pending/);
    assert.equal(nsg._simNote, 'internal', 'the stored document is not changed by serialising');
    delete nsg._simNote;
    delete (nsg.properties as Json)._pending;
  });
});

describe('ARM read throttling', () => {
  let sim: Simulator;
  before(async () => {
    sim = await startTestSim();
  });
  after(() => sim.close());

  test('more than 250 quick reads by one user in one subscription get 429 with Retry-After', async () => {
    const token = mintArmToken(sim, 'helpdesk');
    const path = `${SUB}/providers/Microsoft.Network/virtualNetworks?${NETWORK}`;
    let throttled: Awaited<ReturnType<typeof simFetch>> | undefined;
    let sent = 0;
    // Bounded: the bucket holds 250 and refills 25/s, so 600 requests in batches of 25 must hit the limit.
    while (!throttled && sent < 600) {
      const batch = await Promise.all(Array.from({ length: 25 }, () => simFetch(sim, path, { token })));
      sent += batch.length;
      throttled = batch.find((r) => r.status === 429);
    }
    assert.ok(throttled, `no 429 after ${sent} reads`);
    assert.ok(sent > 250 - 25, `throttled after only ${sent} reads`);
    assert.ok(Number(throttled.headers['retry-after']) >= 1);
    assert.equal((throttled.body as ArmErrorBody).error.code, 'SubscriptionRequestsThrottled');
    assert.equal(throttled.headers['x-ms-ratelimit-remaining-subscription-reads'], '0');
    // Another user in the same subscription has a bucket of its own.
    const other = await simFetch(sim, path, { token: mintArmToken(sim, 'colleague') });
    assert.equal(other.status, 200);
  });
});
