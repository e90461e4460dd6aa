/** The one dialog of a connect: shown only when the source cannot be chosen by itself (connect:preview's error). */
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
} from '@fluentui/react-components';
import type { z } from 'zod';
import type { AppErrorDataSchema } from '../../../shared/ipc/schemas';
import type { Vm } from '../vm-list/vm-filter';

/** A VM whose request source needs the user's decision, and why. */
export interface SourceProblem {
  vm: Vm;
  error: z.infer<typeof AppErrorDataSchema>;
}

/** Explains the problem and its fix; offers a request from any source (the admin's policy still has the last word). */
export function SourceDialog({
  problem,
  onClose,
  onAnySource,
}: {
  problem: SourceProblem;
  onClose: () => void;
  onAnySource: () => void;
}) {
  return (
    <Dialog open modalType="modal" onOpenChange={(_, d) => !d.open && onClose()}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>Connect to {problem.vm.name}</DialogTitle>
          <DialogContent>
            <p>{problem.error.message}</p>
            {problem.error.fix && <p>{problem.error.fix}</p>}
          </DialogContent>
          <DialogActions>
            {problem.error.code === 'any-source-needs-confirmation' && (
              <Button onClick={onAnySource}>Allow any source</Button>
            )}
            <Button appearance="primary" onClick={onClose}>
              Close
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
