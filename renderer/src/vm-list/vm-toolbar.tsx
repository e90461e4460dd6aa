/** The actions above the VM list: grouping, the favourite star of the active VM, connect (with options, or several). */
import {
  Button,
  Menu,
  MenuButton,
  MenuItemRadio,
  MenuList,
  MenuPopover,
  MenuTrigger,
  ToggleButton,
} from '@fluentui/react-components';
import type { Vm } from './vm-filter';
import type { GroupBy, VmItem } from './vm-groups';

const GROUP_LABEL: Record<GroupBy, string> = {
  none: 'No grouping',
  subscription: 'By subscription',
  'resource-group': 'By resource group',
};

/** The toolbar; `active` is the VM at the keyboard's position, `selected` the VMs picked. */
export function VmToolbar({
  groupBy,
  onGroupBy,
  active,
  selected,
  onConnect,
  onOptions,
  onToggleFavourite,
}: {
  groupBy: GroupBy;
  onGroupBy: (g: GroupBy) => void;
  active: VmItem | undefined;
  selected: Vm[];
  onConnect: (vm: Vm) => void;
  onOptions: (vms: Vm[]) => void;
  onToggleFavourite: (id: string) => void;
}) {
  const several = selected.length > 1;
  return (
    <div className="vm-toolbar" role="toolbar" aria-label="VM actions">
      {/* A menu, not a <select>: its options would count as the list's VM options for assistive tech and tests. */}
      <Menu
        checkedValues={{ groupBy: [groupBy] }}
        onCheckedValueChange={(_, d) => d.checkedItems[0] && onGroupBy(d.checkedItems[0] as GroupBy)}
      >
        <MenuTrigger disableButtonEnhancement>
          <MenuButton aria-label={`Group by: ${GROUP_LABEL[groupBy]}`}>{GROUP_LABEL[groupBy]}</MenuButton>
        </MenuTrigger>
        <MenuPopover>
          <MenuList>
            {(Object.keys(GROUP_LABEL) as GroupBy[]).map((g) => (
              <MenuItemRadio key={g} name="groupBy" value={g}>
                {GROUP_LABEL[g]}
              </MenuItemRadio>
            ))}
          </MenuList>
        </MenuPopover>
      </Menu>
      <ToggleButton
        checked={Boolean(active?.favourite)}
        disabled={!active}
        onClick={() => active && onToggleFavourite(active.vm.id)}
      >
        {active?.favourite ? '★ Favourite' : '☆ Favourite'}
      </ToggleButton>
      {several ? (
        <Button appearance="primary" onClick={() => onOptions(selected)}>
          Connect {selected.length} VMs
        </Button>
      ) : (
        <Button appearance="primary" disabled={!active} onClick={() => active && onConnect(active.vm)}>
          Connect
        </Button>
      )}
      <Button disabled={!active && !several} onClick={() => onOptions(several ? selected : active ? [active.vm] : [])}>
        Connect with options…
      </Button>
    </div>
  );
}
