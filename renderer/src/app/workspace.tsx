/** The signed-in screen: the VM list, and beside it the connect in progress and the grants. */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Button, MessageBar, MessageBarBody, Spinner } from '@fluentui/react-components';
import type { JitConnectApi, RequestResult } from '../../../shared/ipc/contract';
import { describeError } from './api';
import { takeFirstList } from './first-list';
import { VmList } from '../vm-list/vm-list';
import type { Vm } from '../vm-list/vm-filter';
import { ProgressPanel } from '../progress/progress-panel';
import { useConnect } from '../progress/use-connect';
import { GrantsPanel } from '../grants/grants-panel';
import { useRequest } from '../request/use-request';
import { TopBar } from '../account/top-bar';
import { JitCandidates } from '../admin/jit-candidates';
// Not on the first screen: loaded when first opened, or while idle once the list shows.
import {
  DeepLinkDialog,
  EnableJitDialog,
  HistoryDialog,
  preloadScreens,
  RequestDialog,
  SettingsDialog,
} from './lazy-screens';

/** The workspace of a signed-in `account`. */
export function Workspace({
  api,
  account,
  onSignedOut,
  onAddAccount,
}: {
  api: JitConnectApi;
  account: string;
  onSignedOut: () => void;
  onAddAccount?: () => void;
}) {
  const [vms, setVms] = useState<RequestResult<'vms:list'> | undefined>();
  const [error, setError] = useState<{ message: string; fix?: string } | undefined>();
  const [grants, setGrants] = useState<{ data: RequestResult<'grants:list'>; at: number } | undefined>();
  const [scope, setScope] = useState<string | undefined>();
  const [screen, setScreen] = useState<'history' | 'settings' | undefined>();
  const [enableFor, setEnableFor] = useState<Vm | undefined>();
  // The tenant switcher narrows the list: the inventory already covers every tenant the account can reach.
  const shown = useMemo(
    () =>
      vms && scope
        ? {
            ...vms,
            vms: vms.vms.filter((v) => v.tenantId === scope),
            problems: vms.problems.filter((p) => p.tenantId === scope),
          }
        : vms,
    [vms, scope],
  );
  const loadGrants = useCallback(() => {
    void api.call('grants:list', {}).then((data) => setGrants({ data, at: Date.now() }));
  }, [api]);
  const connect = useConnect(api, loadGrants);
  const request = useRequest(api, (targets) => void connect.start(targets));
  const loadVms = useCallback(
    (refresh: boolean) => {
      setError(undefined);
      const list = (refresh ? undefined : takeFirstList()) ?? api.call('vms:list', refresh ? { refresh } : {});
      list.then(setVms, (e: unknown) => setError(describeError(e)));
    },
    [api],
  );
  useEffect(() => {
    loadVms(false);
    loadGrants();
  }, [loadVms, loadGrants]);
  const listShown = Boolean(vms);
  useEffect(() => {
    if (listShown) preloadScreens();
  }, [listShown]);
  // A grant's reminder or expiry changes the panel: reload it.
  useEffect(() => {
    const a = api.on('grant:expiring', loadGrants);
    const b = api.on('grant:expired', loadGrants);
    const c = api.on('keepAccess:notified', loadGrants);
    return () => {
      a();
      b();
      c();
    };
  }, [api, loadGrants]);

  /** Connect again from the grants panel: the same VM and port. */
  function onConnectAgain(vmId: string, port: number, vmName: string): void {
    void connect.start([{ vm: { id: vmId, name: vmName }, port }]);
  }

  return (
    <main className="workspace">
      <TopBar
        api={api}
        account={account}
        scope={scope}
        onScope={setScope}
        onOpen={setScreen}
        onSignedOut={onSignedOut}
        {...(onAddAccount ? { onAddAccount } : {})}
        actions={<Button onClick={() => loadVms(true)}>Refresh</Button>}
      />
      {error ? (
        <MessageBar intent="error">
          <MessageBarBody>
            {error.message} {error.fix}
          </MessageBarBody>
        </MessageBar>
      ) : shown ? (
        <VmList
          api={api}
          data={shown}
          onConnect={(vm) => void request.connect(vm)}
          onOptions={(list) => void request.withOptions(list)}
        />
      ) : (
        <Spinner label="Loading your VMs…" />
      )}
      <aside className="side" aria-label="Connections and access">
        {connect.run && <ProgressPanel run={connect.run} onCancel={connect.cancel} onClose={connect.dismiss} />}
        {grants && (
          <GrantsPanel
            api={api}
            data={grants.data}
            loadedAt={grants.at}
            onChanged={loadGrants}
            onConnectAgain={onConnectAgain}
          />
        )}
        {shown && <JitCandidates vms={shown.vms} onEnableJit={setEnableFor} />}
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
      {/* Mounted only while open: a fresh dialog each time (Fluent's focus trap mishandles one reopened). */}
      {screen === 'history' && <HistoryDialog api={api} open onClose={() => setScreen(undefined)} />}
      {screen === 'settings' && <SettingsDialog api={api} open onClose={() => setScreen(undefined)} />}
      {enableFor && (
        <EnableJitDialog
          api={api}
          vm={enableFor}
          onClose={() => setEnableFor(undefined)}
          onEnabled={() => loadVms(true)}
        />
      )}
    </main>
  );
}
