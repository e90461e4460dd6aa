/**
 * The source range of a JIT request, and where to dial. The rules, in order: the VPN when it really reaches the VM
 * (a route check: is the local address that reaches the VM's private IP inside a point-to-site pool that reaches the
 * VM, or inside the admin's private ranges?), asking for exactly what the policy accepts; else the public path (the
 * source left out so Azure uses the caller's address as it sees it), but never silently: a VM normally reached over
 * the VPN while the VPN is down gets "connect the VPN". `*` only when the policy forces it and the user confirmed.
 */
import type { JitPort, SourceChoice, Vm } from '../../../shared/domain/types';
import { AppError } from '../../../shared/errors/app-error';
import { containsCidr, containsIp, formatCidr, parseCidr, parseIpv4, type Cidr } from '../../../shared/net/cidr';
import type { NetworkInterfaces } from '../ports';
import type { SourceMode } from '../settings/settings';

/** What the choice depends on. */
export interface SourceRequest {
  vm: Vm;
  /** The policy's port: its allowed sources decide what may be asked for. */
  port: JitPort;
  /** `auto`, `vpn-only`, `public`, or `fixed` (with `fixedSources`). */
  mode: SourceMode;
  /** The CIDRs of `fixed` mode (`--source CIDR`, or the settings' `fixedSources`). */
  fixedSources?: string[];
  /** The modes the admin allows. */
  allowedModes?: SourceMode[];
  /** The admin's VPN ranges the user cannot read in Azure (already in `vm.p2sPools` when the inventory added them). */
  privateSourceRanges?: string[];
  /** `--yes-any-source`: the user confirmed a `*` source where the policy forces it. */
  yesAnySource?: boolean;
  network: NetworkInterfaces;
}

const cidrs = (list: string[]) => list.map((t) => ({ text: t, c: parseCidr(t) })).filter((x) => x.c !== undefined);

/** The policy's allowed sources: any (`*`), and the listed prefixes. */
function allowed(port: JitPort) {
  return { any: port.allowedSources.includes('*'), listed: cidrs(port.allowedSources.filter((s) => s !== '*')) };
}

/**
 * What to request for the source ranges `ranges` (narrowest last: the pool, then the address), which the policy must
 * accept. A policy that lists prefixes wants one of them exactly: the listed prefix holding the range, verbatim. A
 * policy with one prefix (`*` included) accepts anything inside it: the pool, else the address alone.
 */
function requestFor(port: JitPort, ranges: Cidr[]): string | undefined {
  const { any, listed } = allowed(port);
  if (port.sourcesExact) {
    for (const range of ranges) {
      const hit = listed.find((l) => containsCidr(l.c!, range));
      if (hit) return hit.text;
    }
    return undefined;
  }
  const inside = ranges.find((r) => any || listed.some((l) => containsCidr(l.c!, r)));
  return inside ? formatCidr(inside) : undefined;
}

/** The policy forces `*`: the user must have confirmed it. */
function anyNeedsConfirmation(vm: Vm, port: JitPort, yes: boolean | undefined): void {
  if (!yes)
    throw new AppError({
      code: 'any-source-needs-confirmation',
      message: `JIT policy for ${vm.name} port ${port.number} accepts only the source "*" (any address on the internet).`,
      fix: 'If that is really what you want, confirm the any-address source; better, ask the admin to narrow the policy.',
    });
}

