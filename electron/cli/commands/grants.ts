/**
 * `grants [--all]`, `extend <vm>`, `enable <vm>`: live grants as Azure shows them (mine by default), a new request
 * for the same VM, port and source, and (admins) JIT for a VM merged into its resource group's policy.
 */
import { Option } from 'commander';
import { resolveVm } from '../../core/connect/index';
import { enable, extend, GrantStore, listGrants, type ListedGrant } from '../../core/grants/index';
import { parseDuration, describeDuration } from '../../../shared/time/duration';
import { AppError } from '../../../shared/errors/app-error';
import { sameId } from '../../../shared/azure/resource-id';
import type { CliContext } from '../context';
import { table } from '../output';
import { armAccess, signedIn } from '../signed-in';
import { inventoryVms } from './connect';
import type { CommandDef } from './command';
import { parseDurationText, parsePort, parsePorts } from '../options';
import { durationCap } from '../../core/settings/policy-rules';

/** Live grants, with what the signed-in account needs to act on them. */
async function live(ctx: CliContext, all: boolean) {
  const account = await signedIn(ctx);
  const arm = await armAccess(ctx, account);
  const vms = await inventoryVms(ctx, false);
  const store = new GrantStore(ctx.configDir, { cloud: await ctx.cloud() });
  const list = await listGrants(arm, vms, { all, account: account.username, store });
  return { account, arm, vms, store, list };
}

function grantRows(grants: ListedGrant[]): string {
  return table(
    ['VM', 'PORT', 'SOURCE', 'ENDS', 'LEFT', 'REQUESTOR'],
    grants.map((g) => [
      g.vmName,
      String(g.port),
      g.source,
      new Date(g.endTimeUtc).toLocaleTimeString(),
      describeDuration(g.remainingSeconds * 1000),
      `${g.requestor ?? ''}${g.mine ? ' (you)' : ''}`,
    ]),
  );
}

/** `grants`. */
export const grants: CommandDef = {
  name: 'grants',
  description: 'Your live JIT grants (as Azure shows them), with the time left; --all: everyone’s on your VMs',
  options: [new Option('--all', 'everyone’s grants on the VMs you can see, not only yours')],
  async run(ctx, options) {
    const { list } = await live(ctx, Boolean(options.all));
    if (ctx.opts.json) ctx.io.stdout(`${JSON.stringify(list.grants, null, 2)}\n`);
    else ctx.io.stdout(list.grants.length ? `${grantRows(list.grants)}\n` : 'No live grants.\n');
    for (const r of list.replaced) ctx.note(`note: ${r.grant.vmName}:${r.grant.port} was ${r.message}`);
    for (const p of list.problems) ctx.note(`note: policy ${p.policyId}: ${p.error.message}`);
  },
};

/** `extend`. */
export const extendCmd: CommandDef = {
  name: 'extend',
  description: 'Extend your grant on a VM: a new request for the same port and source (default: the policy maximum)',
  args: '<vm>',
  options: [
    new Option('--port <n>', 'which grant, when the VM has several').argParser(parsePort),
    new Option('--duration <d>', 'ISO-8601 (PT3H) or 90m / 1h from now').argParser(parseDurationText),
  ],
  async run(ctx, options, args) {
    const { account, arm, vms, store, list } = await live(ctx, false);
    const vm = resolveVm(vms, args[0]!);
    const port = options.port as number | undefined;
    const mine = list.grants.filter((g) => g.mine && sameId(g.vmId, vm.id) && (port === undefined || g.port === port));
    const replaced = list.replaced.find((r) => sameId(r.grant.vmId, vm.id));
    if (mine.length === 0)
      throw new AppError({
        code: 'invalid-input',
        message: replaced
          ? `Your grant on ${vm.name}:${replaced.grant.port} was ${replaced.message}.`
          : `You have no live grant on ${vm.name}${port ? ` port ${port}` : ''}.`,
        fix: `Request one: jit-connect connect ${vm.name}${port ? ` --port ${port}` : ''}.`,
      });
    if (mine.length > 1)
      throw new AppError({
        code: 'invalid-input',
        message: `You have grants on ${vm.name} for ports ${mine.map((g) => g.port).join(', ')}.`,
        fix: 'Say which with --port.',
      });
    const durationMs = options.duration === undefined ? undefined : parseDuration(String(options.duration));
    const eff = ctx.effective();
    const cap = durationCap(eff);
    const g = await extend(arm, mine[0]!, {
      ...(durationMs ? { durationMs } : {}),
      ...(cap ? { durationCap: cap } : {}),
      justificationRequired: eff.settings.justificationRequired,
      account: account.username,
      store,
    });
    if (ctx.opts.json) ctx.io.stdout(`${JSON.stringify(g, null, 2)}\n`);
    else ctx.io.stdout(`${g.vmName}:${g.port} extended until ${new Date(g.endTimeUtc).toLocaleTimeString()}.\n`);
  },
};

/** `enable`. */
export const enableCmd: CommandDef = {
  name: 'enable',
  description: "Admins: enable JIT for a VM (merged into its resource group's policy; other VMs kept)",
  args: '<vm>',
  options: [
    new Option('--ports <list>', 'comma-separated ports (default: 3389 Windows, 22 Linux)').argParser(parsePorts),
    new Option('--max-duration <d>', 'the longest a request may ask for (default PT3H)').argParser(parseDurationText),
    new Option('--allowed-source <cidr>', 'the source requests may name (default * : any)'),
  ],
  async run(ctx, options, args) {
    const account = await signedIn(ctx);
    const arm = await armAccess(ctx, account);
    const vm = resolveVm(await inventoryVms(ctx, false), args[0]!);
    const ports =
      options.ports === undefined
        ? undefined
        : String(options.ports)
            .split(',')
            .map((p) => Number(p.trim()));
    if (ports?.some((p) => !Number.isInteger(p) || p < 1 || p > 65535))
      throw new AppError({
        code: 'invalid-input',
        message: `--ports ${String(options.ports)} is not a list of ports.`,
      });
    const result = await enable(arm, vm, {
      ...(ports ? { ports } : {}),
      ...(options.maxDuration ? { maxDuration: String(options.maxDuration) } : {}),
      ...(options.allowedSource ? { allowedSource: String(options.allowedSource) } : {}),
    });
    if (ctx.opts.json) ctx.io.stdout(`${JSON.stringify(result, null, 2)}\n`);
    else
      ctx.io.stdout(
        `JIT enabled for ${vm.name} in policy ${result.policyId} (${result.vmCount} VMs in it).\n` +
          '(jit-connect vms --refresh shows it.)\n',
      );
  },
};
