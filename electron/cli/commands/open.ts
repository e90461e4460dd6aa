/**
 * `open <url>`: a `jitconnect://connect?…` link from a ticket or a wiki. The link is parsed strictly (shared/), the VM
 * looked up, and what would be requested shown; nothing is sent until the person says yes on the terminal (or gave
 * `--yes` beforehand: with no terminal to ask on, the link is refused). Then it connects exactly as `connect` does.
 */
import { Option } from 'commander';
import { chooseDuration, chooseJustification, choosePort } from '../../core/connect/index';
import { checkTarget } from '../../core/connect/plan';
import { durationCap } from '../../core/settings/policy-rules';
import { parseDeepLink } from '../../../shared/deep-link/parse-deep-link';
import { AppError } from '../../../shared/errors/app-error';
import { describeDuration } from '../../../shared/time/duration';
import type { CliContext } from '../context';
import { signedIn } from '../signed-in';
import type { CommandDef } from './command';
import { connect, findVms } from './connect';
import { sourceChooser } from '../../core/source/source-mode';

/** The link's own fields: `connect` options a link may not be overridden by on the command line. */
const FROM_LINK = new Set(['--port', '--duration', '--justification', '--start']);

/** `open`. */
export const open: CommandDef = {
  name: 'open',
  description: 'Open a jitconnect:// link: show what it would request, ask, then connect',
  args: '<url>',
  options: [
    new Option('--yes', 'request without asking (needed when there is no terminal to ask on)'),
    ...(connect.options ?? []).filter((o) => !FROM_LINK.has(o.long ?? '')),
  ],
  async run(ctx, options, args) {
    const parsed = parseDeepLink(args[0]);
    if (!parsed.ok) throw new AppError(parsed.error);
    const { link } = parsed;
    const account = await signedIn(ctx);
    const [vm] = await findVms(ctx, [link.vm]);
    const eff = ctx.effective();
    const { settings } = eff;
    checkTarget(vm!); // no JIT, or not running: connect's own error, before anything is shown as requestable
    // The same choices connect makes, made now so the person sees them (and a bad port or duration fails here).
    const policyPort = choosePort(vm!, vm!.jit.ports, settings, { port: link.port });
    const duration = chooseDuration(policyPort, settings, link.duration, durationCap(eff));
    const justification = chooseJustification(
      settings,
      { vm: vm!.name, port: String(link.port), user: account.username, ...ticket(options) },
      link.justification,
    );
    const source = await sourceChooser(
      { source: options.source as string | undefined, yesAnySource: Boolean(options.yesAnySource) },
      settings,
      await ctx.network(),
    )(vm!, policyPort);
    const from = {
      asked: 'from the link',
      settings: 'your default',
      policy: "the policy's maximum",
      cap: "your administrator's maximum",
    }[duration.from];
    ctx.note(
      [
        'This link asks for just-in-time access:',
        `  VM             ${vm!.name} (${vm!.resourceGroup}, ${vm!.subscriptionName || vm!.subscriptionId})`,
        `  port           ${link.port}`,
        `  source         ${source.requestPrefix ?? 'your public address'} — ${source.explanation}`,
        `  duration       ${describeDuration(duration.ms)} (${from})`,
        `  justification  ${justification ?? '(none)'}`,
      ].join('\n'),
    );
    await confirm(ctx, Boolean(options.yes));
    await connect.run(
      ctx,
      {
        ...options,
        port: link.port,
        ...(link.duration ? { duration: link.duration } : {}),
        ...(link.justification ? { justification: link.justification } : {}),
      },
      [vm!.id],
    );
  },
};

function ticket(options: Record<string, unknown>): { ticket?: string } {
  return typeof options.ticket === 'string' ? { ticket: options.ticket } : {};
}

/** Asks on the terminal; without one, only `--yes` lets the request go. */
async function confirm(ctx: CliContext, yes: boolean): Promise<void> {
  if (yes) return;
  if (!ctx.io.stdinIsTty || !ctx.io.ask)
    throw new AppError({
      code: 'cancelled',
      message:
        'Nothing was requested: a link is only followed once you confirm it, and there is no terminal to ask on.',
      fix: 'Run it in a terminal to be asked, or pass --yes to confirm in advance.',
    });
  const answer = await ctx.io.ask('Request this access? [y/N] ');
  if (!/^\s*y(es)?\s*$/i.test(answer))
    throw new AppError({ code: 'cancelled', message: 'Nothing was requested.', fix: 'Answer y to request it.' });
}
