/**
 * The ssh plan: `ssh -p PORT [-o …] -- user@host`, in this terminal (`terminal: 'current'`, the CLI's
 * `--no-terminal`) or in a new terminal window. The user name reaches ssh as one argument; one that ssh would refuse
 * (shell metacharacters, a leading `-`) or that a terminal cannot carry is refused here, before anything starts.
 */
import { AppError } from '../../../shared/errors/app-error';
import { sshUserProblem } from '../../../shared/launch/text-checks';
import { inNewTerminal, noTerminalError } from './terminal';
import type { LaunchPlan, LaunchRequest } from './types';

/**
 * Options for a just-in-time port: give up dialling within 15 s (a closed NSG drops packets rather than refusing),
 * and notice a dead connection. Host key prompts are left to ssh and the user's known_hosts.
 */
export const SSH_OPTIONS = ['-o', 'ConnectTimeout=15', '-o', 'ServerAliveInterval=30'];

/** The ssh command itself (the program from settings.clients.ssh when set). */
export function sshCommand(req: LaunchRequest): string[] {
  if (req.user !== undefined) {
    const problem = sshUserProblem(req.user);
    if (problem) {
      throw new AppError({
        code: 'invalid-input',
        message: `Cannot start ssh: ${problem}.`,
        fix: 'Give the account name exactly as it is on the VM.',
      });
    }
  }
  const destination = req.user === undefined ? req.host : `${req.user}@${req.host}`;
  // `--` ends ssh's options, so nothing after it is read as one.
  return [...(req.clients.ssh ?? ['ssh']), '-p', String(req.port), ...SSH_OPTIONS, '--', destination];
}

/** The launch plan for ssh. */
export function planSsh(req: LaunchRequest): LaunchPlan {
  const command = sshCommand(req);
  if (req.terminal === 'current') return { argv: command, files: [], wait: true };
  const argv = inNewTerminal(req.platform, command, `${req.vmName} (ssh)`, req.lookup, req.clients.terminal);
  if (!argv) throw noTerminalError();
  return { argv, files: [], wait: false };
}
