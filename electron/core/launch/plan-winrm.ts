/**
 * The WinRM plan: PowerShell runs the app's own script with parameters (`-File`, never a `-Command` string), which
 * asks for a credential and enters a remote session; `-UseSSL` for 5986.
 */
import path from 'node:path';
import { AppError } from '../../../shared/errors/app-error';
import { lineProblem, printable } from '../../../shared/launch/text-checks';
import { inNewTerminal, noTerminalError } from './terminal';
import type { LaunchPlan, LaunchRequest } from './types';

/** The script shipped in `scripts/` that enters the session. */
export const WINRM_SCRIPT = 'enter-session.ps1';

/** The PowerShell command line for a WinRM session. */
export function winrmCommand(req: LaunchRequest): string[] {
  const join = req.platform === 'win32' ? path.win32.join : path.posix.join;
  const program = req.clients.winrm ?? [req.platform === 'win32' ? 'powershell.exe' : 'pwsh'];
  // Windows PowerShell's default policy (Restricted) refuses every script; RemoteSigned, for this process only,
  // runs the app's local script and still refuses downloaded unsigned ones. pwsh elsewhere has no policy.
  const policy = req.platform === 'win32' ? ['-ExecutionPolicy', 'RemoteSigned'] : [];
  const argv = [
    ...program,
    '-NoProfile',
    // Enter-PSSession from a script only stays in the session when the host does not exit after the script.
    '-NoExit',
    ...policy,
    '-File',
    join(req.scriptsDir, WINRM_SCRIPT),
    '-ComputerName',
    req.host,
    '-Port',
    String(req.port),
  ];
  if (req.user !== undefined) argv.push('-UserName', checkedUser(req.user));
  if ((req.vmPort ?? req.port) === 5986) argv.push('-UseSSL');
  return argv;
}

/**
 * A user name for `-File` parameters: one line; not starting with `-` (PowerShell would bind it as a parameter
 * name); no `"` on Windows, where powershell.exe re-reads its command line.
 */
function checkedUser(user: string): string {
  const problem =
    lineProblem('the user name', user) ??
    (user.startsWith('-') ? 'the user name starts with "-"' : undefined) ??
    (user.includes('"') ? 'the user name contains a double quote' : undefined);
  if (problem) {
    throw new AppError({
      code: 'invalid-input',
      message: `Cannot start PowerShell for "${printable(user)}": ${problem}.`,
      fix: 'Give the account name as DOMAIN\\user or user@domain.',
    });
  }
  return user;
}

/** The launch plan for WinRM. */
export function planWinrm(req: LaunchRequest): LaunchPlan {
  const command = winrmCommand(req);
  const notice =
    'PowerShell will ask for the password. WinRM to an IP address needs it in TrustedHosts (HTTP) or a ' +
    'certificate that names it (HTTPS, port 5986).';
  if (req.terminal === 'current') return { argv: command, files: [], notice, wait: true };
  const argv = inNewTerminal(req.platform, command, `${req.vmName} (PowerShell)`, req.lookup, req.clients.terminal);
  if (!argv) throw noTerminalError();
  return { argv, files: [], notice, wait: false };
}
