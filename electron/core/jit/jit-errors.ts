/**
 * ARM's JIT errors as AppErrors a person can act on. Azure's exact JIT error codes are undocumented, so the mapping goes
 * by HTTP status first and keeps Azure's own message (which says what to change); known codes refine it.
 */
import { AppError, type ErrorCode } from '../../../shared/errors/app-error';

interface ArmErrorLike {
  name?: string;
  statusCode?: number;
  code?: string;
  message?: string;
}

/** What was being done, for the wording. */
export interface JitErrorContext {
  action: 'read' | 'initiate' | 'write';
  policy: string;
}

const BY_CODE: Record<string, ErrorCode> = {
  requesteddurationexceedsmaximum: 'duration-over-max',
  portnotinpolicy: 'port-not-in-policy',
  sourceaddressnotallowed: 'source-not-allowed',
  vmnotinpolicy: 'jit-not-enabled',
  policynotfound: 'jit-not-enabled',
  defenderforserversplan2required: 'jit-not-enabled',
};

const ACTIONS = {
  read: 'Microsoft.Security/locations/jitNetworkAccessPolicies/read',
  initiate: 'Microsoft.Security/locations/jitNetworkAccessPolicies/initiate/action',
  write: 'Microsoft.Security/locations/jitNetworkAccessPolicies/write',
};

/** The AppError for an error thrown by a JIT call. */
export function jitError(err: unknown, ctx: JitErrorContext): AppError {
  if (err instanceof AppError) return err;
  const e = (err ?? {}) as ArmErrorLike;
  const message = (e.message ?? String(err)).split('\n')[0]!;
  const azureCode = e.code && e.code !== 'undefined' ? e.code : undefined;
  const base = azureCode ? { azureCode } : {};
  if (e.name === 'AbortError') return new AppError({ code: 'cancelled', message: 'Cancelled.' });
  if (e.statusCode === 403)
    return new AppError({
      ...base,
      code: 'missing-permission',
      message,
      fix: `Ask for a role with ${ACTIONS[ctx.action]} on this scope (with PIM, activate your eligible role first), then try again.`,
    });
  if (e.statusCode === 429)
    return new AppError({
      ...base,
      code: 'throttled',
      message,
      fix: 'Azure is throttling requests; wait a minute and try again.',
    });
  const known = azureCode ? BY_CODE[azureCode.toLowerCase()] : undefined;
  if (known) return new AppError({ ...base, code: known, message });
  if (e.statusCode === 404)
    return new AppError({
      ...base,
      code: 'jit-not-enabled',
      message,
      fix: `JIT policy '${ctx.policy}' no longer exists: refresh the VM list.`,
    });
  if (e.statusCode !== undefined && e.statusCode >= 400 && e.statusCode < 500)
    return new AppError({ ...base, code: 'azure-error', message });
  return new AppError({
    ...base,
    code: e.statusCode ? 'azure-error' : 'network',
    message,
    ...(e.statusCode ? {} : { fix: 'Check the network connection (and HTTPS_PROXY / NO_PROXY), then try again.' }),
  });
}
