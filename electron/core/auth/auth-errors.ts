/** MSAL's errors, as the user should read them: an {@link AppError} with what to do. */
import { AuthError, InteractionRequiredAuthError } from '@azure/msal-node';
import { AppError } from '../../../shared/errors/app-error';

/**
 * AADSTS codes that mean "this tenant demands more than the refresh token proves": MFA (50076, 50079, 50074,
 * 50072), an external challenge (50158), a device or location Conditional Access policy (53000–53004, 530003).
 * Documented in Entra's error code reference; they arrive as `interaction_required` or `invalid_grant`.
 */
const STEP_UP = /AADSTS(5007[2469]|50158|5300[0-4]|530003)\b/;

/** The tenant-less "you are signed out" error. */
export function notSignedIn(detail?: string): AppError {
  return new AppError({
    code: 'not-signed-in',
    message: detail ? `Not signed in: ${detail}` : 'Not signed in.',
    fix: 'Sign in.',
  });
}

/** The AADSTS number of an MSAL error, if its message carries one. */
function aadsts(err: AuthError): string | undefined {
  const errorNo = (err as { errorNo?: unknown }).errorNo; // ServerError and InteractionRequiredAuthError carry it
  if (typeof errorNo === 'string' && /^\d+$/.test(errorNo)) return errorNo;
  return `${err.errorMessage} ${err.message}`.match(/AADSTS(\d+)/)?.[1];
}

/**
 * Maps an error from MSAL to an AppError. `tenantId` names the tenant a token was asked for; `homeTenantId` the
 * account's own. A guest tenant that wants its own sign-in is reported for that tenant (the inventory shows it
 * beside the others), not as "signed out".
 */
export function fromMsalError(err: unknown, tenantId?: string, homeTenantId?: string): AppError {
  if (err instanceof AppError) return err;
  if (!(err instanceof AuthError)) {
    const message = err instanceof Error ? err.message : String(err);
    return new AppError({
      code: 'network',
      message: `Sign-in service unreachable: ${message}`,
      fix: 'Check the network, HTTPS_PROXY / NO_PROXY and, for a cloud profile, its caCertFile.',
    });
  }
  const code = aadsts(err);
  const azureCode = code ? `AADSTS${code}` : err.errorCode;
  const guest = tenantId !== undefined && homeTenantId !== undefined && tenantId !== homeTenantId;
  if (code && STEP_UP.test(`AADSTS${code}`)) {
    return new AppError({
      code: 'interaction-required',
      message: `Tenant ${tenantId ?? '(sign-in tenant)'} requires its own sign-in (multi-factor authentication or Conditional Access): ${firstLine(err)}`,
      fix: tenantId ? `Sign in to tenant ${tenantId} again.` : 'Sign in again.',
      azureCode,
    });
  }
  if (err instanceof InteractionRequiredAuthError || err.errorCode === 'invalid_grant') {
    if (err.errorCode === 'no_tokens_found') return notSignedIn('no saved sign-in for this account.');
    return new AppError({
      code: 'interaction-required',
      message: guest
        ? `Tenant ${tenantId} needs you to sign in again: ${firstLine(err)}`
        : `Your sign-in has expired or was revoked; sign in again. (${firstLine(err)})`,
      fix: guest ? `Sign in to tenant ${tenantId} again.` : 'Sign in again.',
      azureCode,
    });
  }
  if (err.errorCode === 'no_account_in_silent_request' || err.errorCode === 'no_account_found') return notSignedIn();
  if (err.errorCode === 'network_error' || err.errorCode === 'endpoints_resolution_error')
    return new AppError({
      code: 'network',
      message: `Sign-in service unreachable: ${firstLine(err)}`,
      fix: 'Check the network, HTTPS_PROXY / NO_PROXY and, for a cloud profile, its authorityHost and caCertFile.',
      azureCode,
    });
  if (['user_cancelled', 'user_canceled', 'device_code_polling_cancelled'].includes(err.errorCode))
    return new AppError({ code: 'cancelled', message: 'Sign-in was cancelled.' });
  if (err.errorCode === 'device_code_expired' || err.errorCode === 'user_timeout_reached')
    return new AppError({
      code: 'interaction-required',
      message: 'The sign-in code expired before it was entered.',
      fix: 'Sign in with a device code again and enter the new code within 15 minutes.',
    });
  return new AppError({
    code: 'azure-error',
    message: `Sign-in failed: ${firstLine(err)}`,
    fix: "Sign in again; if it keeps failing, the message above names Entra's reason.",
    azureCode,
  });
}

/** The first line of MSAL's message (AAD appends trace and correlation ids on further lines). */
function firstLine(err: AuthError): string {
  return (err.errorMessage || err.message).split(/\r?\n/)[0]!.trim();
}
