/** The app: the theme, then the sign-in screen or the workspace, depending on the session. */
import { useCallback, useEffect, useState } from 'react';
import { FluentProvider, Spinner, webDarkTheme, webLightTheme } from '@fluentui/react-components';
import type { JitConnectApi, RequestResult } from '../../../shared/ipc/contract';
import { SignIn } from '../sign-in/sign-in';
import { Workspace } from './workspace';
import { usePrefersDark } from './use-color-scheme';

type Session = RequestResult<'session:get'>;

/** The root component. */
export function App({ api }: { api: JitConnectApi }) {
  const dark = usePrefersDark();
  const [session, setSession] = useState<Session | undefined>();
  const refresh = useCallback(() => {
    void api.call('session:get', {}).then(setSession);
  }, [api]);
  useEffect(() => {
    refresh();
    return api.on('session:changed', refresh);
  }, [api, refresh]);
  return (
    <FluentProvider theme={dark ? webDarkTheme : webLightTheme} className="app-root">
      {!session ? (
        <main className="center">
          <Spinner label="Starting JIT Connect…" />
        </main>
      ) : session.account ? (
        <Workspace api={api} account={session.account.username} onSignedOut={refresh} />
      ) : (
        <SignIn api={api} onSignedIn={refresh} />
      )}
    </FluentProvider>
  );
}
