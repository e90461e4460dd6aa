/**
 * Shared helpers of the ARM read routes: serialise stored documents without simulator-internal fields, find a
 * resource group or answer ARM's 404s, and read the few query options the reads share.
 */
import type { SimContext } from '../context';
import type { SimRequest } from '../http/router';
import { rgId } from '../model/ids';
import type { ArmResource } from '../model/resources';
import { ArmError, badRequest, notFound } from './errors';

/**
 * A deep copy of a stored document as ARM would send it. A key starting with `_` is simulator-internal
 * (bookkeeping other parts of the simulator may keep on a document) and never leaves the simulator.
 */
export function publicDoc<T>(doc: T): T {
  return strip(doc) as T;
}

function strip(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(strip);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (k.startsWith('_') || v === undefined) continue;
      out[k] = strip(v);
    }
    return out;
  }
  return value;
}

/** Throws ARM's 404 `ResourceGroupNotFound` unless the request's resource group exists. */
export function requireResourceGroup(ctx: SimContext, req: SimRequest): void {
  const { subscriptionId, resourceGroupName } = req.params;
  if (!subscriptionId || !resourceGroupName) return;
  if (!ctx.estate.resourceGroup(rgId(subscriptionId, resourceGroupName))) {
    throw new ArmError(404, 'ResourceGroupNotFound', `Resource group '${resourceGroupName}' could not be found.`);
  }
}

/** The subscription scope of a request (for RBAC on subscription-wide lists). */
export function subscriptionScope(req: SimRequest): string {
  return `/subscriptions/${req.params.subscriptionId}`;
}

/** The resource group scope of a request (for RBAC on resource-group lists). */
export function resourceGroupScope(req: SimRequest): string {
  return rgId(req.params.subscriptionId ?? '', req.params.resourceGroupName ?? '');
}

/** Loads a top-level resource by the request's subscription, resource group and name, or throws ARM's 404. */
export function loadResource<R extends ArmResource>(
  ctx: SimContext,
  req: SimRequest,
  type: string,
  nameParam: string,
): R {
  requireResourceGroup(ctx, req);
  const { subscriptionId, resourceGroupName } = req.params;
  const name = req.params[nameParam] ?? '';
  const [provider, ...types] = type.split('/');
  const id = `${rgId(subscriptionId ?? '', resourceGroupName ?? '')}/providers/${provider}/${types.join('/')}/${name}`;
  const doc = ctx.estate.get<R>(id, type);
  if (!doc) throw notFound(type, name, resourceGroupName);
  return doc;
}

/** Finds a child (subnet, peering, rule) by name, case-insensitively, or throws ARM's 404. */
export function findChild<C extends { name: string }>(
  children: readonly C[] | undefined,
  type: string,
  name: string,
  resourceGroup: string | undefined,
): C {
  const child = children?.find((c) => c.name.toLowerCase() === name.toLowerCase());
  if (!child) throw notFound(type, name, resourceGroup);
  return child;
}

/** The `$expand` values of a request (comma separated), checked against what the operation supports. */
export function expandOptions(req: SimRequest, allowed: readonly string[]): Set<string> {
  const raw = req.query.get('$expand') ?? req.query.get('$Expand');
  const out = new Set<string>();
  if (!raw) return out;
  for (const part of raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const hit = allowed.find((a) => a.toLowerCase() === part.toLowerCase());
    if (!hit) {
      throw badRequest(
        'InvalidParameter',
        `The value '${part}' of parameter '$expand' is not valid. Allowed values are '${allowed.join("', '")}'.`,
        '$expand',
      );
    }
    out.add(hit);
  }
  return out;
}
