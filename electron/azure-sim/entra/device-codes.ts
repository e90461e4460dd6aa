/** The device-code flow: `/devicecode`, the verification page, and what a poll of the token endpoint finds. */
import { randomBytes, randomInt } from 'node:crypto';
import type { SimContext } from '../context';
import { formBody } from '../http/form';
import type { SimRequest, SimResponse } from '../http/router';
import { AadError, missingParameter, unknownClient } from './errors';
import { deviceCodePage } from './pages';
import { endpoints, isGuid, resolveAuthority, type Authority } from './tenants';
import { parseScope, type ScopeRequest } from './tokens';

/** AAD's device codes live 15 minutes. */
const EXPIRES_IN_SECONDS = 900;
/** How long after issue the simulated user "enters the code" when `settings.deviceCode` is approve/deny. */
export const AUTO_DECISION_MS = 1000;
/** Letters that cannot be misread (as AAD's user codes avoid them). */
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

type Decision = 'pending' | 'approved' | 'declined' | 'redeemed';

/** One issued device code. */
export interface DeviceCode {
  deviceCode: string;
  userCode: string;
  clientId: string;
  scope: ScopeRequest;
  authority: Authority;
  issuedAtMs: number;
  expiresAtMs: number;
  /** Set at issue from `settings.deviceCode`; `hold` leaves the decision to the verification page. */
  auto: 'approve' | 'deny' | 'hold';
  decision: Decision;
  /** The user who approved (the `signInAs` user at issue, or at the page). */
  signInAs: string;
}

/** What a poll finds. */
export type PollResult = { ok: true; code: DeviceCode } | { ok: false; error: AadError };

