/**
 * `connect <vm...>`: request JIT with the right source, wait until the port really answers, then launch the client.
 * Progress goes to stderr (a live line on a terminal); the grant to stdout (`--json`: the DESIGN shape).
 */
import { Option } from 'commander';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Connection, ConnectEvent } from '../../core/connect/index';
import { connect as connectCore, resolveVm, startVm } from '../../core/connect/index';
import { GrantStore, recordConnectFailure, recordGrants } from '../../core/grants/index';
import { loadInventory } from '../../core/inventory/index';
import { launch, nodeLaunchFs, nodeLookup, nodeRunner, planLaunch, shippedScriptsDir } from '../../core/launch/index';
import { systemClock } from '../../core/ports';
import { sourceChooser } from '../../core/source/source-mode';
import type { Settings } from '../../core/settings/settings';
import { AppError } from '../../../shared/errors/app-error';
import type { Vm } from '../../../shared/domain/types';
import type { CliContext } from '../context';
import { armAccess, signedIn } from '../signed-in';
import type { CommandDef } from './command';
import { parseDurationText, parsePort } from '../options';
import { durationCap } from '../../core/settings/policy-rules';

/** The grant as `--json` prints it (DESIGN.md §5: more fields welcome). */
export function grantJson(c: Connection) {
  return { ...c.grant, dial: `${c.dial.host}:${c.dial.port}`, path: c.choice.path, explanation: c.choice.explanation };
}

/** The VMs of the (cached) inventory; `refresh` reads Azure now. */
export async function inventoryVms(ctx: CliContext, refresh: boolean): Promise<Vm[]> {
  const account = await signedIn(ctx);
  const cloud = await ctx.cloud();
  const answer = await loadInventory({
    arm: await armAccess(ctx, account),
    ...(ctx.opts.tenant ? { tenant: ctx.opts.tenant } : {}),
    privateSourceRanges: ctx.settings().privateSourceRanges,
    cache: {
      configDir: ctx.configDir,
      account: account.id,
      cloud: `${cloud.profile.name} ${cloud.profile.armEndpoint}`,
    },
    refresh,
    refreshInBackground: false,
  });
  return answer.snapshot.vms;
}

/** Finds the VMs asked for in the cached inventory, reading Azure again when one is missing from the cache. */
export async function findVms(ctx: CliContext, names: string[]): Promise<Vm[]> {
  try {
    const vms = await inventoryVms(ctx, false);
    return names.map((n) => resolveVm(vms, n));
  } catch (err) {
    if (!(err instanceof AppError) || err.code !== 'vm-not-found') throw err;
    const vms = await inventoryVms(ctx, true);
    return names.map((n) => resolveVm(vms, n));
  }
}

const STEP_WORDS: Record<ConnectEvent['step'], string> = {
  requested: 'requested',
  'waiting-for-rule': 'waiting for the rule',
  'rule-live': 'rule live',
  reachable: 'reachable',
  launching: 'launching',
};

