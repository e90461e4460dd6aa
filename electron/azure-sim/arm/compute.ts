/** Microsoft.Compute reads and power actions for virtual machines. */
import type { SimContext } from '../context';
import { jsonBody } from '../http/form';
import type { SimRequest, SimResponse } from '../http/router';
import type { ArmResource, VmProperties } from '../model/resources';
import { ArmError } from './errors';
import { paginate } from './paging';
import type { ArmApi } from './pipeline';
import {
  expandOptions,
  loadResource,
  publicDoc,
  requireResourceGroup,
  resourceGroupScope,
  subscriptionScope,
} from './serialize';
import { VmPower, type PowerAction, type PowerOperation } from './vm-power';

const VM_TYPE = 'Microsoft.Compute/virtualMachines';
const READ = 'Microsoft.Compute/virtualMachines/read';
const RG_VMS =
  '/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Compute/virtualMachines';
const VM = `${RG_VMS}/{vmName}`;

type Vm = ArmResource<VmProperties>;

/** A VM as ARM serialises it: `userData` only on request, `instanceView` only on request. */
function vmJson(
  power: VmPower,
  vm: Vm,
  opts: { instanceView?: boolean; userData?: boolean; statusOnly?: boolean } = {},
): unknown {
  const doc = publicDoc(vm) as Vm & { properties: VmProperties & { userData?: string; instanceView?: unknown } };
  if (!opts.userData) delete doc.properties.userData;
  if (opts.instanceView || opts.statusOnly) doc.properties.instanceView = power.instanceView(vm);
  return doc;
}

function listVms(ctx: SimContext, scope: { subscriptionId: string; resourceGroup?: string }): Vm[] {
  return ctx.estate.list<Vm>(VM_TYPE, scope);
}

/**
 * The VMs a list keeps after its `$filter`, refusing `$expand=instanceView` without one. The compute swagger says of
 * `$expand` on VirtualMachines_List / _ListAll: "'instanceView' enables fetching run time status of all Virtual
 * Machines, this can only be specified if a valid $filter option is specified", and the only documented filter is
 * `virtualMachineScaleSet/id eq '<id>'`. Without it Azure answers 400 `BadRequest` "Expand Instance View is only
 * supported when Virtual Machine Scale Set resource filter is applied" (as reported by several public projects;
 * `statusOnly=true` is the way to list power states). ListByLocation declares no `$expand`; we assume it shares the
 * list code and refuse it the same way (a guess). Other `$filter`s: Azure answers 400 (azure-sdk-for-go#20728); the
 * message here is the simulator's.
 */
function filterForList(req: SimRequest, vms: Vm[]): Vm[] {
  const expand = expandOptions(req, ['instanceView']);
  const filter = req.query.get('$filter');
  if (filter === null) {
    if (expand.has('instanceView'))
      throw new ArmError(
        400,
        'BadRequest',
        'Expand Instance View is only supported when Virtual Machine Scale Set resource filter is applied',
      );
    return vms;
  }
  const m = filter.trim().match(/^virtualMachineScaleSet\/id\s+eq\s+'([^']+)'$/i);
  if (!m)
    throw new ArmError(
      400,
      'InvalidParameter',
      `The value '${filter}' of parameter '$filter' is not valid. The supported filter is virtualMachineScaleSet/id eq '<scale set id>'.`,
      { target: '$filter' },
    );
  // The simulator seeds no scale sets: only VMs that name this scale set match.
  const setId = m[1]!.toLowerCase();
  return vms.filter((vm) => {
    const ref = (vm.properties as { virtualMachineScaleSet?: { id?: string } }).virtualMachineScaleSet;
    return ref?.id?.toLowerCase() === setId;
  });
}

function listAnswer(
  ctx: SimContext,
  power: VmPower,
  req: SimRequest,
  all: Vm[],
  opts: { statusOnly?: boolean } = {},
): SimResponse {
  const expand = expandOptions(req, ['instanceView']);
  const vms = filterForList(req, all);
  const page = paginate(ctx, req, vms);
  return {
    status: 200,
    json: {
      ...page,
      value: page.value.map((vm) =>
        vmJson(power, vm, { instanceView: expand.has('instanceView'), statusOnly: opts.statusOnly }),
      ),
    },
  };
}

function statusOnly(req: SimRequest): boolean {
  const v = req.query.get('statusOnly');
  if (v === null) return false;
  if (!/^(true|false)$/i.test(v))
    throw new ArmError(400, 'InvalidParameter', `The value '${v}' of parameter 'statusOnly' is not valid.`, {
      target: 'statusOnly',
    });
  return v.toLowerCase() === 'true';
}

/** The operation-status URL of a power operation (`Azure-AsyncOperation`; `Location` adds `monitor=true`). */
function operationUrl(ctx: SimContext, req: SimRequest, op: PowerOperation, monitor: boolean): string {
  const q = new URLSearchParams({
    p: op.vmKey.split('/').pop() ?? '',
    'api-version': req.query.get('api-version') ?? '',
  });
  if (monitor) q.set('monitor', 'true');
  return `${ctx.baseUrl}/subscriptions/${op.subscriptionId}/providers/Microsoft.Compute/locations/${op.location}/operations/${op.id}?${q.toString()}`;
}

