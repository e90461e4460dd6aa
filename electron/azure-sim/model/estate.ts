/** The simulated estate: tenants, subscriptions, resources, JIT policies, principals and role assignments. */
import { idKey, isUnderScope, parseResourceId } from './ids';
import type { ArmResource, JitPolicyDoc, ResourceGroupDoc, SimPowerState, SubscriptionDoc } from './resources';
import { ROLES, roleAllows, type RoleAssignment, type SimServicePrincipal, type SimUser } from './identity';

/** A simulated Entra tenant. */
export interface TenantDoc {
  id: string;
  tenantId: string;
  displayName: string;
  defaultDomain: string;
  domains: string[];
  tenantCategory: 'Home' | 'ProjectedBy' | 'ManagedBy';
  countryCode: string;
  tenantType: string;
}

/** Where the simulated client sits: its interfaces (one may be on the P2S VPN) and its public address. */
export interface SimClientNetwork {
  interfaces: Array<{ name: string; address: string }>;
  publicIp: string;
}

/** Serialisable form of the estate (for `--state-dir` and `/_sim/state`). */
export interface EstateSnapshot {
  seed: string;
  tenants: TenantDoc[];
  subscriptions: SubscriptionDoc[];
  resourceGroups: ResourceGroupDoc[];
  resources: ArmResource[];
  power: Array<[string, SimPowerState]>;
  jitPolicies: JitPolicyDoc[];
  users: SimUser[];
  servicePrincipals: SimServicePrincipal[];
  roleAssignments: RoleAssignment[];
  client: SimClientNetwork;
  /** Extra per-VM facts the simulator needs but Azure does not expose on the VM (e.g. firewall DNAT). */
  firewalls: Array<{ vmId: string; publicIp: string; mappedPorts: Record<string, number> }>;
}

/** In-memory store with case-insensitive ids and per-type indexes. */
export class Estate {
  seed = 'empty';
  readonly tenants: TenantDoc[] = [];
  readonly subscriptions = new Map<string, SubscriptionDoc>();
  readonly resourceGroups = new Map<string, ResourceGroupDoc>();
  private readonly resources = new Map<string, ArmResource>();
  private readonly byType = new Map<string, Map<string, ArmResource>>();
  readonly power = new Map<string, SimPowerState>();
  readonly jitPolicies = new Map<string, JitPolicyDoc>();
  readonly users = new Map<string, SimUser>();
  readonly servicePrincipals = new Map<string, SimServicePrincipal>();
  roleAssignments: RoleAssignment[] = [];
  client: SimClientNetwork = { interfaces: [], publicIp: '203.0.113.7' };
  readonly firewalls = new Map<string, { vmId: string; publicIp: string; mappedPorts: Record<string, number> }>();
  /** Bumped on every change; persistence watches it. */
  version = 0;

  /** Marks the estate changed. */
  touch(): void {
    this.version++;
  }

  addSubscription(doc: SubscriptionDoc): void {
    this.subscriptions.set(doc.subscriptionId.toLowerCase(), doc);
    this.touch();
  }

  subscription(subscriptionId: string): SubscriptionDoc | undefined {
    return this.subscriptions.get(subscriptionId.toLowerCase());
  }

  addResourceGroup(doc: ResourceGroupDoc): void {
    this.resourceGroups.set(idKey(doc.id), doc);
    this.touch();
  }

  resourceGroup(id: string): ResourceGroupDoc | undefined {
    return this.resourceGroups.get(idKey(id));
  }

  /** Adds or replaces a resource. */
  put<R extends ArmResource>(resource: R): R {
    const key = idKey(resource.id);
    this.resources.set(key, resource);
    const typeKey = resource.type.toLowerCase();
    let bucket = this.byType.get(typeKey);
    if (!bucket) this.byType.set(typeKey, (bucket = new Map()));
    bucket.set(key, resource);
    this.touch();
    return resource;
  }

  /** A resource by id (any case), optionally checked against an expected type. */
  get<R extends ArmResource = ArmResource>(id: string, type?: string): R | undefined {
    const r = this.resources.get(idKey(id));
    if (!r) return undefined;
    if (type && r.type.toLowerCase() !== type.toLowerCase()) return undefined;
    return r as R;
  }

  delete(id: string): boolean {
    const key = idKey(id);
    const r = this.resources.get(key);
    if (!r) return false;
    this.resources.delete(key);
    this.byType.get(r.type.toLowerCase())?.delete(key);
    this.touch();
    return true;
  }

  /** Resources of a type, optionally within a subscription or resource group, in insertion order. */
  list<R extends ArmResource = ArmResource>(
    type: string,
    scope?: { subscriptionId?: string; resourceGroup?: string },
  ): R[] {
    const bucket = this.byType.get(type.toLowerCase());
    if (!bucket) return [];
    const all = [...bucket.values()] as R[];
    if (!scope?.subscriptionId) return all;
    const prefix = scope.resourceGroup
      ? `/subscriptions/${scope.subscriptionId}/resourcegroups/${scope.resourceGroup}/`.toLowerCase()
      : `/subscriptions/${scope.subscriptionId}/`.toLowerCase();
    return all.filter((r) => idKey(r.id).startsWith(prefix));
  }

