/** The shape of one CLI command: its name, arguments and options, and what it does. */
import type { Option } from 'commander';
import type { CliContext } from '../context';

/** One command of `jit-connect`. */
export interface CommandDef {
  name: string;
  description: string;
  /** commander argument syntax, e.g. `<vm>`. */
  args?: string;
  options?: Option[];
  run(ctx: CliContext, options: Record<string, unknown>, args: string[]): Promise<void>;
}
