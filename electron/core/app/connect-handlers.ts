/**
 * `connect:preview`, `connect:start` and `connect:cancel`: what a request would be (the policy's ports, the port, the
 * source explained, the maximum, the template), and a connect run in the background with progress as events. In the
 * demo nothing is launched (the simulated VMs run no RDP or ssh server): it finishes at "reachable" with the command
 * it would have run.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sameId } from '../../../shared/azure/resource-id';
import type { Vm } from '../../../shared/domain/types';
import { AppError } from '../../../shared/errors/app-error';
import type { EventSink, RequestArgs, RequestResult } from '../../../shared/ipc/contract';
import { isoDuration, parseDuration } from '../../../shared/time/duration';
import { choosePort, connect, type Connection } from '../connect/index';
import { recordConnectFailure, recordGrants, type GrantStore } from '../grants/index';
import {
  launch,
  planLaunch,
  shippedScriptsDir,
  type LaunchFs,
  type LaunchPlatform,
  type LaunchResult,
} from '../launch/index';
import type { Clock, ProcessRunner } from '../ports';
import type { Settings } from '../settings/settings';
import { durationCap, type DurationCap } from '../settings/policy-rules';
import { sourceChooser } from '../source/source-mode';
import type { AppSession } from './session';
import { grantView } from './shapes';
import { toAppError } from './errors';

/** What connecting needs from the face. */
export interface ConnectDeps {
  session: AppSession;
  store: () => Promise<GrantStore>;
  sink: EventSink;
  clock: Clock;
  runner: ProcessRunner;
  launchFs: LaunchFs;
  lookup: (program: string) => boolean;
  platform: LaunchPlatform;
  /** Called after grants are recorded (the reminders rearm). */
  onRecorded?: () => void;
  /** Called when a grant's client was started (keep-access watches it). */
  onLaunched?: (grant: Connection['grant'], launched: LaunchResult) => void;
}

/** The JIT policy's maximum (ISO-8601), or the admin's cap when that is lower. */
export function cappedMax(policyMax: string, cap: DurationCap | undefined): string {
  const max = parseDuration(policyMax);
  return cap && max !== undefined && cap.ms < max ? isoDuration(cap.ms) : policyMax;
}

/** The VM of `vmId` in the cached inventory, reading Azure again when it is missing from the cache. */
export async function findVm(session: AppSession, vmId: string): Promise<Vm> {
  for (const refresh of [false, true]) {
    const vm = (await session.inventory(refresh)).snapshot.vms.find((v) => sameId(v.id, vmId));
    if (vm) return vm;
  }
  throw new AppError({
    code: 'vm-not-found',
    message: `No VM ${vmId} is visible to you.`,
    fix: 'Refresh the list; you may lack Reader on its subscription.',
  });
}

