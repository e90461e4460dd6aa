/** `/oauth2/v2.0/authorize`: the browser leg of the auth-code + PKCE flow, signing in as `settings.signInAs`. */
import { createHash, randomBytes } from 'node:crypto';
import type { SimContext } from '../context';
import { formBody } from '../http/form';
import type { SimRequest, SimResponse } from '../http/router';
import { objectIdIn, type SimUser } from '../model/identity';
import { AadError, missingParameter, unknownClient, unknownUser } from './errors';
import { errorPage, formPostPage } from './pages';
import { isGuid, resolveAuthority, type Authority } from './tenants';
import { clientInfo, parseScope, type ScopeRequest } from './tokens';

/** Codes are short-lived, as AAD's (about 10 minutes). */
const CODE_LIFETIME_MS = 10 * 60 * 1000;

/** What an authorization code stands for until it is redeemed (once). */
export interface PendingCode {
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  scope: ScopeRequest;
  nonce?: string;
  oid: string;
  authority: Authority;
  expiresAtMs: number;
  redeemed: boolean;
}

/** The one-time authorization codes issued by this simulator run (in memory: a restart ends pending sign-ins). */
export class CodeStore {
  private readonly codes = new Map<string, PendingCode>();

  /** Stores a new code and returns it. */
  issue(p: Omit<PendingCode, 'expiresAtMs' | 'redeemed'>): string {
    this.sweep();
    const code = `1.sim.${randomBytes(32).toString('base64url')}`;
    this.codes.set(code, { ...p, expiresAtMs: Date.now() + CODE_LIFETIME_MS, redeemed: false });
    return code;
  }

  /** The code's record (redeemed ones too, so a replay gets AAD's "already redeemed" answer). */
  get(code: string): PendingCode | undefined {
    return this.codes.get(code);
  }

  private sweep(): void {
    const now = Date.now();
    for (const [k, v] of this.codes) if (v.expiresAtMs + CODE_LIFETIME_MS < now) this.codes.delete(k);
  }
}

