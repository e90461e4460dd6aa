/**
 * Sign-in for one cloud: MSAL Node's PublicClientApplication with CAE (`cp1`), the transport's one HttpPort for its
 * network calls, the persistent token cache, and the WAM broker on Windows. Gives the ARM SDKs a TokenCredential per
 * tenant (a guest tenant gets its own token from the same refresh token).
 */
import { PublicClientApplication, type AccountInfo, type Configuration } from '@azure/msal-node';
import type { TokenCredential } from '@azure/core-auth';
import { AZURE_CLI_CLIENT_ID } from '../../../shared/cloud/cloud-profile';
import { AppError } from '../../../shared/errors/app-error';
import type { ResolvedCloud } from '../cloud/cloud';
import { msalNetworkClient } from '../http/msal-network';
import { armScope, type Transport } from '../http/transport';
import type { Opener, Reporter } from '../ports';
import { ActivePointer, onePerPerson } from './active-account';
import { fromMsalError, notSignedIn } from './auth-errors';
import { authorityHost, knownAuthorities, signInTenant, tenantAuthority } from './authority';
import { brokerConfig, type BrokerLoader } from './broker';
import { sessionCredential } from './credential';
import { ERROR_PAGE, SUCCESS_PAGE } from './pages';
import { openTokenCache, type CacheMode, type TokenCacheStore } from './token-cache';

/** What the session needs. */
export interface AuthSessionOptions {
  cloud: ResolvedCloud;
  transport: Transport;
  /** The config dir (created 0700 by the caller); the token cache lives there. */
  configDir: string;
  /** An admin's own app registration; default: the profile's, else the Azure CLI's well-known public client. */
  clientId?: string;
  /** Opens the sign-in page for the interactive flow. */
  opener?: Opener;
  reporter?: Reporter;
  /**
   * `persistent` (default): the OS keychain; `memory`: this process only; or a store of the face's own (the port:
   * e.g. a shell that keeps MSAL's cache elsewhere passes its `ICachePlugin` as `{plugin, persistent, where}`).
   */
  cache?: CacheMode | TokenCacheStore;
  /** True: a sign-in adds an account (the app); default: it replaces the others (the CLI's one account). */
  multipleAccounts?: boolean;
  /** For tests of the broker wiring: the platform and the plugin loader. */
  broker?: { platform?: NodeJS.Platform; load?: BrokerLoader };
}

/** The signed-in account as the faces show it. */
export interface SignedInAccount {
  username: string;
  name?: string;
  /** The account's own tenant (from MSAL's `homeAccountId`): Contoso for a Contoso user who is a guest elsewhere. */
  homeTenantId: string;
  /** The tenant signed in to (`--tenant`, else the profile's, else the home tenant); default for credentials. */
  tenantId: string;
  /** MSAL's `homeAccountId` (`<oid>.<tid>`), stable across tenants. */
  id: string;
}

/** What the device-code flow shows the user. */
export interface DeviceCodePrompt {
  userCode: string;
  verificationUri: string;
  /** Entra's own sentence ("To sign in, use a web browser to open … and enter the code …"). */
  message: string;
}

/** Sign-in options shared by both flows. */
export interface SignInOptions {
  /** `--tenant`: the home authority for sign-in. */
  tenant?: string;
  signal?: AbortSignal;
}

function toAccount(a: AccountInfo): SignedInAccount {
  const home = a.homeAccountId.split('.')[1] || a.tenantId;
  return {
    username: a.username,
    ...(a.name ? { name: a.name } : {}),
    homeTenantId: home,
    tenantId: a.tenantId,
    id: a.homeAccountId,
  };
}

/** One cloud's sign-in state. Create with {@link AuthSession.create}. */
export class AuthSession {
  /** Where the tokens live (`persistent` false: memory only, the Reporter has said why). */
  readonly cache: TokenCacheStore;
  /** True when MSAL was given the Windows broker. */
  readonly brokered: boolean;
  /** The tail of the queue that runs this session's silent token requests one at a time. */
  private queue: Promise<unknown> = Promise.resolve();
  /** Which account is active: on disk for several accounts kept across restarts, else in memory. */
  private readonly pointer: ActivePointer;

