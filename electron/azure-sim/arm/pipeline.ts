/**
 * The ARM front door: injected faults, latency, api-version, authentication, throttling, subscription and RBAC
 * checks, then the route's handler — answering every failure with ARM's error envelope, never crashing.
 */
import { randomUUID } from 'node:crypto';
import type { Principal, SimContext } from '../context';
import { Router, type SimRequest, type SimResponse } from '../http/router';
import { apiVersionProblem, type ApiFamily } from './api-versions';
import { authenticate, caeChallenge, wrongTenant } from './auth';
import { ArmError, armError } from './errors';
import { Throttle, type OpKind } from './throttle';

/** What a handler gets besides the request. */
export interface ArmCall {
  ctx: SimContext;
  principal: Principal;
  /**
   * Keeps the items of a list the caller may read. Identity when the caller has the action at the request's scope;
   * for a caller with it only on some resource groups (or resources) below, ARM answers the list with just those.
   */
  readable: <T extends { id: string }>(items: T[]) => T[];
}

/** One ARM operation. */
export interface ArmRoute {
  family: ApiFamily;
  /** The RBAC action, e.g. `Microsoft.Compute/virtualMachines/read`. */
  action: string;
  /** The RBAC scope; defaults to the request path. */
  scope?: (req: SimRequest) => string;
  /** Tenant-level operations (`/tenants`, `/subscriptions`) need no role assignment. */
  noRbac?: boolean;
  /**
   * A list ARM authorises per item: a caller without the action at the scope but with it somewhere below gets 200
   * with what they may read (403 only without the action anywhere in the scope).
   */
  partialList?: boolean;
  handler: (req: SimRequest, call: ArmCall) => SimResponse | Promise<SimResponse>;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function opKind(method: string): OpKind {
  if (method === 'GET' || method === 'HEAD') return 'reads';
  if (method === 'DELETE') return 'deletes';
  return 'writes';
}

const FAULT_CODES: Record<number, string> = {
  400: 'BadRequest',
  401: 'InvalidAuthenticationToken',
  403: 'AuthorizationFailed',
  404: 'NotFound',
  409: 'Conflict',
  429: 'TooManyRequests',
  500: 'InternalServerError',
  502: 'BadGateway',
  503: 'ServiceUnavailable',
  504: 'GatewayTimeout',
};

/** ARM's routes plus the checks every request goes through. */
export class ArmApi {
  readonly router = new Router<ArmRoute>();
  readonly throttle = new Throttle();

  constructor(private readonly ctx: SimContext) {}

  /** Registers an operation. */
  add(method: string, pattern: string, route: ArmRoute): void {
    this.router.add(method, pattern, route);
  }

  /** Answers one ARM request, recording it in the call log. */
  async handle(req: SimRequest): Promise<SimResponse> {
    const res = await this.answer(req);
    res.headers = {
      'x-ms-request-id': randomUUID(),
      'x-ms-correlation-request-id': String(req.headers['x-ms-correlation-request-id'] ?? randomUUID()),
      ...res.headers,
    };
    this.ctx.calls.push({
      method: req.method,
      path: req.path,
      status: res.status,
      at: this.ctx.clock.now().toISOString(),
    });
    if (this.ctx.calls.length > 100_000) this.ctx.calls.splice(0, this.ctx.calls.length - 100_000);
    return res;
  }

