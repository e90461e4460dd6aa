/**
 * The VM list's focus and selection over its rows (headers and VMs): the active row (the keyboard's position), and
 * the selected VMs — by default just the active one; Ctrl/Cmd+click and Space toggle, Shift+click or Shift+arrows
 * select a range, as in a file manager.
 */
import { useCallback, useMemo, useState } from 'react';
import { idKey } from '../../../shared/azure/resource-id';
import { vmsBetween, type ListItem } from './vm-groups';
import type { Vm } from './vm-filter';

/** Selection state over `items`. */
export function useSelection(items: readonly ListItem[]) {
  const [active, setActive] = useState(0);
  const [anchor, setAnchor] = useState(0);
  // undefined: nothing picked explicitly, the active VM is the selection.
  const [picked, setPicked] = useState<Map<string, Vm> | undefined>();
  const current = Math.min(active, Math.max(items.length - 1, 0));
  const activeItem = items[current];

  // Stable: the list calls it from an effect whenever the filter or grouping changes.
  const reset = useCallback((at = 0): void => {
    setActive(at);
    setAnchor(at);
    setPicked(undefined);
  }, []);
  const selected = useMemo(() => {
    if (picked) return picked;
    return new Map(activeItem?.kind === 'vm' ? [[idKey(activeItem.vm.id), activeItem.vm]] : []);
  }, [picked, activeItem]);

  return {
    current,
    activeItem,
    selected,
    selectedVms: [...selected.values()],
    isSelected: (vm: Vm) => selected.has(idKey(vm.id)),
    /** Back to a single selection at row `at` (a new filter or grouping: the first VM). */
    reset,
    /** Moves the active row; with `extend`, selects the range from the anchor to it. */
    moveTo(index: number, extend = false): void {
      setActive(index);
      if (extend) setPicked(new Map(vmsBetween(items, anchor, index).map((vm) => [idKey(vm.id), vm])));
      else {
        setAnchor(index);
        setPicked(undefined);
      }
    },
    /** Adds or removes the VM at `index` from the selection (Ctrl/Cmd+click, Space). */
    toggleAt(index: number): void {
      const item = items[index];
      setActive(index);
      setAnchor(index);
      if (item?.kind !== 'vm') return;
      const next = new Map(selected);
      const key = idKey(item.vm.id);
      if (next.has(key)) next.delete(key);
      else next.set(key, item.vm);
      setPicked(next);
    },
  };
}
