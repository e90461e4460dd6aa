/**
 * Connect (DESIGN.md §5): plan the request (plan.ts), initiate it — one call per policy — read back the source Azure
 * applied, wait until the rule is live (watch-rule.ts) and the dialled address accepts TCP (reach.ts), reporting
 * each step. Launching the client is the caller's (it emits `launching`).
 */
import { sameId } from '../../../shared/azure/resource-id';
import type { ConnectProgress, Grant, SourceChoice } from '../../../shared/domain/types';
import { AppError } from '../../../shared/errors/app-error';
import type { ArmAccess } from '../azure/arm-access';
import { initiateMany, type Initiated } from '../jit/jit-client';
import { jitError } from '../jit/jit-errors';
import { systemClock, type Clock } from '../ports';
import { checkJustification, type DurationCap } from '../settings/policy-rules';
import type { Settings } from '../settings/schema';
import { chooseJustification } from './choose-request';
import { planConnect, type ChooseSource, type ConnectTarget, type PlannedPort } from './plan';
import { tcpProbe, type Probe } from './probe';
import { waitReachable } from './reach';
import { DEFAULT_POLL, watchRule, type PollTiming, type RuleLive } from './watch-rule';

/** A step of one VM's connect. */
export interface ConnectEvent extends ConnectProgress {
  vmId: string;
  vmName: string;
  port: number;
}

/** What `connect` needs. */
export interface ConnectOptions {
  arm: ArmAccess;
  targets: ConnectTarget[];
  settings: Pick<Settings, 'defaultPorts' | 'defaultDuration' | 'justificationTemplate'> &
    Partial<Pick<Settings, 'justificationRequired'>>;
  chooseSource: ChooseSource;
  /** Asked duration (`1h`, `90m`, ISO-8601). */
  duration?: string;
  /** The admin policy's cap on the duration (`maxDuration`): over it, refused before anything is sent. */
  durationCap?: DurationCap;
  justification?: string;
  ticket?: string;
  /** The signed-in user (UPN): `{user}` in the template, and the grant's requestor. */
  user?: string;
  /** The cloud profile's `addressMap` (`"<ip>:<port>"` → `"host:port"` to dial instead). */
  addressMap?: Record<string, string>;
  clock?: Clock;
  /** Default: a real TCP connect with a timeout. */
  probe?: Probe;
  signal?: AbortSignal;
  onProgress?: (event: ConnectEvent) => void;
  /** Give up waiting for the rule after this long (default 3 min). */
  timeoutMs?: number;
  /** A live rule whose port does not answer within this long is blocked elsewhere (default 30 s). */
  reachTimeoutMs?: number;
  timing?: Partial<PollTiming>;
  /** Counts ARM reads while waiting (the bench). */
  onArmRead?: () => void;
}

/** One VM and port, connected. */
export interface Connection {
  grant: Grant;
  /** What to dial, after the addressMap. */
  dial: { host: string; port: number };
  choice: SourceChoice;
  via: RuleLive['via'];
  /** Milliseconds since the connect began at which each step was reached. */
  timings: { requestedMs: number; ruleLiveMs: number; reachableMs: number };
}

/** The answer of {@link connect}: one connection per target, in the targets' order. */
export interface ConnectResult {
  connections: Connection[];
}

/** The address before and after the profile's addressMap. */
function dialOf(host: string, port: number, map: Record<string, string> | undefined) {
  const address = `${host}:${port}`;
  const mapped = map?.[address];
  const m = mapped ? mapped.match(/^(.+):(\d+)$/) : null;
  return { address, dial: m ? { host: m[1]!, port: Number(m[2]) } : { host, port } };
}

/** The port of our VM in the 202, with the source Azure applied and (behind a firewall) the mapped port. */
function answered(initiated: Initiated, p: PlannedPort) {
  const vm = initiated.request.virtualMachines.find((v) => sameId(v.id, p.vm.id));
  const port = vm?.ports.find((x) => x.number === p.policyPort.number);
  const source = port?.allowedSourceAddressPrefix ?? port?.allowedSourceAddressPrefixes?.[0] ?? p.choice.requestPrefix;
  if (!port || !source)
    throw new AppError({
      code: 'azure-error',
      message: `Azure's answer to the request does not name port ${p.policyPort.number} of ${p.vm.name} with its source.`,
    });
  return { port, source };
}

/**
 * Requests JIT access for every target and returns once each dialled address accepts TCP. Errors are AppErrors
 * (`vm-not-running`, `port-not-in-policy`, `duration-over-max`, `missing-permission`, `rule-timeout`,
 * `port-blocked`, `cancelled`, …); nothing is sent unless every target could be planned.
 */
