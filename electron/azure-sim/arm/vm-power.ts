/**
 * VM power: the instance view Azure reports, and the start / deallocate / power-off operations that move a VM
 * through `starting → running`, `deallocating → deallocated`, `stopping → stopped` on the simulated clock,
 * with the operation-status resources ARM's pollers follow (`Azure-AsyncOperation` and `Location`).
 */
import { randomUUID } from 'node:crypto';
import type { SimContext } from '../context';
import type { Estate } from '../model/estate';
import { idKey } from '../model/ids';
import type { ArmResource, SimPowerState, VmProperties } from '../model/resources';

/** How long a power transition takes on the simulated clock. */
export const POWER_TRANSITION_MS = 1000;

/** The power actions the simulator serves. */
export type PowerAction = 'start' | 'deallocate' | 'powerOff';

const TRANSITIONS: Record<PowerAction, { during: SimPowerState; after: SimPowerState }> = {
  start: { during: 'starting', after: 'running' },
  deallocate: { during: 'deallocating', after: 'deallocated' },
  powerOff: { during: 'stopping', after: 'stopped' },
};

const DISPLAY: Record<SimPowerState, string> = {
  starting: 'VM starting',
  running: 'VM running',
  stopping: 'VM stopping',
  stopped: 'VM stopped',
  deallocating: 'VM deallocating',
  deallocated: 'VM deallocated',
};

const TRANSIENT: ReadonlySet<SimPowerState> = new Set(['starting', 'stopping', 'deallocating']);

/** One long-running power operation. */
export interface PowerOperation {
  id: string;
  estate: Estate;
  vmKey: string;
  location: string;
  subscriptionId: string;
  action: PowerAction;
  startTime: string;
  doneAtMs: number;
  status: 'InProgress' | 'Succeeded' | 'Canceled';
  endTime?: string;
  cancelTimer?: () => void;
}

const MAX_OPERATIONS = 10_000;

/** Runs power operations against the current estate. */
export class VmPower {
  private readonly operations = new Map<string, PowerOperation>();
  /** When each VM's last provisioning or power operation ended (for the instance view's `time`). */
  private readonly lastChange = new WeakMap<Estate, Map<string, string>>();

  constructor(private readonly ctx: SimContext) {}

  /** The VM's power state, finishing transitions that are due (or orphaned by a restart or reset). */
  state(vm: ArmResource<VmProperties>): SimPowerState {
    const key = idKey(vm.id);
    const estate = this.ctx.estate;
    const current = estate.power.get(key) ?? 'running';
    if (!TRANSIENT.has(current)) return current;
    const op = this.pending(key);
    if (op && op.doneAtMs > this.ctx.clock.nowMs()) return current;
    if (op) this.finish(op);
    else this.set(estate, key, settled(current));
    return estate.power.get(key) ?? 'running';
  }

  /** Begins a power action; the operation answers its status until it is done. */
  begin(vm: ArmResource<VmProperties>, subscriptionId: string, action: PowerAction): PowerOperation {
    const key = idKey(vm.id);
    const estate = this.ctx.estate;
    const now = this.ctx.clock.nowMs();
    const before = this.state(vm);
    const previous = this.pending(key);
    if (previous) {
      previous.cancelTimer?.();
      previous.status = 'Canceled';
      previous.endTime = new Date(now).toISOString();
    }
    const t = TRANSITIONS[action];
    const already = before === t.after;
    const op: PowerOperation = {
      id: randomUUID(),
      estate,
      vmKey: key,
      location: vm.location,
      subscriptionId,
      action,
      startTime: new Date(now).toISOString(),
      doneAtMs: already ? now : now + POWER_TRANSITION_MS,
      status: 'InProgress',
    };
    this.remember(op);
    if (already) {
      this.finish(op);
      return op;
    }
    this.set(estate, key, t.during);
    op.cancelTimer = this.ctx.clock.after(POWER_TRANSITION_MS, () => this.finish(op));
    return op;
  }

