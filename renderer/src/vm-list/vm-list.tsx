/**
 * The VM list: every subscription's VMs in one virtualised list (only the visible rows are in the DOM), an instant
 * filter, arrow keys to move, Enter or a double-click to connect, and the inventory's problems as a quiet banner.
 */
import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { Input, MessageBar, MessageBarBody, Text } from '@fluentui/react-components';
import type { RequestResult } from '../../../shared/ipc/contract';
import { filterVms, type Vm } from './vm-filter';
import { VmRow } from './vm-row';

const ROW_HEIGHT = 40;

/** The list; `onConnect` runs on Enter or a double-click. */
export function VmList({ data, onConnect }: { data: RequestResult<'vms:list'>; onConnect: (vm: Vm) => void }) {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const rows = useMemo(() => filterVms(data.vms, query), [data.vms, query]);
  const scroller = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
  });
  const current = Math.min(active, Math.max(rows.length - 1, 0));

  function move(to: number): void {
    const next = Math.max(0, Math.min(rows.length - 1, to));
    setActive(next);
    virtual.scrollToIndex(next);
  }
  function onKey(e: KeyboardEvent): void {
    const page = Math.max(1, Math.floor((scroller.current?.clientHeight ?? 400) / ROW_HEIGHT));
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(current + 1),
      ArrowUp: () => move(current - 1),
      PageDown: () => move(current + page),
      PageUp: () => move(current - page),
      Home: () => move(0),
      End: () => move(rows.length - 1),
      Enter: () => rows[current] && onConnect(rows[current]),
    };
    const act = keys[e.key];
    if (!act) return;
    e.preventDefault();
    act();
  }

  const activeId = rows[current] ? `vm-${current}` : undefined;
  return (
    <section className="vm-list" aria-label="Virtual machines">
      {data.problems.length > 0 && (
        <MessageBar intent="info" className="problems">
          <MessageBarBody>
            {data.problems.length} subscription{data.problems.length > 1 ? 's' : ''} could not be read:{' '}
            {data.problems.map((p) => `${p.subscriptionName ?? p.tenantId} (${p.message})`).join('; ')}
          </MessageBarBody>
        </MessageBar>
      )}
      <Input
        placeholder="Filter by name, group, subscription, IP…"
        aria-label="Filter virtual machines"
        value={query}
        onChange={(_, d) => {
          setQuery(d.value);
          setActive(0);
        }}
        onKeyDown={onKey}
      />
      <Text size={200} aria-live="polite">
        {rows.length} of {data.vms.length} VMs{data.fromCache ? ' (from the cache)' : ''}
      </Text>
      <div
        ref={scroller}
        className="vm-scroller"
        role="listbox"
        aria-label="Virtual machines"
        tabIndex={0}
        aria-activedescendant={activeId}
        onKeyDown={onKey}
      >
        <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
          {virtual.getVirtualItems().map((item) => {
            const vm = rows[item.index]!;
            return (
              <div
                key={vm.id}
                id={`vm-${item.index}`}
                role="option"
                aria-selected={item.index === current}
                className={item.index === current ? 'vm-row active' : 'vm-row'}
                style={{ height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
                onClick={() => setActive(item.index)}
                onDoubleClick={() => onConnect(vm)}
              >
                <VmRow vm={vm} />
              </div>
            );
          })}
        </div>
      </div>
    </section>
  );
}