function userCode(): string {
  const pick = () => Array.from({ length: 4 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  return `${pick()}-${pick()}`;
}

/** Device codes of this run. Decisions are judged lazily against real time when polled, so no timers are left running. */
export class DeviceCodeStore {
  private readonly byDevice = new Map<string, DeviceCode>();

  /** Issues a code for a client, remembering who is signed in and the current `deviceCode` setting. */
  issue(ctx: SimContext, clientId: string, scope: ScopeRequest, authority: Authority): DeviceCode {
    this.sweep();
    const now = Date.now();
    const code: DeviceCode = {
      deviceCode: `DAQABAAEAAAD.sim.${randomBytes(48).toString('base64url')}`,
      userCode: userCode(),
      clientId,
      scope,
      authority,
      issuedAtMs: now,
      expiresAtMs: now + EXPIRES_IN_SECONDS * 1000,
      auto: ctx.settings.deviceCode,
      decision: 'pending',
      signInAs: ctx.settings.signInAs,
    };
    this.byDevice.set(code.deviceCode, code);
    return code;
  }

  /** The code's state now; the automatic decision takes effect {@link AUTO_DECISION_MS} after issue. */
  private settle(c: DeviceCode): void {
    if (c.decision !== 'pending' || c.auto === 'hold') return;
    if (Date.now() - c.issuedAtMs >= AUTO_DECISION_MS) c.decision = c.auto === 'approve' ? 'approved' : 'declined';
  }

  /** Answers a token-endpoint poll; an approved code is redeemed (once). */
  poll(deviceCode: string, clientId: string): PollResult {
    const c = this.byDevice.get(deviceCode);
    if (!c || c.clientId.toLowerCase() !== clientId.toLowerCase()) {
      return {
        ok: false,
        error: new AadError(
          400,
          'bad_verification_code',
          70000,
          "The provided value for the input parameter 'device_code' is not valid.",
        ),
      };
    }
    if (Date.now() >= c.expiresAtMs && c.decision !== 'redeemed') {
      return {
        ok: false,
        error: new AadError(
          400,
          'expired_token',
          70020,
          "The provided value for the input parameter 'device_code' is not valid. Device codes are valid for 15 minutes.",
        ),
      };
    }
    this.settle(c);
    switch (c.decision) {
      case 'pending':
        return {
          ok: false,
          error: new AadError(
            400,
            'authorization_pending',
            70016,
            'OAuth 2.0 device flow error. Authorization is pending. Continue polling.',
          ),
        };
      case 'declined':
        return {
          ok: false,
          error: new AadError(
            400,
            'authorization_declined',
            70000,
            'The user has declined to authorize the device code request.',
          ),
        };
      case 'redeemed':
        return {
          ok: false,
          error: new AadError(
            400,
            'invalid_grant',
            54005,
            'OAuth2 device code was already redeemed, please retry with a new valid code or use an existing refresh token.',
          ),
        };
      case 'approved':
        c.decision = 'redeemed';
        return { ok: true, code: c };
    }
  }

  /** The verification page's decision for a user code; returns a message for the page. */
  decide(ctx: SimContext, userCodeText: string, approve: boolean): { ok: boolean; text: string } {
    const wanted = userCodeText
      .trim()
      .toUpperCase()
      .replace(/[^A-Z0-9]/g, '');
    const c = [...this.byDevice.values()].find((x) => x.userCode.replace('-', '') === wanted);
    if (!c || Date.now() >= c.expiresAtMs)
      return { ok: false, text: 'That code was not recognised or has expired. Check the code and try again.' };
    this.settle(c);
    if (c.decision !== 'pending') return { ok: false, text: 'That code has already been used.' };
    c.decision = approve ? 'approved' : 'declined';
    c.signInAs = ctx.settings.signInAs;
    return {
      ok: true,
      text: approve ? `Signed in as ${c.signInAs}. You may close this window.` : 'Sign-in request denied.',
    };
  }

  private sweep(): void {
    const now = Date.now();
    for (const [k, v] of this.byDevice) if (v.expiresAtMs + 3600_000 < now) this.byDevice.delete(k);
  }
}

/** `POST {tenant}/oauth2/v2.0/devicecode` (`client_id`, `scope`) → the device code response. */
export function handleDeviceCodeRequest(
  ctx: SimContext,
  store: DeviceCodeStore,
  req: SimRequest,
  tenantSegment: string,
): SimResponse {
  const authority = resolveAuthority(ctx, tenantSegment);
  const form = formBody(req);
  const clientId = form.get('client_id');
  if (!clientId) throw missingParameter('client_id');
  if (!isGuid(clientId)) throw unknownClient(clientId);
  // v1-style clients (ADFS) may send `resource` instead of `scope`.
  const resource = form.get('resource');
  const scopeText =
    form.get('scope') ?? (resource ? `${resource.replace(/\/$/, '')}/.default openid offline_access` : null);
  if (!scopeText) throw missingParameter('scope');
  const code = store.issue(ctx, clientId, parseScope(scopeText), authority);
  const verificationUri = endpoints(ctx, authority).verification_uri;
  return {
    status: 200,
    json: {
      user_code: code.userCode,
      device_code: code.deviceCode,
      verification_uri: verificationUri,
      expires_in: EXPIRES_IN_SECONDS,
      // AAD's 5 s by default (`settings.deviceCodeIntervalSeconds`); MSAL waits that long between polls.
      interval: ctx.settings.deviceCodeIntervalSeconds,
      message: `To sign in, use a web browser to open the page ${verificationUri} and enter the code ${code.userCode} to authenticate.`,
    },
  };
}

/** `GET|POST …/oauth2/deviceauth`: the page where a person enters the user code (needed with `deviceCode: 'hold'`). */
export function handleDeviceAuthPage(ctx: SimContext, store: DeviceCodeStore, req: SimRequest): SimResponse {
  const action = req.url.pathname;
  if (req.method !== 'POST') return deviceCodePage(action, ctx.settings.signInAs);
  // A cross-site form must not approve codes: browsers send Origin on POST.
  const origin = req.headers.origin;
  if (origin && origin !== ctx.baseUrl)
    return deviceCodePage(action, ctx.settings.signInAs, { ok: false, text: 'Cross-site requests are not accepted.' });
  const form = formBody(req);
  const note = store.decide(ctx, form.get('otc') ?? '', form.get('decision') !== 'deny');
  return deviceCodePage(action, ctx.settings.signInAs, note);
}
