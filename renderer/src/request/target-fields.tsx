/** One VM of the request dialog: its policy's ports (choose one), the source explained in words, its problem. */
import { Checkbox, Field, MessageBar, MessageBarBody, Radio, RadioGroup, Text } from '@fluentui/react-components';
import { describeDuration, parseDuration } from '../../../shared/time/duration';
import type { DraftTarget } from './use-request';

const maxText = (iso: string) => {
  const ms = parseDuration(iso);
  return ms === undefined ? iso : describeDuration(ms);
};

/** The fields of one target; `anySource` is the user's confirmation of a `*` the policy forces. */
export function TargetFields({
  target,
  several,
  anySource,
  onAnySource,
  onPort,
}: {
  target: DraftTarget;
  several: boolean;
  anySource: boolean;
  onAnySource: (yes: boolean) => void;
  onPort: (port: number) => void;
}) {
  const { vm, preview, error } = target;
  const sourceError = preview?.sourceError;
  return (
    <section className="request-target" aria-label={`${vm.name} request`} data-testid="request-target">
      {several && (
        <Text as="h3" weight="semibold">
          {vm.name}
        </Text>
      )}
      {error ? (
        <MessageBar layout="multiline" intent="error">
          <MessageBarBody>
            {error.message} {error.fix}
          </MessageBarBody>
        </MessageBar>
      ) : (
        <>
          {target.ports.length > 1 ? (
            <Field label={`Port of ${vm.name}`} required validationMessage={target.port ? undefined : 'Choose a port.'}>
              <RadioGroup
                layout="horizontal"
                value={target.port ? String(target.port) : ''}
                onChange={(_, d) => onPort(Number(d.value))}
              >
                {target.ports.map((p) => (
                  <Radio
                    key={p.number}
                    value={String(p.number)}
                    label={`${p.number} (up to ${maxText(p.maxDuration)})`}
                  />
                ))}
              </RadioGroup>
            </Field>
          ) : (
            target.ports[0] && (
              <Text>
                Port {target.ports[0].number} ({target.ports[0].protocol}), up to {maxText(target.ports[0].maxDuration)}
              </Text>
            )
          )}
          {preview?.source && (
            <Text data-testid="source">
              Source: {preview.source.explanation}
              {preview.source.dialHost ? ` · dial ${preview.source.dialHost}` : ''}
            </Text>
          )}
          {sourceError && (
            <MessageBar layout="multiline" intent="warning">
              <MessageBarBody>
                {sourceError.message} {sourceError.fix}
              </MessageBarBody>
            </MessageBar>
          )}
          {sourceError?.code === 'any-source-needs-confirmation' && (
            <Checkbox
              checked={anySource}
              onChange={(_, d) => onAnySource(Boolean(d.checked))}
              label={`Request ${vm.name} from any source (*), as its policy requires`}
            />
          )}
        </>
      )}
    </section>
  );
}
