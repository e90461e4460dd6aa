/**
 * The signed-in account and the ARM access built on it. Not signed in: an error naming `jit-connect login`, except in
 * demo mode, where the simulated Azure's auto-approved device code signs in on the spot.
 */
import type { SignedInAccount } from '../core/auth/auth-session';
import type { ArmAccess } from '../core/inventory/index';
import { deviceCodeSignIn } from './commands/login';
import type { CliContext } from './context';

/** The account, signing in first in demo mode; throws `not-signed-in` (with the fix) otherwise. */
export async function signedIn(ctx: CliContext): Promise<SignedInAccount> {
  if (ctx.account) return ctx.account;
  const auth = await ctx.auth();
  const account = await auth.currentAccount();
  if (account) return (ctx.account = account);
  if (ctx.isDemo) return (ctx.account = await deviceCodeSignIn(ctx));
  await auth.armToken(); // throws the not-signed-in AppError with its fix
  throw new Error('unreachable: armToken succeeded without an account');
}

/** ARM access for the inventory: the cloud, its transport, and a token per tenant. */
export async function armAccess(ctx: CliContext, account: SignedInAccount): Promise<ArmAccess> {
  const auth = await ctx.auth();
  return {
    cloud: await ctx.cloud(),
    transport: await ctx.transport(),
    homeTenantId: account.tenantId,
    credentialFor: (tenantId) => auth.credentialFor(tenantId),
  };
}
