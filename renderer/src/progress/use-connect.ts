/** Starts connects and follows their `connect:progressed` / `connect:finished` events. */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { EventPayload, JitConnectApi } from '../../../shared/ipc/contract';
import type { ConnectStep } from '../../../shared/domain/types';
import { describeError } from '../app/api';

/** One connect as the UI shows it. */
export interface ConnectRun {
  connectId?: string;
  vmName: string;
  steps: Partial<Record<ConnectStep, number>>;
  finished?: Omit<EventPayload<'connect:finished'>, 'connectId'>;
}

/** The current run, a way to start one for a VM, cancel and dismiss it. */
export function useConnect(api: JitConnectApi, onFinished: () => void) {
  const [run, setRun] = useState<ConnectRun | undefined>();
  // Events can arrive before connect:start answers with the id: they are kept by id until it does.
  const seen = useRef(new Map<string, Pick<ConnectRun, 'steps' | 'finished'>>());
  useEffect(() => {
    const record = (id: string, change: (r: Pick<ConnectRun, 'steps' | 'finished'>) => void): void => {
      const r = seen.current.get(id) ?? { steps: {} };
      change(r);
      seen.current.set(id, r);
      setRun((cur) => (cur && cur.connectId === id ? { ...cur, steps: { ...r.steps }, finished: r.finished } : cur));
    };
    const offP = api.on('connect:progressed', (p) => record(p.connectId, (r) => (r.steps[p.step] = p.elapsedMs)));
    const offF = api.on('connect:finished', (f) => {
      record(f.connectId, (r) => (r.finished = f));
      onFinished();
    });
    return () => {
      offP();
      offF();
    };
  }, [api, onFinished]);

  const start = useCallback(
    async (
      vm: { id: string; name: string },
      extra: { yesAnySource?: boolean; port?: number; duration?: string; justification?: string } = {},
    ) => {
      setRun({ vmName: vm.name, steps: {} });
      const { port, ...rest } = extra;
      try {
        const { connectId } = await api.call('connect:start', {
          targets: [{ vmId: vm.id, ...(port ? { port } : {}) }],
          launch: true,
          ...rest,
        });
        const early = seen.current.get(connectId);
        setRun((r) =>
          r && !r.connectId ? { ...r, connectId, steps: { ...early?.steps }, finished: early?.finished } : r,
        );
      } catch (e) {
        setRun({ vmName: vm.name, steps: {}, finished: { error: { code: 'internal', ...describeError(e) } } });
      }
    },
    [api],
  );
  const cancel = useCallback(() => {
    if (run?.connectId) void api.call('connect:cancel', { connectId: run.connectId });
  }, [api, run]);
  return { run, start, cancel, dismiss: () => setRun(undefined) };
}
