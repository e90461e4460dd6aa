/**
 * The text of a generated `.rdp` file: one `key:type:value` setting per line. Every redirection not wanted is written
 * explicitly as off (clipboard, printers and smart cards default to on in mstsc), and no value can carry a line break
 * or a second setting: each is checked, and a bad one throws before any file exists.
 */
import { AppError } from '../errors/app-error';
import { hostProblem, lineProblem, portProblem, printable } from './text-checks';

/** What a generated `.rdp` file says. */
export interface RdpFileInput {
  /** The host to dial (an address, or the VM's host name for Entra sign-in). */
  host: string;
  port: number;
  user?: string;
  admin: boolean;
  fullScreen: boolean;
  multimon: boolean;
  /** Monitor ids (as `mstsc /l` lists them) to span; implies multimon. */
  monitors?: number[];
  width?: number;
  height?: number;
  /** Sign in with Entra ID (`enablerdsaadauth`); the host must then be the VM's host name. */
  entraSignIn: boolean;
  gateway?: string;
  redirect: { clipboard: boolean; drives: boolean; printers: boolean; smartCards: boolean };
}

/** Throws an `invalid-input` error naming the `.rdp` setting and the problem. */
function refuse(setting: string, problem: string): never {
  throw new AppError({
    code: 'invalid-input',
    message: `Cannot write the .rdp file: ${setting}: ${problem}.`,
    fix: 'Correct the value in the settings or the command line; it must be a single line without control characters.',
  });
}

/** A `s` (string) value, checked to stay on its line. */
function str(setting: string, value: string): string {
  const problem = lineProblem(setting, value);
  if (problem) refuse(setting, problem);
  return value;
}

/** An `i` (integer) value, checked to be one. */
function int(setting: string, value: number): string {
  if (!Number.isSafeInteger(value) || value < 0) refuse(setting, `${value} is not a whole number`);
  return String(value);
}

const bit = (b: boolean) => (b ? '1' : '0');

/** The `.rdp` settings as [key, type, value] triples, in file order. */
export function rdpSettings(input: RdpFileInput): Array<[string, 'i' | 's', string]> {
  const hostErr = hostProblem(input.host);
  if (hostErr) refuse('full address', hostErr);
  const portErr = portProblem(input.port);
  if (portErr) refuse('full address', portErr);
  if (input.gateway !== undefined) {
    const gwErr = lineProblem('the gateway', input.gateway) ?? hostProblem(input.gateway);
    if (gwErr) refuse('gatewayhostname', `${gwErr} ("${printable(input.gateway)}")`);
  }
  const monitors = input.monitors ?? [];
  const out: Array<[string, 'i' | 's', string]> = [['full address', 's', `${input.host}:${input.port}`]];
  if (input.user !== undefined) out.push(['username', 's', str('username', input.user)]);
  out.push(['administrative session', 'i', bit(input.admin)]);
  out.push(['screen mode id', 'i', input.fullScreen ? '2' : '1']);
  out.push(['use multimon', 'i', bit(input.multimon || monitors.length > 0)]);
  if (monitors.length > 0) {
    out.push(['selectedmonitors', 's', monitors.map((m) => int('selectedmonitors', m)).join(',')]);
  }
  if (input.width !== undefined) out.push(['desktopwidth', 'i', int('desktopwidth', input.width)]);
  if (input.height !== undefined) out.push(['desktopheight', 'i', int('desktopheight', input.height)]);
  out.push(['enablerdsaadauth', 'i', bit(input.entraSignIn)]);
  if (input.gateway !== undefined) {
    out.push(['gatewayhostname', 's', input.gateway]);
    out.push(['gatewayusagemethod', 'i', '1']);
    out.push(['gatewayprofileusagemethod', 'i', '1']);
  } else {
    out.push(['gatewayusagemethod', 'i', '0']);
  }
  const r = input.redirect;
  out.push(
    ['redirectclipboard', 'i', bit(r.clipboard)],
    ['redirectprinters', 'i', bit(r.printers)],
    ['redirectsmartcards', 'i', bit(r.smartCards)],
    // `drivestoredirect` is what current clients read; `redirectdrives` what older ones did.
    ['drivestoredirect', 's', r.drives ? '*' : ''],
    ['redirectdrives', 'i', bit(r.drives)],
    // Never wanted by this app: written as off so the consent dialog has nothing ticked that the user did not ask.
    ['redirectcomports', 'i', '0'],
    ['redirectposdevices', 'i', '0'],
    ['redirectwebauthn', 'i', '0'],
    ['redirectlocation', 'i', '0'],
    ['audiocapturemode', 'i', '0'],
    ['camerastoredirect', 's', ''],
    ['devicestoredirect', 's', ''],
    ['usbdevicestoredirect', 's', ''],
  );
  return out;
}

/** The `.rdp` file's text (CRLF line ends, as mstsc writes them). Throws `invalid-input` on a value it cannot hold. */
export function rdpFileText(input: RdpFileInput): string {
  return rdpSettings(input)
    .map(([k, t, v]) => `${k}:${t}:${v}\r\n`)
    .join('');
}
