/**
 * The top bar: the app's name, the tenant in view (a switcher over `tenants:list`), History, Settings, the signed-in
 * account's menu (switch, add, sign out). Fluent's Menu gives the switcher arrow-key navigation and Escape.
 */
import { useEffect, useState } from 'react';
import { Button, Menu, MenuItemRadio, MenuList, MenuPopover, MenuTrigger, Title3 } from '@fluentui/react-components';
import type { JitConnectApi, RequestResult } from '../../../shared/ipc/contract';
import { AccountMenu } from './account-menu';

type Tenant = RequestResult<'tenants:list'>[number];

/** A tenant's name for people. */
export const tenantName = (t: Tenant): string => t.displayName ?? t.defaultDomain ?? t.tenantId;

/**
 * The bar. `scope`: the tenant whose VMs are shown (undefined: every tenant); `onScope` changes it. `actions`: buttons
 * of the workspace (Refresh) placed before the account.
 */
export function TopBar({
  api,
  account,
  scope,
  onScope,
  onOpen,
  onSignedOut,
  onAddAccount,
  actions,
}: {
  api: JitConnectApi;
  account: string;
  scope: string | undefined;
  onScope: (tenantId: string | undefined) => void;
  onOpen: (screen: 'history' | 'settings') => void;
  onSignedOut: () => void;
  onAddAccount?: () => void;
  actions?: React.ReactNode;
}) {
  const [tenants, setTenants] = useState<Tenant[]>([]);
  useEffect(() => {
    // No tenant list (a transient failure) only hides the switcher: the VM list still covers every tenant.
    api.call('tenants:list', {}).then(setTenants, () => setTenants([]));
  }, [api, account]);
  const current = tenants.find((t) => t.tenantId === scope);
  return (
    <header className="topbar">
      <Title3 as="h1">JIT Connect</Title3>
      {tenants.length > 1 && (
        <Menu
          checkedValues={{ tenant: [scope ?? 'all'] }}
          onCheckedValueChange={(_, d) => onScope(d.checkedItems[0] === 'all' ? undefined : d.checkedItems[0])}
        >
          <MenuTrigger disableButtonEnhancement>
            <Button appearance="subtle" aria-label={`Tenant: ${current ? tenantName(current) : 'All tenants'}`}>
              {current ? tenantName(current) : 'All tenants'} ▾
            </Button>
          </MenuTrigger>
          <MenuPopover>
            <MenuList aria-label="Tenants">
              <MenuItemRadio name="tenant" value="all">
                All tenants
              </MenuItemRadio>
              {tenants.map((t) => (
                <MenuItemRadio key={t.tenantId} name="tenant" value={t.tenantId}>
                  {tenantName(t)}
                  {t.home ? ' (home)' : ' (guest)'}
                </MenuItemRadio>
              ))}
            </MenuList>
          </MenuPopover>
        </Menu>
      )}
      <span className="spacer" />
      {actions}
      <Button appearance="subtle" onClick={() => onOpen('history')}>
        History
      </Button>
      <Button appearance="subtle" onClick={() => onOpen('settings')}>
        Settings
      </Button>
      <AccountMenu
        api={api}
        account={account}
        onSignedOut={onSignedOut}
        onAddAccount={onAddAccount ?? (() => undefined)}
      />
    </header>
  );
}
