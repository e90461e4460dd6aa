/** `login [--device-code]` and `logout`: sign in (browser, or a device code for terminals and SSH) and out. */
import { Option } from 'commander';
import type { SignedInAccount } from '../../core/auth/auth-session';
import { signInTenant } from '../../core/settings/policy-rules';
import type { CliContext } from '../context';
import type { CommandDef } from './command';

/** Signs in with a device code, printing the code on stderr (stdout stays clean for `--json`). */
export async function deviceCodeSignIn(ctx: CliContext): Promise<SignedInAccount> {
  const auth = await ctx.auth();
  return auth.signInWithDeviceCode(
    (p) =>
      ctx.note(
        ctx.isDemo
          ? `Demo sign-in: code ${p.userCode} (the simulated Azure approves it by itself in about a second)…`
          : p.message,
      ),
    tenantOpt(ctx),
  );
}

/** The tenant to sign in to: `--tenant`, held to the admin policy's tenant (the demo's Entra is not the organisation's). */
function tenantOpt(ctx: CliContext): { tenant?: string } {
  const tenant = ctx.isDemo ? ctx.opts.tenant : signInTenant(ctx.opts.tenant, ctx.effective());
  return tenant ? { tenant } : {};
}

function printAccount(ctx: CliContext, verb: string, account: SignedInAccount | undefined): void {
  if (ctx.opts.json) ctx.io.stdout(`${JSON.stringify(account ?? null)}\n`);
  else if (account) ctx.io.stdout(`${verb} ${account.username} (tenant ${account.tenantId}).\n`);
  else ctx.io.stdout('No account was signed in.\n');
}

/** `login`. */
export const login: CommandDef = {
  name: 'login',
  description: 'Sign in to Azure (the browser; --device-code for terminals, SSH sessions and locked-down machines)',
  options: [new Option('--device-code', 'sign in with a code shown here, on any device with a browser')],
  async run(ctx, options) {
    const auth = await ctx.auth();
    // The demo's simulated Entra approves device codes by itself: no browser needed.
    const account =
      options.deviceCode || ctx.isDemo ? await deviceCodeSignIn(ctx) : await auth.signInInteractive(tenantOpt(ctx));
    if (!auth.cache.persistent && !ctx.opts.json) ctx.note('note: this sign-in lasts only for this command.');
    printAccount(ctx, 'Signed in as', account);
  },
};

/** `logout`. */
export const logout: CommandDef = {
  name: 'logout',
  description: 'Sign out: remove the account and its tokens from the token cache',
  async run(ctx) {
    const auth = await ctx.auth();
    printAccount(ctx, 'Signed out', await auth.signOut());
  },
};
