/** Microsoft.Compute reads and power actions for virtual machines. */
import type { ArmApi } from './pipeline';

/** Registers the VM operations. */
export function registerComputeRoutes(_api: ArmApi): void {
  // Filled in by the compute work in progress.
}
