/** The seeded people and apps of a tenant, with the roles the stories need. */
import type { Estate } from '../model/estate';
import type { SimUser } from '../model/identity';
import { guid } from './placement';

/** The seeded service principal's credentials (simulated; for `client_credentials` and `az login --service-principal`). */
export const SEEDED_SP = {
  appId: guid('sp:jit-connect-automation'),
  secret: 'sim-secret-not-a-real-credential',
  displayName: 'jit-connect-automation',
};

/** Adds a tenant (Contoso; Fabrikam in the demo). */
export function addTenant(
  estate: Estate,
  tenantId: string,
  displayName: string,
  domain: string,
  countryCode = 'US',
): void {
  estate.tenants.push({
    id: `/tenants/${tenantId}`,
    tenantId,
    displayName,
    defaultDomain: domain,
    domains: [domain, `${domain.split('.')[0]}.onmicrosoft.com`],
    tenantCategory: 'Home',
    countryCode,
    tenantType: 'AAD',
  });
}

/**
 * Adds the four seeded users and the service principal.
 * - helpdesk: reads everything and may request JIT in `requestSubs`; only reads in `readOnlySubs`.
 * - jitonly: exactly Microsoft's least-privilege API-only JIT role (no VM or NSG read).
 * - admin: Owner (may write policies) everywhere.
 * - colleague: like helpdesk, for grants made "elsewhere".
 */
export function addPeople(
  estate: Estate,
  tenantId: string,
  domain: string,
  requestSubs: string[],
  readOnlySubs: string[],
): Record<string, SimUser> {
  const user = (handle: string, local: string, displayName: string): SimUser => {
    const u: SimUser = {
      oid: guid(`user:${tenantId}:${handle}`),
      tenantId,
      upn: `${local}@${domain}`,
      displayName,
      handle,
      password: `${handle}-sim-password`,
    };
    estate.addUser(u);
    return u;
  };
  const helpdesk = user('helpdesk', 'helpdesk', 'Hanna Helpdesk');
  const jitonly = user('jitonly', 'jit-api', 'Jo JIT-only');
  const admin = user('admin', 'admin', 'Ada Admin');
  const colleague = user('colleague', 'colleague', 'Carl Colleague');
  const sub = (id: string) => `/subscriptions/${id}`;
  for (const s of requestSubs) {
    for (const u of [helpdesk, colleague]) {
      estate.assign(u.oid, sub(s), 'Reader');
      estate.assign(u.oid, sub(s), 'JIT Network Access Requester');
    }
    estate.assign(jitonly.oid, sub(s), 'JIT Least Privileged (API)');
  }
  for (const s of readOnlySubs) {
    estate.assign(helpdesk.oid, sub(s), 'Reader');
    estate.assign(colleague.oid, sub(s), 'Reader');
  }
  for (const s of [...requestSubs, ...readOnlySubs]) estate.assign(admin.oid, sub(s), 'Owner');
  const sp = { oid: guid(`sp-oid:${SEEDED_SP.appId}`), tenantId, ...SEEDED_SP };
  estate.addServicePrincipal(sp);
  for (const s of requestSubs) {
    estate.assign(sp.oid, sub(s), 'Reader');
    estate.assign(sp.oid, sub(s), 'JIT Network Access Requester');
  }
  return { helpdesk, jitonly, admin, colleague };
}

/** Adds a subscription document. */
export function addSubscription(estate: Estate, subscriptionId: string, displayName: string, tenantId: string): void {
  estate.addSubscription({
    id: `/subscriptions/${subscriptionId}`,
    subscriptionId,
    displayName,
    state: 'Enabled',
    tenantId,
    managedByTenants: [],
    subscriptionPolicies: {
      locationPlacementId: 'Public_2014-09-01',
      quotaId: 'EnterpriseAgreement_2014-09-01',
      spendingLimit: 'Off',
    },
    authorizationSource: 'RoleBased',
    tags: {},
  });
}

/** Adds a user whose only roles are at resource-group scope: Reader and JIT requester on each of `groups`. */
export function addGroupScopedUser(
  estate: Estate,
  tenantId: string,
  domain: string,
  handle: string,
  groups: string[],
): SimUser {
  const u: SimUser = {
    oid: guid(`user:${tenantId}:${handle}`),
    tenantId,
    upn: `${handle}@${domain}`,
    displayName: 'Rita Resource-group Reader',
    handle,
    password: `${handle}-sim-password`,
  };
  estate.addUser(u);
  for (const g of groups) {
    estate.assign(u.oid, g, 'Reader');
    estate.assign(u.oid, g, 'JIT Network Access Requester');
  }
  return u;
}

/** Invites a user into another tenant as a guest (B2B): a guest object there, whose id the roles there name. */
export function inviteGuest(estate: Estate, user: SimUser, tenantId: string): string {
  const oid = guid(`guest:${tenantId}:${user.oid}`);
  user.guestOf = [...(user.guestOf ?? []), { tenantId, oid }];
  estate.touch();
  return oid;
}
