/**
 * How a connect begins: with remembered defaults at once (double-click, Enter), or through the request dialog when a
 * choice is needed (the source, a ticket, a port) or asked for ("Connect with options…", several VMs).
 */
import { useCallback, useRef, useState } from 'react';
import type { z } from 'zod';
import type { JitConnectApi } from '../../../shared/ipc/contract';
import type { AppErrorDataSchema, JitPortSchema } from '../../../shared/ipc/schemas';
import { isAppErrorData } from '../../../shared/errors/app-error';
import type { Vm } from '../vm-list/vm-filter';
import { choiceNeeded, type Preview } from './request-form';

/** An AppError's plain form. */
export type ErrorData = z.infer<typeof AppErrorDataSchema>;

/** One VM in the dialog: its policy's ports, the chosen one, and what connect:preview said for it. */
export interface DraftTarget {
  vm: Vm;
  ports: Array<z.infer<typeof JitPortSchema>>;
  port?: number;
  preview?: Preview;
  /** A port was just chosen and its preview is on its way. */
  loading?: boolean;
  /** The preview failed (no JIT, no such port, …): shown with its fix, the VM cannot be requested. */
  error?: ErrorData;
}

function errorData(e: unknown): ErrorData {
  if (isAppErrorData(e)) return { code: e.code, message: e.message, ...(e.fix ? { fix: e.fix } : {}) };
  return { code: 'internal', message: (e as { message?: string }).message ?? String(e) };
}

/** The dialog's targets (undefined: closed), and the ways in. */
export function useRequest(api: JitConnectApi, start: (targets: Array<{ vm: Vm }>) => void) {
  const [draft, setDraftState] = useState<DraftTarget[] | undefined>();
  // Where the keyboard was when the dialog opened: focus goes back there when it closes (not to the page's body, which
  // would leave the user nowhere and Fluent's focus-trap sentinels behind).
  const opener = useRef<HTMLElement | null>(null);
  const setDraft = useCallback(
    (next: DraftTarget[] | undefined | ((d?: DraftTarget[]) => DraftTarget[] | undefined)) => {
      if (typeof next !== 'function' && next && document.activeElement instanceof HTMLElement)
        opener.current ??= document.activeElement;
      setDraftState(next);
    },
    [],
  );
  const close = useCallback(() => {
    setDraftState(undefined);
    const back = opener.current;
    opener.current = null;
    setTimeout(() => {
      const target = back?.isConnected ? back : document.querySelector<HTMLElement>('[role="listbox"]');
      target?.focus();
    }, 0);
  }, []);

  const previewOf = useCallback(
    async (vm: Vm, port?: number): Promise<DraftTarget> => {
      try {
        const preview = await api.call('connect:preview', { vmId: vm.id, ...(port ? { port } : {}) });
        return { vm, ports: preview.ports, port: preview.port, preview };
      } catch (e) {
        const error = errorData(e);
        // Several ports and none remembered or default: the dialog asks which, nothing is wrong.
        if (error.code === 'port-not-in-policy' && port === undefined && vm.jit.ports.length > 1)
          return { vm, ports: vm.jit.ports };
        return { vm, ports: vm.jit.ports, error };
      }
    },
    [api],
  );

  /** Double-click / Enter: connect at once unless a choice is needed. */
  const connect = useCallback(
    async (vm: Vm) => {
      const t = await previewOf(vm);
      if (t.preview && !choiceNeeded(t.preview)) return start([{ vm }]);
      setDraft([t]);
    },
    [previewOf, start],
  );
  /** "Connect with options…", Shift+Enter, several VMs: always the dialog. */
  const withOptions = useCallback(
    async (vms: Vm[]) => {
      if (vms.length === 0) return;
      setDraft(await Promise.all(vms.slice(0, 20).map((vm) => previewOf(vm))));
    },
    [previewOf],
  );
  /** Another port chosen for one VM: its source and maximum are previewed again. */
  const choosePort = useCallback(
    async (index: number, port: number) => {
      const cur = draft?.[index];
      if (!cur) return;
      // The choice shows at once; its source and maximum follow (Connect waits for them).
      setDraft((d) => d?.map((x, i) => (i === index ? { ...x, port, loading: true } : x)));
      const t = await previewOf(cur.vm, port);
      setDraft((d) => d?.map((x, i) => (i === index ? t : x)));
    },
    [draft, previewOf],
  );
  return { draft, connect, withOptions, choosePort, close };
}