export async function connect(opts: ConnectOptions): Promise<ConnectResult> {
  const clock = opts.clock ?? systemClock;
  const probe = opts.probe ?? tcpProbe(clock);
  const timing = { ...DEFAULT_POLL, ...opts.timing };
  const started = clock.now();
  const elapsed = () => clock.now() - started;
  const deadline = started + (opts.timeoutMs ?? 180_000);
  // One failure stops the other VMs' waits.
  const inner = new AbortController();
  const onAbort = () => inner.abort(opts.signal?.reason);
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  const cancelled = () =>
    opts.signal?.aborted ? new AppError({ code: 'cancelled', message: 'Cancelled.' }) : undefined;
  try {
    // A required justification that nothing gives is refused before any read or request.
    if (!opts.settings.justificationTemplate.trim())
      checkJustification(opts.justification, { justificationRequired: Boolean(opts.settings.justificationRequired) });
    const plans = await planConnect({ ...opts, now: () => clock.now(), signal: inner.signal });
    const emit = (p: PlannedPort, step: ConnectProgress['step'], detail?: string) =>
      opts.onProgress?.({
        step,
        elapsedMs: elapsed(),
        vmId: p.vm.id,
        vmName: p.vm.name,
        port: p.policyPort.number,
        ...(detail ? { detail } : {}),
      });
    const waits = plans.map(async (plan) => {
      const justification = chooseJustification(
        opts.settings,
        {
          vm: [...new Set(plan.ports.map((p) => p.vm.name))].join(', '),
          port: plan.ports.map((p) => p.policyPort.number).join(', '),
          ...(opts.user ? { user: opts.user } : {}),
          ...(opts.ticket ? { ticket: opts.ticket } : {}),
        },
        opts.justification,
      );
      checkJustification(justification, { justificationRequired: Boolean(opts.settings.justificationRequired) });
      const vms = new Map<
        string,
        { id: string; ports: Array<Parameters<typeof initiateMany>[2][number]['ports'][number]> }
      >();
      for (const p of plan.ports) {
        const entry = vms.get(p.vm.id) ?? { id: p.vm.id, ports: [] };
        entry.ports.push({
          number: p.policyPort.number,
          endTimeUtc: p.endTimeUtc,
          ...(p.choice.requestPrefix ? { allowedSourceAddressPrefix: p.choice.requestPrefix } : {}),
        });
        vms.set(p.vm.id, entry);
      }
      const initiated = await initiateMany(opts.arm, plan.ref, [...vms.values()], justification, {
        clock,
        signal: inner.signal,
      });
      return Promise.all(plan.ports.map((p) => follow(p, initiated)));
    });

    const follow = async (p: PlannedPort, initiated: Initiated): Promise<Connection> => {
      const { port, source } = answered(initiated, p);
      const requestedMs = elapsed();
      const readBack = p.choice.requestPrefix ? '' : ' (your address as Azure sees it)';
      emit(p, 'requested', `source ${source}${readBack}: ${p.choice.explanation}`);
      let host = p.choice.dialHost;
      let dialPort = p.policyPort.number;
      if (p.choice.path === 'firewall') {
        if (port.mappedPort === undefined)
          throw new AppError({
            code: 'azure-error',
            message: `Azure named no mapped port on the firewall for port ${dialPort} of ${p.vm.name}.`,
          });
        host = p.choice.dialHost || p.firewallPublicIp || host;
        dialPort = port.mappedPort;
      }
      const { address, dial } = dialOf(host, dialPort, opts.addressMap);
      emit(p, 'waiting-for-rule');
      const live = await watchRule(
        {
          arm: opts.arm,
          ref: p.ref,
          vmId: p.vm.id,
          vmName: p.vm.name,
          nsgIds: [p.vm.nsgs.nic, p.vm.nsgs.subnet].filter((x): x is string => Boolean(x)),
          ...(p.vm.privateIp ? { privateIp: p.vm.privateIp } : {}),
          virtualNetwork: [...p.vm.p2sPools.map((x) => x.prefix), ...(p.vm.privateIp ? [p.vm.privateIp] : [])],
          port: p.policyPort.number,
          source,
          requestStart: initiated.request.startTimeUtc,
          dial,
        },
        {
          clock,
          probe,
          timing,
          deadline,
          timeoutMs: opts.timeoutMs ?? 180_000,
          signal: inner.signal,
          ...(opts.onArmRead ? { onArmRead: opts.onArmRead } : {}),
        },
      );
      const ruleLiveMs = elapsed();
      emit(p, 'rule-live', live.detail);
      await waitReachable(
        dial,
        {
          vmName: p.vm.name,
          port: p.policyPort.number,
          dialAddress: address,
          ...(live.ruleName ? { ruleName: live.ruleName } : {}),
        },
        {
          clock,
          probe,
          withinMs: opts.reachTimeoutMs ?? 30_000,
          everyMs: timing.probeEveryMs,
          probeTimeoutMs: timing.probeTimeoutMs,
          signal: inner.signal,
        },
      );
      const reachableMs = elapsed();
      emit(p, 'reachable', `${address} answers`);
      const grant: Grant = {
        vmId: p.vm.id,
        vmName: p.vm.name,
        port: p.policyPort.number,
        source,
        dialAddress: address,
        startTimeUtc: initiated.request.startTimeUtc.toISOString(),
        endTimeUtc: new Date(port.endTimeUtc).toISOString(),
        ...(live.ruleName ? { ruleName: live.ruleName } : {}),
        ...(initiated.request.requestor || opts.user ? { requestor: initiated.request.requestor || opts.user } : {}),
      };
      return { grant, dial, choice: p.choice, via: live.via, timings: { requestedMs, ruleLiveMs, reachableMs } };
    };

    const settled = await Promise.all(
      waits.map((w) =>
        w.catch((err: unknown) => {
          inner.abort(err);
          throw err;
        }),
      ),
    );
    return { connections: settled.flat() };
  } catch (err) {
    throw cancelled() ?? (err instanceof AppError ? err : jitError(err, { action: 'read', policy: 'the VM' }));
  } finally {
    opts.signal?.removeEventListener('abort', onAbort);
  }
}