/** The connect handlers, and `dispose` (cancels running connects and waits for them). */
export function connectHandlers(deps: ConnectDeps) {
  const running = new Map<string, { abort: AbortController; done: Promise<void> }>();

  const sourceFor = async (vm: Vm, source: string | undefined, yesAnySource: boolean) => {
    const choose = sourceChooser(
      { source, yesAnySource },
      deps.session.settings().settings,
      await deps.session.network(),
    );
    return (port: Vm['jit']['ports'][number]) => choose(vm, port);
  };

  async function preview(args: RequestArgs<'connect:preview'>): Promise<RequestResult<'connect:preview'>> {
    const { settings } = deps.session.settings();
    const vm = await findVm(deps.session, args.vmId);
    const lastPort = await (await deps.store()).lastPortFor(vm.id);
    const port = choosePort(vm, vm.jit.ports, settings, {
      ...(args.port !== undefined ? { port: args.port } : {}),
      ...(lastPort !== undefined ? { lastPort } : {}),
    });
    const out: RequestResult<'connect:preview'> = {
      ports: vm.jit.ports.map((p) => ({
        number: p.number,
        protocol: p.protocol,
        maxDuration: p.maxDuration,
        allowedSources: [...p.allowedSources],
        ...(p.sourcesExact !== undefined ? { sourcesExact: p.sourcesExact } : {}),
      })),
      port: port.number,
      // The admin's cap, when lower than the JIT policy's maximum, is the most the person may ask for.
      maxDuration: cappedMax(port.maxDuration, durationCap(deps.session.settings())),
      justificationTemplate: settings.justificationTemplate,
    };
    try {
      const c = await (await sourceFor(vm, undefined, false))(port);
      out.source = {
        path: c.path,
        dialHost: c.dialHost,
        explanation: c.explanation,
        ...(c.requestPrefix ? { requestPrefix: c.requestPrefix } : {}),
        ...(c.localAddress ? { localAddress: c.localAddress } : {}),
      };
    } catch (err) {
      out.sourceError = toAppError(err).toData();
    }
    return out;
  }

  /** Runs one connect to its end, reporting every step and the outcome as events. */
  async function run(connectId: string, args: RequestArgs<'connect:start'>, signal: AbortSignal): Promise<void> {
    const store = await deps.store();
    let targets: Array<{ vm: Vm; port?: number; lastPort?: number }> = [];
    const eff = deps.session.settings();
    const { settings } = eff;
    const cap = durationCap(eff);
    try {
      const { account, arm } = await deps.session.arm();
      const cloud = await deps.session.cloud();
      const vms = await Promise.all(args.targets.map((t) => findVm(deps.session, t.vmId)));
      targets = await Promise.all(
        args.targets.map(async (t, i) => {
          const lastPort = await store.lastPortFor(vms[i]!.id);
          return { vm: vms[i]!, ...(t.port ? { port: t.port } : {}), ...(lastPort ? { lastPort } : {}) };
        }),
      );
      const choose = new Map<string, Awaited<ReturnType<typeof sourceFor>>>();
      for (const vm of vms) choose.set(vm.id, await sourceFor(vm, args.source, Boolean(args.yesAnySource)));
      const result = await connect({
        arm,
        targets,
        settings,
        chooseSource: (vm, port) => choose.get(vm.id)!(port),
        ...(args.duration ? { duration: args.duration } : {}),
        ...(cap ? { durationCap: cap } : {}),
        ...(args.justification ? { justification: args.justification } : {}),
        ...(args.ticket ? { ticket: args.ticket } : {}),
        user: account.username,
        ...(cloud.profile.addressMap ? { addressMap: cloud.profile.addressMap } : {}),
        clock: deps.clock,
        signal,
        onProgress: (e) => deps.sink('connect:progressed', { connectId, ...e }),
      });
      await recordGrants(
        store,
        result.connections.map((c) => c.grant),
        vms,
        args.justification,
      );
      deps.onRecorded?.();
      const grants = result.connections.map((c) => grantView(c.grant));
      const wouldRun: string[] = [];
      try {
        if (args.launch)
          for (const c of result.connections) {
            const argv = await launchOne(connectId, c, args, settings, signal);
            if (argv) wouldRun.push(argv.join(' '));
          }
      } catch (err) {
        // The grants stand (they are recorded and remind): the client failing to start is reported beside them.
        deps.sink('connect:finished', { connectId, grants, error: toAppError(err).toData() });
        return;
      }
      deps.sink('connect:finished', { connectId, grants, ...(wouldRun.length ? { wouldRun } : {}) });
    } catch (err) {
      const error = toAppError(err).toData();
      await recordConnectFailure(store, targets, error, settings.defaultPorts);
      deps.sink('connect:finished', { connectId, error });
    }
  }

  /** Starts the client (or, in the demo, returns the argv it would run: the simulated VM has no server). */
  async function launchOne(
    connectId: string,
    c: Connection,
    args: RequestArgs<'connect:start'>,
    settings: Settings,
    signal: AbortSignal,
  ): Promise<string[] | undefined> {
    const demo = deps.session.demo;
    const plan = planLaunch({
      platform: deps.platform,
      host: c.dial.host,
      port: c.dial.port,
      vmPort: c.grant.port,
      ...(args.user ? { user: args.user } : {}),
      vmName: c.grant.vmName,
      rdp: settings.rdp,
      clients: settings.clients,
      terminal: 'new',
      // The demo writes nothing: a path that is never created is enough for the plan's text.
      tempDir: demo ? join(tmpdir(), 'jit-connect-demo') : await mkdtemp(join(tmpdir(), 'jit-connect-launch-')),
      scriptsDir: shippedScriptsDir(),
      lookup: deps.lookup,
    });
    if (demo) return plan.argv;
    if (signal.aborted) throw new AppError({ code: 'cancelled', message: 'Cancelled.' });
    deps.sink('connect:progressed', {
      connectId,
      vmId: c.grant.vmId,
      vmName: c.grant.vmName,
      port: c.grant.port,
      step: 'launching',
      elapsedMs: c.timings.reachableMs,
      detail: plan.argv[0]!,
    });
    const launched = await launch(plan, { runner: deps.runner, fs: deps.launchFs, clock: deps.clock });
    deps.onLaunched?.(c.grant, launched);
    return undefined;
  }

  return {
    handlers: {
      'connect:preview': preview,
      'connect:start': async (args: RequestArgs<'connect:start'>): Promise<RequestResult<'connect:start'>> => {
        const connectId = randomUUID();
        const abort = new AbortController();
        // Whatever fails before the run's own handling (a broken settings file) still ends as connect:finished.
        const done = run(connectId, args, abort.signal)
          .catch((err: unknown) => deps.sink('connect:finished', { connectId, error: toAppError(err).toData() }))
          .finally(() => running.delete(connectId));
        running.set(connectId, { abort, done });
        return { connectId };
      },
      'connect:cancel': async (args: RequestArgs<'connect:cancel'>): Promise<RequestResult<'connect:cancel'>> => {
        // A connect that already finished has nothing to cancel: not an error (the click raced the end).
        running.get(args.connectId)?.abort.abort();
        return {};
      },
    },
    async dispose(): Promise<void> {
      const all = [...running.values()];
      for (const r of all) r.abort.abort();
      await Promise.all(all.map((r) => r.done));
    },
  };
}
