/** History: the grants this app requested, extended or saw end, newest first, each with its Azure activity log. */
import { useEffect, useState } from 'react';
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Link,
  MessageBar,
  MessageBarBody,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
} from '@fluentui/react-components';
import type { JitConnectApi, RequestResult } from '../../../shared/ipc/contract';
import { describeError } from '../app/api';

type Entry = RequestResult<'grants:history'>[number];

const KIND: Record<Entry['kind'], string> = { request: 'Request', extend: 'Extend', outcome: 'Outcome' };

/** A local date and time, short. */
function when(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'medium' });
}

/** The history dialog (`grants:history` read each time it opens). */
export function HistoryDialog({ api, open, onClose }: { api: JitConnectApi; open: boolean; onClose: () => void }) {
  const [entries, setEntries] = useState<Entry[] | undefined>();
  const [error, setError] = useState<{ message: string; fix?: string } | undefined>();
  useEffect(() => {
    if (!open) return;
    setEntries(undefined);
    setError(undefined);
    api.call('grants:history', {}).then(
      (h) => setEntries([...h].reverse()),
      (e: unknown) => setError(describeError(e)),
    );
  }, [api, open]);
  return (
    <Dialog open={open} onOpenChange={(_, d) => (d.open ? undefined : onClose())}>
      <DialogSurface className="wide-dialog">
        <DialogBody>
          <DialogTitle>History</DialogTitle>
          <DialogContent className="scroll-content">
            {error ? (
              <MessageBar intent="error">
                <MessageBarBody className="wrap-anywhere">
                  {error.message} {error.fix}
                </MessageBarBody>
              </MessageBar>
            ) : !entries ? (
              <Spinner label="Reading the history…" />
            ) : entries.length === 0 ? (
              <Text>Nothing requested from this computer yet.</Text>
            ) : (
              <Table size="small" aria-label="Grant history" className="history-table">
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell>Time</TableHeaderCell>
                    <TableHeaderCell>VM:port</TableHeaderCell>
                    <TableHeaderCell>What</TableHeaderCell>
                    <TableHeaderCell>Outcome</TableHeaderCell>
                    <TableHeaderCell>Source</TableHeaderCell>
                    <TableHeaderCell>Justification</TableHeaderCell>
                    <TableHeaderCell>Details</TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {entries.map((h, i) => (
                    <TableRow key={`${h.at}:${i}`} data-testid="history-row">
                      <TableCell className="nowrap">{when(h.at)}</TableCell>
                      <TableCell className="nowrap">
                        {h.vmName}:{h.port}
                      </TableCell>
                      <TableCell>{KIND[h.kind]}</TableCell>
                      <TableCell>{h.outcome}</TableCell>
                      <TableCell>{h.source ?? '—'}</TableCell>
                      <TableCell>{h.justification || '—'}</TableCell>
                      <TableCell>
                        {h.errorCode || h.message || h.replacedBy ? (
                          <Text size={200} block className="wrap-anywhere">
                            {h.errorCode ? `${h.errorCode}: ` : ''}
                            {h.message ?? `replaced by ${h.replacedBy}`}
                          </Text>
                        ) : null}
                        <Link
                          href={h.activityLog}
                          target="_blank"
                          rel="noopener noreferrer"
                          aria-label={`Activity log for ${h.vmName}:${h.port} at ${when(h.at)}`}
                        >
                          Activity log
                        </Link>
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            )}
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" onClick={onClose}>
              Close
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
