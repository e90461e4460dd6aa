/**
 * Virtual WAN point-to-site through `@azure/arm-network` and raw HTTPS: the demo's Contoso Connectivity subscription
 * has WAN `vwan-contoso` with hub `vhub-weu`, whose P2S gateway hands out 10.50.0.0/24, and `vnet-branch` connected
 * to the hub. A product finds which P2S pool reaches a VM's VNet by following hub connections to the hub's gateway.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { NetworkManagementClient } from '@azure/arm-network';
import type { Simulator } from '../../../electron/azure-sim/index';
import { API_VERSIONS } from '../../../electron/azure-sim/arm/api-versions';
import { DEMO } from '../../../electron/azure-sim/seeds/demo';
import { recordUrls, sdkClients } from '../../fixtures/sdk';
import { mintArmToken, simFetch, startTestSim } from '../../fixtures/sim';
import { collect } from '../../fixtures/wait';

const CONN = DEMO.connectivitySubscriptionId;
const RG_VWAN = `/subscriptions/${CONN}/resourceGroups/rg-vwan/providers/Microsoft.Network`;
const BRANCH_VNET = `/subscriptions/${CONN}/resourceGroups/rg-branch/providers/Microsoft.Network/virtualNetworks/vnet-branch`;
const NETWORK = 'api-version=2025-05-01';

describe('Virtual WAN point-to-site', () => {
  let sim: Simulator;
  let network: NetworkManagementClient;
  const sent: URL[] = [];
  const get = (path: string, handle = 'helpdesk') => simFetch(sim, path, { token: mintArmToken(sim, handle) });

  before(async () => {
    sim = await startTestSim();
    network = recordUrls(sdkClients(sim, 'helpdesk', CONN).network, sent);
  });
  after(() => sim?.close());

  test('NetworkManagementClient lists P2S gateways with their client address pools', async () => {
    const all = await collect(network.p2SVpnGateways.list());
    assert.deepEqual(
      all.map((g) => g.name),
      ['p2sgw-weu'],
    );
    const byRg = await collect(network.p2SVpnGateways.listByResourceGroup('rg-vwan'));
    assert.equal(byRg.length, 1);
    const gw = await network.p2SVpnGateways.get('rg-vwan', 'p2sgw-weu');
    assert.equal(gw.type, 'Microsoft.Network/p2sVpnGateways');
    assert.deepEqual(gw.p2SConnectionConfigurations?.[0]?.vpnClientAddressPool?.addressPrefixes, [DEMO.vwanP2sPool]);
    assert.equal(gw.virtualHub?.id, `${RG_VWAN}/virtualHubs/vhub-weu`);
    assert.equal(gw.vpnServerConfiguration?.id, `${RG_VWAN}/vpnServerConfigurations/vpnsc-entra`);
    assert.equal(gw.provisioningState, 'Succeeded');
  });

  test('hubs, their VNet connections, the VPN server configuration and the WAN', async () => {
    const hubs = await collect(network.virtualHubs.list());
    assert.deepEqual(
      hubs.map((h) => h.name),
      ['vhub-weu'],
    );
    assert.equal((await collect(network.virtualHubs.listByResourceGroup('rg-vwan'))).length, 1);
    const hub = await network.virtualHubs.get('rg-vwan', 'vhub-weu');
    assert.equal(hub.p2SVpnGateway?.id, `${RG_VWAN}/p2sVpnGateways/p2sgw-weu`);
    assert.equal(hub.virtualWan?.id, `${RG_VWAN}/virtualWans/vwan-contoso`);
    assert.equal(hub.addressPrefix, '10.200.0.0/23');

    const conns = await collect(network.hubVirtualNetworkConnections.list('rg-vwan', 'vhub-weu'));
    assert.deepEqual(
      conns.map((c) => [c.name, c.remoteVirtualNetwork?.id, c.provisioningState]),
      [['conn-vnet-branch', BRANCH_VNET, 'Succeeded']],
    );
    const conn = await network.hubVirtualNetworkConnections.get('rg-vwan', 'vhub-weu', 'CONN-VNET-BRANCH');
    assert.equal(conn.id, `${RG_VWAN}/virtualHubs/vhub-weu/hubVirtualNetworkConnections/conn-vnet-branch`);
    await assert.rejects(
      network.hubVirtualNetworkConnections.get('rg-vwan', 'vhub-weu', 'nope'),
      (e: { statusCode?: number }) => e.statusCode === 404,
    );

    const sc = await network.vpnServerConfigurations.get('rg-vwan', 'vpnsc-entra');
    assert.deepEqual(sc.vpnAuthenticationTypes, ['AAD']);
    assert.deepEqual(sc.vpnProtocols, ['OpenVPN']);
    assert.equal(sc.aadAuthenticationParameters?.aadTenant, `https://login.microsoftonline.com/${DEMO.tenantId}/`);
    assert.equal((await collect(network.vpnServerConfigurations.list())).length, 1);
    assert.equal((await collect(network.vpnServerConfigurations.listByResourceGroup('rg-vwan'))).length, 1);

    const wans = await collect(network.virtualWans.list());
    assert.deepEqual(
      wans.map((w) => [w.name, w.typePropertiesType]),
      [['vwan-contoso', 'Standard']],
    );
    assert.deepEqual(wans[0]?.virtualHubs, [{ id: `${RG_VWAN}/virtualHubs/vhub-weu` }]);
    assert.equal((await network.virtualWans.get('rg-vwan', 'vwan-contoso')).name, 'vwan-contoso');
  });

  test('the api-versions arm-network sends for these are served', () => {
    const versions = new Set(sent.map((u) => u.searchParams.get('api-version') ?? '(none)'));
    assert.ok(sent.length >= 10);
    for (const v of versions) assert.ok((API_VERSIONS.network as readonly string[]).includes(v), v);
  });

  test('raw answers: the hub does not carry its connections inline; there is no subscription-wide connection list', async () => {
    const hub = await get(`${RG_VWAN}/virtualHubs/vhub-weu?${NETWORK}`);
    assert.equal(hub.status, 200, hub.text);
    assert.ok(!hub.text.includes('_connections'), hub.text);
    assert.ok(!hub.text.includes('conn-vnet-branch'), 'connections are served only under hubVirtualNetworkConnections');
    const list = await get(
      `/subscriptions/${CONN}/providers/Microsoft.Network/hubVirtualNetworkConnections?${NETWORK}`,
    );
    assert.equal(list.status, 404);
    const missing = await get(`${RG_VWAN}/virtualHubs/nope/hubVirtualNetworkConnections?${NETWORK}`);
    assert.equal(missing.status, 404);
    assert.equal((missing.body as { error: { code: string } }).error.code, 'ResourceNotFound');
    // Microsoft's least-privilege JIT role has no network read.
    assert.equal((await get(`${RG_VWAN}/p2sVpnGateways/p2sgw-weu?${NETWORK}`, 'jitonly')).status, 403);
  });
});