  private async answer(req: SimRequest): Promise<SimResponse> {
    const { ctx } = this;
    const fault = ctx.faults.take('arm', req.method, req.path);
    if (fault) {
      if (fault.delayMs) await sleep(fault.delayMs);
      const headers: Record<string, string> = {};
      if (fault.retryAfterSeconds !== undefined) headers['Retry-After'] = String(fault.retryAfterSeconds);
      return armError(
        fault.status,
        fault.code ?? FAULT_CODES[fault.status] ?? 'InjectedFault',
        fault.message ?? `Injected fault (${fault.status}) by the simulator's control API.`,
        { headers },
      );
    }
    if (ctx.settings.latencyMs > 0) await sleep(ctx.settings.latencyMs);
    try {
      const m = this.router.match(req.method, req.path);
      if (!m) return this.unknownPath(req);
      if ('methodMismatch' in m) {
        return armError(
          405,
          'MethodNotAllowed',
          `The requested resource does not support http method '${req.method}'.`,
        );
      }
      const { route, params } = m;
      req.params = params;
      this.checkApiVersion(req, route.family);
      const principal = authenticate(ctx, req.headers.authorization);
      const challenge = caeChallenge(ctx, principal);
      if (challenge) throw challenge;
      const subscriptionId = params.subscriptionId;
      const kind = opKind(req.method);
      const taken = this.throttle.take(
        subscriptionId ? `sub:${subscriptionId}` : `tenant:${principal.tenantId}`,
        principal.oid,
        kind,
      );
      const remainingHeader = `x-ms-ratelimit-remaining-${subscriptionId ? 'subscription' : 'tenant'}-${kind}`;
      if ('retryAfterSeconds' in taken) {
        return armError(
          429,
          subscriptionId ? 'SubscriptionRequestsThrottled' : 'TenantRequestsThrottled',
          `Number of '${kind.replace(/s$/, '')}' requests for ${subscriptionId ? `subscription '${subscriptionId}'` : `tenant '${principal.tenantId}'`} actor '${principal.oid}' exceeded. Please try again after '${taken.retryAfterSeconds}' seconds after additional tokens are available.`,
          { headers: { 'Retry-After': String(taken.retryAfterSeconds), [remainingHeader]: '0' } },
        );
      }
      if (subscriptionId) {
        const sub = ctx.estate.subscription(subscriptionId);
        if (!sub)
          throw new ArmError(404, 'SubscriptionNotFound', `The subscription '${subscriptionId}' could not be found.`);
        if (sub.tenantId.toLowerCase() !== principal.tenantId.toLowerCase())
          throw wrongTenant(ctx, principal, sub.tenantId);
      }
      let readable: ArmCall['readable'] = (items) => items;
      if (!route.noRbac) {
        const scope = route.scope ? route.scope(req) : req.path;
        const { oid } = principal;
        const { estate } = ctx;
        if (!estate.can(oid, route.action, scope)) {
          if (!route.partialList || !estate.canBelow(oid, route.action, scope)) {
            throw new ArmError(
              403,
              'AuthorizationFailed',
              `The client '${principal.name}' with object id '${principal.oid}' does not have authorization to perform action '${route.action}' over scope '${scope}' or the scope is invalid. If access was recently granted, please refresh your credentials.`,
            );
          }
          readable = (items) => items.filter((i) => estate.can(oid, route.action, i.id));
        }
      }
      const res = await route.handler(req, { ctx, principal, readable });
      res.headers = { [remainingHeader]: String(taken.remaining), ...res.headers };
      return res;
    } catch (err) {
      if (err instanceof ArmError) return armError(err.status, err.code, err.message, err.extra);
      if (err instanceof SyntaxError) {
        return armError(
          400,
          'InvalidRequestContent',
          `The request content was invalid and could not be deserialized: '${err.message}'.`,
        );
      }
      ctx.log(
        `ARM ${req.method} ${req.path} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
      );
      return armError(500, 'InternalServerError', 'The simulator failed to process the request; see its log.');
    }
  }

  private checkApiVersion(req: SimRequest, family: ApiFamily): void {
    const problem = apiVersionProblem(family, req.query.get('api-version'));
    if (problem) throw problem;
  }

  private unknownPath(req: SimRequest): SimResponse {
    const m = req.path.match(/\/providers\/([^/]+)\/([^/]+)/i);
    if (m) {
      return armError(
        404,
        'InvalidResourceType',
        `The resource type '${m[2]}' could not be found in the namespace '${m[1]}' for api version '${req.query.get('api-version') ?? ''}'.`,
      );
    }
    return armError(404, 'NotFound', `No HTTP resource was found that matches the request URI '${req.url.pathname}'.`);
  }
}
