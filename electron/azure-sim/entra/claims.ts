/**
 * The `claims` parameter of a token request (OIDC claims request): client capabilities MSAL declares with
 * `clientCapabilities: ['cp1']` (`{"access_token":{"xms_cc":{"values":["cp1"]}}}`), merged by MSAL with the
 * claims challenge a resource sent (e.g. CAE's `{"access_token":{"nbf":{"essential":true,"value":"…"}}}`).
 */
import { AadError } from './errors';

/** What a claims request asks of the access token. */
export interface ClaimsRequest {
  /** Client capabilities (`xms_cc`), lower-cased: `cp1` means "can handle claims challenges" (CAE). */
  capabilities: string[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Parses `claims`; AADSTS90100 when it is not a JSON object (AAD rejects a malformed claims parameter). */
export function parseClaimsRequest(text: string | null): ClaimsRequest {
  if (!text) return { capabilities: [] };
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    doc = undefined;
  }
  if (!isObject(doc))
    throw new AadError(400, 'invalid_request', 90100, "The 'claims' parameter is not a valid JSON claims request.");
  const at = isObject(doc.access_token) ? doc.access_token : {};
  const cc = isObject(at.xms_cc) ? at.xms_cc.values : undefined;
  // MSAL Node sends `cp1`, MSAL Python (az) `CP1`: capabilities are compared case-insensitively.
  const capabilities = Array.isArray(cc) ? cc.filter((c) => typeof c === 'string').map((c) => c.toLowerCase()) : [];
  // A CAE challenge's `nbf` demand needs nothing more: every token is issued now, after the event it names.
  return { capabilities };
}
