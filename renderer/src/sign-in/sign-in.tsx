/** The first screen when nobody is signed in: sign in to Azure (browser or device code) or explore the demo. */
import { useEffect, useState } from 'react';
import { Button, Card, MessageBar, MessageBarBody, Spinner, Text, Title1 } from '@fluentui/react-components';
import type { EventPayload, JitConnectApi } from '../../../shared/ipc/contract';
import { describeError } from '../app/api';
import { DeviceCode } from './device-code';

type Method = 'browser' | 'device-code';

/** Sign-in choices; `onSignedIn` runs once the session has an account. */
export function SignIn({
  api,
  onSignedIn,
  onCancel,
}: {
  api: JitConnectApi;
  onSignedIn: () => void;
  /** Adding another account: a Cancel back to the workspace, and no demo (that would change the cloud). */
  onCancel?: () => void;
}) {
  const [busy, setBusy] = useState<string | undefined>();
  const [code, setCode] = useState<EventPayload<'deviceCode:issued'> | undefined>();
  const [error, setError] = useState<{ message: string; fix?: string } | undefined>();
  useEffect(() => api.on('deviceCode:issued', setCode), [api]);

  async function run(label: string, fn: () => Promise<unknown>): Promise<void> {
    setBusy(label);
    setError(undefined);
    try {
      await fn();
      onSignedIn();
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(undefined);
      setCode(undefined);
    }
  }
  const signIn = (method: Method): Promise<void> =>
    run(method === 'browser' ? 'Waiting for the browser…' : 'Waiting for the code to be entered…', () =>
      api.call('session:signIn', { method }),
    );
  const demo = (): Promise<void> =>
    // The demo's simulator approves its own device code: useDemo returns signed in.
    run('Starting the demo…', () => api.call('session:useDemo', {}));

  return (
    <main className="center">
      <Card className="sign-in-card" aria-labelledby="sign-in-title">
        <Title1 as="h1" id="sign-in-title">
          JIT Connect
        </Title1>
        <Text>One double-click from an Azure VM behind just-in-time access to an open session.</Text>
        {error && (
          <MessageBar intent="error">
            <MessageBarBody>
              {error.message} {error.fix}
            </MessageBarBody>
          </MessageBar>
        )}
        {code && <DeviceCode code={code} />}
        {busy ? (
          <Spinner label={busy} />
        ) : (
          <div className="button-row">
            <Button appearance="primary" onClick={() => void signIn('browser')}>
              Sign in to Azure
            </Button>
            <Button onClick={() => void signIn('device-code')}>Sign in with a device code</Button>
            {onCancel ? (
              <Button appearance="subtle" onClick={onCancel}>
                Cancel
              </Button>
            ) : (
              <Button appearance="subtle" onClick={() => void demo()}>
                Explore the demo
              </Button>
            )}
          </div>
        )}
      </Card>
    </main>
  );
}