  /** An operation by id, brought up to date. */
  operation(id: string): PowerOperation | undefined {
    const op = this.operations.get(id.toLowerCase());
    if (op && op.status === 'InProgress' && op.doneAtMs <= this.ctx.clock.nowMs()) this.finish(op);
    return op;
  }

  /** When the VM's last operation ended. */
  lastChangeTime(vm: ArmResource<VmProperties>): string {
    return this.lastChange.get(this.ctx.estate)?.get(idKey(vm.id)) ?? vm.properties.timeCreated;
  }

  /** The VM's instance view (`VirtualMachineInstanceView`), as Azure reports it for this power state. */
  instanceView(vm: ArmResource<VmProperties>): Record<string, unknown> {
    const power = this.state(vm);
    const time = this.lastChangeTime(vm);
    const windows = vm.properties.storageProfile.osDisk.osType === 'Windows';
    const provisioned = {
      code: 'ProvisioningState/succeeded',
      level: 'Info',
      displayStatus: 'Provisioning succeeded',
      time,
    };
    const view: Record<string, unknown> = { platformUpdateDomain: 0, platformFaultDomain: 0 };
    if (power === 'running') {
      const image = vm.properties.storageProfile.imageReference;
      Object.assign(view, {
        computerName: vm.properties.osProfile.computerName,
        osName: windows ? 'Windows Server 2022 Datacenter Azure Edition' : 'ubuntu',
        osVersion: windows
          ? `Microsoft Windows NT 10.0.${(image.exactVersion ?? '20348.0').split('.').slice(0, 2).join('.')}`
          : '24.04',
        vmAgent: {
          vmAgentVersion: windows ? '2.7.41491.1149' : '2.12.0.2',
          statuses: [
            {
              code: 'ProvisioningState/succeeded',
              level: 'Info',
              displayStatus: 'Ready',
              message: 'GuestAgent is running and accepting new configurations.',
              time,
            },
          ],
          extensionHandlers: [],
        },
      });
    }
    Object.assign(view, {
      disks: [{ name: vm.properties.storageProfile.osDisk.name, statuses: [{ ...provisioned }] }],
      hyperVGeneration: 'V2',
      isVMInStandbyPool: false,
      statuses: [provisioned, { code: `PowerState/${power}`, level: 'Info', displayStatus: DISPLAY[power] }],
    });
    return view;
  }

  private pending(key: string): PowerOperation | undefined {
    let found: PowerOperation | undefined;
    for (const op of this.operations.values()) {
      if (op.vmKey === key && op.status === 'InProgress' && op.estate === this.ctx.estate) found = op;
    }
    return found;
  }

  private finish(op: PowerOperation): void {
    if (op.status !== 'InProgress') return;
    op.cancelTimer?.();
    op.status = 'Succeeded';
    op.endTime = new Date(Math.max(op.doneAtMs, Date.parse(op.startTime))).toISOString();
    if (op.estate !== this.ctx.estate) return; // the estate was reset meanwhile
    this.set(op.estate, op.vmKey, TRANSITIONS[op.action].after);
    let times = this.lastChange.get(op.estate);
    if (!times) this.lastChange.set(op.estate, (times = new Map()));
    times.set(op.vmKey, toAzureTime(op.endTime));
  }

  private set(estate: Estate, key: string, state: SimPowerState): void {
    if (estate.power.get(key) === state) return;
    estate.power.set(key, state);
    estate.touch();
    this.ctx.events.emit('power-changed', key);
  }

  private remember(op: PowerOperation): void {
    this.operations.set(op.id, op);
    if (this.operations.size <= MAX_OPERATIONS) return;
    for (const [id, o] of this.operations) {
      if (o.status !== 'InProgress') this.operations.delete(id);
      if (this.operations.size <= MAX_OPERATIONS / 2) break;
    }
  }
}

function settled(state: SimPowerState): SimPowerState {
  if (state === 'starting') return 'running';
  if (state === 'stopping') return 'stopped';
  if (state === 'deallocating') return 'deallocated';
  return state;
}

/** Azure's instance-view time format: `2019-10-14T21:30:12.8051917+00:00`. */
function toAzureTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toISOString().replace(/\.(\d{3})Z$/, '.$10000+00:00');
}
