/**
 * JIT semantics against the estate: deny rules for every policy VM (on start and on put), allow rules that appear
 * after the propagation delay of an initiate and go at `endTimeUtc` on the simulated clock, supersession of older
 * grants, cleanup of the policy's redundant JIT rules on put and delete. Every NSG change emits `nsg-changed`.
 *
 * A request port is `Initiating` until its allow rule is in place, then `Initiated` (the only "rule is live" signal a
 * caller without NSG read has); the policy reads `Updating` while a put settles or a grant is still propagating.
 *
 * Always reads `ctx.estate` (a reset replaces it). Timer state is re-armed from the stored documents on start,
 * so a restart with `--state-dir` continues where it stopped (due expiries apply at once).
 */
import type { SimContext } from '../context';
import { idKey } from '../model/ids';
import type { JitPolicyDoc, JitRequest } from '../model/resources';
import { pickDelay } from '../settings';
import { grantSources, grantsOf, owns, type GrantPort } from './grants';
import { allowDescription, allowRuleName, denyDescription, denyRuleName, isDenyRuleOf, isLegacyName } from './names';
import { checkInitiate, checkPolicy, policyIdOf, type PolicyParams } from './checks';
import { addAllowRule, removeRules, upsertDenyRule } from './rules';
import { vmTopology } from '../model/topology';

/** Runs JIT policies against the estate. */
export class JitEngine {
  private readonly timers = new Map<GrantPort, Array<() => void>>();
  /** Until when (simulated ms) a put of each policy is still being applied, by policy id key. */
  private readonly settling = new Map<string, number>();

  constructor(readonly ctx: SimContext) {}

  /** Ensures deny rules and re-arms pending timers for the current estate (start, reset, reload). */
  start(): void {
    this.stop();
    const changed = new Set<string>();
    const now = this.ctx.clock.nowMs();
    for (const policy of this.ctx.estate.jitPolicies.values()) {
      this.ensureDenyRules(policy, changed);
      for (const g of grantsOf(policy)) this.arm(policy, g.vmId, g.port, now, changed, true);
    }
    this.changed(changed);
  }

  /** Cancels timers. */
  stop(): void {
    for (const cancels of this.timers.values()) cancels.forEach((c) => c());
    this.timers.clear();
    this.settling.clear();
  }

  /** True while a change to the policy is in progress: a put settling, or a grant whose rule is not yet in place. */
  isUpdating(policy: JitPolicyDoc): boolean {
    const until = this.settling.get(idKey(policy.id));
    if (until !== undefined && until > this.ctx.clock.nowMs()) return true;
    return grantsOf(policy).some((g) => g.port._state === 'pending' && g.port.status === 'Initiating');
  }

  /** Creates or replaces a policy (the whole VM list), managing its deny rules; returns the stored document. */
  putPolicy(params: PolicyParams, body: unknown): { doc: JitPolicyDoc; created: boolean } {
    const estate = this.ctx.estate;
    const input = checkPolicy(this.ctx, params, body);
    const id = policyIdOf(params);
    const existing = estate.jitPolicy(id);
    const doc: JitPolicyDoc = {
      id: existing?.id ?? id,
      name: existing?.name ?? params.policyName,
      type: 'Microsoft.Security/locations/jitNetworkAccessPolicies',
      kind: input.kind,
      location: existing?.location ?? params.location,
      properties: {
        virtualMachines: input.virtualMachines,
        requests: existing?.properties.requests ?? [],
        provisioningState: 'Succeeded',
      },
    };
    const changed = new Set<string>();
    if (existing) {
      const kept = new Map(input.virtualMachines.map((v) => [idKey(v.id), new Set(v.ports.map((p) => p.number))]));
      for (const vm of existing.properties.virtualMachines) {
        if (!kept.has(idKey(vm.id))) this.removeDenyRules(existing, vm.id, changed);
      }
      // Grants for VMs or ports the policy no longer lists end now (their rules are no longer JIT's to keep).
      for (const g of grantsOf(existing)) {
        if (!kept.get(idKey(g.vmId))?.has(g.port.number)) this.endGrant(g.vmId, g.port, 'Expired', changed);
      }
    }
    this.ensureDenyRules(doc, changed);
    estate.putJitPolicy(doc);
    // Azure answers a put with `Updating` and keeps saying so for a while; the simulator's rules are already in place
    // (a simplification), but the state reads `Updating` for one propagation delay as the live service's does.
    this.settling.set(idKey(doc.id), this.ctx.clock.nowMs() + pickDelay(this.ctx.settings.propagationMs));
    this.changed(changed);
    return { doc, created: !existing };
  }

