/**
 * `grants:list`, `grants:extend`, `grants:history` and `jit:enable`: grants as Azure shows them, a new request for the
 * same VM, port and source, the local history, and (admins) JIT for a VM.
 */
import { sameId } from '../../../shared/azure/resource-id';
import { AppError } from '../../../shared/errors/app-error';
import type { RequestArgs, RequestResult } from '../../../shared/ipc/contract';
import { parseDuration } from '../../../shared/time/duration';
import { enable, extend, listGrants, type GrantStore, type Reminders } from '../grants/index';
import { findVm } from './connect-handlers';
import type { AppSession } from './session';
import { grantView, historyView, liveGrantView } from './shapes';

/** What the grant handlers need. */
export interface GrantDeps {
  session: AppSession;
  store: () => Promise<GrantStore>;
  reminders: () => Reminders | undefined;
  /** The app's Clock: an extend's end and offset are measured on it, as the reminders count on it. */
  now?: () => number;
}

/** The grant handlers. */
export function grantHandlers(deps: GrantDeps) {
  async function live(all: boolean) {
    const { account, arm } = await deps.session.arm();
    const vms = (await deps.session.inventory(false)).snapshot.vms;
    const store = await deps.store();
    return {
      account,
      arm,
      store,
      list: await listGrants(arm, vms, {
        all,
        account: account.username,
        store,
        ...(deps.now ? { now: deps.now } : {}),
      }),
    };
  }

  return {
    'grants:list': async (args: RequestArgs<'grants:list'>): Promise<RequestResult<'grants:list'>> => {
      const { list } = await live(Boolean(args.all));
      return {
        grants: list.grants.map(liveGrantView),
        replaced: list.replaced.map((r) => ({
          grant: grantView(r.grant),
          replacedBy: r.replacedBy,
          message: r.message,
        })),
      };
    },
    'grants:extend': async (args: RequestArgs<'grants:extend'>): Promise<RequestResult<'grants:extend'>> => {
      const { account, arm, store, list } = await live(false);
      const mine = list.grants.find((g) => g.mine && sameId(g.vmId, args.vmId) && g.port === args.port);
      if (!mine) {
        const replaced = list.replaced.find((r) => sameId(r.grant.vmId, args.vmId) && r.grant.port === args.port);
        throw new AppError({
          code: 'invalid-input',
          message: replaced
            ? `Your grant on ${replaced.grant.vmName}:${args.port} was ${replaced.message}.`
            : `You have no live grant on that VM's port ${args.port}.`,
          fix: 'Connect again to request a new grant.',
        });
      }
      const durationMs = args.duration === undefined ? undefined : parseDuration(args.duration);
      if (args.duration !== undefined && durationMs === undefined)
        throw new AppError({
          code: 'invalid-input',
          message: `${args.duration} is not a duration.`,
          fix: 'Use ISO-8601 (PT3H) or 90m, 1h.',
        });
      const reminders = deps.reminders();
      const g = await extend(arm, mine, {
        ...(durationMs ? { durationMs } : {}),
        account: account.username,
        store,
        ...(reminders ? { reminders } : {}),
        ...(deps.now ? { now: deps.now } : {}),
      });
      return grantView(g);
    },
    'grants:history': async (): Promise<RequestResult<'grants:history'>> =>
      (await (await deps.store()).history()).map(historyView),
    'jit:enable': async (args: RequestArgs<'jit:enable'>): Promise<RequestResult<'jit:enable'>> => {
      const { arm } = await deps.session.arm();
      const vm = await findVm(deps.session, args.vmId);
      const r = await enable(arm, vm, {
        ...(args.ports ? { ports: args.ports } : {}),
        ...(args.maxDuration ? { maxDuration: args.maxDuration } : {}),
        ...(args.allowedSource ? { allowedSource: args.allowedSource } : {}),
      });
      return { policyId: r.policyId, created: r.created, vmCount: r.vmCount };
    },
  };
}
