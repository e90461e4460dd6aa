/**
 * A connect run: per VM and port the five steps with their elapsed time, one Cancel for the run, and the outcome per
 * target (granted, or the run's error with its fix).
 */
import { Button, Card, MessageBar, MessageBarBody, Spinner, Text, Subtitle2 } from '@fluentui/react-components';
import { CONNECT_STEPS, type ConnectStep } from '../../../shared/domain/types';
import { idKey } from '../../../shared/azure/resource-id';
import type { ConnectRun, TargetProgress } from './use-connect';
import './progress.css';

const STEP_LABEL: Record<ConnectStep, string> = {
  requested: 'Access requested',
  'waiting-for-rule': 'Waiting for the firewall rule',
  'rule-live': 'Rule live',
  reachable: 'Reachable',
  launching: 'Launching the client',
};

function Steps({ target }: { target: TargetProgress }) {
  return (
    <ol className="steps">
      {CONNECT_STEPS.map((step) => {
        const at = target.steps[step];
        return (
          <li key={step} data-step={step} data-done={at !== undefined}>
            <Text weight={at !== undefined ? 'semibold' : 'regular'}>
              {at !== undefined ? '✓' : '○'} {STEP_LABEL[step]}
            </Text>
            {at !== undefined && <Text size={200}> {(at / 1000).toFixed(1)} s</Text>}
          </li>
        );
      })}
    </ol>
  );
}

/** The outcome of one target once the run finished. */
function outcome(run: ConnectRun, t: TargetProgress): string | undefined {
  if (!run.finished) return undefined;
  const grant = run.finished.grants?.find((g) => idKey(g.vmId) === idKey(t.vmId) && g.port === t.port);
  if (grant) return `Granted until ${new Date(grant.endTimeUtc).toLocaleTimeString()}`;
  return run.finished.error?.code === 'cancelled' ? 'Cancelled' : 'Not connected';
}

/** Shows one run; `onCancel` stops it, `onClose` dismisses it once finished. */
export function ProgressPanel({
  run,
  onCancel,
  onClose,
}: {
  run: ConnectRun;
  onCancel: () => void;
  onClose: () => void;
}) {
  const done = run.finished !== undefined;
  const several = run.targets.length > 1;
  const error = run.finished?.error;
  return (
    <Card aria-label={`Connecting to ${run.title}`} className="progress">
      <Subtitle2 as="h2">Connecting to {run.title}</Subtitle2>
      {run.targets.map((t) => {
        const name = `${t.vmName}${t.port ? `:${t.port}` : ''}`;
        const result = outcome(run, t);
        return (
          <section key={`${t.vmId}:${t.port ?? ''}`} aria-label={name} data-testid="target" className="target">
            {several && (
              <Text weight="semibold" as="h3" className="target-name">
                {name}
              </Text>
            )}
            <Steps target={t} />
            {result && several && (
              <Text size={200} data-testid="outcome">
                {result}
              </Text>
            )}
          </section>
        );
      })}
      {!done && <Spinner size="tiny" label="Working…" />}
      {error && (
        <MessageBar layout="multiline" intent={error.code === 'cancelled' ? 'warning' : 'error'}>
          <MessageBarBody>
            <strong>{error.code === 'cancelled' ? 'Cancelled' : error.message}</strong>
            {error.code !== 'cancelled' && error.fix ? ` ${error.fix}` : ''}
            {error.code === 'cancelled' ? ' Nothing was launched.' : ''}
          </MessageBarBody>
        </MessageBar>
      )}
      {run.finished?.grants?.length && !error ? (
        <MessageBar layout="multiline" intent="success">
          <MessageBarBody>
            Access granted{run.finished.wouldRun?.length ? `; would run: ${run.finished.wouldRun.join(' ; ')}` : ''}
          </MessageBarBody>
        </MessageBar>
      ) : null}
      <div className="button-row">
        {done ? (
          <Button onClick={onClose}>Close</Button>
        ) : (
          <Button onClick={onCancel} disabled={!run.connectId}>
            Cancel
          </Button>
        )}
      </div>
    </Card>
  );
}
