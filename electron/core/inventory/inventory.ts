/**
 * The VM inventory of an account: every tenant it can reach (a token per tenant), every subscription of each read in
 * parallel with a bound, results streamed per subscription (first rows from the VM list alone, then the joined
 * rows), problems beside the rows. ARM calls grow with tenants, subscriptions, gateways, hubs and pages, never
 * with VMs.
 */
import pLimit from 'p-limit';
import { AppError } from '../../../shared/errors/app-error';
import type { InventoryProblem, Subscription, Tenant, Vm } from '../../../shared/domain/types';
import { preloadArmSdks, type ArmAccess } from '../azure/arm-access';
import { listSubscriptions, listTenants } from '../azure/tenants';
import { joinSubscription, type JoinOptions } from './join';
import { readSubscription } from './read-subscription';
import { NetworkIndex, type SubscriptionReads } from './reads';

/** What the first rows (from the VM list alone) do not know yet. */
const PENDING = ['privateIp', 'publicIp', 'nsgs', 'p2sPools', 'jit'];

/** Progress: subscriptions read of those known so far. */
export interface InventoryProgress {
  subscriptionsRead: number;
  subscriptionsTotal: number;
}

/** Rows of one subscription; a later update for the same subscription replaces the earlier one. */
export interface InventoryVmsUpdate {
  subscriptionId: string;
  vms: Vm[];
  /** False for the first rows from the VM list alone (NICs, VNets and JIT still being read). */
  complete: boolean;
}

/** How to read the inventory. */
export interface InventoryOptions extends JoinOptions {
  arm: ArmAccess;
  /** Only this tenant (id or domain). */
  tenant?: string;
  /** Subscriptions read at once (default 10). */
  concurrency?: number;
  /** A subscription's deadline in ms (default 60 s): past it, it is reported as timed out. */
  subscriptionTimeoutMs?: number;
  signal?: AbortSignal;
  onProgress?: (p: InventoryProgress) => void;
  onVms?: (u: InventoryVmsUpdate) => void;
  onProblem?: (p: InventoryProblem) => void;
}

/** A complete inventory. */
export interface InventorySnapshot {
  vms: Vm[];
  problems: InventoryProblem[];
  tenants: Tenant[];
  subscriptions: Subscription[];
  /** When it was read (ISO-8601). */
  readAt: string;
}

/** The tenants to cover: all of the account's, or the one `filter` names (by id or domain). */
function pickTenants(tenants: Tenant[], filter: string | undefined): Tenant[] {
  if (!filter) return tenants;
  const f = filter.toLowerCase();
  const hit = tenants.filter((t) => t.tenantId.toLowerCase() === f || t.defaultDomain?.toLowerCase() === f);
  if (hit.length) return hit;
  throw new AppError({
    code: 'invalid-input',
    message: `The account has no tenant "${filter}".`,
    fix: 'Choose one of the tenants the account can use (the tenant list shows them).',
  });
}

/** One collator for every comparison (`localeCompare` with options builds one per call: slow for 5,000 rows). */
const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/** Sorts rows for display: subscription, then name (case-insensitive). */
function byPlace(a: Vm, b: Vm): number {
  return collator.compare(a.subscriptionName, b.subscriptionName) || collator.compare(a.name, b.name);
}

/** Reads the whole inventory, streaming rows and problems through the callbacks as subscriptions finish. */
export async function readInventory(opts: InventoryOptions): Promise<InventorySnapshot> {
  const { arm } = opts;
  const limit = pLimit(opts.concurrency ?? 10);
  const timeoutMs = opts.subscriptionTimeoutMs ?? 60_000;
  const problems: InventoryProblem[] = [];
  const report = (p: InventoryProblem) => {
    problems.push(p);
    opts.onProblem?.(p);
  };
  // Load the SDKs while the tenant and subscription lists are on the wire.
  preloadArmSdks();
  const tenants = pickTenants(await listTenants(arm, opts.signal), opts.tenant);
  const subscriptions: Subscription[] = [];
  const all: SubscriptionReads[] = [];
  const index = new NetworkIndex();
  let read = 0;
  const progress = () => opts.onProgress?.({ subscriptionsRead: read, subscriptionsTotal: subscriptions.length });
  /** The network index's version each subscription's complete rows were joined with. */
  const emitted = new Map<string, number>();
  const emit = (subscriptionId: string, vms: Vm[], complete: boolean, version?: number) => {
    if (version !== undefined) emitted.set(subscriptionId.toLowerCase(), version);
    opts.onVms?.({ subscriptionId, vms, complete });
  };

  const readOne = async (sub: Subscription) => {
    // First rows from the VM list alone, page by page; JIT, NICs and VNets arrive with the complete rows.
    const first: Vm[] = [];
    const reads = await readSubscription(arm, sub, {
      timeoutMs,
      ...(opts.signal ? { signal: opts.signal } : {}),
      onVmPage: (page) => {
        const partial: SubscriptionReads = {
          subscription: sub,
          vms: page,
          plan: 'unknown',
          problems: [],
          policies: [],
        };
        for (const v of joinSubscription(partial, index, opts))
          first.push({ ...v, jit: { state: 'unknown', ports: [], reason: 'Still reading.' }, unknown: PENDING });
        emit(sub.subscriptionId, [...first], false);
      },
    });
    all.push(reads);
    index.add(reads);
    reads.problems.forEach(report);
    read++;
    emit(sub.subscriptionId, joinSubscription(reads, index, opts), true, index.version);
    progress();
  };

  const work: Array<Promise<void>> = [];
  await Promise.all(
    tenants.map(async (t) => {
      const { subscriptions: subs, problem } = await listSubscriptions(arm, t.tenantId, opts.signal);
      if (problem) report(problem);
      subscriptions.push(...subs);
      progress();
      work.push(...subs.map((s) => limit(() => readOne(s))));
    }),
  );
  await Promise.all(work);

  // A spoke's hub or a Virtual WAN hub may sit in a subscription read later: join once more with everything, and
  // send again the rows of subscriptions joined before the network index last grew.
  const vms: Vm[] = [];
  for (const reads of all) {
    const rows = joinSubscription(reads, index, opts);
    vms.push(...rows);
    const id = reads.subscription.subscriptionId;
    if (emitted.get(id.toLowerCase()) !== index.version) emit(id, rows, true, index.version);
  }
  vms.sort(byPlace);
  return { vms, problems, tenants, subscriptions, readAt: new Date().toISOString() };
}