/** The S256 PKCE challenge of a verifier (RFC 7636 §4.2). */
export function s256(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

/**
 * True for the redirect URIs a public client may use here: loopback HTTP only (`http://localhost[:port]` or
 * `http://127.0.0.1[:port]`, any path), which is what MSAL's loopback listener uses. Anything else would
 * send codes off the machine.
 */
export function isLoopbackRedirect(uri: string): boolean {
  let u: URL;
  try {
    u = new URL(uri);
  } catch {
    return false;
  }
  return (
    u.protocol === 'http:' &&
    (u.hostname === 'localhost' || u.hostname === '127.0.0.1') &&
    !u.username &&
    !u.password &&
    !u.hash
  );
}

/** The user `settings.signInAs` names (the simulated browser session). */
export function signedInUser(ctx: SimContext): SimUser | undefined {
  return ctx.estate.findUser(ctx.settings.signInAs);
}

/** Sends the OAuth answer back to the app as `response_mode` asks: form_post page, or a 302 with query/fragment. */
function respond(redirectUri: string, mode: string, fields: Record<string, string>): SimResponse {
  if (mode === 'form_post') return formPostPage(redirectUri, fields);
  const target = new URL(redirectUri);
  const params = new URLSearchParams(fields);
  if (mode === 'fragment') target.hash = params.toString();
  else for (const [k, v] of params) target.searchParams.append(k, v);
  return {
    status: 302,
    headers: { Location: target.toString(), 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' },
  };
}

function errorFields(err: AadError, state: string | null): Record<string, string> {
  const f: Record<string, string> = {
    error: err.error,
    error_description: `AADSTS${err.code}: ${err.message}`,
    error_codes: String(err.code),
  };
  if (err.extra.suberror) f.error_subcode = err.extra.suberror;
  if (state !== null) f.state = state;
  return f;
}

/** Reads the request's parameters: the query for GET, the form body for POST (AAD accepts both). */
function params(req: SimRequest): URLSearchParams {
  if (req.method !== 'POST') return req.query;
  const merged = new URLSearchParams(req.query);
  for (const [k, v] of formBody(req)) merged.set(k, v);
  return merged;
}

/** AAD's sign-in error page for an error that has nowhere safe to be redirected to. */
function errorPageFor(err: AadError): SimResponse {
  return errorPage(err.status, err.code, err.error, err.message);
}

/** Handles the authorize request for `{tenant}` (or `adfs`). */
export function handleAuthorize(
  ctx: SimContext,
  codes: CodeStore,
  req: SimRequest,
  tenantSegment: string,
): SimResponse {
  const p = params(req);
  const clientId = p.get('client_id') ?? '';
  const redirectUri = p.get('redirect_uri') ?? '';
  // Without a valid client and redirect URI there is nowhere safe to send an error: show it (as AAD does).
  if (!clientId) return errorPageFor(missingParameter('client_id'));
  if (!isGuid(clientId)) return errorPageFor(unknownClient(clientId));
  if (!isLoopbackRedirect(redirectUri)) {
    return errorPage(
      400,
      50011,
      'invalid_request',
      `The redirect URI '${redirectUri}' specified in the request does not match the redirect URIs configured for the application '${clientId}'. The simulator accepts loopback URIs only (http://localhost:port or http://127.0.0.1:port).`,
    );
  }
  const state = p.get('state');
  const mode = (p.get('response_mode') ?? 'query').toLowerCase();
  const responseMode = ['form_post', 'query', 'fragment'].includes(mode) ? mode : 'query';
  try {
    let authority: Authority;
    try {
      authority = resolveAuthority(ctx, tenantSegment);
    } catch (e) {
      // An unknown tenant is shown, not redirected: AAD cannot know the app's redirect URIs then.
      if (e instanceof AadError) return errorPage(400, e.code, e.error, e.message);
      throw e;
    }
    if (p.get('response_type') !== 'code') {
      throw new AadError(
        400,
        'unsupported_response_type',
        700054,
        `response_type '${p.get('response_type') ?? ''}' is not supported; the simulator implements the authorization code flow (response_type=code).`,
      );
    }
    const scopeText = p.get('scope');
    if (!scopeText) throw missingParameter('scope');
    const scope = parseScope(scopeText);
    const challenge = p.get('code_challenge');
    if (!challenge)
      throw new AadError(
        400,
        'invalid_request',
        9002325,
        'Proof Key for Code Exchange is required for this client: send code_challenge with code_challenge_method=S256.',
      );
    if ((p.get('code_challenge_method') ?? '') !== 'S256') {
      throw new AadError(
        400,
        'invalid_request',
        501491,
        `Invalid code_challenge_method '${p.get('code_challenge_method') ?? ''}'; the simulator requires S256.`,
      );
    }
    if (!/^[A-Za-z0-9_-]{43}$/.test(challenge))
      throw new AadError(400, 'invalid_request', 501481, 'The code_challenge is not a base64url SHA-256 value.');
    const user = signedInUser(ctx);
    if (!user) throw unknownUser('invalid_request', { account: ctx.settings.signInAs });
    // Signing in at a tenant's own authority needs membership there (as a member or a guest), as in AAD.
    if (!authority.multiTenant && authority.flavor === 'aad' && !objectIdIn(user, authority.tenant.tenantId)) {
      throw new AadError(
        400,
        'invalid_request',
        50020,
        `User account '${user.upn}' does not exist in tenant '${authority.tenant.displayName}' and cannot access the application '${clientId}' in that tenant. The account needs to be added as an external user in the tenant first.`,
      );
    }
    const nonce = p.get('nonce') ?? undefined;
    const code = codes.issue({
      clientId,
      redirectUri,
      codeChallenge: challenge,
      scope,
      nonce,
      oid: user.oid,
      authority,
    });
    const fields: Record<string, string> = { code };
    if (state !== null) fields.state = state;
    fields.client_info = clientInfo(user);
    fields.session_state = user.oid;
    ctx.log(`entra: ${user.upn} signed in to ${clientId} (authorize, ${responseMode})`);
    return respond(redirectUri, responseMode, fields);
  } catch (e) {
    if (e instanceof AadError) return respond(redirectUri, responseMode, errorFields(e, state));
    throw e;
  }
}
