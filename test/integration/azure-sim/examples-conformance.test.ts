/**
 * The simulator's ARM answers keep the JSON shapes of Microsoft's official examples (test/fixtures/azure-api/examples):
 * for each example, the answer for a demo resource of the same type, asked with the example's api-version, may only
 * use the example's field names with the same JSON types. Fields the example has that we do not return, and fields
 * we return that the (trimmed) example lacks, are listed per example below so both sets are explicit and reviewed.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Simulator } from '../../../electron/azure-sim/index';
import { DEMO } from '../../../electron/azure-sim/seeds/demo';
import {
  compareShape,
  formatIssues,
  mergeReferences,
  omittedFields,
  parsePath,
  type ShapeOptions,
} from '../../fixtures/shape';
import { mintArmToken, simFetch, startTestSim } from '../../fixtures/sim';
import { azureApiDir } from '../../fixtures/swagger';

const examplesDir = path.join(azureApiDir, 'examples');

type Json = Record<string, unknown>;
const example = (file: string): { parameters: Json; responses: Record<string, { body: Json }> } =>
  JSON.parse(readFileSync(path.join(examplesDir, file), 'utf8'));
const body200 = (file: string): Json => example(file).responses['200']!.body;

const SUB = `/subscriptions/${DEMO.prodSubscriptionId}`;
const NET = `${SUB}/resourceGroups/rg-network/providers/Microsoft.Network`;
const SRV_NET = `${SUB}/resourceGroups/rg-servers/providers/Microsoft.Network`;
const SRV_VMS = `${SUB}/resourceGroups/rg-servers/providers/Microsoft.Compute/virtualMachines`;
const VWAN = `/subscriptions/${DEMO.connectivitySubscriptionId}/resourceGroups/rg-vwan/providers/Microsoft.Network`;

/** Examples we do not compare, with the reason. */
const SKIPPED: Record<string, string> = {
  'network/NetworkSecurityGroupRuleCreate.json':
    'rule PUT is not served: the JIT engine changes NSG rules inside the simulator',
};

/** One example and how to compare the simulator against it. */
interface Case {
  /** The simulator request (without api-version) for a demo resource of the example's type. */
  path: string;
  /** Builds the reference from the example's 200 body (default: the body itself). */
  reference?: (body: Json) => unknown;
  elementRefs?: ShapeOptions['elementRefs'];
  /** Fields we return that this example lacks — each a field of the Azure model (swagger) the example trims. */
  extras: string[];
  /** Fields of the example we deliberately do not return. */
  omitted: string[];
  /** Fields the app depends on. */
  required: string[];
}

// VM list items are the same VirtualMachine model as a VM GET; the list examples are trimmed ("MinimumSet": only
// id and location), so their items are compared against the union with the VM GET and list-by-location examples.
const vmGet = () => body200('compute/VirtualMachine_Get.json');
const vmByLocation = () => (body200('compute/VirtualMachine_ListBySubscription_ByLocation.json').value as unknown[])[0];
const vmListReference = (b: Json) => ({
  ...b,
  value: [mergeReferences(mergeReferences((b.value as unknown[])[0], vmGet()), vmByLocation())],
});
const nsgRule = () =>
  (body200('network/NetworkSecurityGroupGet.json').properties as { securityRules: unknown[] }).securityRules[0];

const VM_EXTRAS = [
  'properties.storageProfile.imageReference.exactVersion', // ImageReference.exactVersion (read-only)
  'properties.storageProfile.osDisk.deleteOption', // OSDisk.deleteOption
  'properties.osProfile.windowsConfiguration.patchSettings', // WindowsConfiguration.patchSettings
  'properties.osProfile.requireGuestProvisionSignal', // OSProfile.requireGuestProvisionSignal
  'properties.networkProfile.networkInterfaces[].properties', // NetworkInterfaceReference.properties.primary
];
const VM_OMITTED = [
  'managedBy',
  'tags',
  'properties.applicationProfile',
  'properties.availabilitySet',
  'properties.diagnosticsProfile.bootDiagnostics.storageUri',
  'properties.extensionsTimeBudget',
  'properties.proximityPlacementGroup',
  'properties.userData',
  'resources',
];
const VM_REQUIRED = [
  'id',
  'name',
  'location',
  'properties.vmId',
  'properties.hardwareProfile.vmSize',
  'properties.storageProfile.osDisk.osType',
  'properties.osProfile.computerName',
  'properties.networkProfile.networkInterfaces[].id',
];
const inList = (paths: string[]) => paths.map((p) => `value[].${p}`);
// Lists hold Linux VMs too (the examples' VMs are all Windows), and the reference adds the list-by-location
// example's unmanaged-disk `osDisk.vhd` (ours are managed disks).
const VM_LIST_EXTRAS = inList([...VM_EXTRAS, 'properties.osProfile.linuxConfiguration']);
const VM_LIST_OMITTED = inList([
  ...VM_OMITTED,
  'properties.osProfile.windowsConfiguration',
  'properties.storageProfile.osDisk.vhd',
]).sort();

