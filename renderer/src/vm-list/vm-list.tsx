/**
 * The VM list: every subscription's VMs in one virtualised list (headers and rows share one virtualiser, so only the
 * visible ones are in the DOM), an instant filter, grouping by subscription or resource group with collapsible
 * headers, favourites first, multi-select, arrow keys to move, Enter or a double-click to connect, Shift+Enter or the
 * context menu for the request dialog, and the inventory's problems as a quiet banner.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { Input, Text } from '@fluentui/react-components';
import type { JitConnectApi, RequestResult } from '../../../shared/ipc/contract';
import { filterVms, type Vm } from './vm-filter';
import { buildItems, type ListItem } from './vm-groups';
import { VmHeader, VmRow } from './vm-row';
import { useListPrefs } from './use-list-prefs';
import { useSelection } from './use-selection';
import { VmToolbar } from './vm-toolbar';
import { ProblemsBanner } from './problems-banner';
import './vm-list.css';

const ROW_HEIGHT = 40;
const HEADER_HEIGHT = 32;

/** The list; `onConnect` runs on Enter or a double-click, `onOptions` opens the request dialog for some VMs. */
export function VmList({
  api,
  data,
  onConnect,
  onOptions,
}: {
  api: JitConnectApi;
  data: RequestResult<'vms:list'>;
  onConnect: (vm: Vm) => void;
  onOptions: (vms: Vm[]) => void;
}) {
  const [query, setQuery] = useState('');
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const prefs = useListPrefs(api);
  const matching = useMemo(() => filterVms(data.vms, query), [data.vms, query]);
  const items = useMemo(
    () => buildItems(matching, prefs.groupBy, prefs.favouriteKeys, collapsed),
    [matching, prefs.groupBy, prefs.favouriteKeys, collapsed],
  );
  const sel = useSelection(items);
  const scroller = useRef<HTMLDivElement>(null);
  // Stable per `items`: the virtualiser re-measures every row (10,000 of them) whenever getItemKey changes, and a
  // new closure each render made it do so twice a keystroke (the filter's render and the selection reset's).
  const estimateSize = useCallback((i: number) => (items[i]?.kind === 'header' ? HEADER_HEIGHT : ROW_HEIGHT), [items]);
  const getItemKey = useCallback((i: number) => items[i]?.key ?? i, [items]);
  const virtual = useVirtualizer({
    count: items.length,
    getScrollElement: () => scroller.current,
    estimateSize,
    getItemKey,
    overscan: 10,
  });
  // A new filter or grouping puts the keyboard on the first VM (not a header), so Enter in the filter connects it.
  const { reset } = sel;
  const firstVm = Math.max(
    0,
    items.findIndex((i) => i.kind === 'vm'),
  );
  const firstVmRef = useRef(firstVm);
  firstVmRef.current = firstVm;
  useEffect(() => reset(firstVmRef.current), [query, prefs.groupBy, reset]);

  function toggleGroup(key: string): void {
    setCollapsed((c) => {
      const next = new Set(c);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });
  }
  function move(to: number, extend: boolean): void {
    const next = Math.max(0, Math.min(items.length - 1, to));
    sel.moveTo(next, extend);
    virtual.scrollToIndex(next);
  }
  /** Enter: the selection when several VMs are picked (the dialog: one request), else the active VM at once. */
  function connectActive(options: boolean): void {
    const item = sel.activeItem;
    if (item?.kind === 'header') return toggleGroup(item.key);
    const several = sel.selectedVms.length > 1;
    if (options || several) return onOptions(several ? sel.selectedVms : item ? [item.vm] : []);
    if (item) onConnect(item.vm);
  }
  function onKey(e: KeyboardEvent, inInput: boolean): void {
    const page = Math.max(1, Math.floor((scroller.current?.clientHeight ?? 400) / ROW_HEIGHT));
    const item = sel.activeItem;
    const cur = sel.current;
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(cur + 1, e.shiftKey),
      ArrowUp: () => move(cur - 1, e.shiftKey),
      PageDown: () => move(cur + page, e.shiftKey),
      PageUp: () => move(cur - page, e.shiftKey),
      Enter: () => connectActive(e.shiftKey),
      ...(inInput
        ? {}
        : {
            Home: () => move(0, e.shiftKey),
            End: () => move(items.length - 1, e.shiftKey),
            ' ': () => (item?.kind === 'header' ? toggleGroup(item.key) : sel.toggleAt(cur)),
            ArrowLeft: () => item?.kind === 'header' && !item.collapsed && toggleGroup(item.key),
            ArrowRight: () => item?.kind === 'header' && item.collapsed && toggleGroup(item.key),
          }),
    };
    const act = keys[e.key];
    if (!act) return;
    e.preventDefault();
    act();
  }
  function onRowClick(e: MouseEvent, index: number, item: ListItem): void {
    if (item.kind === 'header') {
      sel.moveTo(index);
      return toggleGroup(item.key);
    }
    if (e.ctrlKey || e.metaKey) sel.toggleAt(index);
    else sel.moveTo(index, e.shiftKey);
  }

  const activeId = sel.activeItem ? `vm-item-${sel.current}` : undefined;
  return (
    <section className="vm-list" aria-label="Virtual machines">
      <ProblemsBanner problems={data.problems} />
      <Input
        placeholder="Filter by name, group, subscription, IP…"
        aria-label="Filter virtual machines"
        value={query}
        onChange={(_, d) => setQuery(d.value)}
        onKeyDown={(e) => onKey(e, true)}
      />
      <VmToolbar
        groupBy={prefs.groupBy}
        onGroupBy={prefs.setGroupBy}
        active={sel.activeItem?.kind === 'vm' ? sel.activeItem : undefined}
        selected={sel.selectedVms}
        onConnect={onConnect}
        onOptions={onOptions}
        onToggleFavourite={prefs.toggleFavourite}
      />
      <Text size={200} aria-live="polite">
        {matching.length} of {data.vms.length} VMs{data.fromCache ? ' (from the cache)' : ''}
        {sel.selectedVms.length > 1 ? ` · ${sel.selectedVms.length} selected` : ''}
        {prefs.error ? ` · favourites not saved: ${prefs.error}` : ''}
      </Text>
      <div
        ref={scroller}
        className="vm-scroller"
        role="listbox"
        aria-label="Virtual machines"
        aria-multiselectable="true"
        tabIndex={0}
        aria-activedescendant={activeId}
        onKeyDown={(e) => onKey(e, false)}
      >
        <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
          {virtual.getVirtualItems().map((v) => {
            const item = items[v.index]!;
            const active = v.index === sel.current;
            const style = { height: v.size, transform: `translateY(${v.start}px)` };
            if (item.kind === 'header')
              return (
                <VmHeader
                  key={item.key}
                  id={`vm-item-${v.index}`}
                  item={item}
                  active={active}
                  style={style}
                  onClick={(e) => onRowClick(e, v.index, item)}
                />
              );
            return (
              <div
                key={item.key}
                id={`vm-item-${v.index}`}
                role="option"
                aria-selected={sel.isSelected(item.vm)}
                data-active={active}
                className="vm-row"
                style={style}
                onClick={(e) => onRowClick(e, v.index, item)}
                onDoubleClick={(e) => !e.ctrlKey && !e.metaKey && !e.shiftKey && onConnect(item.vm)}
                onContextMenu={(e) => {
                  e.preventDefault();
                  onOptions(sel.isSelected(item.vm) && sel.selectedVms.length > 1 ? sel.selectedVms : [item.vm]);
                }}
              >
                <VmRow vm={item.vm} favourite={item.favourite} onToggleFavourite={prefs.toggleFavourite} />
              </div>
            );
          })}
        </div>
      </div>
    </section>
  );
}
