/** The app: the theme, then the sign-in screen or the workspace, depending on the session. */
import { useCallback, useEffect, useRef, useState } from 'react';
import { FluentProvider, Spinner, webDarkTheme, webLightTheme } from '@fluentui/react-components';
import type { JitConnectApi, RequestResult } from '../../../shared/ipc/contract';
import { SignIn } from '../sign-in/sign-in';
import { Workspace } from './workspace';
import { usePrefersDark } from './use-color-scheme';
import { askFirstList } from './first-list';

type Session = RequestResult<'session:get'>;

/** The root component. */
export function App({ api }: { api: JitConnectApi }) {
  const dark = usePrefersDark();
  const [session, setSession] = useState<Session | undefined>();
  const askedList = useRef(false);
  // "Add another account…": the sign-in screen over a signed-in session, with a Cancel back to the workspace.
  const [adding, setAdding] = useState(false);
  const refresh = useCallback(() => {
    void api.call('session:get', {}).then((s) => {
      // The first signed-in session: the list is asked for now, while the workspace renders, which takes it at once.
      if (s.account && !askedList.current) {
        askedList.current = true;
        askFirstList(api);
      }
      setSession(s);
    });
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
      ) : session.account && adding ? (
        <SignIn
          api={api}
          onSignedIn={() => {
            setAdding(false);
            refresh();
          }}
          onCancel={() => setAdding(false)}
        />
      ) : session.account ? (
        // Keyed by the account: a switch starts the workspace afresh (its list, tenants and screens are the account's).
        <Workspace
          key={session.account.username}
          api={api}
          account={session.account.username}
          onSignedOut={refresh}
          onAddAccount={() => setAdding(true)}
        />
      ) : (
        <SignIn api={api} onSignedIn={refresh} />
      )}
    </FluentProvider>
  );
}