  private constructor(
    private readonly options: AuthSessionOptions,
    private readonly pca: PublicClientApplication,
    cache: TokenCacheStore,
    brokered: boolean,
  ) {
    this.cache = cache;
    this.brokered = brokered;
    this.pointer = new ActivePointer(options.configDir, options.multipleAccounts === true && cache.persistent);
  }

  /** Builds the MSAL configuration and opens the token cache. */
  static async create(options: AuthSessionOptions): Promise<AuthSession> {
    const cache =
      typeof options.cache === 'object'
        ? options.cache
        : await openTokenCache({
            configDir: options.configDir,
            ...(options.cache ? { mode: options.cache } : {}),
            ...(options.reporter ? { reporter: options.reporter } : {}),
          });
    const broker = await brokerConfig(options.broker?.platform, options.broker?.load);
    const config = msalConfig(options, cache, broker);
    return new AuthSession(options, new PublicClientApplication(config), cache, broker !== undefined);
  }

  /** The client id in use. */
  get clientId(): string {
    return clientIdOf(this.options);
  }

  /** The signed-in account, or undefined (also when the cache was unreadable: the Reporter said so). */
  async currentAccount(): Promise<SignedInAccount | undefined> {
    // In the token requests' queue: a cache reload racing one of their saves reads no account.
    const a = await this.serialized(() => this.msalAccount());
    return a && toAccount(a);
  }

  /**
   * Interactive sign-in: authorization code + PKCE in the user's browser (the Opener), MSAL's loopback redirect
   * (`http://localhost:<port>`), plain local pages after. On Windows with WAM, the broker's own window instead.
   */
  async signInInteractive(options: SignInOptions = {}): Promise<SignedInAccount> {
    const opener = this.options.opener;
    if (!opener && !this.brokered)
      throw new AppError({
        code: 'invalid-input',
        message: 'No browser can be opened for sign-in here.',
        fix: 'Sign in with a device code instead.',
      });
    try {
      const result = await this.pca.acquireTokenInteractive({
        scopes: [armScope(this.options.cloud)],
        authority: tenantAuthority(this.options.cloud, signInTenant(this.options.cloud, options.tenant)),
        openBrowser: async (url) => {
          try {
            await opener!.openUrl(url);
          } catch (err) {
            throw new AppError({
              code: 'invalid-input',
              message: `Could not open a browser for sign-in: ${(err as Error).message}`,
              fix: 'Sign in with a device code instead.',
            });
          }
        },
        successTemplate: SUCCESS_PAGE,
        errorTemplate: ERROR_PAGE,
        prompt: 'select_account',
      });
      return this.remember(result.account);
    } catch (err) {
      throw fromMsalError(err, options.tenant);
    }
  }

