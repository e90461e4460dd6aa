/**
 * Microsoft.Security jitNetworkAccessPolicies (2020-01-01): list (subscription, region, resource group, both),
 * get, put (replaces the whole policy), delete (200, or 204 when absent), initiate (202 with the request).
 *
 * Answers carry what the live service sends beyond the swagger (Azure PowerShell's recorded sessions): policies have
 * `provisioningState` `Updating` while a change is in progress and `appendMode: false`; the 202 of initiate has ports
 * `Initiating` and an empty `requestor`, and takes `initiateDelayMs` to come; reads report the provider's quota.
 */
import { paginate } from '../arm/paging';
import { RpReadQuota } from '../arm/rp-quota';
import { pickDelay } from '../settings';
import type { JitPolicyDoc, JitRequest } from '../model/resources';
import type { ArmApi, ArmCall } from '../arm/pipeline';
import { jsonBody } from '../http/form';
import type { SimRequest } from '../http/router';
import { rgId } from '../model/ids';
import type { JitEngine } from './engine';
import { loadPolicy, policyIdOf, requireResourceGroup, type PolicyParams } from './checks';
import { requireServersPlan2 } from './plan';

const SUB = '/subscriptions/{subscriptionId}';
const RG = `${SUB}/resourceGroups/{resourceGroupName}`;
const P = 'providers/Microsoft.Security';
const ONE = `${RG}/${P}/locations/{ascLocation}/jitNetworkAccessPolicies/{jitNetworkAccessPolicyName}`;

/** RBAC actions of the JIT operations. */
export const JIT_ACTIONS = {
  read: 'Microsoft.Security/locations/jitNetworkAccessPolicies/read',
  write: 'Microsoft.Security/locations/jitNetworkAccessPolicies/write',
  delete: 'Microsoft.Security/locations/jitNetworkAccessPolicies/delete',
  initiate: 'Microsoft.Security/locations/jitNetworkAccessPolicies/initiate/action',
} as const;

/** Microsoft.Security's read quota per subscription (a recorded JIT GET showed 749 left). */
const SECURITY_READ_QUOTA = 750;

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** A copy without the simulator's `_` bookkeeping fields (never served). */
export function served<T>(doc: T): T {
  return JSON.parse(JSON.stringify(doc, (k, v: unknown) => (k.startsWith('_') ? undefined : v))) as T;
}

function params(req: SimRequest): PolicyParams {
  return {
    subscriptionId: req.params.subscriptionId!,
    resourceGroup: req.params.resourceGroupName!,
    location: req.params.ascLocation!,
    policyName: req.params.jitNetworkAccessPolicyName!,
  };
}

const subScope = (req: SimRequest) => `/subscriptions/${req.params.subscriptionId}`;
const rgScope = (req: SimRequest) => rgId(req.params.subscriptionId!, req.params.resourceGroupName!);

/** A policy as the service shows it: its provisioning state now, and `appendMode` (always false here). */
export function presentPolicy(doc: JitPolicyDoc, updating: boolean): JitPolicyDoc {
  const out = served(doc);
  const { virtualMachines, requests } = out.properties;
  const properties = { virtualMachines, requests, provisioningState: updating ? 'Updating' : 'Succeeded' };
  return { ...out, properties: { ...properties, appendMode: false } as JitPolicyDoc['properties'] };
}

/** Registers the JIT operations. */
export function registerJitRoutes(api: ArmApi, engine: JitEngine): void {
  const quota = new RpReadQuota(SECURITY_READ_QUOTA);
  const present = (doc: JitPolicyDoc) => presentPolicy(doc, engine.isUpdating(doc));
  const list = (scope: (req: SimRequest) => string, byRg: boolean) => ({
    family: 'security' as const,
    action: JIT_ACTIONS.read,
    scope,
    // A caller with JIT read on some resource groups only sees their policies (ARM authorises the list per item).
    partialList: true,
    handler: (req: SimRequest, { readable }: ArmCall) => {
      const { ctx } = engine;
      if (byRg) requireResourceGroup(ctx, req.params.subscriptionId!, req.params.resourceGroupName!);
      const items = readable(ctx.estate.listJitPolicies(scope(req), req.params.ascLocation));
      const headers = quota.take(req.params.subscriptionId!);
      return { status: 200, json: paginate(ctx, req, items.map(present)), headers };
    },
  });
  api.add('GET', `${SUB}/${P}/jitNetworkAccessPolicies`, list(subScope, false));
  api.add('GET', `${SUB}/${P}/locations/{ascLocation}/jitNetworkAccessPolicies`, list(subScope, false));
  api.add('GET', `${RG}/${P}/jitNetworkAccessPolicies`, list(rgScope, true));
  api.add('GET', `${RG}/${P}/locations/{ascLocation}/jitNetworkAccessPolicies`, list(rgScope, true));

  api.add('GET', ONE, {
    family: 'security',
    action: JIT_ACTIONS.read,
    handler: (req) => {
      const doc = present(loadPolicy(engine.ctx, params(req)));
      return { status: 200, json: doc, headers: quota.take(req.params.subscriptionId!) };
    },
  });
  api.add('PUT', ONE, {
    family: 'security',
    action: JIT_ACTIONS.write,
    handler: (req) => {
      requireServersPlan2(engine.ctx, req.params.subscriptionId!);
      const { doc } = engine.putPolicy(params(req), jsonBody(req));
      // The swagger declares only 200 for create-or-update, for a new policy too.
      return { status: 200, json: present(doc) };
    },
  });
  api.add('DELETE', ONE, {
    family: 'security',
    action: JIT_ACTIONS.delete,
    handler: (req) => {
      const p = params(req);
      requireResourceGroup(engine.ctx, p.subscriptionId, p.resourceGroup);
      return { status: engine.deletePolicy(p) ? 200 : 204 };
    },
  });
  api.add('POST', `${ONE}/initiate`, {
    family: 'security',
    action: JIT_ACTIONS.initiate,
    // ARM names the policy as the scope of the action, not the /initiate path.
    scope: (req) => policyIdOf(params(req)),
    handler: async (req, { principal }) => {
      requireServersPlan2(engine.ctx, req.params.subscriptionId!);
      const request = engine.initiate(params(req), jsonBody(req), principal.name);
      // The answer is what the service knew when it accepted the request: ports still Initiating; the recorded live
      // answer has an empty requestor (later reads of the policy name the caller).
      const accepted: JitRequest = { ...served(request), requestor: '' };
      const delay = pickDelay(engine.ctx.settings.initiateDelayMs);
      if (delay > 0) await sleep(delay);
      return { status: 202, json: accepted };
    },
  });
}
