/**
 * `grants`: Azure is the truth. Reads the JIT policy of the given VMs — one read per policy, however many of its VMs
 * are listed — and turns their requests into grants (see grants-view); the local store is updated to match.
 */
import { idKey } from '../../../shared/azure/resource-id';
import type { Vm } from '../../../shared/domain/types';
import { AppError, type AppErrorData } from '../../../shared/errors/app-error';
import type { ArmAccess } from '../azure/arm-access';
import { policyRef, readPolicy } from '../jit/jit-client';
import type { GrantStore } from './grant-store';
import { grantsFromPolicies, type ListedGrant, type PolicyView, type ReplacedGrant } from './grants-view';

export type { ListedGrant, ReplacedGrant } from './grants-view';

/** Options of {@link listGrants}. */
export interface ListGrantsOptions {
  /** Everyone's grants on the VMs I can see, not just mine. */
  all?: boolean;
  /** The signed-in account's UPN (matched against each request's requestor, case-insensitively). */
  account?: string;
  /** The local store: its history says which requests with an empty requestor are mine; its cache is refreshed. */
  store?: GrantStore;
  signal?: AbortSignal;
  /** The local Clock's now (default Date.now): remaining times and stored offsets are on it. */
  now?: () => number;
}

/** What `grants` shows. */
export interface GrantList {
  grants: ListedGrant[];
  /** Grants of mine that someone else's newer request replaced ("replaced by colleague@contoso.com"). */
  replaced: ReplacedGrant[];
  /** Policies that could not be read (their grants are missing from the list). */
  problems: Array<{ policyId: string; error: AppErrorData }>;
}

/** The live grants on `vms` (mine unless `all`), from their JIT policies' requests. */
export async function listGrants(arm: ArmAccess, vms: Vm[], opts: ListGrantsOptions = {}): Promise<GrantList> {
  const now = opts.now ?? (() => Date.now());
  const policies = new Map<string, { policyId: string; tenantId: string }>();
  for (const vm of vms)
    if (vm.jit.policyId) policies.set(idKey(vm.jit.policyId), { policyId: vm.jit.policyId, tenantId: vm.tenantId });
  const problems: GrantList['problems'] = [];
  const views: PolicyView[] = [];
  await Promise.all(
    [...policies.values()].map(async ({ policyId, tenantId }) => {
      try {
        const read = await readPolicy(arm, policyRef(policyId, tenantId), { clock: { now }, signal: opts.signal });
        views.push({ policyId, tenantId, ...read });
      } catch (err) {
        if (err instanceof AppError && err.code === 'cancelled') throw err;
        problems.push({
          policyId,
          error: err instanceof AppError ? err.toData() : { code: 'internal', message: String(err) },
        });
      }
    }),
  );
  const store = opts.store;
  const [history, cached] = store ? await Promise.all([store.history(), store.cached()]) : [[], []];
  const { grants, replaced } = grantsFromPolicies(views, vms, {
    ...(opts.all ? { all: true } : {}),
    ...(opts.account ? { account: opts.account } : {}),
    history,
    cached,
    now: now(),
  });
  if (store) {
    const read = new Set(views.map((v) => idKey(v.policyId)));
    const covered = new Set(
      vms.filter((v) => v.jit.policyId && read.has(idKey(v.jit.policyId))).map((v) => idKey(v.id)),
    );
    const mine = grants.filter((g) => g.mine).map(({ remainingSeconds: _r, mine: _m, status: _s, ...g }) => g);
    await store.replaceCached(mine, (c) => covered.has(idKey(c.vmId)));
    for (const r of replaced) await store.recordOutcome(r.grant, 'replaced', { replacedBy: r.replacedBy });
  }
  return { grants, replaced, problems };
}