const NSG_EXTRAS = [
  'etag',
  'properties.resourceGuid',
  'properties.networkInterfaces',
  'properties.subnets',
  'properties.securityRules[].etag',
  'properties.securityRules[].type',
  'properties.defaultSecurityRules[].etag',
  'properties.defaultSecurityRules[].type',
  // JIT's deny rule carries a description (a standard SecurityRule field the examples do not use).
  'properties.securityRules[].properties.description',
];

const CASES: Record<string, Case> = {
  'network/NetworkInterfaceGet.json': {
    path: `${SRV_NET}/networkInterfaces/vm-web01-nic`,
    extras: [
      'etag',
      'properties.ipConfigurations[].etag',
      'properties.ipConfigurations[].type',
      'properties.nicType',
      'properties.resourceGuid',
    ],
    omitted: ['properties.dscpConfiguration', 'properties.vnetEncryptionSupported'],
    required: [
      'id',
      'properties.networkSecurityGroup.id',
      'properties.virtualMachine.id',
      'properties.ipConfigurations[].properties.privateIPAddress',
      'properties.ipConfigurations[].properties.primary',
      'properties.ipConfigurations[].properties.subnet.id',
      'properties.ipConfigurations[].properties.publicIPAddress.id',
    ],
  },
  'network/NetworkSecurityGroupGet.json': {
    path: `${SRV_NET}/networkSecurityGroups/vm-web01-nsg`,
    extras: NSG_EXTRAS,
    omitted: [],
    required: [
      'id',
      'name',
      'properties.securityRules[].name',
      'properties.securityRules[].properties.priority',
      'properties.securityRules[].properties.access',
      'properties.securityRules[].properties.direction',
      'properties.securityRules[].properties.protocol',
      'properties.securityRules[].properties.destinationPortRange',
      'properties.defaultSecurityRules[].properties.priority',
    ],
  },
  'network/NetworkSecurityGroupList.json': {
    path: `${NET}/networkSecurityGroups`,
    elementRefs: { 'value[].properties.securityRules[]': nsgRule() }, // the list example's NSGs have no custom rules
    extras: inList(NSG_EXTRAS),
    omitted: [],
    required: [
      'value[].id',
      'value[].properties.securityRules',
      'value[].properties.defaultSecurityRules[].properties.priority',
    ],
  },
  'network/NetworkSecurityGroupRuleGet.json': {
    path: `${SRV_NET}/networkSecurityGroups/vm-web01-nsg/securityRules/Allow-HTTPS`,
    extras: ['etag', 'type'],
    omitted: [],
    required: [
      'name',
      'properties.priority',
      'properties.access',
      'properties.direction',
      'properties.sourceAddressPrefix',
      'properties.destinationPortRange',
    ],
  },
  'network/NetworkSecurityGroupRuleList.json': {
    path: `${SRV_NET}/networkSecurityGroups/vm-web01-nsg/securityRules`,
    extras: inList(['etag', 'type', 'properties.description']),
    omitted: [],
    required: ['value[].name', 'value[].properties.priority', 'value[].properties.access'],
  },
  'network/PublicIpAddressGet.json': {
    path: `${SRV_NET}/publicIPAddresses/pip-vm-web01`,
    // The example is an unallocated Dynamic address, so it has no ipAddress (README §5); ours are Static, allocated.
    extras: ['etag', 'sku', 'properties.ipAddress', 'properties.resourceGuid'],
    omitted: ['properties.ddosSettings'],
    required: ['id', 'properties.ipAddress', 'properties.ipConfiguration.id'],
  },
  'network/VirtualNetworkGet.json': {
    path: `${NET}/virtualNetworks/vnet-hub`,
    extras: [
      'etag',
      'properties.enableDdosProtection',
      'properties.resourceGuid',
      'properties.subnets[].etag',
      'properties.subnets[].type',
      'properties.subnets[].properties.privateEndpointNetworkPolicies',
      'properties.subnets[].properties.privateLinkServiceNetworkPolicies',
      // No official example shows a subnet NSG or a peering (README §3.4, §7); both are fields of the swagger.
      'properties.subnets[].properties.networkSecurityGroup',
      'properties.virtualNetworkPeerings[]',
    ],
    omitted: ['properties.defaultPublicNatGateway'],
    required: [
      'id',
      'properties.addressSpace.addressPrefixes',
      'properties.subnets[].id',
      'properties.subnets[].name',
      'properties.subnets[].properties.addressPrefix',
      'properties.virtualNetworkPeerings[].properties.remoteVirtualNetwork.id',
      'properties.virtualNetworkPeerings[].properties.allowGatewayTransit',
    ],
  },
  'network/VirtualNetworkGatewayGet.json': {
    path: `${NET}/virtualNetworkGateways/vgw-hub`,
    // No official example carries the point-to-site pool (README §5, §7); the schema's AddressSpace is used.
    extras: [
      'properties.vpnClientConfiguration.vpnClientAddressPool',
      'properties.vpnClientConfiguration.vpnAuthenticationTypes',
      'properties.vpnClientConfiguration.vpnClientIpsecPolicies',
      'properties.vpnClientConfiguration.aadTenant',
      'properties.vpnClientConfiguration.aadAudience',
      'properties.vpnClientConfiguration.aadIssuer',
    ],
    omitted: [
      'identity',
      'properties.allowRemoteVnetTraffic',
      'properties.allowVirtualWanTraffic',
      'properties.bgpSettings',
      'properties.customRoutes',
      'properties.disableIPSecReplayProtection',
      'properties.enableBgpRouteTranslationForNat',
      'properties.enableHighBandwidthVpnGateway',
      'properties.enablePrivateIpAddress',
      'properties.ipConfigurations[].etag',
      'properties.natRules',
      'properties.virtualNetworkGatewayMigrationStatus',
      'properties.vpnClientConfiguration.enableFipsCompliance',
    ],
    required: [
      'id',
      'properties.gatewayType',
      'properties.vpnClientConfiguration.vpnClientAddressPool.addressPrefixes',
      'properties.ipConfigurations[].properties.subnet.id',
    ],
  },
  'network/P2SVpnGatewayGet.json': {
    path: `${VWAN}/p2sVpnGateways/p2sgw-weu`,
    extras: [],
    // No RADIUS policy groups, and no connected-client health (the simulator has no VPN sessions to count).
    omitted: [
      'properties.p2SConnectionConfigurations[].properties.configurationPolicyGroupAssociations',
      'properties.p2SConnectionConfigurations[].properties.previousConfigurationPolicyGroupAssociations',
      'properties.vpnClientConnectionHealth',
    ],
    required: [
      'id',
      'properties.virtualHub.id',
      'properties.vpnServerConfiguration.id',
      'properties.p2SConnectionConfigurations[].properties.vpnClientAddressPool.addressPrefixes',
    ],
  },
  'network/VirtualHubGet.json': {
    path: `${VWAN}/virtualHubs/vhub-weu`,
    extras: ['properties.p2SVpnGateway'], // VirtualHubProperties.p2SVpnGateway: the example's hub has no P2S gateway
    omitted: [],
    required: ['id', 'properties.virtualWan.id', 'properties.addressPrefix'],
  },
  'network/HubVirtualNetworkConnectionGet.json': {
    path: `${VWAN}/virtualHubs/vhub-weu/hubVirtualNetworkConnections/conn-vnet-branch`,
    extras: [],
    // Default routing only: no route maps, BGP connections or static-route settings.
    omitted: [
      'properties.routingConfiguration.inboundRouteMap',
      'properties.routingConfiguration.outboundRouteMap',
      'properties.routingConfiguration.vnetRoutes.bgpConnections',
      'properties.routingConfiguration.vnetRoutes.staticRoutesConfig',
    ],
    required: ['id', 'name', 'properties.remoteVirtualNetwork.id', 'properties.provisioningState'],
  },
  'compute/VirtualMachine_Get.json': {
    path: `${SRV_VMS}/VM-FS01?$expand=userData`,
    extras: [...VM_EXTRAS, 'properties.osProfile.allowExtensionOperations'], // allowExtensionOperations: in the list-by-location example
    // The demo VMs carry no user data, tags, availability set or extensions.
    omitted: VM_OMITTED,
    required: VM_REQUIRED,
  },
  'compute/VirtualMachine_Get_InstanceView.json': {
    path: `${SRV_VMS}/VM-FS01/instanceView`,
    extras: [],
    // No boot-diagnostics storage, extensions or patch assessment in the simulator; the PowerState entry has no time, as in the example.
    omitted: ['bootDiagnostics', 'extensions', 'patchStatus', 'statuses[].time'],
    required: ['computerName', 'osName', 'statuses[].code', 'statuses[].displayStatus', 'vmAgent.statuses[].code'],
  },
  'compute/VirtualMachine_ListAll_MinimumSet_Gen.json': {
    path: `${SUB}/providers/Microsoft.Compute/virtualMachines`,
    reference: vmListReference,
    extras: VM_LIST_EXTRAS,
    omitted: VM_LIST_OMITTED,
    required: inList(VM_REQUIRED),
  },
  'compute/VirtualMachine_List_MinimumSet_Gen.json': {
    path: SRV_VMS,
    reference: vmListReference,
    extras: VM_LIST_EXTRAS,
    omitted: VM_LIST_OMITTED,
    required: inList(VM_REQUIRED),
  },
  'compute/VirtualMachine_ListBySubscription_ByLocation.json': {
    path: `${SUB}/providers/Microsoft.Compute/locations/${DEMO.location}/virtualMachines`,
    reference: vmListReference,
    extras: VM_LIST_EXTRAS,
    omitted: VM_LIST_OMITTED,
    required: inList(VM_REQUIRED),
  },
  'resources/GetSubscriptions.json': {
    path: '/subscriptions',
    extras: [],
    omitted: ['nextLink'], // a single page: no nextLink
    required: ['value[].id', 'value[].subscriptionId', 'value[].displayName', 'value[].state', 'value[].tenantId'],
  },
};

