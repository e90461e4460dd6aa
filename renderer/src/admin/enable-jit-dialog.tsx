/**
 * Enable JIT (admins): the ports, the longest a request may last and the sources requests may name, sent as
 * `jit:enable`. A person without the right role sees core's error: the missing RBAC action and the PIM hint.
 */
import { useEffect, useState } from 'react';
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Text,
} from '@fluentui/react-components';
import type { JitConnectApi, RequestResult } from '../../../shared/ipc/contract';
import { describeError } from '../app/api';

/** The VM fields the dialog needs. */
export interface JitTarget {
  id: string;
  name: string;
  osType?: string;
}

const defaultPorts = (vm: JitTarget) => (vm.osType === 'Linux' ? '22' : vm.osType === 'Windows' ? '3389' : '');

/** The dialog for `vm` (closed when undefined); `onEnabled` runs after Azure accepted the policy. */
export function EnableJitDialog({
  api,
  vm,
  onClose,
  onEnabled,
}: {
  api: JitConnectApi;
  vm: JitTarget | undefined;
  onClose: () => void;
  onEnabled: (result: RequestResult<'jit:enable'>) => void;
}) {
  const [ports, setPorts] = useState('');
  const [maxDuration, setMaxDuration] = useState('PT3H');
  const [source, setSource] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; fix?: string } | undefined>();
  const [done, setDone] = useState<RequestResult<'jit:enable'> | undefined>();
  useEffect(() => {
    if (!vm) return;
    setPorts(defaultPorts(vm));
    setMaxDuration('PT3H');
    setSource('');
    setError(undefined);
    setDone(undefined);
  }, [vm]);

  const list = ports
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((p) => Number(p));
  const portsOk = list.length > 0 && list.every((p) => Number.isInteger(p) && p >= 1 && p <= 65535);

  async function enable(): Promise<void> {
    if (!vm) return;
    setBusy(true);
    setError(undefined);
    try {
      const r = await api.call('jit:enable', {
        vmId: vm.id,
        ports: list,
        ...(maxDuration.trim() ? { maxDuration: maxDuration.trim() } : {}),
        ...(source.trim() ? { allowedSource: source.trim() } : {}),
      });
      setDone(r);
      onEnabled(r);
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog open={vm !== undefined} onOpenChange={(_, d) => (d.open ? undefined : onClose())}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>Enable JIT on {vm?.name}</DialogTitle>
          <DialogContent className="settings-form">
            <Text>
              Closes the ports below in the VM’s network security group; people then request them for a limited time.
            </Text>
            {error && (
              <MessageBar intent="error" layout="multiline">
                <MessageBarBody className="wrap-anywhere">
                  <MessageBarTitle>JIT was not enabled</MessageBarTitle>
                  {error.message} {error.fix}
                </MessageBarBody>
              </MessageBar>
            )}
            {done && (
              <MessageBar intent="success">
                <MessageBarBody className="wrap-anywhere">
                  JIT is {done.created ? 'enabled with a new policy' : 'enabled'} ({done.vmCount} VM
                  {done.vmCount === 1 ? '' : 's'} in the policy).
                </MessageBarBody>
              </MessageBar>
            )}
            <Field
              label="Ports"
              hint="Comma-separated, e.g. 3389 or 22, 5986."
              {...(ports && !portsOk
                ? { validationState: 'error' as const, validationMessage: 'Ports are 1–65535.' }
                : {})}
            >
              <Input value={ports} disabled={busy} onChange={(_, d) => setPorts(d.value)} />
            </Field>
            <Field label="Longest request" hint="Between 5 minutes and 1 day, e.g. 3h or PT3H.">
              <Input value={maxDuration} disabled={busy} onChange={(_, d) => setMaxDuration(d.value)} />
            </Field>
            <Field label="Allowed source" hint="A range such as 10.13.1.0/24; empty: any source (*).">
              <Input value={source} disabled={busy} onChange={(_, d) => setSource(d.value)} />
            </Field>
          </DialogContent>
          <DialogActions>
            {!done && (
              <Button appearance="primary" disabled={busy || !portsOk} onClick={() => void enable()}>
                {busy ? 'Enabling…' : 'Enable JIT'}
              </Button>
            )}
            <Button onClick={onClose}>{done ? 'Close' : 'Cancel'}</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
