/**
 * JIT policies' `requests` turned into grants: the newest request per VM and port, only ports still live, with the
 * remaining time on Azure's clock; "mine" by the request's requestor or, where Azure left it empty, by the local
 * history; and grants of mine that someone else's newer request replaced.
 */
import type { JitNetworkAccessPolicy } from '@azure/arm-security';
import { IdMap, idKey } from '../../../shared/azure/resource-id';
import type { GrantWithRemaining, Vm } from '../../../shared/domain/types';
import { containsIp, parseCidr, parseIpv4 } from '../../../shared/net/cidr';
import { sameGrant, type HistoryEntry, type StoredGrant } from './grant-store';

/** One policy as read, with Azure's clock offset at that moment. */
export interface PolicyView {
  policyId: string;
  tenantId: string;
  policy: JitNetworkAccessPolicy;
  azureOffsetMs: number;
}

/** A live grant as `grants` lists it. */
export interface ListedGrant extends GrantWithRemaining {
  policyId: string;
  tenantId: string;
  /** Requested by the signed-in account (by requestor, or by the local history when Azure left requestor empty). */
  mine: boolean;
  /** `Initiating` until the rule is in place, then `Initiated`. */
  status: string;
  justification?: string;
  /** Azure's clock minus the local one when the policy was read. */
  azureOffsetMs: number;
}

/** A grant of mine that someone else's newer request replaced. */
export interface ReplacedGrant {
  grant: StoredGrant & { policyId: string; tenantId: string };
  /** The newer request's requestor (UPN), or `someone else` when Azure did not say. */
  replacedBy: string;
  /** "replaced by colleague@contoso.com". */
  message: string;
}

/** What to decide "mine" and dial addresses with. */
export interface ViewContext {
  /** Everyone's grants, not just mine. */
  all?: boolean;
  /** The signed-in account's UPN. */
  account?: string;
  history: HistoryEntry[];
  cached: StoredGrant[];
  /** The local clock's now (ms); each policy's offset turns it into Azure's. */
  now: number;
}

interface Candidate extends StoredGrant {
  policyId: string;
  azureOffsetMs: number;
  tenantId: string;
  status: string;
  statusReason: string;
  order: number;
  startMs: number;
  endMs: number;
  azureNow: number;
  mine: boolean;
}

const LIVE = new Set(['initiated', 'initiating']);
const PRIVATE = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10'].map((c) => parseCidr(c)!);

/** True when a source prefix is a private range (so the grant is dialled on the private IP, over the VPN). */
function isPrivateSource(source: string): boolean {
  const first = source.split(',')[0]!.trim();
  const ip = parseIpv4(first.split('/')[0]!);
  return ip !== undefined && PRIVATE.some((c) => containsIp(c, ip));
}

/** Where a grant made elsewhere is dialled: the firewall's mapped port, the private IP for a private source, else public. */
function dialAddressFor(vm: Vm, port: number, source: string, mappedPort: number | undefined): string {
  if (vm.jit.firewallPublicIp && mappedPort) return `${vm.jit.firewallPublicIp}:${mappedPort}`;
  const host = isPrivateSource(source) ? (vm.privateIp ?? vm.publicIp) : (vm.publicIp ?? vm.privateIp);
  return `${host ?? vm.name}:${port}`;
}

const iso = (d: Date | string | undefined): string =>
  d === undefined ? '' : typeof d === 'string' ? new Date(d).toISOString() : d.toISOString();

