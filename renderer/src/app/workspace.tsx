/** The signed-in screen: the VM list, and beside it the connect in progress and the grants. */
import { useCallback, useEffect, useState } from 'react';
import { Button, MessageBar, MessageBarBody, Spinner, Text, Title3 } from '@fluentui/react-components';
import type { JitConnectApi, RequestResult } from '../../../shared/ipc/contract';
import { describeError } from './api';
import { VmList } from '../vm-list/vm-list';
import { ProgressPanel } from '../progress/progress-panel';
import { useConnect } from '../progress/use-connect';
import { GrantsPanel } from '../grants/grants-panel';
import { useRequest } from '../request/use-request';
import { RequestDialog } from '../request/request-dialog';
import { DeepLinkDialog } from '../deep-link/deep-link-dialog';

/** The workspace of a signed-in `account`. */
export function Workspace({
  api,
  account,
  onSignedOut,
}: {
  api: JitConnectApi;
  account: string;
  onSignedOut: () => void;
}) {
  const [vms, setVms] = useState<RequestResult<'vms:list'> | undefined>();
  const [error, setError] = useState<{ message: string; fix?: string } | undefined>();
  const [grants, setGrants] = useState<{ data: RequestResult<'grants:list'>; at: number } | undefined>();
  const loadGrants = useCallback(() => {
    void api.call('grants:list', {}).then((data) => setGrants({ data, at: Date.now() }));
  }, [api]);
  const connect = useConnect(api, loadGrants);
  const request = useRequest(api, (targets) => void connect.start(targets));
  const loadVms = useCallback(
    (refresh: boolean) => {
      setError(undefined);
      api.call('vms:list', refresh ? { refresh } : {}).then(setVms, (e: unknown) => setError(describeError(e)));
    },
    [api],
  );
  useEffect(() => {
    loadVms(false);
    loadGrants();
  }, [loadVms, loadGrants]);
  // A grant's reminder or expiry changes the panel: reload it.
  useEffect(() => {
    const a = api.on('grant:expiring', loadGrants);
    const b = api.on('grant:expired', loadGrants);
    return () => {
      a();
      b();
    };
  }, [api, loadGrants]);

  async function signOut(): Promise<void> {
    await api.call('session:signOut', {});
    onSignedOut();
  }

  return (
    <main className="workspace">
      <header className="topbar">
        <Title3 as="h1">JIT Connect</Title3>
        <span className="spacer" />
        <Text>{account}</Text>
        <Button onClick={() => loadVms(true)}>Refresh</Button>
        <Button onClick={() => void signOut()}>Sign out</Button>
      </header>
      {error ? (
        <MessageBar intent="error">
          <MessageBarBody>
            {error.message} {error.fix}
          </MessageBarBody>
        </MessageBar>
      ) : vms ? (
        <VmList
          api={api}
          data={vms}
          onConnect={(vm) => void request.connect(vm)}
          onOptions={(list) => void request.withOptions(list)}
        />
      ) : (
        <Spinner label="Loading your VMs…" />
      )}
      <aside className="side" aria-label="Connections and access">
        {connect.run && <ProgressPanel run={connect.run} onCancel={connect.cancel} onClose={connect.dismiss} />}
        {grants && <GrantsPanel api={api} data={grants.data} loadedAt={grants.at} onChanged={loadGrants} />}
      </aside>
      <DeepLinkDialog
        api={api}
        vms={vms?.vms}
        onRequest={(vm, { port, ...options }) => void connect.start([{ vm, port }], options)}
      />
      {request.draft && (
        <RequestDialog
          targets={request.draft}
          user={account}
          onPort={(i, port) => void request.choosePort(i, port)}
          onClose={request.close}
          onSubmit={(targets, options) => {
            request.close();
            void connect.start(targets, options);
          }}
        />
      )}
    </main>
  );
}
