/**
 * `vms [--filter TEXT] [--refresh]`: every VM of every subscription the account can reach, with its JIT state. A warm
 * start answers from the cached inventory and refreshes it for next time; `--refresh` reads Azure now.
 */
import { Option } from 'commander';
import { loadInventory } from '../../core/inventory/index';
import type { Vm } from '../../../shared/domain/types';
import { problemLines, vmTable } from '../output';
import { armAccess, signedIn } from '../signed-in';
import type { CommandDef } from './command';

/** True when `vm` matches the filter text (name, resource group, subscription, IP or OS; any case). */
export function matchesFilter(vm: Vm, text: string | undefined): boolean {
  if (!text) return true;
  const needle = text.toLowerCase();
  return [vm.name, vm.resourceGroup, vm.subscriptionName, vm.privateIp, vm.publicIp, vm.osType, vm.location].some((f) =>
    f?.toLowerCase().includes(needle),
  );
}

/** `vms`. */
export const vms: CommandDef = {
  name: 'vms',
  description: 'List your VMs with their power and JIT state',
  options: [
    new Option('--filter <text>', 'only VMs whose name, resource group, subscription or IP contains the text'),
    new Option('--refresh', 'read Azure now instead of answering from the cached inventory'),
  ],
  async run(ctx, options) {
    const settings = ctx.settings();
    const account = await signedIn(ctx);
    const cloud = await ctx.cloud();
    const progress = ctx.io.stderrIsTty && !ctx.opts.json;
    const answer = await loadInventory({
      arm: await armAccess(ctx, account),
      ...(ctx.opts.tenant ? { tenant: ctx.opts.tenant } : {}),
      privateSourceRanges: settings.privateSourceRanges,
      cache: {
        configDir: ctx.configDir,
        account: account.id,
        cloud: `${cloud.profile.name} ${cloud.profile.armEndpoint}`,
      },
      refresh: Boolean(options.refresh),
      // A one-shot command: refresh the cache before exiting rather than leaving work behind.
      refreshInBackground: true,
      onProgress: progress
        ? (p) => ctx.io.stderr(`\rreading subscriptions: ${p.subscriptionsRead}/${p.subscriptionsTotal}`)
        : undefined,
    });
    if (progress && !answer.fromCache) ctx.io.stderr('\r\x1b[K');
    const list = answer.snapshot.vms
      .filter((vm) => matchesFilter(vm, options.filter as string | undefined))
      .sort((a, b) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }));
    if (ctx.opts.json) ctx.io.stdout(`${JSON.stringify(list, null, 2)}\n`);
    else {
      ctx.io.stdout(`${vmTable(list)}\n`);
      if (answer.fromCache && answer.savedAt)
        ctx.note(`(from the inventory read at ${answer.savedAt}; --refresh reads Azure now)`);
    }
    for (const line of problemLines(answer.snapshot.problems)) ctx.note(line);
    await answer.refreshed?.catch(() => undefined);
  },
};
