/**
 * A guard around MSAL's persistent cache plugin: a cache that cannot be read or parsed (a corrupt entry, a keychain
 * that went away or was locked) means "signed out" with a clear message, never a crash, and a cache that cannot be
 * written means "sign-in will not be remembered" — the tokens stay in this process's memory only.
 */
import { TokenCacheContext, type ICachePlugin, type ISerializableTokenCache } from '@azure/msal-node';
import type { Reporter } from '../ports';

/** Warns once per kind of trouble, so a long session does not repeat the same line on every token request. */
function once(reporter: Reporter | undefined) {
  const said = new Set<string>();
  return (kind: string, message: string) => {
    if (said.has(kind)) return;
    said.add(kind);
    reporter?.warn(message);
  };
}

/** Wraps `inner` (a `PersistenceCachePlugin`); `where` names the store in messages (e.g. "the Secret Service"). */
export function guardedCachePlugin(inner: ICachePlugin, where: string, reporter?: Reporter): ICachePlugin {
  const warn = once(reporter);
  return {
    async beforeCacheAccess(context: TokenCacheContext): Promise<void> {
      const real = context.tokenCache;
      const guarded: ISerializableTokenCache = {
        serialize: () => real.serialize(),
        deserialize: (data: string) => {
          try {
            real.deserialize(data);
          } catch (err) {
            // MSAL keeps the text it was given as a snapshot to merge into its next serialize(), which would then
            // fail too: give it an empty cache instead, so the next write replaces the unreadable entry.
            warn(
              'corrupt',
              `The saved sign-in in ${where} is unreadable (${(err as Error).message.split('\n')[0]}); treating it as signed out. Sign in again to replace it.`,
            );
            real.deserialize('{}');
          }
        },
      };
      const view = new TokenCacheContext(guarded, context.cacheHasChanged);
      try {
        await inner.beforeCacheAccess(view);
      } catch (err) {
        warn(
          'read',
          `The saved sign-in in ${where} cannot be read (${(err as Error).message.split('\n')[0]}); treating it as signed out for now.`,
        );
      }
    },
    async afterCacheAccess(context: TokenCacheContext): Promise<void> {
      try {
        await inner.afterCacheAccess(context);
      } catch (err) {
        warn(
          'write',
          `The sign-in cannot be saved to ${where} (${(err as Error).message.split('\n')[0]}); sign-in will not be remembered after this run.`,
        );
      }
    },
  };
}
