/** `tenants`: the tenants the account can reach (its home tenant and those where it is a guest). */
import { listTenants } from '../../core/inventory/index';
import { table } from '../output';
import { armAccess, signedIn } from '../signed-in';
import type { CommandDef } from './command';

/** `tenants`. */
export const tenants: CommandDef = {
  name: 'tenants',
  description: 'List the tenants you can reach (home and guest); pick one with --tenant',
  async run(ctx) {
    const account = await signedIn(ctx);
    const list = await listTenants(await armAccess(ctx, account));
    const rows = list.map((t) => ({ ...t, home: t.tenantId === account.homeTenantId }));
    if (ctx.opts.json) return ctx.io.stdout(`${JSON.stringify(rows, null, 2)}\n`);
    ctx.io.stdout(
      `${table(
        ['TENANT ID', 'NAME', 'DOMAIN', ''],
        rows.map((t) => [t.tenantId, t.displayName ?? '', t.defaultDomain ?? '', t.home ? 'home' : 'guest']),
      )}\n`,
    );
  },
};