  /** Deletes a policy and every JIT rule it made; false when there was none. */
  deletePolicy(params: PolicyParams): boolean {
    const estate = this.ctx.estate;
    const policy = estate.jitPolicy(policyIdOf(params));
    if (!policy) return false;
    const changed = new Set<string>();
    for (const g of grantsOf(policy)) this.endGrant(g.vmId, g.port, 'Expired', changed);
    for (const vm of policy.properties.virtualMachines) this.removeDenyRules(policy, vm.id, changed);
    estate.deleteJitPolicy(policy.id);
    this.settling.delete(idKey(policy.id));
    this.changed(changed);
    return true;
  }

  /** Records an initiate request and schedules its rules; returns the stored request (with bookkeeping). */
  initiate(params: PolicyParams, body: unknown, requestor: string): JitRequest {
    const { ctx } = this;
    const now = ctx.clock.nowMs();
    const { policy, input, ports } = checkInitiate(ctx, params, body, now);
    const request: JitRequest = {
      virtualMachines: [],
      startTimeUtc: azureTime(now),
      requestor,
      ...(input.justification !== undefined ? { justification: input.justification } : {}),
    };
    for (const p of ports) {
      let vm = request.virtualMachines.find((v) => v.id === p.vmId);
      if (!vm) request.virtualMachines.push((vm = { id: p.vmId, ports: [] }));
      const port: GrantPort = {
        number: p.number,
        ...(p.sources.length === 1
          ? { allowedSourceAddressPrefix: p.sources[0]! }
          : { allowedSourceAddressPrefixes: p.sources }),
        // Azure echoes endTimeUtc exactly as sent (fraction digits, offset); a `duration` gets its computed end.
        endTimeUtc: p.endText ?? azureTime(p.endMs),
        status: 'Initiating',
        statusReason: 'UserRequested',
        ...(p.mappedPort !== undefined ? { mappedPort: p.mappedPort } : {}),
        _rule: allowRuleName(policy.id, p.vmId),
        _appearAtMs: now + pickDelay(ctx.settings.propagationMs),
        _state: 'pending',
      };
      if (ctx.settings.newerRequestRevokes) {
        const replaces: string[] = [];
        for (const g of grantsOf(policy)) {
          if (idKey(g.vmId) !== idKey(p.vmId) || g.port.number !== p.number) continue;
          if (g.port.status === 'Initiated' || g.port.status === 'Initiating') {
            g.port.status = 'Revoked';
            g.port.statusReason = 'NewerRequestInitiated';
          }
          // Older allow rules stay until the new one appears, so access does not lapse while the change propagates
          // (including one an earlier, still-propagating request was going to replace).
          if (g.port._rule && g.port._state === 'applied' && g.port.statusReason === 'NewerRequestInitiated')
            replaces.push(g.port._rule);
        }
        if (replaces.length) port._replaces = replaces;
      }
      vm.ports.push(port);
    }
    policy.properties.requests.push(request);
    ctx.estate.touch();
    for (const vm of request.virtualMachines)
      for (const port of vm.ports) this.arm(policy, vm.id, port as GrantPort, now, new Set(), false);
    return request;
  }

  /** Schedules a grant's rule appearance and expiry; with `dueNow`, what is already due applies at once (restart). */
  private arm(
    policy: JitPolicyDoc,
    vmId: string,
    port: GrantPort,
    now: number,
    changed: Set<string>,
    dueNow: boolean,
  ): void {
    if (!port._rule || port._state === 'removed') return;
    const endMs = Date.parse(port.endTimeUtc);
    if (!(endMs > now)) {
      this.expire(policy.id, vmId, port, changed);
      return;
    }
    const cancels: Array<() => void> = [];
    // A pending grant saved by an older simulator says `Initiated`; it still has to appear.
    if (port._state === 'pending' && (port.status === 'Initiating' || port.status === 'Initiated')) {
      const at = port._appearAtMs ?? now;
      if (dueNow && at <= now) this.appear(policy.id, vmId, port, changed);
      else cancels.push(this.ctx.clock.at(at, () => this.appear(policy.id, vmId, port, new Set())));
    }
    cancels.push(this.ctx.clock.at(endMs, () => this.expire(policy.id, vmId, port, new Set())));
    this.timers.set(port, cancels);
  }

