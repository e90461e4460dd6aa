/**
 * "In the tray": the desktop tray's own model (shared/tray's trayModel over the same grants) shown in the grants
 * panel, so the tray's icon state, tooltip and each grant's countdown label are visible in either shell and testable
 * in a browser. A grant's menu holds the tray's actions, carried out by the panel's own: Connect again, Extend, and
 * Open (the grant's card, as the tray's Open shows the window).
 */
import {
  Badge,
  Menu,
  MenuButton,
  MenuItem,
  MenuList,
  MenuPopover,
  MenuTrigger,
  Text,
} from '@fluentui/react-components';
import { parseTrayItemId, trayModel } from '../../../shared/tray/tray-model';
import { trayGrantsFromList, type ListedGrant } from '../../../shared/tray/tray-grants';
import './tray-preview.css';

/** The tray as it is at `now` for the grants `grants:list` gave at `loadedAt`; the handlers are the panel's. */
export function TrayPreview({
  grants,
  loadedAt,
  now,
  busy,
  onExtend,
  onOpen,
  onConnectAgain,
}: {
  grants: readonly ListedGrant[];
  loadedAt: number;
  now: number;
  busy: boolean;
  onExtend: (vmId: string, port: number) => void;
  onOpen: (vmId: string, port: number) => void;
  onConnectAgain?: ((vmId: string, port: number, vmName: string) => void) | undefined;
}) {
  const model = trayModel(trayGrantsFromList(grants, loadedAt), now);
  const live = model.icon === 'live';
  const run = (id: string, vmName: string) => {
    const command = parseTrayItemId(id);
    if (!command || command.action === 'open-app' || command.action === 'quit') return;
    if (command.action === 'extend') onExtend(command.vmId, command.port);
    else if (command.action === 'open') onOpen(command.vmId, command.port);
    else onConnectAgain?.(command.vmId, command.port, vmName);
  };
  // The menu's Open JIT Connect and Quit are left out: the window is open already, and quitting is the shell's.
  const grantItems = model.items.filter((i) => i.type === 'submenu');
  const idle = model.items.find((i) => i.id === 'no-grants');
  return (
    <section aria-labelledby="tray-title" className="tray-preview" data-testid="tray-model" data-icon={model.icon}>
      <div className="tray-head">
        {/* The tray icon's look (a grey ring, a green disc inside while live); the badge says it in words. */}
        <span className={`tray-icon${live ? ' tray-icon-live' : ''}`} aria-hidden="true" />
        <Text as="h3" weight="semibold" size={300} id="tray-title" className="tray-title">
          In the tray
        </Text>
        <Badge appearance="tint" color={live ? 'success' : 'informative'} data-testid="tray-icon-state">
          {live ? 'Live' : 'Idle'}
        </Badge>
      </div>
      {/* What the tray shows, named as the desktop names it: its tooltip and its menu. */}
      <dl className="tray-facts">
        <dt>Tooltip</dt>
        <dd data-testid="tray-tooltip" className="wrap-anywhere">
          {model.tooltip}
        </dd>
        <dt>Menu</dt>
        <dd>
          {idle && idle.label}
          {grantItems.length > 0 && (
            <ul className="tray-items" aria-label="Tray menu">
              {grantItems.map((item) => {
                const g = model.live.find((x) => item.id === `grant|${x.port}|${x.vmId}`);
                return (
                  <li key={item.id}>
                    <Menu positioning="below-start">
                      <MenuTrigger disableButtonEnhancement>
                        <MenuButton size="small" appearance="subtle" data-testid="tray-item" className="tray-item">
                          {item.label}
                        </MenuButton>
                      </MenuTrigger>
                      <MenuPopover>
                        <MenuList>
                          {(item.submenu ?? []).map((a) => {
                            const action = parseTrayItemId(a.id)?.action;
                            const off =
                              (action === 'extend' && busy) || (action === 'connect-again' && !onConnectAgain);
                            return (
                              <MenuItem
                                key={a.id}
                                disabled={!a.enabled || off}
                                onClick={() => run(a.id, g?.vmName ?? '')}
                              >
                                {a.label}
                              </MenuItem>
                            );
                          })}
                        </MenuList>
                      </MenuPopover>
                    </Menu>
                  </li>
                );
              })}
            </ul>
          )}
        </dd>
      </dl>
    </section>
  );
}