/** Every port of every request on the visible VMs, with its order and whether it is mine. */
function candidates(views: PolicyView[], vms: IdMap<Vm>, ctx: ViewContext): Candidate[] {
  const out: Candidate[] = [];
  const account = ctx.account?.toLowerCase();
  for (const view of views) {
    const azureNow = ctx.now + view.azureOffsetMs;
    (view.policy.requests ?? []).forEach((r, order) => {
      for (const v of r.virtualMachines) {
        const vm = vms.get(v.id);
        if (!vm) continue; // a VM I cannot see
        for (const p of v.ports) {
          const source = p.allowedSourceAddressPrefix ?? p.allowedSourceAddressPrefixes?.join(',') ?? '';
          const endTimeUtc = iso(p.endTimeUtc);
          const requestor = r.requestor ?? '';
          const fromHistory = ctx.history.some(
            (h) =>
              h.outcome === 'granted' &&
              h.endTimeUtc !== undefined &&
              sameGrant(
                { vmId: h.vmId, port: h.port, endTimeUtc: h.endTimeUtc },
                { vmId: v.id, port: p.number, endTimeUtc },
              ),
          );
          // Azure fills requestor in on later reads, but the initiate answer (and, recorded live, reads right after
          // it) leave it empty: then only our own history can say the request was ours.
          const mine = requestor && account !== undefined ? requestor.toLowerCase() === account : fromHistory;
          const cached = ctx.cached.find((c) => sameGrant(c, { vmId: v.id, port: p.number, endTimeUtc }));
          out.push({
            vmId: vm.id,
            vmName: vm.name,
            port: p.number,
            source,
            dialAddress: cached?.dialAddress ?? dialAddressFor(vm, p.number, source, p.mappedPort),
            startTimeUtc: iso(r.startTimeUtc),
            endTimeUtc,
            ...(requestor ? { requestor } : mine && account ? { requestor: ctx.account! } : {}),
            ...(r.justification ? { justification: r.justification } : {}),
            policyId: view.policyId,
            tenantId: view.tenantId,
            azureOffsetMs: view.azureOffsetMs,
            status: p.status,
            statusReason: p.statusReason,
            order,
            startMs: Date.parse(iso(r.startTimeUtc)),
            endMs: Date.parse(endTimeUtc),
            azureNow,
            mine,
          });
        }
      }
    });
  }
  return out;
}

const newestFirst = (a: Candidate, b: Candidate): number => b.startMs - a.startMs || b.order - a.order;

/** The live grants (newest per VM and port; mine unless `all`) and my grants replaced by someone else's. */
export function grantsFromPolicies(
  views: PolicyView[],
  vmList: Vm[],
  ctx: ViewContext,
): { grants: ListedGrant[]; replaced: ReplacedGrant[] } {
  const vms = new IdMap<Vm>();
  for (const vm of vmList) vms.set(vm.id, vm);
  const byKey = new Map<string, Candidate[]>();
  for (const c of candidates(views, vms, ctx)) {
    const k = `${idKey(c.vmId)}|${c.port}`;
    byKey.set(k, [...(byKey.get(k) ?? []), c]);
  }
  const grants: ListedGrant[] = [];
  const replaced: ReplacedGrant[] = [];
  for (const list of byKey.values()) {
    list.sort(newestFirst);
    const newest = list[0]!;
    const live = LIVE.has(newest.status.toLowerCase()) && newest.endMs > newest.azureNow;
    if (live && (ctx.all || newest.mine)) {
      const { order: _o, startMs: _s, endMs, azureNow, statusReason: _r, ...grant } = newest;
      grants.push({ ...grant, remainingSeconds: Math.max(0, Math.floor((endMs - azureNow) / 1000)) });
    }
    if (newest.mine) continue;
    // My latest request here, revoked because a newer one came while it still had time left.
    const mineLatest = list.find((c) => c.mine);
    if (
      mineLatest &&
      mineLatest.status.toLowerCase() === 'revoked' &&
      mineLatest.statusReason.toLowerCase() === 'newerrequestinitiated' &&
      mineLatest.endMs > mineLatest.azureNow
    ) {
      const replacedBy = newest.requestor || 'someone else';
      const {
        order: _o,
        startMs: _s,
        endMs: _e,
        azureNow: _n,
        statusReason: _r,
        status: _st,
        mine: _m,
        ...grant
      } = mineLatest;
      replaced.push({ grant, replacedBy, message: `replaced by ${replacedBy}` });
    }
  }
  const byName = (a: { vmName: string; port: number }, b: { vmName: string; port: number }) =>
    a.vmName.localeCompare(b.vmName) || a.port - b.port;
  return { grants: grants.sort(byName), replaced: replaced.sort((a, b) => byName(a.grant, b.grant)) };
}