  /** Device-code sign-in: `onCode` gets the code to show (the CLI prints it on stderr so `--json` stays clean). */
  async signInWithDeviceCode(
    onCode: (prompt: DeviceCodePrompt) => void,
    options: SignInOptions = {},
  ): Promise<SignedInAccount> {
    const request = {
      scopes: [armScope(this.options.cloud)],
      authority: tenantAuthority(this.options.cloud, signInTenant(this.options.cloud, options.tenant)),
      deviceCodeCallback: (r: { userCode: string; verificationUri: string; message: string }) =>
        onCode({ userCode: r.userCode, verificationUri: r.verificationUri, message: r.message }),
      cancel: false,
    };
    // MSAL polls until `cancel` turns true; the abort signal turns it.
    const onAbort = () => (request.cancel = true);
    options.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const result = await this.pca.acquireTokenByDeviceCode(request);
      return this.remember(result?.account ?? null);
    } catch (err) {
      throw fromMsalError(err, options.tenant);
    } finally {
      options.signal?.removeEventListener('abort', onAbort);
    }
  }

  /** Every signed-in account of this config dir by user name, the active one marked. */
  async accounts(): Promise<Array<SignedInAccount & { active: boolean }>> {
    return this.serialized(async () => {
      const active = await this.msalAccount();
      return (await this.people())
        .sort((a, b) => a.username.localeCompare(b.username))
        .map((a) => ({ ...toAccount(a), active: a.homeAccountId === active?.homeAccountId }));
    });
  }

  /** Makes the signed-in account `id` (its `homeAccountId`) the active one. */
  async switchAccount(id: string): Promise<SignedInAccount> {
    return this.serialized(async () => {
      const a = (await this.people()).find((x) => x.homeAccountId === id);
      if (!a)
        throw new AppError({
          code: 'invalid-input',
          message: 'That account is not signed in here any more.',
          fix: 'Choose another account, or sign in with it again.',
        });
      await this.pointer.write(a.homeAccountId);
      return toAccount(a);
    });
  }

  /**
   * Signs out the active account: removes it and every token of it from the cache (and the broker's, on Windows);
   * another signed-in account, if any, becomes the active one.
   */
  async signOut(): Promise<SignedInAccount | undefined> {
    return this.serialized(async () => {
      const active = await this.msalAccount();
      if (!active) return undefined;
      if (this.brokered) await this.pca.signOut({ account: active });
      else await this.pca.getTokenCache().removeAccount(active);
      const next = (await this.allAccounts()).find((a) => a.homeAccountId !== active.homeAccountId);
      await this.pointer.write(next?.homeAccountId);
      return toAccount(active);
    });
  }

  /**
   * A TokenCredential for the ARM SDKs in `tenantId` (default: the account's home tenant): MSAL's silent flow with
   * that tenant's authority, refreshing before expiry, and passing on the claims of a CAE challenge (the SDKs'
   * bearer policy retries once with them).
   */
  credentialFor(tenantId?: string): TokenCredential {
    return sessionCredential({
      pca: this.pca,
      account: async () => {
        const a = await this.msalAccount();
        if (!a) throw notSignedIn();
        return a;
      },
      authorityHost: authorityHost(this.options.cloud),
      ...(tenantId ? { tenantId } : {}),
      serialize: (task) => this.serialized(task),
    });
  }

  /** Runs `task` after every token request queued before it (a failure does not block the queue). */
  private serialized<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** A token for ARM in `tenantId` now (for callers that are not SDKs, and for a quick "am I signed in" check). */
  async armToken(tenantId?: string): Promise<string> {
    const token = await this.credentialFor(tenantId).getToken(armScope(this.options.cloud));
    if (!token) throw notSignedIn();
    return token.token;
  }

  /** The active account: the pointer's, else (missing or stale) the cache's first. */
  private async msalAccount(): Promise<AccountInfo | undefined> {
    try {
      const accounts = await this.people();
      const id = await this.pointer.read();
      return accounts.find((a) => a.homeAccountId === id) ?? accounts[0];
    } catch (err) {
      this.options.reporter?.warn(
        `The saved sign-in cannot be read: ${(err as Error).message}; treated as signed out.`,
      );
      return undefined;
    }
  }

  private allAccounts(): Promise<AccountInfo[]> {
    return this.pca.getTokenCache().getAllAccounts();
  }

  private async people(): Promise<AccountInfo[]> {
    return onePerPerson(await this.allAccounts());
  }

  private async remember(account: AccountInfo | null): Promise<SignedInAccount> {
    if (!account) throw notSignedIn('the sign-in returned no account.');
    const cache = this.pca.getTokenCache();
    // One account per config dir unless asked for several: the others are removed, as before.
    if (!this.options.multipleAccounts)
      for (const other of await cache.getAllAccounts())
        if (other.homeAccountId !== account.homeAccountId) await cache.removeAccount(other);
    await this.pointer.write(account.homeAccountId);
    return toAccount(account);
  }
}

/** The client id: the caller's, the profile's, else the Azure CLI's well-known public client. */
function clientIdOf(options: AuthSessionOptions): string {
  return options.clientId ?? options.cloud.profile.clientId ?? AZURE_CLI_CLIENT_ID;
}

/** MSAL's configuration for a session (exported for the wiring tests). */
export function msalConfig(
  options: AuthSessionOptions,
  cache: TokenCacheStore,
  broker: Configuration['broker'] | undefined,
): Configuration {
  const cloud = options.cloud;
  return {
    auth: {
      clientId: clientIdOf(options),
      authority: tenantAuthority(cloud, signInTenant(cloud)),
      knownAuthorities: knownAuthorities(cloud),
      // CAE: ARM may revoke a token early and answer with a claims challenge instead of waiting for its expiry.
      clientCapabilities: ['cp1'],
    },
    system: { networkClient: msalNetworkClient(options.transport) },
    ...(cache.plugin ? { cache: { cachePlugin: cache.plugin } } : {}),
    ...(broker ? { broker } : {}),
  };
}
