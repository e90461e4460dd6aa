/** A connect in flight: the five steps with their elapsed time, cancel, and the outcome (an error with its fix). */
import { Button, Card, MessageBar, MessageBarBody, Spinner, Text, Subtitle2 } from '@fluentui/react-components';
import { CONNECT_STEPS, type ConnectStep } from '../../../shared/domain/types';
import type { ConnectRun } from './use-connect';

const STEP_LABEL: Record<ConnectStep, string> = {
  requested: 'Access requested',
  'waiting-for-rule': 'Waiting for the firewall rule',
  'rule-live': 'Rule live',
  reachable: 'Reachable',
  launching: 'Launching the client',
};

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
  return (
    <Card aria-label={`Connecting to ${run.vmName}`} className="progress">
      <Subtitle2 as="h2">Connecting to {run.vmName}</Subtitle2>
      <ol className="steps">
        {CONNECT_STEPS.map((step) => {
          const at = run.steps[step];
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
      {!done && <Spinner size="tiny" label="Working…" />}
      {run.finished?.error && (
        <MessageBar intent="error">
          <MessageBarBody>
            <strong>{run.finished.error.message}</strong> {run.finished.error.fix}
          </MessageBarBody>
        </MessageBar>
      )}
      {run.finished && !run.finished.error && (
        <MessageBar intent="success">
          <MessageBarBody>
            Access granted{run.finished.wouldRun?.length ? `; would run: ${run.finished.wouldRun.join(' ; ')}` : ''}
          </MessageBarBody>
        </MessageBar>
      )}
      <div className="button-row">
        {done ? <Button onClick={onClose}>Close</Button> : <Button onClick={onCancel}>Cancel</Button>}
      </div>
    </Card>
  );
}