/** `connect`. */
export const connect: CommandDef = {
  name: 'connect',
  description: 'Request JIT access to VMs, wait until the port answers, and start the client (RDP, ssh, PowerShell)',
  args: '<vm...>',
  options: [
    new Option(
      '--port <n>',
      'the port (default: the last one used for the VM, else 3389 Windows / 22 Linux)',
    ).argParser(parsePort),
    new Option('--source <mode>', 'auto | vpn | public | a CIDR (default: the settings, auto)'),
    new Option('--yes-any-source', 'confirm a "*" source where the policy forces it'),
    new Option(
      '--duration <d>',
      'ISO-8601 (PT3H) or 90m / 1h (default: the settings, else the policy maximum)',
    ).argParser(parseDurationText),
    new Option('--justification <text>', 'why (default: the settings template)'),
    new Option('--ticket <id>', 'fills {ticket} in the justification template'),
    new Option('--user <name>', 'the user name for the client'),
    new Option('--no-launch', 'print the grant, start no client'),
    new Option('--no-terminal', 'run ssh / PowerShell in this terminal instead of a new window'),
    new Option('--start', 'start a deallocated VM first'),
  ],
  async run(ctx, options, args) {
    const eff = ctx.effective();
    const { settings } = eff;
    const cap = durationCap(eff);
    const account = await signedIn(ctx);
    const arm = await armAccess(ctx, account);
    const cloud = await ctx.cloud();
    const network = await ctx.network();
    let vms = await findVms(ctx, args);
    if (options.start)
      for (const vm of vms.filter((v) => v.powerState !== 'running')) {
        ctx.note(`Starting ${vm.name}…`);
        await startVm(arm, vm);
      }
    if (options.start) vms = vms.map((vm) => ({ ...vm, powerState: 'running' }));
    const port = options.port as number | undefined;
    const abort = new AbortController();
    const onSigint = () => abort.abort();
    process.once('SIGINT', onSigint);
    const tty = ctx.io.stderrIsTty && !ctx.opts.json;
    const progress = (e: ConnectEvent) => {
      const text = `${e.vmName}:${e.port} ${STEP_WORDS[e.step]} (${(e.elapsedMs / 1000).toFixed(1)} s)${e.detail ? ` — ${e.detail}` : ''}`;
      if (tty) ctx.io.stderr(`\r\x1b[K${text}`);
      else ctx.note(text);
    };
    const store = new GrantStore(ctx.configDir, { cloud });
    const targets = await Promise.all(
      vms.map(async (vm) => {
        const lastPort = await store.lastPortFor(vm.id);
        return { vm, ...(port ? { port } : {}), ...(lastPort ? { lastPort } : {}) };
      }),
    );
    const justification = options.justification as string | undefined;
    let result;
    try {
      result = await connectCore({
        arm,
        targets,
        settings,
        chooseSource: sourceChooser(
          { source: options.source as string | undefined, yesAnySource: Boolean(options.yesAnySource) },
          settings,
          network,
        ),
        ...(options.duration ? { duration: options.duration as string } : {}),
        ...(cap ? { durationCap: cap } : {}),
        ...(options.justification ? { justification: options.justification as string } : {}),
        ...(options.ticket ? { ticket: options.ticket as string } : {}),
        user: account.username,
        ...(cloud.profile.addressMap ? { addressMap: cloud.profile.addressMap } : {}),
        clock: systemClock,
        signal: abort.signal,
        onProgress: progress,
      });
    } catch (err) {
      const error = err instanceof AppError ? err.toData() : { code: 'internal' as const, message: String(err) };
      await recordConnectFailure(store, targets, error, settings.defaultPorts);
      throw err;
    } finally {
      process.off('SIGINT', onSigint);
      if (tty) ctx.io.stderr('\r\x1b[K');
    }
    await recordGrants(
      store,
      result.connections.map((c) => c.grant),
      vms,
      justification,
    );
    for (const c of result.connections) {
      const until = new Date(c.grant.endTimeUtc).toLocaleTimeString();
      ctx.note(
        `${c.grant.vmName}:${c.grant.port} open from ${c.grant.source} until ${until} — ${c.choice.explanation}`,
      );
    }
    if (ctx.opts.json) {
      const out = result.connections.map(grantJson);
      ctx.io.stdout(`${JSON.stringify(out.length === 1 ? out[0] : out, null, 2)}\n`);
    }
    if (options.launch === false) return;
    for (const c of result.connections) await launchClient(ctx, c, settings, options);
  },
};

/** Starts the client for one connection (in the demo: shows what it would run — no real VM answers there). */
async function launchClient(ctx: CliContext, c: Connection, settings: Settings, options: Record<string, unknown>) {
  const vm = c.grant;
  const plan = planLaunch({
    platform: process.platform === 'win32' || process.platform === 'darwin' ? process.platform : 'linux',
    host: c.dial.host,
    port: c.dial.port,
    vmPort: vm.port,
    ...(options.user ? { user: options.user as string } : {}),
    vmName: vm.vmName,
    rdp: settings.rdp,
    clients: settings.clients,
    terminal: options.terminal === false ? 'current' : 'new',
    tempDir: mkdtempSync(join(tmpdir(), 'jit-connect-launch-')),
    scriptsDir: shippedScriptsDir(),
    lookup: (program) => nodeLookup(program),
  });
  if (plan.notice) ctx.note(plan.notice);
  if (ctx.isDemo) {
    ctx.note(
      `demo: the simulated VM has no real ${vm.port === 22 ? 'ssh' : 'client'} server; would run: ${plan.argv.join(' ')}`,
    );
    return;
  }
  ctx.note(`${vm.vmName}:${vm.port} launching: ${plan.argv[0]}`);
  const started = await launch(plan, { runner: nodeRunner, fs: nodeLaunchFs, clock: systemClock });
  if (plan.wait && started.exitCode) ctx.note(`${plan.argv[0]} exited with code ${started.exitCode}`);
}
