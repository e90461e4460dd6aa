/** The VMs not yet behind JIT, each with "Enable JIT…" (shown only when there are some). */
import { Accordion, AccordionHeader, AccordionItem, AccordionPanel, Button, Text } from '@fluentui/react-components';
import type { JitTarget } from './enable-jit-dialog';

/** A VM as the list knows it (its JIT state decides whether it is a candidate). */
export interface JitCandidate extends JitTarget {
  jit: { state: string };
}

const SHOWN = 50;

/** A collapsed section listing `vms` whose JIT is not configured; `onEnableJit` opens the dialog for one. */
export function JitCandidates<V extends JitCandidate>({
  vms,
  onEnableJit,
}: {
  vms: V[];
  onEnableJit: (vm: V) => void;
}) {
  const open = vms.filter((v) => v.jit.state === 'not-configured');
  if (!open.length) return null;
  return (
    <Accordion collapsible>
      <AccordionItem value="jit">
        <AccordionHeader as="h2" size="small">
          Not behind JIT ({open.length})
        </AccordionHeader>
        <AccordionPanel>
          <div className="candidates">
            {open.slice(0, SHOWN).map((vm) => (
              <div key={vm.id} className="candidate">
                <Text>{vm.name}</Text>
                <Button size="small" aria-label={`Enable JIT on ${vm.name}…`} onClick={() => onEnableJit(vm)}>
                  Enable JIT…
                </Button>
              </div>
            ))}
            {open.length > SHOWN && <Text size={200}>…and {open.length - SHOWN} more.</Text>}
          </div>
        </AccordionPanel>
      </AccordionItem>
    </Accordion>
  );
}
