/**
 * The demo's second tenant: Fabrikam, a customer where Contoso's helpdesk is a guest (as MSP and helpdesk
 * accounts often are), with one subscription and one JIT-enabled VM. Contoso's other users are not members.
 */
import type { Estate } from '../model/estate';
import { resourceId } from '../model/ids';
import type { SimUser } from '../model/identity';
import { guid, type Placement } from './placement';
import { addNsg } from './nsg-builders';
import { addPublicIp, addVnet } from './network-builders';
import { addVm } from './vm-builders';
import { addJitPolicy, jitPort } from './jit-builders';
import { idCase } from './id-case';
import { addSubscription, addTenant, inviteGuest } from './identities';

/** Fixed ids of the Fabrikam tenant, for tests and docs. */
export const FABRIKAM = {
  tenantId: guid('tenant:fabrikam'),
  domain: 'fabrikam.com',
  subscriptionId: guid('sub:fabrikam-operations'),
  location: 'northeurope',
  vmName: 'vm-fab-jump01',
  vmPublicIp: '20.71.30.40',
} as const;

/** Adds Fabrikam, its subscription and VM, and invites `guest` with Reader and JIT requester there. */
export function addFabrikam(e: Estate, guest: SimUser): void {
  addTenant(e, FABRIKAM.tenantId, 'Fabrikam', FABRIKAM.domain, 'GB');
  addSubscription(e, FABRIKAM.subscriptionId, 'Fabrikam Operations', FABRIKAM.tenantId);
  const guestOid = inviteGuest(e, guest, FABRIKAM.tenantId);
  const sub = `/subscriptions/${FABRIKAM.subscriptionId}`;
  e.assign(guestOid, sub, 'Reader');
  e.assign(guestOid, sub, 'JIT Network Access Requester');

  const ops: Placement = {
    subscriptionId: FABRIKAM.subscriptionId,
    resourceGroup: 'rg-fabrikam-ops',
    location: FABRIKAM.location,
  };
  const vnet = addVnet(e, ops, 'vnet-fabrikam', '10.40.0.0/16', [{ name: 'snet-ops', prefix: '10.40.1.0/24' }]);
  const vm = addVm(e, ops, {
    name: FABRIKAM.vmName,
    os: 'Windows',
    subnet: vnet.properties.subnets[0]!,
    privateIp: '10.40.1.4',
    publicIp: addPublicIp(e, ops, `pip-${FABRIKAM.vmName}`, FABRIKAM.vmPublicIp),
    nicNsg: addNsg(e, ops, `${FABRIKAM.vmName}-nsg`),
  });
  const policy = addJitPolicy(e, ops, [{ vm, ports: [jitPort(3389, { max: 'PT2H' })] }]);
  // Yesterday's expired request by the guest, naming the VM as the requester typed it (yet another spelling of
  // its id). It never had a rule in this run, so the JIT engine leaves it alone.
  const start = Date.now() - 26 * 3600_000;
  policy.properties.requests.push({
    virtualMachines: [
      {
        id: idCase.request(
          resourceId(ops.subscriptionId, ops.resourceGroup, 'Microsoft.Compute/virtualMachines', vm.name),
        ),
        ports: [
          {
            number: 3389,
            allowedSourceAddressPrefix: '203.0.113.7',
            endTimeUtc: new Date(start + 2 * 3600_000).toISOString(),
            status: 'Revoked',
            statusReason: 'Expired',
          },
        ],
      },
    ],
    startTimeUtc: new Date(start).toISOString(),
    requestor: guest.upn,
    justification: 'Fabrikam ticket 4711: patch the jump host',
  });
}
