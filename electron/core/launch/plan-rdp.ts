/**
 * The RDP plan. Windows: `mstsc /v:host:port` with switches and no file, unless a setting needs one (user name,
 * Entra sign-in, gateway, chosen monitors): since the April 2026 update every `.rdp` file opens behind a consent
 * dialog, so a file is written only then, with every redirection explicit, signed with `rdpsign` when the admin names
 * a certificate, deleted after use. macOS opens a `.rdp` with the Windows App. Linux: xfreerdp (the password is
 * prompted by the client or fed on stdin, never on argv), else Remmina with a `.remmina` file.
 */
import path from 'node:path';
import { AppError } from '../../../shared/errors/app-error';
import { rdpFileText, type RdpFileInput } from '../../../shared/launch/rdp-file';
import { remminaFileText } from '../../../shared/launch/remmina-file';
import { hostProblem, lineProblem, portProblem } from '../../../shared/launch/text-checks';
import type { LaunchPlan, LaunchRequest } from './types';

const FILE_MODE = 0o600;

/** Refuses a request before anything is written or started. */
function refuse(message: string, fix: string): never {
  throw new AppError({ code: 'invalid-input', message, fix });
}

/** A file name made of the VM's name (Azure allows letters, digits, `-`, `_`, `.`), nothing else. */
function fileName(req: LaunchRequest, ext: string): string {
  const base = req.vmName.replace(/[^A-Za-z0-9_.-]/g, '_').replace(/^\.+/, '') || 'vm';
  return `${base}-${req.vmPort ?? req.port}.${ext}`;
}

/** The host the `.rdp` file names: the VM's host name for Entra sign-in (it cannot use an address), else the dialled. */
function rdpHost(req: LaunchRequest): string {
  if (!req.rdp.entraSignIn) return req.host;
  if (!req.vmHostName || hostProblem(req.vmHostName) || /^[\d.]+$/.test(req.vmHostName)) {
    refuse(
      `Entra sign-in to ${req.vmName} needs the VM's host name, not an IP address.`,
      "Give the VM's DNS name (it must resolve to the address dialled), or turn Entra sign-in off in the settings.",
    );
  }
  return req.vmHostName;
}

/** The `.rdp` file's input from the request. */
function rdpInput(req: LaunchRequest): RdpFileInput {
  const o = req.rdp;
  return {
    host: rdpHost(req),
    port: req.port,
    ...(req.user !== undefined ? { user: req.user } : {}),
    admin: o.admin,
    fullScreen: o.fullScreen,
    multimon: o.multimon,
    ...(req.rdpMonitors?.length ? { monitors: req.rdpMonitors } : {}),
    ...(o.width !== undefined ? { width: o.width } : {}),
    ...(o.height !== undefined ? { height: o.height } : {}),
    entraSignIn: o.entraSignIn,
    ...(o.gateway !== undefined ? { gateway: o.gateway } : {}),
    redirect: o.redirect,
  };
}

/** What the consent dialog will show, in words for the user. */
function consentNotice(req: LaunchRequest, signed: boolean): string {
  const r = req.rdp.redirect;
  const on = [r.clipboard && 'clipboard', r.drives && 'drives', r.printers && 'printers', r.smartCards && 'smart cards']
    .filter(Boolean)
    .join(', ');
  return (
    `Windows will ask before opening this connection file: check that it names ${rdpHost(req)}, ` +
    `${on ? `tick only ${on}` : 'leave every redirection unticked'}, then Connect. ` +
    (signed
      ? 'The file is signed by your organisation.'
      : 'The file is unsigned, so Windows also shows a red "Unknown remote connection" banner; an admin can name a ' +
        'signing certificate to remove it.')
  );
}

/** Windows: mstsc with switches, or with a generated (and possibly signed) file. */
function planWindows(req: LaunchRequest, program: string[]): LaunchPlan {
  const o = req.rdp;
  const needsFile =
    req.user !== undefined || o.entraSignIn || o.gateway !== undefined || (req.rdpMonitors?.length ?? 0) > 0;
  if (!needsFile) {
    const argv = [...program, `/v:${req.host}:${req.port}`];
    if (o.admin) argv.push('/admin');
    if (o.fullScreen) argv.push('/f');
    if (o.multimon) argv.push('/multimon');
    if (o.width !== undefined) argv.push(`/w:${o.width}`);
    if (o.height !== undefined) argv.push(`/h:${o.height}`);
    return { argv, files: [], wait: false };
  }
  const file = path.win32.join(req.tempDir, fileName(req, 'rdp'));
  const content = rdpFileText(rdpInput(req));
  const thumb = req.rdpSignThumbprint;
  if (thumb !== undefined && !/^[0-9A-Fa-f]{64}$/.test(thumb)) {
    refuse(
      'The RDP signing certificate is not a SHA-256 thumbprint (64 hexadecimal digits).',
      "Copy the certificate's SHA-256 thumbprint into the admin policy without spaces.",
    );
  }
  return {
    argv: [...program, file],
    ...(thumb ? { prepare: [['rdpsign', '/sha256', thumb.toUpperCase(), file]] } : {}),
    files: [{ path: file, content, mode: FILE_MODE }],
    deleteAfter: [file],
    notice: consentNotice(req, thumb !== undefined),
    wait: false,
  };
}