function listExamples(): string[] {
  const out: string[] = [];
  for (const dir of ['network', 'compute']) {
    for (const f of readdirSync(path.join(examplesDir, dir))) if (f.endsWith('.json')) out.push(`${dir}/${f}`);
  }
  out.push('resources/GetSubscriptions.json');
  return out.sort();
}

/** True when `p` (a path with `[]`) exists somewhere in `value`. */
function present(value: unknown, segs: string[]): boolean {
  if (segs.length === 0) return value !== undefined;
  const [head, ...rest] = segs;
  if (head === '[]') return Array.isArray(value) && value.some((el) => present(el, rest));
  return (
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    head! in value &&
    present((value as Json)[head!], rest)
  );
}

describe('simulator answers keep the shapes of the official examples', () => {
  let sim: Simulator;
  let token: string;
  const answers = new Map<string, unknown>();

  before(async () => {
    sim = await startTestSim();
    token = mintArmToken(sim, 'helpdesk');
  });
  after(() => sim.close());

  test('every example under network/ and compute/ (and GetSubscriptions) is compared or skipped with a reason', () => {
    const mapped = [...Object.keys(CASES), ...Object.keys(SKIPPED)].sort();
    assert.deepEqual(mapped, listExamples());
  });

  for (const [file, c] of Object.entries(CASES)) {
    test(file, async () => {
      const ex = example(file);
      const apiVersion = String(ex.parameters['api-version']);
      const r = await simFetch(sim, `${c.path}${c.path.includes('?') ? '&' : '?'}api-version=${apiVersion}`, { token });
      assert.equal(r.status, 200, r.text);
      answers.set(file, r.body);
      const reference = (c.reference ?? ((b: Json) => b))(ex.responses['200']!.body);
      const options = { allowExtra: c.extras, elementRefs: c.elementRefs, required: c.required };
      const issues = compareShape(r.body, reference, options);
      assert.deepEqual(issues, [], `${file}:\n${formatIssues(issues)}`);
      assert.deepEqual(
        omittedFields(r.body, reference, { elementRefs: c.elementRefs }),
        [...c.omitted].sort(),
        'the fields of the example we omit',
      );
      // Keep the extras list tight: each listed extra must really be in the answer.
      for (const extra of c.extras)
        assert.ok(present(r.body, parsePath(extra)), `listed extra ${extra} is not in the answer any more`);
    });
  }

  test('negative control: a renamed field, a changed type or a missing field the app needs fails the comparison', () => {
    const file = 'network/NetworkSecurityGroupGet.json';
    const c = CASES[file]!;
    const good = answers.get(file) as { properties: { securityRules: Array<{ properties: Json }> } } | undefined;
    assert.ok(good, 'the NSG answer was fetched');
    const reference = body200(file);
    const options = { allowExtra: c.extras, required: c.required };
    assert.deepEqual(compareShape(good, reference, options), []);

    const asString = structuredClone(good);
    asString.properties.securityRules[0]!.properties.priority = String(
      asString.properties.securityRules[0]!.properties.priority,
    );
    assert.deepEqual(
      compareShape(asString, reference, options).map((i) => [i.problem, i.path]),
      [['type-mismatch', 'properties.securityRules[].properties.priority']],
    );

    const renamed = structuredClone(good) as unknown as { properties: Json };
    renamed.properties.securityRule = renamed.properties.securityRules;
    delete renamed.properties.securityRules;
    const issues = compareShape(renamed, reference, options);
    assert.ok(
      issues.some((i) => i.problem === 'not-in-reference' && i.path === 'properties.securityRule'),
      formatIssues(issues),
    );
    assert.ok(
      issues.some((i) => i.problem === 'missing-required' && i.path.startsWith('properties.securityRules[]')),
      formatIssues(issues),
    );

    const missing = structuredClone(good);
    delete missing.properties.securityRules[0]!.properties.access;
    assert.deepEqual(
      compareShape(missing, reference, options).map((i) => i.problem),
      ['missing-required'],
    );
  });
});
