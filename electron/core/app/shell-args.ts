/**
 * The flags both shells take (DESIGN.md §5): `--demo`, `--cloud NAME|FILE`, `--config-dir DIR`, and the browser
 * shell's own `--no-open` and `--static-dir DIR`. One parser so the two shells cannot drift apart.
 */
import { defaultConfigDir } from '../config/config-dir';

/** The parsed flags. */
export interface ShellArgs {
  demo: boolean;
  cloud?: string;
  configDir: string;
  noOpen: boolean;
  staticDir?: string;
  /** Started by the login item (the Electron shell's `--hidden`): no window until the tray's Open. */
  hidden: boolean;
  /** `jitconnect://` links handed over at launch (the browser shell's `--link URL`, repeatable). */
  links: string[];
}

/** A flag the shell does not take, or a bad combination; the message ends with the usage line. */
export class ShellUsageError extends Error {}

/** The usage line of a shell. */
export function shellUsage(name: string, browser: boolean): string {
  const extra = browser ? ' [--static-dir DIR] [--no-open] [--link URL]' : '';
  return `usage: ${name} [--demo] [--cloud NAME|FILE] [--config-dir DIR]${extra}`;
}

/**
 * Switches Electron and Chromium take without a value (their valued switches are written `--name=value` and are
 * passed over by shape). Electron leaves them in `process.argv`; the Electron shell must not refuse them.
 */
const RUNTIME_SWITCHES = new Set([
  'no-sandbox',
  'enable-logging',
  'disable-gpu',
  'disable-gpu-sandbox',
  'disable-http-cache',
  'disable-renderer-backgrounding',
  'disable-dev-shm-usage',
  'inspect',
  'inspect-brk',
  'no-proxy-server',
  'no-zygote',
  'trace-warnings',
  'enable-wayland-ime',
]);

interface Options {
  /** The browser shell: also `--no-open` and `--static-dir`; nothing else of any shape, no positionals. */
  browser?: boolean;
  /**
   * The Electron shell: `process.argv` also holds the binary, the app path and Electron's or Chromium's switches.
   * Positionals, `--name=value` switches that are not ours and the runtime's own bare switches are passed over; a
   * bare `--flag` that is none of those is refused (most likely a mistyped flag of ours).
   */
  lenient?: boolean;
}

/** Parses a shell's flags (argv without the node/electron binary and script); throws ShellUsageError. */
export function parseShellArgs(argv: readonly string[], options: Options = {}): ShellArgs {
  const usage = shellUsage(options.browser ? 'jit-connect-browser' : 'jit-connect-app', Boolean(options.browser));
  const refuse = (why: string): never => {
    throw new ShellUsageError(`${why}\n${usage}`);
  };
  const out: ShellArgs = { demo: false, noOpen: false, hidden: false, configDir: '', links: [] };
  const valued = new Set(['cloud', 'config-dir', ...(options.browser ? ['static-dir', 'link'] : [])]);
  const bare = new Set(['demo', ...(options.browser ? ['no-open'] : ['hidden'])]);
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i]!;
    if (token === '--') break;
    const m = /^--([^=]+)(?:=(.*))?$/s.exec(token);
    if (!m) {
      if (options.lenient) continue;
      refuse(`unexpected argument: ${token}`);
    }
    const [, name, inline] = m!;
    if (valued.has(name!)) {
      const value = inline ?? argv[++i];
      if (value === undefined || value === '' || (inline === undefined && value.startsWith('--')))
        refuse(`--${name} needs a value`);
      if (name === 'cloud') out.cloud = value;
      else if (name === 'config-dir') out.configDir = value!;
      else if (name === 'link') out.links.push(value!);
      else out.staticDir = value;
    } else if (bare.has(name!)) {
      if (inline !== undefined) refuse(`--${name} takes no value`);
      if (name === 'demo') out.demo = true;
      else if (name === 'hidden') out.hidden = true;
      else out.noOpen = true;
    } else if (!(options.lenient && (inline !== undefined || RUNTIME_SWITCHES.has(name!)))) {
      refuse(`unknown option --${name}`);
    }
  }
  if (out.demo && out.cloud) refuse('--demo and --cloud exclude each other');
  return { ...out, configDir: out.configDir || defaultConfigDir() };
}