  putJitPolicy(doc: JitPolicyDoc): void {
    this.jitPolicies.set(idKey(doc.id), doc);
    this.touch();
  }

  jitPolicy(id: string): JitPolicyDoc | undefined {
    return this.jitPolicies.get(idKey(id));
  }

  deleteJitPolicy(id: string): boolean {
    const ok = this.jitPolicies.delete(idKey(id));
    if (ok) this.touch();
    return ok;
  }

  /** JIT policies within a scope id (subscription or resource group), optionally in one region. */
  listJitPolicies(scope: string, location?: string): JitPolicyDoc[] {
    return [...this.jitPolicies.values()].filter(
      (p) => isUnderScope(p.id, scope) && (!location || p.location.toLowerCase() === location.toLowerCase()),
    );
  }

  addUser(user: SimUser): void {
    this.users.set(user.oid, user);
    this.touch();
  }

  /** A user by object id (home or guest object), handle or UPN (case-insensitive). */
  findUser(key: string): SimUser | undefined {
    const k = key.toLowerCase();
    for (const u of this.users.values()) {
      if (u.oid.toLowerCase() === k || u.handle.toLowerCase() === k || u.upn.toLowerCase() === k) return u;
      if (u.guestOf?.some((g) => g.oid.toLowerCase() === k)) return u;
    }
    return undefined;
  }

  /** The tenants a user belongs to: home first, then those that invited them as a guest. */
  tenantsOf(user: SimUser): TenantDoc[] {
    const ids = [user.tenantId, ...(user.guestOf ?? []).map((g) => g.tenantId)].map((t) => t.toLowerCase());
    return ids.flatMap((id) => this.tenants.filter((t) => t.tenantId.toLowerCase() === id));
  }

  addServicePrincipal(sp: SimServicePrincipal): void {
    this.servicePrincipals.set(sp.appId.toLowerCase(), sp);
    this.touch();
  }

  assign(principalId: string, scope: string, roleName: string): void {
    if (!ROLES[roleName]) throw new Error(`unknown role ${roleName}`);
    this.roleAssignments.push({ principalId, scope, roleName });
    this.touch();
  }

  /** True when some assignment of the principal at or above `scope` grants `action`. */
  can(principalId: string, action: string, scope: string): boolean {
    return this.roleAssignments.some(
      (a) => a.principalId === principalId && isUnderScope(scope, a.scope) && roleAllows(ROLES[a.roleName]!, action),
    );
  }

  /** True when some assignment of the principal strictly below `scope` (a resource group, a resource) grants `action`. */
  canBelow(principalId: string, action: string, scope: string): boolean {
    return this.roleAssignments.some(
      (a) =>
        a.principalId === principalId &&
        idKey(a.scope) !== idKey(scope) &&
        isUnderScope(a.scope, scope) &&
        roleAllows(ROLES[a.roleName]!, action),
    );
  }

  /** Subscriptions in which the principal has any role assignment (what `GET /subscriptions` shows). */
  visibleSubscriptions(principalId: string, tenantId?: string): SubscriptionDoc[] {
    return [...this.subscriptions.values()].filter(
      (s) =>
        (!tenantId || s.tenantId.toLowerCase() === tenantId.toLowerCase()) &&
        this.roleAssignments.some(
          (a) =>
            a.principalId === principalId &&
            parseResourceId(a.scope)?.subscriptionId.toLowerCase() === s.subscriptionId.toLowerCase(),
        ),
    );
  }

  snapshot(): EstateSnapshot {
    return {
      seed: this.seed,
      tenants: this.tenants,
      subscriptions: [...this.subscriptions.values()],
      resourceGroups: [...this.resourceGroups.values()],
      resources: [...this.resources.values()],
      power: [...this.power.entries()],
      jitPolicies: [...this.jitPolicies.values()],
      users: [...this.users.values()],
      servicePrincipals: [...this.servicePrincipals.values()],
      roleAssignments: this.roleAssignments,
      client: this.client,
      firewalls: [...this.firewalls.values()],
    };
  }

  static fromSnapshot(s: EstateSnapshot): Estate {
    const e = new Estate();
    e.seed = s.seed;
    e.tenants.push(...s.tenants);
    s.subscriptions.forEach((d) => e.addSubscription(d));
    s.resourceGroups.forEach((d) => e.addResourceGroup(d));
    s.resources.forEach((r) => e.put(r));
    s.power.forEach(([k, v]) => e.power.set(k, v));
    s.jitPolicies.forEach((p) => e.putJitPolicy(p));
    s.users.forEach((u) => e.addUser(u));
    s.servicePrincipals.forEach((sp) => e.addServicePrincipal(sp));
    e.roleAssignments = [...s.roleAssignments];
    e.client = s.client;
    s.firewalls.forEach((f) => e.firewalls.set(idKey(f.vmId), f));
    return e;
  }
}
