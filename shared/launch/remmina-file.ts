/**
 * The text of a generated `.remmina` connection file (an INI group `[remmina]`), for Linux desktops without
 * xfreerdp. Each value is checked to stay on its line, so none can add a key or a group; sharing is written as off
 * unless asked for.
 */
import { AppError } from '../errors/app-error';
import { hostProblem, lineProblem, portProblem } from './text-checks';

/** What a generated `.remmina` file says. */
export interface RemminaFileInput {
  name: string;
  host: string;
  port: number;
  user?: string;
  gateway?: string;
  fullScreen: boolean;
  redirect: { clipboard: boolean; drives: boolean; printers: boolean; smartCards: boolean };
}

/** Throws `invalid-input` naming the key. */
function refuse(key: string, problem: string): never {
  throw new AppError({
    code: 'invalid-input',
    message: `Cannot write the Remmina file: ${key}: ${problem}.`,
    fix: 'Correct the value; it must be a single line without control characters.',
  });
}

/** The `.remmina` file's text. Throws `invalid-input` on a value it cannot hold. */
export function remminaFileText(input: RemminaFileInput): string {
  const hostErr = hostProblem(input.host) ?? portProblem(input.port);
  if (hostErr) refuse('server', hostErr);
  const lines: Array<[string, string]> = [
    ['name', input.name],
    ['protocol', 'RDP'],
    ['server', `${input.host}:${input.port}`],
  ];
  if (input.user !== undefined) lines.push(['username', input.user]);
  if (input.gateway !== undefined) {
    const gwErr = lineProblem('the gateway', input.gateway) ?? hostProblem(input.gateway);
    if (gwErr) refuse('gateway_server', gwErr);
    lines.push(['gateway_server', input.gateway], ['gateway_usage', '1']);
  }
  const r = input.redirect;
  lines.push(
    ['viewmode', input.fullScreen ? '4' : '1'],
    ['disableclipboard', r.clipboard ? '0' : '1'],
    ['shareprinter', r.printers ? '1' : '0'],
    ['sharesmartcard', r.smartCards ? '1' : '0'],
    // Remmina shares one folder; `sharefolder` empty shares none. Whole-drive sharing is not offered here.
    ['sharefolder', ''],
    ['cert_ignore', '0'],
  );
  for (const [k, v] of lines) {
    if (v === '') continue;
    const problem = lineProblem(k, v);
    if (problem) refuse(k, problem);
  }
  return `[remmina]\n${lines.map(([k, v]) => `${k}=${v}`).join('\n')}\n`;
}