  /** The allow rule appears in every NSG that applies (replacing the rules of grants it superseded). */
  private appear(policyId: string, vmId: string, port: GrantPort, changed: Set<string>): void {
    const { estate } = this.ctx;
    const policy = estate.jitPolicy(policyId);
    if (!policy || !owns(policy, port) || port._state !== 'pending') return;
    if (port.status !== 'Initiating' && port.status !== 'Initiated') return;
    if (Date.parse(port.endTimeUtc) <= this.ctx.clock.nowMs()) return;
    const topo = vmTopology(estate, vmId);
    const replaces = new Set(port._replaces ?? []);
    if (topo) {
      for (const nsg of topo.nsgs) {
        if (replaces.size && removeRules(nsg, (n) => replaces.has(n))) changed.add(nsg.id);
        const spec = {
          name: port._rule!,
          description: allowDescription(policy.name, topo.vm.name, isLegacyName(port._rule!)),
          destination: topo.privateIp,
          port: port.number,
          sources: grantSources(port),
        };
        if (addAllowRule(nsg, spec)) changed.add(nsg.id);
      }
    }
    for (const g of grantsOf(policy)) if (g.port._rule && replaces.has(g.port._rule)) g.port._state = 'removed';
    port._state = 'applied';
    port.status = 'Initiated';
    estate.touch();
    this.changed(changed);
  }

  /** At `endTimeUtc` the allow rule goes and the port becomes Revoked/Expired (unless already revoked). */
  private expire(policyId: string, vmId: string, port: GrantPort, changed: Set<string>): void {
    const policy = this.ctx.estate.jitPolicy(policyId);
    if (!policy || !owns(policy, port)) return;
    this.endGrant(vmId, port, 'Expired', changed);
    this.changed(changed);
  }

  /** Removes a grant's allow rule, cancels its timers, and marks it Revoked if it was live. */
  private endGrant(vmId: string, port: GrantPort, reason: string, changed: Set<string>): void {
    this.timers.get(port)?.forEach((c) => c());
    this.timers.delete(port);
    if (port._rule && port._state !== 'removed') {
      const topo = vmTopology(this.ctx.estate, vmId);
      for (const nsg of topo?.nsgs ?? []) if (removeRules(nsg, (n) => n === port._rule)) changed.add(nsg.id);
    }
    if (port._rule) port._state = 'removed';
    if (port.status === 'Initiated' || port.status === 'Initiating') {
      port.status = 'Revoked';
      port.statusReason = reason;
    }
    this.ctx.estate.touch();
  }

  /** Creates or updates the deny rule of every policy VM in every NSG that applies. */
  private ensureDenyRules(policy: JitPolicyDoc, changed: Set<string>): void {
    for (const entry of policy.properties.virtualMachines) {
      if (entry.ports.length === 0) continue;
      const topo = vmTopology(this.ctx.estate, entry.id);
      if (!topo) continue;
      const mine = isDenyRuleOf(policy.id, entry.id);
      for (const nsg of topo.nsgs) {
        // A deny rule written before the 2023 renaming keeps its name (and wording); it is updated in place.
        const name = nsg.properties.securityRules.find((r) => mine(r.name))?.name;
        const legacy = name !== undefined && isLegacyName(name);
        const spec = {
          name: name ?? denyRuleName(policy.id, entry.id, nsg.id),
          description: denyDescription(policy.name, topo.vm.name, legacy),
          destination: topo.privateIp,
          ports: entry.ports.map((p) => p.number),
        };
        if (upsertDenyRule(nsg, spec)) changed.add(nsg.id);
      }
    }
  }

  /** Removes this policy's deny rules for one VM (the cleanup of redundant JIT rules; never user rules). */
  private removeDenyRules(policy: JitPolicyDoc, vmId: string, changed: Set<string>): void {
    const mine = isDenyRuleOf(policy.id, vmId);
    for (const nsg of vmTopology(this.ctx.estate, vmId)?.nsgs ?? []) {
      if (removeRules(nsg, mine)) changed.add(nsg.id);
    }
  }

  private changed(nsgIds: Set<string>): void {
    if (nsgIds.size === 0) return;
    this.ctx.estate.touch();
    for (const id of nsgIds) this.ctx.events.emit('nsg-changed', id);
    nsgIds.clear();
  }
}

/** A time as Azure writes the ones it makes: ISO 8601 with seven fraction digits (`…T09:44:51.5874583Z`). */
export function azureTime(ms: number): string {
  return new Date(ms).toISOString().replace(/Z$/, '0000Z');
}
