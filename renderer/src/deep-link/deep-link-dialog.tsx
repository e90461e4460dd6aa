/**
 * The confirmation of a deep link: what the link would request — the VM (looked up in the VM list), the port, the
 * source, the duration and the justification — and Request / Cancel. Nothing is requested until Request is pressed;
 * a refused link or an unknown VM is only explained.
 */
import { useEffect, useState, useSyncExternalStore } from 'react';
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  MessageBar,
  MessageBarBody,
  Spinner,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { JitConnectApi, RequestResult } from '../../../shared/ipc/contract';
import { describeDuration, parseDuration } from '../../../shared/time/duration';
import { describeError } from '../app/api';
import type { Vm } from '../vm-list/vm-filter';
import { currentLink, dismissLink, subscribeLinks, type LinkEvent } from './link-store';
import { resolveLinkVm } from './resolve-link-vm';

/** What Request asks for (the link's fields). */
export interface LinkRequest {
  port: number;
  duration?: string;
  justification?: string;
}

const useStyles = makeStyles({
  fields: {
    display: 'grid',
    gridTemplateColumns: 'max-content minmax(0, 1fr)',
    columnGap: '16px',
    rowGap: '6px',
    margin: '8px 0',
  },
  term: { color: tokens.colorNeutralForeground2 },
  value: { margin: 0, overflowWrap: 'anywhere' },
});

type Preview = RequestResult<'connect:preview'>;

/** Shows the current link (if any) for confirmation; `vms` undefined while the list loads. */
export function DeepLinkDialog({
  api,
  vms,
  onRequest,
}: {
  api: JitConnectApi;
  vms: readonly Vm[] | undefined;
  onRequest: (vm: Vm, request: LinkRequest) => void;
}) {
  const event = useSyncExternalStore(subscribeLinks, currentLink);
  if (!event) return null;
  // A new key per link: state from the previous one never leaks into the next.
  return <LinkDialog key={JSON.stringify(event)} api={api} event={event} vms={vms} onRequest={onRequest} />;
}

function LinkDialog({
  api,
  event,
  vms,
  onRequest,
}: {
  api: JitConnectApi;
  event: LinkEvent;
  vms: readonly Vm[] | undefined;
  onRequest: (vm: Vm, request: LinkRequest) => void;
}) {
  const styles = useStyles();
  const link = event.link;
  const found = link && vms ? resolveLinkVm(vms, link) : undefined;
  const vm = found && 'vm' in found ? found.vm : undefined;
  const [preview, setPreview] = useState<Preview | { error: { message: string; fix?: string } } | undefined>();
  useEffect(() => {
    if (!vm || !link) return;
    api
      .call('connect:preview', { vmId: vm.id, port: link.port })
      .then(setPreview, (e: unknown) => setPreview({ error: describeError(e) }));
  }, [api, vm, link]);

  const problem = event.error
    ? { message: event.error.message, fix: event.error.fix }
    : found && 'problem' in found
      ? { message: found.problem, fix: found.fix }
      : preview && 'error' in preview
        ? preview.error
        : preview?.sourceError
          ? { message: preview.sourceError.message, fix: preview.sourceError.fix }
          : undefined;
  const ready = Boolean(vm && preview && !problem);
  const maxMs = preview && 'maxDuration' in preview ? parseDuration(preview.maxDuration) : undefined;
  const askedMs = link?.duration ? parseDuration(link.duration) : undefined;
  const durationText = askedMs
    ? describeDuration(askedMs)
    : maxMs
      ? `your default (at most ${describeDuration(maxMs)})`
      : 'your default';

  function request(): void {
    if (!vm || !link) return;
    dismissLink();
    onRequest(vm, {
      port: link.port,
      ...(link.duration ? { duration: link.duration } : {}),
      ...(link.justification ? { justification: link.justification } : {}),
    });
  }

  return (
    <Dialog open modalType="alert" onOpenChange={(_, d) => !d.open && dismissLink()}>
      <DialogSurface aria-describedby="deep-link-summary">
        <DialogBody>
          <DialogTitle>{event.error ? 'This link was refused' : 'Request access from a link?'}</DialogTitle>
          <DialogContent id="deep-link-summary">
            {link && (
              <>
                <p>A link asks JIT Connect to request just-in-time access. Nothing is requested unless you say so.</p>
                <dl className={styles.fields}>
                  <dt className={styles.term}>VM</dt>
                  <dd className={styles.value}>
                    {vm ? `${vm.name} (${vm.resourceGroup}, ${vm.subscriptionName})` : link.vm}
                  </dd>
                  <dt className={styles.term}>Port</dt>
                  <dd className={styles.value}>{link.port}</dd>
                  <dt className={styles.term}>Source</dt>
                  <dd className={styles.value}>
                    {preview && 'port' in preview && preview.source ? preview.source.explanation : '—'}
                  </dd>
                  <dt className={styles.term}>Duration</dt>
                  <dd className={styles.value}>{durationText}</dd>
                  <dt className={styles.term}>Justification</dt>
                  <dd className={styles.value}>{link.justification ?? 'none given (your template applies)'}</dd>
                </dl>
              </>
            )}
            {!problem && !ready && <Spinner size="tiny" label={vms ? 'Checking the VM…' : 'Loading your VMs…'} />}
            {problem && (
              <MessageBar intent="error">
                <MessageBarBody>
                  {problem.message} {problem.fix}
                </MessageBarBody>
              </MessageBar>
            )}
          </DialogContent>
          <DialogActions>
            {link && !event.error && (
              <Button appearance="primary" disabled={!ready} onClick={request}>
                Request
              </Button>
            )}
            <Button onClick={dismissLink}>{link && !event.error ? 'Cancel' : 'Close'}</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
