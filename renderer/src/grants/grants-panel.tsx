/**
 * The grants panel: reminders, live grants with countdowns, Extend and Connect again, and the grants another request
 * replaced (named, with Connect again to take the port back).
 */
import { useRef, useState } from 'react';
import {
  Button,
  Card,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Subtitle2,
  Text,
} from '@fluentui/react-components';
import type { JitConnectApi, RequestResult } from '../../../shared/ipc/contract';
import { describeError } from '../app/api';
import { formatLeft, useNow } from './countdown';
import { Reminders, useReminders } from './reminders';
import { TrayPreview } from './tray-preview';

/**
 * Shows `grants:list`'s answer (`loadedAt`: when it arrived, for the countdowns); `onChanged` reloads it;
 * `onConnectAgain` starts a connect to the VM's port (the progress is the workspace's).
 */
export function GrantsPanel({
  api,
  data,
  loadedAt,
  onChanged,
  onConnectAgain,
}: {
  api: JitConnectApi;
  data: RequestResult<'grants:list'>;
  loadedAt: number;
  onChanged: () => void;
  onConnectAgain?: (vmId: string, port: number, vmName: string) => void;
}) {
  const now = useNow();
  const reminders = useReminders(api);
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState<string | undefined>();
  // The cards by grant, so the tray's Open can bring one into view and give it focus.
  const cards = useRef(new Map<string, HTMLDivElement>());
  function open(vmId: string, port: number): void {
    const card = cards.current.get(`${vmId}:${port}`);
    card?.scrollIntoView({ block: 'nearest' });
    card?.focus();
  }
  async function extend(vmId: string, port: number): Promise<boolean> {
    setBusy(`${vmId}:${port}`);
    setError(undefined);
    try {
      await api.call('grants:extend', { vmId, port });
      onChanged();
      return true;
    } catch (e) {
      const d = describeError(e);
      setError(`${d.message} ${d.fix ?? ''}`);
      return false;
    } finally {
      setBusy(undefined);
    }
  }
  const elapsed = (now - loadedAt) / 1000;
  return (
    <section aria-labelledby="grants-title" className="grants">
      <div className="panel-head">
        <Subtitle2 as="h2" id="grants-title">
          Active access
        </Subtitle2>
        {/* Grants change outside this app too (a colleague's request replaces one): read them again on demand. */}
        <Button size="small" appearance="subtle" onClick={onChanged}>
          Reload access
        </Button>
      </div>
      <Reminders
        notices={reminders.notices}
        busy={busy !== undefined}
        onExtend={(n) =>
          n.grant && void extend(n.grant.vmId, n.grant.port).then((ok) => (ok ? reminders.dismiss(n.key) : undefined))
        }
        onDismiss={reminders.dismiss}
      />
      {error && (
        <MessageBar intent="error">
          <MessageBarBody className="wrap-anywhere">{error}</MessageBarBody>
        </MessageBar>
      )}
      {data.grants.length === 0 && <Text>No active grants.</Text>}
      {data.grants.map((g) => (
        <Card
          key={`${g.vmId}:${g.port}`}
          className="grant"
          data-testid="grant"
          tabIndex={-1}
          aria-label={`${g.vmName}:${g.port}`}
          ref={(el: HTMLDivElement | null) => {
            if (el) cards.current.set(`${g.vmId}:${g.port}`, el);
            else cards.current.delete(`${g.vmId}:${g.port}`);
          }}
        >
          <Text weight="semibold">
            {g.vmName}:{g.port}
          </Text>
          <Text size={200}>
            from {g.source} · {g.mine ? 'yours' : (g.requestor ?? 'someone else')}
          </Text>
          <Text aria-label="Time left" data-testid="countdown" font="monospace">
            {formatLeft(g.remainingSeconds - elapsed)} left
          </Text>
          <div className="button-row">
            <Button size="small" disabled={busy !== undefined} onClick={() => void extend(g.vmId, g.port)}>
              {busy === `${g.vmId}:${g.port}` ? 'Extending…' : 'Extend'}
            </Button>
            {onConnectAgain && (
              <Button
                size="small"
                aria-label={`Connect again to ${g.vmName}:${g.port}`}
                onClick={() => onConnectAgain(g.vmId, g.port, g.vmName)}
              >
                Connect again
              </Button>
            )}
          </div>
        </Card>
      ))}
      {data.replaced.map((r) => (
        <MessageBar
          key={`${r.grant.vmId}:${r.grant.port}:${r.grant.startTimeUtc}`}
          intent="warning"
          layout="multiline"
          data-testid="replaced"
        >
          <MessageBarBody className="wrap-anywhere">
            <MessageBarTitle>
              {r.grant.vmName}:{r.grant.port} replaced by {r.replacedBy}
            </MessageBarTitle>
            A newer request for the same port took the place of yours, which no longer admits you.
          </MessageBarBody>
          {onConnectAgain && (
            <MessageBarActions>
              <Button
                size="small"
                aria-label={`Connect again to ${r.grant.vmName}:${r.grant.port}`}
                onClick={() => onConnectAgain(r.grant.vmId, r.grant.port, r.grant.vmName)}
              >
                Connect again
              </Button>
            </MessageBarActions>
          )}
        </MessageBar>
      ))}
      <TrayPreview
        grants={data.grants}
        loadedAt={loadedAt}
        now={now}
        busy={busy !== undefined}
        onExtend={(vmId, port) => void extend(vmId, port)}
        onOpen={open}
        onConnectAgain={onConnectAgain}
      />
    </section>
  );
}