/** Chooses the source range and dial address for one VM and port, or throws an AppError saying why and what to do. */
export async function chooseSource(req: SourceRequest): Promise<SourceChoice> {
  const { vm, port, mode } = req;
  if (req.allowedModes && !req.allowedModes.includes(mode))
    throw new AppError({
      code: 'invalid-input',
      message: `The source mode "${mode}" is not allowed here (allowed: ${req.allowedModes.join(', ')}).`,
      fix: `Use one of ${req.allowedModes.join(', ')}.`,
    });
  const pools = [...vm.p2sPools.map((p) => p.prefix), ...(req.privateSourceRanges ?? [])];
  const poolCidrs = cidrs(pools);
  // Only a listed `*` forces `*` (a list wants an entry verbatim); a single `*` accepts any narrower range.
  const forced = Boolean(port.sourcesExact) && port.allowedSources.length === 1 && port.allowedSources[0] === '*';

  // The VPN: which local address reaches the private IP, and is it in a pool that reaches the VM?
  let local: string | undefined;
  let pool: { text: string; c: Cidr | undefined } | undefined;
  if (vm.privateIp) {
    local = await req.network.localAddressFor(vm.privateIp, { pools });
    const ip = local === undefined ? undefined : parseIpv4(local);
    pool = ip === undefined ? undefined : poolCidrs.find((p) => containsIp(p.c!, ip));
  }

  if (mode === 'fixed') {
    const fixed = cidrs(req.fixedSources ?? []);
    if (fixed.length === 0)
      throw new AppError({
        code: 'invalid-input',
        message: 'The source mode is "fixed" but no source range is set.',
        fix: 'Give the source range (a CIDR), or set "fixedSources" in the settings.',
      });
    const prefix = requestFor(
      port,
      fixed.map((f) => f.c!),
    );
    if (!prefix) throw notAllowed(vm, port, fixed.map((f) => f.text).join(', '));
    const localIp = local === undefined ? undefined : parseIpv4(local);
    const viaPrivate = localIp !== undefined && fixed.some((f) => containsIp(f.c!, localIp)) && vm.privateIp;
    const dialHost = viaPrivate ? vm.privateIp! : (vm.jit.firewallPublicIp ?? vm.publicIp ?? vm.privateIp);
    if (!dialHost) throw noPath(vm, 'it has no address to dial');
    return { path: 'fixed', requestPrefix: prefix, dialHost, explanation: `fixed source ${prefix} (your setting)` };
  }

  if (pool && local && mode !== 'public') {
    if (forced) anyNeedsConfirmation(vm, port, req.yesAnySource);
    const prefix = forced ? '*' : requestFor(port, [pool.c!, parseCidr(local)!]);
    if (!prefix) throw notAllowed(vm, port, `${pool.text} (your VPN pool) or ${local}`);
    return {
      path: forced ? 'any' : 'vpn',
      requestPrefix: prefix,
      dialHost: vm.privateIp!,
      localAddress: local,
      explanation:
        prefix === pool.text
          ? `VPN pool ${pool.text} — you are on the VPN at ${local}`
          : `${prefix} — the policy's range for your VPN address ${local} (pool ${pool.text})`,
    };
  }

  if (mode === 'vpn-only' || (mode === 'auto' && poolCidrs.length > 0))
    throw new AppError({
      code: 'no-vpn-pool',
      message:
        poolCidrs.length > 0
          ? `${vm.name} is reached over the VPN (${poolCidrs.map((p) => p.text).join(', ')}), but this machine is not on it${local ? ` (it would reach ${vm.privateIp} from ${local})` : ''}.`
          : `No VPN reaches ${vm.name}: no point-to-site pool reaches its network, and no private range is set.`,
      fix:
        mode === 'vpn-only'
          ? 'Connect the VPN, then try again.'
          : `Connect the VPN, then try again${vm.publicIp || vm.jit.firewallPublicIp ? ', or ask for the public path explicitly' : ''}.`,
    });

  // The public path: the VM's public IP, or the firewall in front of it.
  const dialHost = vm.jit.firewallPublicIp ?? vm.publicIp;
  if (!dialHost)
    throw noPath(
      vm,
      vm.privateIp ? 'it has no public IP and no firewall in front of it, and no VPN reaches it' : 'it has no address',
    );
  const path = vm.jit.firewallPublicIp ? 'firewall' : 'public';
  if (forced) {
    anyNeedsConfirmation(vm, port, req.yesAnySource);
    return { path: 'any', requestPrefix: '*', dialHost, explanation: 'any source (*), as the policy requires' };
  }
  const known = req.network.publicAddress?.();
  const knownCidr = known ? parseCidr(known) : undefined;
  const { listed } = allowed(port);
  // A policy that lists prefixes wants one of them verbatim; with the caller's address known, send the one holding it.
  const listedHit = knownCidr ? listed.find((l) => containsCidr(l.c!, knownCidr)) : undefined;
  if (listed.length > 0 && !allowed(port).any && knownCidr && !listedHit)
    throw notAllowed(vm, port, `your public address ${known}`);
  if (port.sourcesExact && listed.length > 0 && !listedHit && !allowed(port).any)
    throw notAllowed(vm, port, 'an address this machine can name (its public address is unknown)');
  const verbatim = port.sourcesExact ? listedHit : undefined;
  return {
    path,
    ...(verbatim ? { requestPrefix: verbatim.text } : {}),
    dialHost,
    explanation: verbatim
      ? `${verbatim.text} — the policy's range for your public address ${known}`
      : `your public address, as Azure sees it${path === 'firewall' ? ` (through the firewall ${dialHost})` : ''}`,
  };
}

function notAllowed(vm: Vm, port: JitPort, what: string): AppError {
  return new AppError({
    code: 'source-not-allowed',
    message: `The JIT policy of ${vm.name} port ${port.number} accepts only ${port.allowedSources.join(', ')}, not ${what}.`,
    fix: 'Connect from a network the policy allows, or ask the admin to add your range to the policy.',
  });
}

function noPath(vm: Vm, why: string): AppError {
  return new AppError({
    code: 'no-path',
    message: `There is no way to reach ${vm.name}: ${why}.`,
    fix: 'Connect the VPN that reaches its network, or ask the admin for a private range setting (privateSourceRanges).',
  });
}
