/**
 * The app's session: which cloud (a profile, the demo, or the public cloud once the person signs in), its transport
 * and sign-in, the signed-in account, ARM access, and the cached inventory. One per app service; a cloud change (the
 * demo chosen) starts a fresh one so nothing of the old cloud leaks into the new.
 */
import { AuthSession, type SignedInAccount } from '../auth/auth-session';
import type { ArmAccess } from '../azure/arm-access';
import { resolveCloud, type ResolvedCloud } from '../cloud/cloud';
import type { Transport } from '../http/transport';
import { loadInventory, type InventoryAnswer } from '../inventory/index';
import type { Clock, NetworkInterfaces, Opener, Reporter } from '../ports';
import { policyCloud } from '../settings/policy-rules';
import { effectiveSettings, policyPath, type EffectiveSettings, type PolicyLayer } from '../settings/settings';
import { AppError } from '../../../shared/errors/app-error';

/** What the session needs from the face. */
export interface SessionDeps {
  configDir: string;
  cloud?: ResolvedCloud | (() => Promise<ResolvedCloud>);
  /** The face's `cloud` is its demo (`--demo`): a launch then stops at "reachable", as after "Explore the demo". */
  demo?: boolean;
  startDemo?: () => Promise<ResolvedCloud>;
  transportFor(cloud: ResolvedCloud): Transport;
  network(cloud: ResolvedCloud): NetworkInterfaces;
  opener: Opener;
  reporter?: Reporter;
  /** The admin policy file (default: the OS's path). */
  policyFile?: string;
  /** The admin policy read from the Windows registry at start (readRegistryPolicy), lowest precedence first. */
  registryPolicy?: PolicyLayer[];
  /** Where tokens live (default: the OS keychain, else memory with a warning); tests pass `memory`. */
  tokenCache?: 'persistent' | 'memory';
  /**
   * How long after a warm (cached) answer the background refresh starts (default 0). Reading 10,000 VMs takes the
   * CPU for seconds; a shell that starts a window delays it so the window loads and shows the list first.
   */
  refreshDelayMs?: number;
  /** The timers for that delay (default: the platform's). */
  clock?: Pick<Clock, 'setTimeout'>;
}

/** The cloud, its sign-in and the signed-in account. */
export class AppSession {
  private resolved: ResolvedCloud | undefined;
  private auth: AuthSession | undefined;
  private creating: Promise<AuthSession> | undefined;
  private resolving: Promise<ResolvedCloud> | undefined;
  private looking: Promise<SignedInAccount | undefined> | undefined;
  private readonly delays = new Set<() => void>();
  private transport: Transport | undefined;
  /** True once the demo was chosen, or from the start when the face started in it. */
  demo: boolean;
  account: SignedInAccount | undefined;
  private held: { key: string; answer: InventoryAnswer } | undefined;
  private readonly pending = new Set<Promise<void>>();

  constructor(private readonly deps: SessionDeps) {
    this.demo = deps.demo === true;
  }

  /** The settings in force (the user's file under the admin policy). */
  settings(): EffectiveSettings {
    return effectiveSettings(this.deps.configDir, this.deps.policyFile ?? policyPath(), this.deps.registryPolicy ?? []);
  }

  /** False for the demo (started by the face or chosen): the policy's cloud and tenant are the organisation's. */
  get orgCloud(): boolean {
    return !this.demo && typeof this.deps.cloud !== 'function';
  }

  /** The cloud if one is known yet (a profile given, or the demo chosen). */
  known(): ResolvedCloud | undefined {
    return this.resolved;
  }

  /** True when the face named a cloud (a profile), or one was chosen since. */
  get configured(): boolean {
    return this.resolved !== undefined || this.deps.cloud !== undefined;
  }

  /** The cloud: the face's profile, else the public cloud (the person chose "Sign in to Azure"). */
  async cloud(): Promise<ResolvedCloud> {
    if (this.resolved) return this.resolved;
    const c = this.deps.cloud;
    // The demo (a function) talks to no real cloud: the policy's cloud does not apply to it.
    if (typeof c === 'function') {
      // Started once even when asked twice at once (a prefetch and the window): a second demo would be a second Azure.
      this.resolving ??= c()
        .then((r) => (this.resolved = r))
        .finally(() => (this.resolving = undefined));
      return this.resolving;
    }
    const eff = this.settings();
    const managed = eff.settings.cloud ? resolveCloud(eff.settings.cloud) : undefined;
    if (c && managed)
      policyCloud(c.profile.name, { ...eff, settings: { ...eff.settings, cloud: managed.profile.name } });
    return (this.resolved = c ?? managed ?? resolveCloud(undefined));
  }

  /** Switches to the demo cloud (the face's embedded simulator). */
  async useDemo(): Promise<ResolvedCloud> {
    if (this.demo && this.resolved) return this.resolved;
    if (!this.deps.startDemo)
      throw new AppError({ code: 'invalid-input', message: 'The demo is not available in this build.' });
    this.resolved = await this.deps.startDemo();
    this.demo = true;
    this.auth = this.transport = this.account = this.held = undefined;
    return this.resolved;
  }

