/** Entra ID's OAuth error envelope: `{error, error_description: 'AADSTSnnnnn: …', error_codes, timestamp, trace_id, correlation_id}`. */
import { randomUUID } from 'node:crypto';
import type { SimResponse } from '../http/router';

/** An OAuth error a handler throws; the route wrapper turns it into the AAD-shaped answer. */
export class AadError extends Error {
  constructor(
    readonly status: number,
    /** The OAuth `error` value (`invalid_grant`, `invalid_request`, …). */
    readonly error: string,
    /** The AADSTS number. */
    readonly code: number,
    message: string,
    readonly extra: { suberror?: string; claims?: string; headers?: Record<string, string> } = {},
  ) {
    super(message);
  }
}

/** Formats a timestamp as AAD does in its error text (`2024-05-01 10:11:12Z`). */
function aadTimestamp(d: Date): string {
  return `${d.toISOString().slice(0, 19).replace('T', ' ')}Z`;
}

/**
 * The JSON error answer. The trace/correlation/timestamp trailer is part of the description because AAD
 * puts it there, and clients (MSAL, az) print the description verbatim.
 */
export function aadErrorResponse(err: AadError, correlationId?: string): SimResponse {
  const traceId = randomUUID();
  const correlation = correlationId && /^[0-9a-f-]{36}$/i.test(correlationId) ? correlationId : randomUUID();
  const now = new Date();
  const json: Record<string, unknown> = {
    error: err.error,
    error_description: `AADSTS${err.code}: ${err.message}\r\nTrace ID: ${traceId}\r\nCorrelation ID: ${correlation}\r\nTimestamp: ${aadTimestamp(now)}`,
    error_codes: [err.code],
    timestamp: aadTimestamp(now),
    trace_id: traceId,
    correlation_id: correlation,
    error_uri: `https://login.microsoftonline.com/error?code=${err.code}`,
  };
  if (err.extra.suberror) json.suberror = err.extra.suberror;
  if (err.extra.claims) json.claims = err.extra.claims;
  return { status: err.status, json, headers: { ...err.extra.headers } };
}

/** 400 `invalid_request` for a missing parameter, worded as AAD words it. */
export function missingParameter(name: string): AadError {
  return new AadError(
    400,
    'invalid_request',
    900144,
    `The request body must contain the following parameter: '${name}'.`,
  );
}

/** 400 `invalid_tenant` (AADSTS90002) for a tenant segment that names no simulated tenant. */
export function unknownTenant(segment: string): AadError {
  return new AadError(
    400,
    'invalid_tenant',
    90002,
    `Tenant '${segment}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.`,
  );
}

/** 400 `unauthorized_client` (AADSTS700016) for a client id that names no application AAD knows. */
export function unknownClient(clientId: string): AadError {
  return new AadError(
    400,
    'unauthorized_client',
    700016,
    `Application with identifier '${clientId}' was not found in the directory.`,
  );
}

/**
 * AADSTS50034 for an account that is not in the directory. AAD words it differently per flow, so the caller says
 * which account and directory to name, whether to add AAD's "must be added" hint, and the `error` value of its flow.
 */
export function unknownUser(
  error: 'invalid_grant' | 'invalid_request',
  detail: { account?: string; directory?: string; addHint?: boolean; suberror?: string } = {},
): AadError {
  const account = detail.account ? ` ${detail.account}` : '';
  const directory = detail.directory ? ` ${detail.directory}` : '';
  const hint = detail.addHint ? ' To sign into this application, the account must be added to the directory.' : '';
  return new AadError(
    400,
    error,
    50034,
    `The user account${account} does not exist in the${directory} directory.${hint}`,
    detail.suberror ? { suberror: detail.suberror } : {},
  );
}
