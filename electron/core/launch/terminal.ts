/**
 * Running a console program (ssh, PowerShell) in a new terminal window, per OS. Where the terminal passes argv
 * through untouched (Linux terminals' `-e`/`--`, a detached console on Windows) any argument is safe; where it
 * re-parses a string (Windows Terminal splits on `;`, macOS Terminal runs a shell command line) arguments are quoted
 * for it, and what cannot be quoted safely is refused before anything starts.
 */
import { AppError } from '../../../shared/errors/app-error';
import { printable } from '../../../shared/launch/text-checks';
import type { LaunchPlatform } from './types';

/** Linux terminals, in the order tried, with the argument that makes the rest of argv the command. */
export const LINUX_TERMINALS: ReadonlyArray<readonly [string, string]> = [
  // Debian policy: x-terminal-emulator's `-e` takes the command and its arguments as separate arguments.
  ['x-terminal-emulator', '-e'],
  ['gnome-terminal', '--'],
  // konsole's `-e` takes the remaining arguments as argv when there is more than one (always so here).
  ['konsole', '-e'],
  ['xterm', '-e'],
];

/** Refuses an argument a terminal cannot carry as one argument. */
function refuse(target: string, arg: string, why: string): never {
  throw new AppError({
    code: 'invalid-input',
    message: `Cannot pass "${printable(arg)}" safely to ${target}: ${why}.`,
    fix: 'Run the client without a new terminal window, or use a value without those characters.',
  });
}

/**
 * One argument for Windows Terminal: `wt` splits its command line into subcommands at every `;` unless written `\;`.
 * A `"` would be read again by wt's own parser after Windows' quoting, so it is refused rather than guessed.
 */
export function wtArg(arg: string): string {
  if (arg.includes('"')) refuse('Windows Terminal', arg, 'it contains a double quote');
  if (/[\u0000-\u001f]/.test(arg)) refuse('Windows Terminal', arg, 'it contains a control character');
  return arg.replaceAll(';', '\\;');
}

/**
 * One argument for the shell that macOS Terminal runs `do script` text in: single-quoted (a `'` becomes `'\''`),
 * which sh, bash, zsh and fish read literally. `!` is refused: csh/tcsh expand history even inside single quotes.
 */
export function shellArg(arg: string): string {
  if (/[\u0000-\u001f\u007f]/.test(arg)) refuse('macOS Terminal', arg, 'it contains a control character');
  if (arg.includes('!')) refuse('macOS Terminal', arg, 'it contains "!", which csh and tcsh expand');
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", `'\\''`)}'`;
}

/**
 * The argv that opens a new terminal window running `command`. `override` (settings.clients.terminal) is an argv
 * prefix put in front of the command as it is. Returns undefined on Linux when no known terminal is installed.
 */
export function inNewTerminal(
  platform: LaunchPlatform,
  command: string[],
  title: string,
  lookup: (program: string) => boolean,
  override?: string[],
): string[] | undefined {
  if (override) return [...override, ...command];
  if (platform === 'win32') {
    // `--` ends wt's own options; everything after it is the tab's command line.
    if (lookup('wt')) return ['wt', 'new-tab', '--title', wtArg(title), '--', ...command.map(wtArg)];
    // Without Windows Terminal: the console host opens a window of its own running the command line after it
    // (Node starts a detached child with DETACHED_PROCESS, so a console program alone would get no console).
    // Unverified on every Windows build: conhost's command-line form is widely used but not documented.
    return ['conhost.exe', ...command];
  }
  if (platform === 'darwin') {
    // The command line travels as an argument of the AppleScript's run handler, never inside the script's text.
    return [
      'osascript',
      '-e',
      'on run argv',
      '-e',
      'tell application "Terminal"',
      '-e',
      'activate',
      '-e',
      'do script (item 1 of argv)',
      '-e',
      'end tell',
      '-e',
      'end run',
      command.map(shellArg).join(' '),
    ];
  }
  const found = LINUX_TERMINALS.find(([program]) => lookup(program));
  return found ? [found[0], found[1], ...command] : undefined;
}

/** No terminal program was found (Linux). */
export function noTerminalError(): AppError {
  return new AppError({
    code: 'client-not-found',
    message: `No terminal program found (tried ${LINUX_TERMINALS.map(([p]) => p).join(', ')}).`,
    fix: 'Install one, name yours in the settings (clients.terminal), or run the client without a new terminal window.',
  });
}