  /** The sign-in session of the cloud (one, even when the first callers come at once: a prefetch and the window). */
  async authSession(): Promise<AuthSession> {
    if (this.auth) return this.auth;
    this.creating ??= this.createAuth().finally(() => (this.creating = undefined));
    return this.creating;
  }

  private async createAuth(): Promise<AuthSession> {
    const cloud = await this.cloud();
    const { clientId } = this.settings().settings;
    this.transport = this.deps.transportFor(cloud);
    this.auth = await AuthSession.create({
      ...(clientId ? { clientId } : {}),
      cloud,
      transport: this.transport,
      configDir: this.deps.configDir,
      opener: this.deps.opener,
      multipleAccounts: true,
      ...(this.deps.tokenCache ? { cache: this.deps.tokenCache } : {}),
      ...(this.deps.reporter ? { reporter: this.deps.reporter } : {}),
    });
    return this.auth;
  }

  /** The signed-in account, if any (from the token cache after a restart). */
  async currentAccount(): Promise<SignedInAccount | undefined> {
    if (this.account) return this.account;
    if (!this.configured) return undefined;
    // One look at a time: MSAL's persistent cache reloads the whole file around each read, and a second reader
    // while the prefetch's token requests run saw a half-loaded cache ("not signed in" for every subscription).
    this.looking ??= this.authSession()
      .then((auth) => auth.currentAccount())
      .then((a) => (this.account ??= a))
      .finally(() => (this.looking = undefined));
    return this.looking;
  }

  /** The account, or the not-signed-in AppError with its fix. */
  async signedIn(): Promise<SignedInAccount> {
    const account = await this.currentAccount();
    if (account) return account;
    throw new AppError({ code: 'not-signed-in', message: 'You are not signed in.', fix: 'Sign in to Azure first.' });
  }

  /** ARM access for the signed-in account. */
  async arm(): Promise<{ account: SignedInAccount; arm: ArmAccess }> {
    const account = await this.signedIn();
    const auth = await this.authSession();
    return {
      account,
      arm: {
        cloud: await this.cloud(),
        transport: this.transport!,
        homeTenantId: account.tenantId,
        credentialFor: (tenantId) => auth.credentialFor(tenantId),
      },
    };
  }

  /** The machine's network for the source choice (a simulator profile's own network, else the real one). */
  async network(): Promise<NetworkInterfaces> {
    return this.deps.network(await this.cloud());
  }

  /**
   * The inventory: the one held in memory (or, at the first call, the warm cache on disk) unless `refresh`. A warm
   * answer starts one refresh in the background whose result the next call returns; `refresh` reads Azure now.
   */
  async inventory(refresh: boolean): Promise<InventoryAnswer & { armAccess: ArmAccess }> {
    const { account, arm } = await this.arm();
    const key = account.id;
    // A held list was read earlier: it is answered as cached, with when it was read.
    if (!refresh && this.held?.key === key) return { ...this.held.answer, fromCache: true, armAccess: arm };
    const cloud = await this.cloud();
    const answer = await loadInventory({
      arm,
      privateSourceRanges: this.settings().settings.privateSourceRanges,
      cache: {
        configDir: this.deps.configDir,
        account: account.id,
        cloud: `${cloud.profile.name} ${cloud.profile.armEndpoint}`,
      },
      refresh,
      refreshInBackground: true,
      ...(this.deps.refreshDelayMs ? { refreshAfter: () => this.delay(this.deps.refreshDelayMs!) } : {}),
    });
    const readAt = () => new Date().toISOString();
    this.held = { key, answer: { snapshot: answer.snapshot, fromCache: true, savedAt: answer.savedAt ?? readAt() } };
    if (answer.refreshed) {
      // A background refresh failing is not the user's concern now: the held list stays, a later refresh retries.
      const done = answer.refreshed
        .then((fresh) => {
          if (this.held?.key === key)
            this.held = { key, answer: { snapshot: fresh, fromCache: true, savedAt: readAt() } };
        })
        .catch(() => undefined)
        .finally(() => this.pending.delete(done));
      this.pending.add(done);
    }
    return { ...answer, armAccess: arm };
  }

  /** A delay that settle() cuts short by rejecting it (a refresh not started yet is not started at all). */
  private delay(ms: number): Promise<void> {
    const clock = this.deps.clock;
    return new Promise((resolve, reject) => {
      const cancel = () => reject(new Error('closing'));
      this.delays.add(cancel);
      const done = () => {
        this.delays.delete(cancel);
        resolve();
      };
      if (clock) clock.setTimeout(done, ms);
      else setTimeout(done, ms);
    });
  }

  /** Forgets the account's inventory (sign-out, another cloud). */
  forget(): void {
    this.held = undefined;
  }

  /** Waits for background refreshes to end (the service's dispose: nothing left running against the cloud). */
  async settle(): Promise<void> {
    for (const cancel of this.delays) cancel();
    this.delays.clear();
    await Promise.all([...this.pending]);
  }
}
