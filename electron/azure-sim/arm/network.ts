/**
 * Microsoft.Network reads: NICs, public IPs, NSGs and rules, VNets, subnets, peerings, VPN gateways, and Virtual WAN
 * point-to-site (WANs, hubs, P2S gateways, VPN server configurations, hub VNet connections).
 */
import type { ArmResource, NsgProperties, VnetProperties } from '../model/resources';
import { hubConnections, VWAN_TYPES } from '../model/virtual-wan';
import { paginate } from './paging';
import type { ArmApi } from './pipeline';
import {
  findChild,
  loadResource,
  publicDoc,
  requireResourceGroup,
  resourceGroupScope,
  subscriptionScope,
} from './serialize';

const SUB = '/subscriptions/{subscriptionId}';
const RG = `${SUB}/resourceGroups/{resourceGroupName}`;

/** A top-level network resource type and what the simulator serves for it. */
interface TopLevel {
  /** Path segment after `Microsoft.Network/`, e.g. `networkInterfaces`. */
  segment: string;
  /** Route parameter naming one resource. */
  nameParam: string;
  /** The RBAC read action. */
  action: string;
  /** Whether Azure offers a subscription-wide list (`GET /subscriptions/{id}/providers/Microsoft.Network/<segment>`). */
  subscriptionList: boolean;
}

const TOP_LEVEL: TopLevel[] = [
  {
    segment: 'networkInterfaces',
    nameParam: 'networkInterfaceName',
    action: 'Microsoft.Network/networkInterfaces/read',
    subscriptionList: true,
  },
  {
    segment: 'publicIPAddresses',
    nameParam: 'publicIpAddressName',
    action: 'Microsoft.Network/publicIPAddresses/read',
    subscriptionList: true,
  },
  {
    segment: 'networkSecurityGroups',
    nameParam: 'networkSecurityGroupName',
    action: 'Microsoft.Network/networkSecurityGroups/read',
    subscriptionList: true,
  },
  {
    segment: 'virtualNetworks',
    nameParam: 'virtualNetworkName',
    action: 'Microsoft.Network/virtualNetworks/read',
    subscriptionList: true,
  },
  // Azure lists VPN gateways per resource group only.
  {
    segment: 'virtualNetworkGateways',
    nameParam: 'virtualNetworkGatewayName',
    action: 'Microsoft.Network/virtualNetworkGateways/read',
    subscriptionList: false,
  },
  // Virtual WAN point-to-site (virtualWan.json): each listed per subscription and per resource group.
  ...(
    [
      ['virtualWans', 'VirtualWANName'],
      ['virtualHubs', 'virtualHubName'],
      ['p2sVpnGateways', 'gatewayName'],
      ['vpnServerConfigurations', 'vpnServerConfigurationName'],
    ] as const
  ).map(([segment, nameParam]) => ({
    segment,
    nameParam,
    action: `Microsoft.Network/${segment}/read`,
    subscriptionList: true,
  })),
];

/** A child collection stored inside its parent's `properties` (rules of an NSG, subnets and peerings of a VNet). */
interface Child {
  parent: string;
  parentParam: string;
  /** Path segment and `properties` key, e.g. `securityRules`. */
  segment: 'securityRules' | 'defaultSecurityRules' | 'subnets' | 'virtualNetworkPeerings';
  nameParam: string;
  action: string;
}

const CHILDREN: Child[] = [
  {
    parent: 'networkSecurityGroups',
    parentParam: 'networkSecurityGroupName',
    segment: 'securityRules',
    nameParam: 'securityRuleName',
    action: 'Microsoft.Network/networkSecurityGroups/securityRules/read',
  },
  {
    parent: 'networkSecurityGroups',
    parentParam: 'networkSecurityGroupName',
    segment: 'defaultSecurityRules',
    nameParam: 'defaultSecurityRuleName',
    action: 'Microsoft.Network/networkSecurityGroups/defaultSecurityRules/read',
  },
  {
    parent: 'virtualNetworks',
    parentParam: 'virtualNetworkName',
    segment: 'subnets',
    nameParam: 'subnetName',
    action: 'Microsoft.Network/virtualNetworks/subnets/read',
  },
  {
    parent: 'virtualNetworks',
    parentParam: 'virtualNetworkName',
    segment: 'virtualNetworkPeerings',
    nameParam: 'virtualNetworkPeeringName',
    action: 'Microsoft.Network/virtualNetworks/virtualNetworkPeerings/read',
  },
];

