/**
 * What every CLI command works with: where it writes, the global options, the config dir, and the cloud (started
 * lazily: a built-in cloud, a profile file, or the embedded demo simulator), closed when the command ends.
 */
import { AuthSession, type SignedInAccount } from '../core/auth/auth-session';
import { resolveCloud, type ResolvedCloud } from '../core/cloud/cloud';
import { defaultConfigDir, ensureConfigDir } from '../core/config/config-dir';
import { nodeTransport, type Transport } from '../core/http/transport';
import type { NetworkInterfaces, Opener } from '../core/ports';
import { simulatedNetworkInterfaces, systemNetworkInterfaces } from '../core/source/network-interfaces';
import { nodeRunner } from '../core/launch/node-runner';
import { policyCloud } from '../core/settings/policy-rules';
import { readRegistryPolicy } from '../core/settings/registry-policy';
import {
  effectiveSettings,
  policyPath,
  type EffectiveSettings,
  type PolicyLayer,
  type Settings,
} from '../core/settings/settings';
import { startDemo, type Demo } from '../azure-sim/demo';
import { systemOpener } from '../core/launch/open-url';

/** The CLI's streams and environment (a test passes its own). */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** True when stderr is a terminal: progress lines are shown only then. */
  stderrIsTty: boolean;
  /** True when stdin is a terminal a question can be asked on (absent: no). */
  stdinIsTty?: boolean;
  /** Asks a question on the terminal and resolves to the answer (only used when `stdinIsTty`). */
  ask?: (question: string) => Promise<string>;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** The admin policy file (default: the OS's path; tests pass their own). */
  policyFile?: string;
}

/** The options every command takes (DESIGN.md §5). */
export interface GlobalOptions {
  cloud?: string;
  demo?: boolean;
  tenant?: string;
  configDir?: string;
  json?: boolean;
}

/** A command's context. */
export class CliContext {
  readonly configDir: string;
  private demo: Demo | undefined;
  private resolved: ResolvedCloud | undefined;
  private session: AuthSession | undefined;
  /** The signed-in account, once a command has checked it (see signed-in.ts). */
  account: SignedInAccount | undefined;
  private http: Transport | undefined;
  private registry: PolicyLayer[] = [];

  constructor(
    readonly io: CliIo,
    readonly opts: GlobalOptions,
  ) {
    this.configDir = ensureConfigDir(opts.configDir ?? defaultConfigDir(process.platform, io.env));
  }

  /** True in demo mode (the embedded simulator). */
  get isDemo(): boolean {
    return Boolean(this.opts.demo);
  }

  /** The cloud to talk to; in demo mode the simulator is started on first use. */
  async cloud(): Promise<ResolvedCloud> {
    if (this.resolved) return this.resolved;
    if (this.opts.demo) {
      this.demo = await startDemo(this.configDir);
      this.resolved = this.demo.cloud;
    } else this.resolved = resolveCloud(policyCloud(this.opts.cloud, this.effective()), this.io.cwd);
    return this.resolved;
  }

  /** The cloud's HTTP transport (its CA, the proxy from the environment). */
  async transport(): Promise<Transport> {
    this.http ??= nodeTransport(await this.cloud());
    return this.http;
  }

  /** The sign-in session of this cloud, with the token cache shared with the app. */
  async auth(): Promise<AuthSession> {
    const { clientId } = this.settings();
    this.session ??= await AuthSession.create({
      ...(clientId ? { clientId } : {}),
      cloud: await this.cloud(),
      transport: await this.transport(),
      configDir: this.configDir,
      opener: this.opener(),
      reporter: { warn: (m) => this.note(`warning: ${m}`) },
    });
    return this.session;
  }

  /** Opens sign-in pages in the default browser, and always prints the address too (a headless box has none). */
  opener(base: Opener = systemOpener()): Opener {
    return {
      openUrl: async (url) => {
        this.note(`Sign in in your browser. If none opened, open this address:\n  ${url}`);
        await base.openUrl(url).catch(() => this.note('(no browser could be started here)'));
      },
    };
  }

  /**
   * This machine's network for the source choice: the real interfaces and routes, or — for a simulator's profile —
   * the network it describes (on its VPN, with its public address).
   */
  async network(): Promise<NetworkInterfaces> {
    const sim = (await this.cloud()).profile.simulatedNetwork;
    return sim ? simulatedNetworkInterfaces(sim) : systemNetworkInterfaces();
  }

  /** Reads the admin policy in the Windows registry (elsewhere: none); a command calls it before its work. */
  async loadPolicy(): Promise<void> {
    this.registry = await readRegistryPolicy({
      platform: process.platform,
      runner: nodeRunner,
      env: this.io.env,
      warn: (m) => this.note(`warning: ${m}`),
    });
  }

  /** The settings in force, which keys the admin policy manages, and where each came from. */
  effective(): EffectiveSettings {
    return effectiveSettings(this.configDir, this.io.policyFile ?? policyPath(), this.registry);
  }

  /** The settings in force: the user's settings file with the admin policy (file, registry) on top. */
  settings(): Settings {
    return this.effective().settings;
  }

  /** Writes one line to stderr (notes, progress, the device code), keeping stdout for results. */
  note(line: string): void {
    this.io.stderr(`${line}\n`);
  }

  /** Stops what the context started (the demo simulator). */
  async close(): Promise<void> {
    await this.demo?.close();
    this.demo = undefined;
  }
}
