/**
 * The request dialog: per VM the policy's ports and the computed source in words, then for the whole request the
 * duration (refused over the maximum, naming it, before anything is sent), a ticket when the template asks for one,
 * and the justification prefilled from the template. Several VMs make one `connect:start`.
 */
import { useMemo, useState } from 'react';
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
  Textarea,
} from '@fluentui/react-components';
import type { ConnectOptions, ConnectTarget } from '../progress/use-connect';
import { checkDuration, fillTemplate, needsTicket, smallestMax } from './request-form';
import type { DraftTarget } from './use-request';
import { TargetFields } from './target-fields';
import './request.css';

/** The dialog over `targets`; `onSubmit` gets the request, `onPort` re-previews a VM for another port. */
export function RequestDialog({
  targets,
  user,
  onPort,
  onSubmit,
  onClose,
}: {
  targets: DraftTarget[];
  user: string;
  onPort: (index: number, port: number) => void;
  onSubmit: (targets: ConnectTarget[], options: ConnectOptions) => void;
  onClose: () => void;
}) {
  const several = targets.length > 1;
  const title = several ? `Connect to ${targets.length} VMs` : `Connect to ${targets[0]?.vm.name ?? ''}`;
  const template = targets.find((t) => t.preview)?.preview?.justificationTemplate ?? '';
  const [duration, setDuration] = useState('');
  const [ticket, setTicket] = useState('');
  const [edited, setEdited] = useState<string | undefined>();
  const [anySource, setAnySource] = useState<Record<string, boolean>>({});
  const [tried, setTried] = useState(false);

  const ok = targets.filter((t) => !t.error);
  const maxima = ok.flatMap((t) =>
    t.preview ? [{ name: `${t.vm.name}:${t.preview.port}`, max: t.preview.maxDuration }] : [],
  );
  const filled = fillTemplate(template, {
    vm: ok.map((t) => t.vm.name).join(', '),
    user,
    port: [...new Set(ok.map((t) => t.port).filter(Boolean))].join(', '),
    ticket: ticket.trim(),
  });
  const justification = edited ?? filled;
  const durationCheck = useMemo(() => checkDuration(duration, maxima), [duration, maxima]);
  const ticketMissing = needsTicket(template) && !ticket.trim() && edited === undefined;
  // A VM whose preview failed is left out (its error shown); the others still go in one request.
  const blocked = ok.some(
    (t) =>
      !t.port ||
      t.loading ||
      (t.preview?.sourceError &&
        !(t.preview.sourceError.code === 'any-source-needs-confirmation' && anySource[t.vm.id])),
  );
  const maxHint = smallestMax(maxima);

  function submit(): void {
    setTried(true);
    if (blocked || durationCheck.error || ticketMissing) return;
    const yesAnySource = ok.some((t) => t.preview?.sourceError && anySource[t.vm.id]);
    onSubmit(
      ok.map((t) => ({ vm: t.vm, ...(t.port ? { port: t.port } : {}) })),
      {
        ...(duration.trim() ? { duration: duration.trim() } : {}),
        ...(justification.trim() ? { justification: justification.trim() } : {}),
        ...(ticket.trim() ? { ticket: ticket.trim() } : {}),
        ...(yesAnySource ? { yesAnySource } : {}),
      },
    );
  }

  const onlyErrors = ok.length === 0;
  return (
    <Dialog open modalType="modal" onOpenChange={(_, d) => !d.open && onClose()}>
      <DialogSurface className="request-dialog">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          <DialogBody>
            <DialogTitle>{title}</DialogTitle>
            <DialogContent className="request-content">
              {targets.map((t, i) => (
                <TargetFields
                  key={t.vm.id}
                  target={t}
                  several={several}
                  anySource={Boolean(anySource[t.vm.id])}
                  onAnySource={(yes) => setAnySource((a) => ({ ...a, [t.vm.id]: yes }))}
                  onPort={(port) => onPort(i, port)}
                />
              ))}
              {!onlyErrors && (
                <>
                  <Field
                    label="Duration"
                    hint={`Up to ${maxHint ?? 'the policy maximum'}; empty: your default, else the maximum. e.g. 1h, 90m`}
                    validationMessage={durationCheck.error}
                  >
                    <Input value={duration} onChange={(_, d) => setDuration(d.value)} placeholder={maxHint} />
                  </Field>
                  {needsTicket(template) && (
                    <Field
                      label="Ticket"
                      required
                      validationMessage={tried && ticketMissing ? 'Enter the ticket number.' : undefined}
                    >
                      <Input value={ticket} onChange={(_, d) => setTicket(d.value)} />
                    </Field>
                  )}
                  <Field label="Justification" hint={template ? `From your template: ${template}` : undefined}>
                    <Textarea value={justification} maxLength={500} onChange={(_, d) => setEdited(d.value)} />
                  </Field>
                </>
              )}
            </DialogContent>
            <DialogActions>
              {!onlyErrors && (
                <Button appearance="primary" type="submit" disabled={blocked}>
                  {several ? `Connect ${ok.length} VMs` : 'Connect'}
                </Button>
              )}
              <Button appearance={onlyErrors ? 'primary' : 'secondary'} onClick={onClose}>
                {onlyErrors ? 'Close' : 'Cancel'}
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
