/**
 * The signed-in account as a menu: every account signed in here (the active one checked; choosing another uses it),
 * "Add another account…" and "Sign out <account>". Fluent's Menu gives arrow keys, Enter and Escape.
 */
import { useEffect, useState } from 'react';
import {
  Button,
  Menu,
  MenuDivider,
  MenuGroup,
  MenuGroupHeader,
  MenuItem,
  MenuItemRadio,
  MenuList,
  MenuPopover,
  MenuTrigger,
} from '@fluentui/react-components';
import type { JitConnectApi, RequestResult } from '../../../shared/ipc/contract';

type Account = RequestResult<'session:accounts'>[number];

/** The menu of the active `account` (its user name). */
export function AccountMenu({
  api,
  account,
  onSignedOut,
  onAddAccount,
}: {
  api: JitConnectApi;
  account: string;
  onSignedOut: () => void;
  onAddAccount: () => void;
}) {
  const [accounts, setAccounts] = useState<Account[] | undefined>();
  // Read when the menu opens: another window or the CLI may have signed an account in or out since.
  const load = () => api.call('session:accounts', {}).then(setAccounts, () => setAccounts(undefined));
  // Also read up front: the items are there when the menu opens, so its focus lands on the first account.
  useEffect(() => void load(), [api, account]);
  const active = accounts?.find((a) => a.active);
  async function signOut(): Promise<void> {
    await api.call('session:signOut', {});
    onSignedOut();
  }
  return (
    <Menu
      onOpenChange={(_, d) => void (d.open && load())}
      checkedValues={{ account: active ? [active.id] : [] }}
      onCheckedValueChange={(_, d) => {
        const id = d.checkedItems[0];
        // session:changed follows: the app reloads the session and the workspace the new account's list.
        if (id && id !== active?.id) void api.call('session:switchAccount', { id }).catch(() => undefined);
      }}
    >
      <MenuTrigger disableButtonEnhancement>
        <Button appearance="subtle" aria-label={`Signed in as ${account}: account menu`}>
          {account} ▾
        </Button>
      </MenuTrigger>
      <MenuPopover>
        <MenuList aria-label="Accounts">
          <MenuGroup>
            <MenuGroupHeader>Accounts</MenuGroupHeader>
            {(accounts ?? []).map((a) => (
              <MenuItemRadio
                key={a.id}
                name="account"
                value={a.id}
                aria-label={a.active ? `${a.username} (in use)` : `Use ${a.username}`}
              >
                {a.active ? a.username : `Use ${a.username}`}
              </MenuItemRadio>
            ))}
          </MenuGroup>
          <MenuDivider />
          <MenuItem onClick={onAddAccount}>Add another account…</MenuItem>
          <MenuItem onClick={() => void signOut()}>Sign out {account}</MenuItem>
        </MenuList>
      </MenuPopover>
    </Menu>
  );
}
