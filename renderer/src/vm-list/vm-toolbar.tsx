/** The actions above the VM list: grouping, the favourite star of the active VM, connect (with options, or several). */
import { Button, Select, ToggleButton } from '@fluentui/react-components';
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
      <Select
        aria-label="Group by"
        value={groupBy}
        onChange={(_, d) => onGroupBy(d.value as GroupBy)}
        className="vm-group-by"
      >
        {(Object.keys(GROUP_LABEL) as GroupBy[]).map((g) => (
          <option key={g} value={g}>
            {GROUP_LABEL[g]}
          </option>
        ))}
      </Select>
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
