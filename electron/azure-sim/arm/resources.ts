/** Microsoft.Resources reads: tenants, subscriptions, resource groups. */
import type { ArmApi } from './pipeline';
import { ArmError } from './errors';
import { paginate } from './paging';

/** Registers the tenant, subscription and resource-group reads. */
export function registerResourceRoutes(api: ArmApi): void {
  api.add('GET', '/tenants', {
    family: 'resources',
    action: 'Microsoft.Resources/tenants/read',
    noRbac: true,
    // Every tenant the caller belongs to, whichever tenant the token is for: home and those where it is a guest
    // (a service principal: its own). `tenantCategory` is `Home` for both, as `az account tenant list` shows them.
    handler: (req, { ctx, principal }) => {
      const user = principal.kind === 'user' ? ctx.estate.findUser(principal.oid) : undefined;
      const tenants = user
        ? ctx.estate.tenantsOf(user)
        : ctx.estate.tenants.filter((t) => t.tenantId.toLowerCase() === principal.tenantId.toLowerCase());
      return { status: 200, json: paginate(ctx, req, tenants) };
    },
  });

  api.add('GET', '/subscriptions', {
    family: 'resources',
    action: 'Microsoft.Resources/subscriptions/read',
    noRbac: true,
    handler: (req, { ctx, principal }) => ({
      status: 200,
      json: paginate(ctx, req, ctx.estate.visibleSubscriptions(principal.oid, principal.tenantId)),
    }),
  });

  api.add('GET', '/subscriptions/{subscriptionId}', {
    family: 'resources',
    action: 'Microsoft.Resources/subscriptions/read',
    noRbac: true,
    handler: (req, { ctx, principal }) => {
      const sub = ctx.estate
        .visibleSubscriptions(principal.oid, principal.tenantId)
        .find((s) => s.subscriptionId.toLowerCase() === req.params.subscriptionId!.toLowerCase());
      if (!sub)
        throw new ArmError(
          404,
          'SubscriptionNotFound',
          `The subscription '${req.params.subscriptionId}' could not be found.`,
        );
      return { status: 200, json: sub };
    },
  });

  api.add('GET', '/subscriptions/{subscriptionId}/resourcegroups', {
    family: 'resources',
    action: 'Microsoft.Resources/subscriptions/resourceGroups/read',
    partialList: true,
    handler: (req, { ctx, readable }) => {
      const prefix = `/subscriptions/${req.params.subscriptionId}/`.toLowerCase();
      const groups = readable(
        [...ctx.estate.resourceGroups.values()].filter((g) => g.id.toLowerCase().startsWith(prefix)),
      );
      return { status: 200, json: paginate(ctx, req, groups) };
    },
  });

  api.add('GET', '/subscriptions/{subscriptionId}/resourcegroups/{resourceGroupName}', {
    family: 'resources',
    action: 'Microsoft.Resources/subscriptions/resourceGroups/read',
    handler: (req, { ctx }) => {
      const g = ctx.estate.resourceGroup(req.path);
      if (!g)
        throw new ArmError(
          404,
          'ResourceGroupNotFound',
          `Resource group '${req.params.resourceGroupName}' could not be found.`,
        );
      return { status: 200, json: g };
    },
  });
}