function registerTopLevel(api: ArmApi, t: TopLevel): void {
  const type = `Microsoft.Network/${t.segment}`;
  if (t.subscriptionList) {
    api.add('GET', `${SUB}/providers/${type}`, {
      family: 'network',
      action: t.action,
      scope: subscriptionScope,
      partialList: true,
      handler: (req, { ctx, readable }) => {
        const items = readable(ctx.estate.list(type, { subscriptionId: req.params.subscriptionId! }));
        return { status: 200, json: paginate(ctx, req, items.map(publicDoc)) };
      },
    });
  }
  api.add('GET', `${RG}/providers/${type}`, {
    family: 'network',
    action: t.action,
    scope: resourceGroupScope,
    partialList: true,
    handler: (req, { ctx, readable }) => {
      requireResourceGroup(ctx, req);
      const items = readable(
        ctx.estate.list(type, {
          subscriptionId: req.params.subscriptionId!,
          resourceGroup: req.params.resourceGroupName!,
        }),
      );
      return { status: 200, json: paginate(ctx, req, items.map(publicDoc)) };
    },
  });
  api.add('GET', `${RG}/providers/${type}/{${t.nameParam}}`, {
    family: 'network',
    action: t.action,
    handler: (req, { ctx }) => ({ status: 200, json: publicDoc(loadResource(ctx, req, type, t.nameParam)) }),
  });
}

function registerChild(api: ArmApi, c: Child): void {
  const parentType = `Microsoft.Network/${c.parent}`;
  const base = `${RG}/providers/${parentType}/{${c.parentParam}}/${c.segment}`;
  const children = (parent: ArmResource<NsgProperties | VnetProperties>): Array<{ name: string }> =>
    (parent.properties as unknown as Record<string, Array<{ name: string }> | undefined>)[c.segment] ?? [];
  api.add('GET', base, {
    family: 'network',
    action: c.action,
    handler: (req, { ctx }) => {
      const parent = loadResource<ArmResource<NsgProperties | VnetProperties>>(ctx, req, parentType, c.parentParam);
      return { status: 200, json: paginate(ctx, req, children(parent).map(publicDoc)) };
    },
  });
  api.add('GET', `${base}/{${c.nameParam}}`, {
    family: 'network',
    action: c.action,
    handler: (req, { ctx }) => {
      const parent = loadResource<ArmResource<NsgProperties | VnetProperties>>(ctx, req, parentType, c.parentParam);
      const child = findChild(
        children(parent),
        `${parentType}/${parent.name}/${c.segment}`,
        req.params[c.nameParam]!,
        req.params.resourceGroupName,
      );
      return { status: 200, json: publicDoc(child) };
    },
  });
}

/** A hub's VNet connections: listed per hub only (Azure has no subscription or resource-group list of them). */
function registerHubConnections(api: ArmApi): void {
  const base = `${RG}/providers/${VWAN_TYPES.hub}/{virtualHubName}/hubVirtualNetworkConnections`;
  const action = 'Microsoft.Network/virtualHubs/hubVirtualNetworkConnections/read';
  api.add('GET', base, {
    family: 'network',
    action,
    handler: (req, { ctx }) => {
      const hub = loadResource(ctx, req, VWAN_TYPES.hub, 'virtualHubName');
      return { status: 200, json: paginate(ctx, req, hubConnections(hub).map(publicDoc)) };
    },
  });
  api.add('GET', `${base}/{connectionName}`, {
    family: 'network',
    action,
    handler: (req, { ctx }) => {
      const hub = loadResource(ctx, req, VWAN_TYPES.hub, 'virtualHubName');
      const conn = findChild(
        hubConnections(hub),
        `${VWAN_TYPES.hub}/${hub.name}/hubVirtualNetworkConnections`,
        req.params.connectionName!,
        req.params.resourceGroupName,
      );
      return { status: 200, json: publicDoc(conn) };
    },
  });
}

/** Registers the network operations. */
export function registerNetworkRoutes(api: ArmApi): void {
  TOP_LEVEL.forEach((t) => registerTopLevel(api, t));
  CHILDREN.forEach((c) => registerChild(api, c));
  registerHubConnections(api);
}
