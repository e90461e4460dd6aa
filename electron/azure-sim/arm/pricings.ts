/**
 * Microsoft.Security/pricings at subscription scope (Defender for Cloud plans): list and get, shaped per api-version
 * as the security swagger's examples show them (ListPricings_example.json of 2022-03-01 and 2024-01-01,
 * GetPricingByNameVirtualMachines_example.json). Plans are read-only here; resource-level pricings are not served.
 */
import type { SimRequest } from '../http/router';
import { PLAN_NAMES, pricingOf, type PricingDoc } from '../model/defender';
import { ArmError } from './errors';
import type { ArmApi } from './pipeline';
import { subscriptionScope } from './serialize';

const LIST = '/subscriptions/{subscriptionId}/providers/Microsoft.Security/pricings';
const READ = 'Microsoft.Security/pricings/read';

/** A plan as the request's api-version serialises it (later versions add fields; none removes one). */
function pricingJson(doc: PricingDoc, apiVersion: string): unknown {
  const p = doc.properties;
  const standard = p.pricingTier === 'Standard';
  const properties: Record<string, unknown> = { pricingTier: p.pricingTier };
  if (apiVersion >= '2022-03-01' && p.subPlan) properties.subPlan = p.subPlan;
  properties.freeTrialRemainingTime = 'PT0S';
  if (apiVersion >= '2023-01-01' && standard && p.enablementTime) properties.enablementTime = p.enablementTime;
  if (apiVersion >= '2024-01-01') {
    properties.enforce = 'False';
    properties.resourcesCoverageStatus = standard ? 'FullyCovered' : 'NotCovered';
  }
  return { id: doc.id, name: doc.name, type: doc.type, properties };
}

const version = (req: SimRequest) => req.query.get('api-version') ?? '';

/** Registers the pricing reads. */
export function registerPricingRoutes(api: ArmApi): void {
  api.add('GET', LIST, {
    family: 'pricings',
    action: READ,
    scope: subscriptionScope,
    handler: (req, { ctx }) => ({
      status: 200,
      // Azure answers the whole list in one page (no nextLink), as its examples show.
      json: {
        value: PLAN_NAMES.map((n) => pricingJson(pricingOf(ctx.estate, req.params.subscriptionId!, n)!, version(req))),
      },
    }),
  });
  api.add('GET', `${LIST}/{pricingName}`, {
    family: 'pricings',
    action: READ,
    scope: subscriptionScope,
    handler: (req, { ctx }) => {
      const doc = pricingOf(ctx.estate, req.params.subscriptionId!, req.params.pricingName!);
      // The message is the simulator's; Azure's wording for an unknown plan name is not documented.
      if (!doc)
        throw new ArmError(
          404,
          'NotFound',
          `The pricing '${req.params.pricingName}' was not found. Known plans: ${PLAN_NAMES.join(', ')}.`,
        );
      return { status: 200, json: pricingJson(doc, version(req)) };
    },
  });
}