/** Linux: xfreerdp's argv (its `/option:value` syntax: a value can never become another option). */
function xfreerdpArgv(req: LaunchRequest, program: string[]): string[] {
  const o = req.rdp;
  const argv = [...program, `/v:${req.host}:${req.port}`];
  if (req.user !== undefined) {
    const problem = lineProblem('the user name', req.user);
    if (problem) refuse(`Cannot start xfreerdp: ${problem}.`, 'Give the account name exactly.');
    argv.push(`/u:${req.user}`);
  }
  // The certificate: trusted on first use and remembered by xfreerdp; a changed one is refused, not accepted.
  argv.push('/cert:tofu');
  if (req.password !== undefined) argv.push('/from-stdin:force');
  if (o.admin) argv.push('/admin');
  if (o.fullScreen) argv.push('/f');
  if (o.multimon || req.rdpMonitors?.length) argv.push('/multimon');
  if (req.rdpMonitors?.length) argv.push(`/monitors:${req.rdpMonitors.join(',')}`);
  if (o.width !== undefined && o.height !== undefined) argv.push(`/size:${o.width}x${o.height}`);
  if (o.gateway !== undefined) {
    const problem = lineProblem('the gateway', o.gateway) ?? hostProblem(o.gateway);
    if (problem) refuse(`Cannot start xfreerdp: ${problem}.`, 'Correct rdp.gateway in the settings.');
    argv.push(`/g:${o.gateway}`);
  }
  const r = o.redirect;
  argv.push(r.clipboard ? '+clipboard' : '-clipboard');
  if (r.drives) argv.push('/drives');
  if (r.printers) argv.push('/printer');
  if (r.smartCards) argv.push('/smartcard');
  return argv;
}

/** Linux: xfreerdp when installed, else Remmina. */
function planLinux(req: LaunchRequest): LaunchPlan {
  const stdin = req.password !== undefined ? { stdin: `${req.password}\n` } : {};
  const notice = req.rdp.entraSignIn
    ? 'Entra sign-in is not available in this client: sign in with the account and password.'
    : undefined;
  const extra = notice ? { notice } : {};
  if (req.clients.rdp) return { argv: xfreerdpArgv(req, req.clients.rdp), files: [], ...stdin, ...extra, wait: false };
  if (req.lookup('xfreerdp')) {
    return { argv: xfreerdpArgv(req, ['xfreerdp']), files: [], ...stdin, ...extra, wait: false };
  }
  if (req.lookup('remmina')) {
    const file = path.posix.join(req.tempDir, fileName(req, 'remmina'));
    const content = remminaFileText({
      name: req.vmName,
      host: req.host,
      port: req.port,
      ...(req.user !== undefined ? { user: req.user } : {}),
      ...(req.rdp.gateway !== undefined ? { gateway: req.rdp.gateway } : {}),
      fullScreen: req.rdp.fullScreen,
      redirect: req.rdp.redirect,
    });
    return {
      argv: ['remmina', '-c', file],
      files: [{ path: file, content, mode: FILE_MODE }],
      deleteAfter: [file],
      ...extra,
      wait: false,
    };
  }
  throw new AppError({
    code: 'client-not-found',
    message: 'No RDP client found (tried xfreerdp and remmina).',
    fix: 'Install freerdp2-x11 (xfreerdp) or remmina, or name your client in the settings (clients.rdp).',
  });
}

/** The launch plan for RDP. */
export function planRdp(req: LaunchRequest): LaunchPlan {
  const problem = hostProblem(req.host) ?? portProblem(req.port);
  if (problem) refuse(`Cannot start the RDP client: ${problem}.`, 'Check the address the VM is dialled at.');
  if (req.platform === 'win32') return planWindows(req, req.clients.rdp ?? ['mstsc']);
  if (req.platform === 'darwin') {
    const file = path.posix.join(req.tempDir, fileName(req, 'rdp'));
    return {
      argv: [...(req.clients.rdp ?? ['open', '-a', 'Windows App']), file],
      files: [{ path: file, content: rdpFileText(rdpInput(req)), mode: FILE_MODE }],
      deleteAfter: [file],
      wait: false,
    };
  }
  return planLinux(req);
}
