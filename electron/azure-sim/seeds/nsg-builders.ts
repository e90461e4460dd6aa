/** Builders for network security groups and their rules (shapes of NetworkSecurityGroupGet.json). */
import type { Estate } from '../model/estate';
import { resourceId } from '../model/ids';
import type { ArmResource, NsgProperties, SecurityRule } from '../model/resources';
import { armDoc, ensureResourceGroup, etag, guid, type Placement } from './placement';

/** Azure's default NSG rules (priorities 65000+), as in NetworkSecurityGroupGet.json. */
export function defaultSecurityRules(nsgId: string): SecurityRule[] {
  const rule = (
    name: string,
    priority: number,
    direction: 'Inbound' | 'Outbound',
    access: 'Allow' | 'Deny',
    src: string,
    dst: string,
    description: string,
  ): SecurityRule => ({
    id: `${nsgId}/defaultSecurityRules/${name}`,
    name,
    etag: etag(`${nsgId}/${name}`),
    type: 'Microsoft.Network/networkSecurityGroups/defaultSecurityRules',
    properties: {
      description,
      protocol: '*',
      sourcePortRange: '*',
      destinationPortRange: '*',
      sourceAddressPrefix: src,
      destinationAddressPrefix: dst,
      access,
      priority,
      direction,
      provisioningState: 'Succeeded',
    },
  });
  return [
    rule(
      'AllowVnetInBound',
      65000,
      'Inbound',
      'Allow',
      'VirtualNetwork',
      'VirtualNetwork',
      'Allow inbound traffic from all VMs in VNET',
    ),
    rule(
      'AllowAzureLoadBalancerInBound',
      65001,
      'Inbound',
      'Allow',
      'AzureLoadBalancer',
      '*',
      'Allow inbound traffic from azure load balancer',
    ),
    rule('DenyAllInBound', 65500, 'Inbound', 'Deny', '*', '*', 'Deny all inbound traffic'),
    rule(
      'AllowVnetOutBound',
      65000,
      'Outbound',
      'Allow',
      'VirtualNetwork',
      'VirtualNetwork',
      'Allow outbound traffic from all VMs to all VMs in VNET',
    ),
    rule(
      'AllowInternetOutBound',
      65001,
      'Outbound',
      'Allow',
      '*',
      'Internet',
      'Allow outbound traffic from all VMs to Internet',
    ),
    rule('DenyAllOutBound', 65500, 'Outbound', 'Deny', '*', '*', 'Deny all outbound traffic'),
  ];
}

/** A user-defined inbound rule for an NSG. */
export function inboundRule(
  nsgId: string,
  name: string,
  priority: number,
  access: 'Allow' | 'Deny',
  port: string,
  source: string,
  destination = '*',
  protocol: SecurityRule['properties']['protocol'] = 'Tcp',
): SecurityRule {
  return {
    id: `${nsgId}/securityRules/${name}`,
    name,
    etag: etag(`${nsgId}/${name}`),
    type: 'Microsoft.Network/networkSecurityGroups/securityRules',
    properties: {
      protocol,
      sourcePortRange: '*',
      destinationPortRange: port,
      sourceAddressPrefix: source,
      destinationAddressPrefix: destination,
      access,
      priority,
      direction: 'Inbound',
      provisioningState: 'Succeeded',
    },
  };
}

/** Adds an NSG with Azure's default rules and the given custom rules. */
export function addNsg(
  estate: Estate,
  p: Placement,
  name: string,
  rules: (nsgId: string) => SecurityRule[] = () => [],
): ArmResource<NsgProperties> {
  ensureResourceGroup(estate, p);
  const id = resourceId(p.subscriptionId, p.resourceGroup, 'Microsoft.Network/networkSecurityGroups', name);
  return estate.put(
    armDoc<NsgProperties>(p, id, name, 'Microsoft.Network/networkSecurityGroups', {
      properties: {
        securityRules: rules(id),
        defaultSecurityRules: defaultSecurityRules(id),
        resourceGuid: guid(id),
        provisioningState: 'Succeeded',
        networkInterfaces: [],
        subnets: [],
      },
    }),
  );
}
