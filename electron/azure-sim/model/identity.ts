/** Who exists in the simulated tenant(s) and what they may do: users, service principals, roles, assignments. */

/** A user account of a simulated tenant. */
export interface SimUser {
  /** Object id (GUID). */
  oid: string;
  tenantId: string;
  /** User principal name, e.g. `helpdesk@contoso.com`. */
  upn: string;
  displayName: string;
  /** Short handle the control API uses (`signInAs`, `revoke`), e.g. `helpdesk`. */
  handle: string;
  /** Password for ROPC/ADFS-style logins (simulated; never a real secret). */
  password: string;
  /**
   * Tenants that invited the user as a guest (B2B), each with the guest object's id there: in Entra a guest is a
   * separate object in the resource tenant, so tokens for that tenant carry that `oid`, and role assignments there
   * name it.
   */
  guestOf?: Array<{ tenantId: string; oid: string }>;
}

/** The user's object id in `tenantId`: their own at home, the guest object's where invited; undefined elsewhere. */
export function objectIdIn(user: SimUser, tenantId: string): string | undefined {
  const t = tenantId.toLowerCase();
  if (user.tenantId.toLowerCase() === t) return user.oid;
  return user.guestOf?.find((g) => g.tenantId.toLowerCase() === t)?.oid;
}

/** A service principal (client_credentials). */
export interface SimServicePrincipal {
  oid: string;
  tenantId: string;
  appId: string;
  displayName: string;
  secret: string;
}

/** A role: allowed actions and exclusions, with `*` wildcards as in Azure RBAC. */
export interface RoleDefinition {
  name: string;
  description: string;
  actions: string[];
  notActions: string[];
}

/** A role given to a principal at a scope (a subscription or a resource group id). */
export interface RoleAssignment {
  principalId: string;
  scope: string;
  roleName: string;
}

/** The built-in and custom roles the seeds use. */
export const ROLES: Readonly<Record<string, RoleDefinition>> = {
  Owner: { name: 'Owner', description: 'Full access.', actions: ['*'], notActions: [] },
  Reader: { name: 'Reader', description: 'View everything.', actions: ['*/read'], notActions: [] },
  'JIT Network Access Requester': {
    name: 'JIT Network Access Requester',
    description: 'Request just-in-time access (Defender for Cloud docs).',
    actions: [
      'Microsoft.Security/locations/jitNetworkAccessPolicies/initiate/action',
      'Microsoft.Security/locations/jitNetworkAccessPolicies/*/read',
      'Microsoft.Security/locations/jitNetworkAccessPolicies/read',
      'Microsoft.Compute/virtualMachines/read',
      'Microsoft.Network/networkInterfaces/*/read',
      'Microsoft.Network/publicIPAddresses/read',
    ],
    notActions: [],
  },
  // Exactly what Microsoft's Set-JitLeastPrivilegedRole.ps1 (API-only variant) grants: no VM or NSG read.
  'JIT Least Privileged (API)': {
    name: 'JIT Least Privileged (API)',
    description: "Microsoft's least-privilege JIT role, API-only variant.",
    actions: [
      'Microsoft.Security/locations/jitNetworkAccessPolicies/read',
      'Microsoft.Security/locations/jitNetworkAccessPolicies/initiate/action',
      'Microsoft.Security/policies/read',
      'Microsoft.Network/publicIPAddresses/read',
    ],
    notActions: [],
  },
};

function actionMatches(pattern: string, action: string): boolean {
  const re = new RegExp(
    `^${pattern
      .split('*')
      .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
    'i',
  );
  return re.test(action);
}

/** True when the role grants `action`. */
export function roleAllows(role: RoleDefinition, action: string): boolean {
  return role.actions.some((a) => actionMatches(a, action)) && !role.notActions.some((a) => actionMatches(a, action));
}
