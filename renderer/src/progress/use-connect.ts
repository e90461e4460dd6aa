/**
 * Starts connects (one or several VMs in one `connect:start`: core sends one request per policy) and follows their
 * `connect:progressed` events per VM and port and the one `connect:finished` of the run.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { EventPayload, JitConnectApi, RequestArgs } from '../../../shared/ipc/contract';
import type { ConnectStep } from '../../../shared/domain/types';
import { idKey } from '../../../shared/azure/resource-id';
import { describeError } from '../app/api';

/** One VM and port of a run, with the steps it reached (ms since the run began). */
export interface TargetProgress {
  vmId: string;
  vmName: string;
  port?: number;
  steps: Partial<Record<ConnectStep, number>>;
}

/** One connect run as the UI shows it. */
export interface ConnectRun {
  connectId?: string;
  /** "VM-FS01", or "2 VMs". */
  title: string;
  targets: TargetProgress[];
  finished?: Omit<EventPayload<'connect:finished'>, 'connectId'>;
}

type Seen = Pick<ConnectRun, 'targets' | 'finished'>;

/** What a connect asks for besides the targets (the request dialog's choices). */
export type ConnectOptions = Omit<RequestArgs<'connect:start'>, 'targets' | 'launch'>;

/** A VM to connect to, with the port chosen in the dialog (absent: core's remembered default). */
export interface ConnectTarget {
  vm: { id: string; name: string };
  port?: number;
}

/** Puts a progress event on its target (matched by VM id, case-insensitively, and port). */
function applyProgress(targets: TargetProgress[], p: EventPayload<'connect:progressed'>): TargetProgress[] {
  const same = (t: TargetProgress) => idKey(t.vmId) === idKey(p.vmId);
  let i = targets.findIndex((t) => same(t) && t.port === p.port);
  // The first event of a VM whose port was left to core names the port.
  if (i < 0) i = targets.findIndex((t) => same(t) && t.port === undefined);
  const next = [...targets];
  if (i < 0) {
    next.push({ vmId: p.vmId, vmName: p.vmName, port: p.port, steps: {} });
    i = next.length - 1;
  }
  const t = next[i]!;
  next[i] = { ...t, port: p.port, steps: { ...t.steps, [p.step]: p.elapsedMs } };
  return next;
}

/** The current run, a way to start one, cancel and dismiss it. */
export function useConnect(api: JitConnectApi, onFinished: () => void) {
  const [run, setRun] = useState<ConnectRun | undefined>();
  // Events can arrive before connect:start answers with the id: they are kept by id until it does.
  const seen = useRef(new Map<string, Seen>());
  const planned = useRef<TargetProgress[]>([]);
  useEffect(() => {
    const record = (id: string, change: (r: Seen) => Seen): void => {
      const r = change(seen.current.get(id) ?? { targets: planned.current });
      seen.current.set(id, r);
      setRun((cur) => (cur && cur.connectId === id ? { ...cur, ...r } : cur));
    };
    const offP = api.on('connect:progressed', (p) =>
      record(p.connectId, (r) => ({ ...r, targets: applyProgress(r.targets, p) })),
    );
    const offF = api.on('connect:finished', (f) => {
      record(f.connectId, (r) => ({ ...r, finished: f }));
      onFinished();
    });
    return () => {
      offP();
      offF();
    };
  }, [api, onFinished]);

  const start = useCallback(
    async (targets: ConnectTarget[], options: ConnectOptions = {}) => {
      const initial = targets.map((t) => ({
        vmId: t.vm.id,
        vmName: t.vm.name,
        ...(t.port ? { port: t.port } : {}),
        steps: {},
      }));
      planned.current = initial;
      const title = targets.length === 1 ? targets[0]!.vm.name : `${targets.length} VMs`;
      setRun({ title, targets: initial });
      try {
        const { connectId } = await api.call('connect:start', {
          targets: targets.map((t) => ({ vmId: t.vm.id, ...(t.port ? { port: t.port } : {}) })),
          launch: true,
          ...options,
        });
        const early = seen.current.get(connectId);
        setRun((r) => (r && !r.connectId ? { ...r, connectId, ...early } : r));
      } catch (e) {
        setRun({ title, targets: initial, finished: { error: { code: 'internal', ...describeError(e) } } });
      }
    },
    [api],
  );
  const cancel = useCallback(() => {
    if (run?.connectId) void api.call('connect:cancel', { connectId: run.connectId });
  }, [api, run]);
  return { run, start, cancel, dismiss: () => setRun(undefined) };
}
