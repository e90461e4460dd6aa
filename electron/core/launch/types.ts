/** What the launch planner is asked and what it answers. */
import type { RdpOptions, Settings } from '../settings/schema';

/** The kind of client: from the VM's port (3389 rdp, 22 ssh, 5985/5986 winrm) unless named. */
export type ClientKind = 'rdp' | 'ssh' | 'winrm';

/** The operating system the client runs on (Node's `process.platform` names). */
export type LaunchPlatform = 'win32' | 'darwin' | 'linux';

/** Everything a launch plan depends on; `planLaunch` reads nothing else. */
export interface LaunchRequest {
  platform: LaunchPlatform;
  /** Names the client; absent: from the port. */
  kind?: ClientKind;
  /** What to dial, already address-mapped (the profile's `addressMap`). */
  host: string;
  port: number;
  /** The VM's port the grant opened (the kind and WinRM's HTTPS follow it); absent: `port` (nothing mapped). */
  vmPort?: number;
  user?: string;
  /** The VM's name (file names, window titles). */
  vmName: string;
  /** The VM's host name (FQDN): Entra sign-in needs it instead of an address. */
  vmHostName?: string;
  /** `settings.rdp`. */
  rdp: RdpOptions;
  /** `settings.clients`: an argv prefix replacing the program of a kind of client. */
  clients: Settings['clients'];
  /** ssh / PowerShell: in a new terminal window, or in this one (the CLI's `--no-terminal`). */
  terminal: 'new' | 'current';
  /** A fresh directory of this launch for generated files (the caller makes it, e.g. with mkdtemp). */
  tempDir: string;
  /** Where the app's PowerShell scripts are (see `shippedScriptsDir`). */
  scriptsDir: string;
  /** Is this program available (a `which`)? Chooses between terminals and RDP clients. */
  lookup: (program: string) => boolean;
  /** RDP on Windows: sign the generated `.rdp` with this certificate (SHA-256 thumbprint, from the admin's policy). */
  rdpSignThumbprint?: string;
  /** RDP: span only these monitors (ids as `mstsc /l` lists them); needs a generated file. */
  rdpMonitors?: number[];
  /** xfreerdp: a password fed on stdin (never on argv); absent: the client prompts. */
  password?: string;
}

/** A file the launch writes before starting the client. */
export interface LaunchFile {
  path: string;
  content: string;
  /** Permission bits (0o600: only the user reads it). */
  mode: number;
}

/** What to run to launch a client, with the files it needs; argv arrays only. */
export interface LaunchPlan {
  argv: string[];
  /** Commands to run first, each must exit 0 (e.g. `rdpsign`). */
  prepare?: string[][];
  files: LaunchFile[];
  /** Files to delete once the client no longer needs them. */
  deleteAfter?: string[];
  /** What the user should know before the client opens (e.g. the consent dialog Windows shows for a .rdp file). */
  notice?: string;
  /** Written to the client's stdin and closed (a password for xfreerdp's `/from-stdin`). */
  stdin?: string;
  /** True: runs in this terminal and the launch ends when it exits; false: a window of its own. */
  wait: boolean;
}
