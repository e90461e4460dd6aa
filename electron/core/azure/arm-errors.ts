/** Turns what an ARM read throws into an {@link InventoryProblem} beside the rest, never a crash of the inventory. */
import type { InventoryProblem } from '../../../shared/domain/types';

/** Where a failed read belongs. */
export interface ProblemPlace {
  tenantId: string;
  subscriptionId?: string;
  subscriptionName?: string;
  /** What could not be read, e.g. `virtual machines`. */
  what: string;
  /** The RBAC action the read needs, e.g. `Microsoft.Compute/virtualMachines/read`, for the fix. */
  action?: string;
}

interface ErrorLike {
  name?: string;
  code?: string;
  errorCode?: string;
  statusCode?: number;
  message?: string;
}

/** Entra codes that mean "this tenant needs an interactive sign-in" (MFA, Conditional Access, consent). */
const INTERACTION_CODES =
  /interaction_required|consent_required|login_required|AADSTS50076|AADSTS50079|AADSTS50158|AADSTS53003|AADSTS50020/i;

/**
 * True when a token request failed because the user must sign in again interactively (MSAL's
 * InteractionRequiredAuthError, the app's `interaction-required` / `not-signed-in` errors, or an Entra code for
 * MFA or Conditional Access).
 */
export function isInteractionRequired(err: unknown): boolean {
  const e = (err ?? {}) as ErrorLike;
  if (e.name === 'InteractionRequiredAuthError' || e.name === 'AuthenticationRequiredError') return true;
  if (e.code === 'interaction-required' || e.code === 'not-signed-in') return true;
  return INTERACTION_CODES.test(`${e.errorCode ?? ''} ${e.code ?? ''} ${e.message ?? ''}`);
}

/** True when the read was aborted (the caller's signal or the per-subscription deadline). */
export function isAbort(err: unknown): boolean {
  const e = (err ?? {}) as ErrorLike;
  return e.name === 'AbortError' || e.name === 'TimeoutError' || e.code === 'ABORT_ERR';
}

/** The problem to report for an error thrown while reading `place`; `timedOut` says the deadline fired. */
export function problemFrom(err: unknown, place: ProblemPlace, timedOut = false): InventoryProblem {
  const e = (err ?? {}) as ErrorLike;
  const { action, ...where } = place;
  const base = { ...where, ...(e.code && !isInteractionRequired(err) ? { azureCode: e.code } : {}) };
  let message = (e.message ?? String(err)).split('\n')[0]!;
  // The newer SDKs' pagers drop ARM's message ("Pagination failed with unexpected statusCode 403"): say it again.
  if (/^Pagination failed/i.test(message))
    message = `Azure answered ${e.statusCode ?? 'an error'}${e.code ? ` (${e.code})` : ''} when listing ${place.what}.`;
  const need = action ? `Ask an administrator for a role with ${action} on this subscription.` : undefined;
  if (timedOut)
    return { ...base, kind: 'timeout', message: `Reading ${place.what} took too long.`, fix: 'Try again later.' };
  if (isInteractionRequired(err))
    return {
      ...where,
      kind: 'needs-sign-in',
      message: `This tenant asks for its own sign-in (MFA or Conditional Access): ${message}`,
      fix: `Sign in to tenant ${place.tenantId}.`,
    };
  if (e.statusCode === 403)
    return { ...base, kind: 'forbidden', message, fix: need ?? 'Ask an administrator for the permission it names.' };
  if (e.statusCode === 401) return { ...base, kind: 'needs-sign-in', message, fix: 'Sign in again.' };
  if (e.statusCode === 429)
    return { ...base, kind: 'throttled', message, fix: 'Azure is throttling reads; try again in a minute.' };
  if (isAbort(err)) return { ...base, kind: 'timeout', message: `Reading ${place.what} was cancelled.` };
  return { ...base, kind: 'failed', message };
}
