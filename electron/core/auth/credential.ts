/**
 * The TokenCredential the ARM SDKs use: MSAL's silent flow for one tenant. MSAL refreshes an access token before it
 * expires (its renewal offset) from the refresh token in the cache; a guest tenant gets its own token from the same
 * refresh token by naming that tenant's authority. A CAE claims challenge arrives as `options.claims` (the SDKs'
 * bearer policy asks once with them, then retries the call) and goes to MSAL, which then skips its cached token.
 */
import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/core-auth';
import type { AccountInfo, PublicClientApplication } from '@azure/msal-node';
import { fromMsalError } from './auth-errors';

/** What {@link sessionCredential} needs. */
export interface SessionCredentialOptions {
  pca: Pick<PublicClientApplication, 'acquireTokenSilent'>;
  /** The signed-in account (throws "not signed in" when there is none). */
  account: () => Promise<AccountInfo>;
  authorityHost: string;
  /** The tenant to get tokens for; default the account's home tenant. */
  tenantId?: string;
  /**
   * Runs token requests one at a time (the session's queue). MSAL's persistent cache plugin reloads and saves the whole
   * cache around each request: silent requests racing in a fresh process (an SDK fan-out reading four policies at
   * once) saw a half-loaded cache and failed with "no tokens found" while the keychain held them.
   */
  serialize?: <T>(task: () => Promise<T>) => Promise<T>;
}

/** A TokenCredential for one tenant of the signed-in account. */
export function sessionCredential(options: SessionCredentialOptions): TokenCredential {
  return {
    async getToken(scopes: string | string[], getOptions?: GetTokenOptions): Promise<AccessToken | null> {
      const run = options.serialize ?? (<T>(task: () => Promise<T>) => task());
      let home: AccountInfo | undefined;
      let tenantId = '';
      try {
        // The account is looked up in the queue too: reading it reloads the cache, and a reload while another
        // request saves it found no account ("not signed in" for every subscription of a warm start's refresh).
        const result = await run(async () => {
          const me = await options.account();
          home = me;
          tenantId = getOptions?.tenantId ?? options.tenantId ?? me.tenantId;
          // MSAL looks its cache up by the account's tenantId before the authority: both name the tenant asked for.
          return options.pca.acquireTokenSilent({
            account: { ...me, tenantId },
            authority: `${options.authorityHost}/${tenantId}`,
            scopes: Array.isArray(scopes) ? scopes : [scopes],
            ...(getOptions?.claims ? { claims: getOptions.claims } : {}),
          });
        });
        return {
          token: result.accessToken,
          // MSAL always sets expiresOn for an access token; the fallback only keeps the type honest.
          expiresOnTimestamp: result.expiresOn?.getTime() ?? Date.now() + 5 * 60_000,
          tokenType: 'Bearer',
        };
      } catch (err) {
        // No account at all: the lookup's own error (not signed in), as it is.
        if (!home) throw err;
        throw fromMsalError(err, tenantId, (home as AccountInfo).tenantId);
      }
    },
  };
}
