/** The grants panel: live grants with countdowns and Extend, and the grants another request replaced. */
import { useState } from 'react';
import { Button, Card, MessageBar, MessageBarBody, Subtitle2, Text } from '@fluentui/react-components';
import type { JitConnectApi, RequestResult } from '../../../shared/ipc/contract';
import { describeError } from '../app/api';
import { formatLeft, useNow } from './countdown';

/** Shows `grants:list`'s answer (`loadedAt`: when it arrived, for the countdowns); `onChanged` reloads it. */
export function GrantsPanel({
  api,
  data,
  loadedAt,
  onChanged,
}: {
  api: JitConnectApi;
  data: RequestResult<'grants:list'>;
  loadedAt: number;
  onChanged: () => void;
}) {
  const now = useNow();
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState<string | undefined>();
  async function extend(vmId: string, port: number): Promise<void> {
    setBusy(`${vmId}:${port}`);
    setError(undefined);
    try {
      await api.call('grants:extend', { vmId, port });
      onChanged();
    } catch (e) {
      const d = describeError(e);
      setError(`${d.message} ${d.fix ?? ''}`);
    } finally {
      setBusy(undefined);
    }
  }
  const elapsed = (now - loadedAt) / 1000;
  return (
    <section aria-labelledby="grants-title" className="grants">
      <Subtitle2 as="h2" id="grants-title">
        Active access
      </Subtitle2>
      {error && (
        <MessageBar intent="error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
      {data.grants.length === 0 && <Text>No active grants.</Text>}
      {data.grants.map((g) => (
        <Card key={`${g.vmId}:${g.port}`} className="grant" data-testid="grant">
          <Text weight="semibold">
            {g.vmName}:{g.port}
          </Text>
          <Text size={200}>
            from {g.source} · {g.mine ? 'yours' : (g.requestor ?? 'someone else')}
          </Text>
          <Text aria-label="Time left" data-testid="countdown" font="monospace">
            {formatLeft(g.remainingSeconds - elapsed)} left
          </Text>
          <Button size="small" disabled={busy !== undefined} onClick={() => void extend(g.vmId, g.port)}>
            {busy === `${g.vmId}:${g.port}` ? 'Extending…' : 'Extend'}
          </Button>
        </Card>
      ))}
      {data.replaced.map((r) => (
        <Text key={`${r.grant.vmId}:${r.grant.port}:${r.grant.startTimeUtc}`} size={200}>
          {r.grant.vmName}:{r.grant.port} replaced by {r.replacedBy} — {r.message}
        </Text>
      ))}
    </section>
  );
}