/** Registers the VM operations. */
export function registerComputeRoutes(api: ArmApi): void {
  let power: VmPower | undefined;
  const powerOf = (ctx: SimContext): VmPower => (power ??= new VmPower(ctx));

  api.add('GET', '/subscriptions/{subscriptionId}/providers/Microsoft.Compute/virtualMachines', {
    family: 'compute',
    action: READ,
    scope: subscriptionScope,
    partialList: true,
    handler: (req, { ctx, readable }) => {
      const only = statusOnly(req);
      return listAnswer(
        ctx,
        powerOf(ctx),
        req,
        readable(listVms(ctx, { subscriptionId: req.params.subscriptionId! })),
        { statusOnly: only },
      );
    },
  });

  api.add('GET', '/subscriptions/{subscriptionId}/providers/Microsoft.Compute/locations/{location}/virtualMachines', {
    family: 'compute',
    action: READ,
    scope: subscriptionScope,
    partialList: true,
    handler: (req, { ctx, readable }) => {
      const loc = req.params.location!.replace(/\s+/g, '').toLowerCase();
      const vms = readable(listVms(ctx, { subscriptionId: req.params.subscriptionId! })).filter(
        (vm) => vm.location.replace(/\s+/g, '').toLowerCase() === loc,
      );
      return listAnswer(ctx, powerOf(ctx), req, vms);
    },
  });

  api.add('GET', RG_VMS, {
    family: 'compute',
    action: READ,
    scope: resourceGroupScope,
    partialList: true,
    handler: (req, { ctx, readable }) => {
      requireResourceGroup(ctx, req);
      return listAnswer(
        ctx,
        powerOf(ctx),
        req,
        readable(
          listVms(ctx, { subscriptionId: req.params.subscriptionId!, resourceGroup: req.params.resourceGroupName! }),
        ),
      );
    },
  });

  api.add('GET', VM, {
    family: 'compute',
    action: READ,
    handler: (req, { ctx }) => {
      const vm = loadResource<Vm>(ctx, req, VM_TYPE, 'vmName');
      const expand = expandOptions(req, ['instanceView', 'userData', 'resiliencyView']);
      return {
        status: 200,
        json: vmJson(powerOf(ctx), vm, { instanceView: expand.has('instanceView'), userData: expand.has('userData') }),
      };
    },
  });

  api.add('GET', `${VM}/instanceView`, {
    family: 'compute',
    action: READ,
    handler: (req, { ctx }) => ({
      status: 200,
      json: powerOf(ctx).instanceView(loadResource<Vm>(ctx, req, VM_TYPE, 'vmName')),
    }),
  });

  const powerAction = (action: PowerAction, rbac: string) =>
    api.add('POST', `${VM}/${action}`, {
      family: 'compute',
      action: rbac,
      handler: (req, { ctx }) => {
        jsonBody(req); // a malformed body is ARM's InvalidRequestContent (SyntaxError → 400 in the pipeline)
        const vm = loadResource<Vm>(ctx, req, VM_TYPE, 'vmName');
        const op = powerOf(ctx).begin(vm, req.params.subscriptionId!, action);
        return {
          status: 202,
          headers: {
            'Azure-AsyncOperation': operationUrl(ctx, req, op, false),
            Location: operationUrl(ctx, req, op, true),
          },
        };
      },
    });
  powerAction('start', 'Microsoft.Compute/virtualMachines/start/action');
  powerAction('deallocate', 'Microsoft.Compute/virtualMachines/deallocate/action');
  powerAction('powerOff', 'Microsoft.Compute/virtualMachines/powerOff/action');

  api.add(
    'GET',
    '/subscriptions/{subscriptionId}/providers/Microsoft.Compute/locations/{location}/operations/{operationId}',
    {
      family: 'compute',
      action: 'Microsoft.Compute/locations/operations/read',
      scope: subscriptionScope,
      handler: (req, { ctx }) => {
        const op = powerOf(ctx).operation(req.params.operationId!);
        if (!op || op.subscriptionId.toLowerCase() !== req.params.subscriptionId!.toLowerCase()) {
          throw new ArmError(404, 'NotFound', `The operation '${req.params.operationId}' was not found.`);
        }
        if (req.query.get('monitor') === 'true') {
          // The `Location` resource: 202 while the operation runs, then 200 with no body (the action returns nothing).
          if (op.status === 'InProgress')
            return { status: 202, headers: { Location: `${ctx.baseUrl}${req.url.pathname}${req.url.search}` } };
          return { status: 200 };
        }
        const json: Record<string, unknown> = { startTime: op.startTime, status: op.status, name: op.id };
        if (op.endTime) json.endTime = op.endTime;
        if (op.status === 'Canceled')
          json.error = {
            code: 'OperationPreempted',
            message: 'Operation execution has been preempted by a more recent operation.',
          };
        return { status: 200, json };
      },
    },
  );
}
