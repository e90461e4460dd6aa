/** One VM row (name, favourite star, JIT state and power at a glance, where it lives) and a group's header row. */
import type { CSSProperties, MouseEvent } from 'react';
import { Badge, Text } from '@fluentui/react-components';
import type { Vm } from './vm-filter';
import type { HeaderItem } from './vm-groups';

const JIT_LABEL: Record<Vm['jit']['state'], string> = {
  configured: 'JIT',
  'not-configured': 'No JIT',
  unsupported: 'JIT n/a',
  unknown: 'JIT ?',
};

/** The row's content (the list positions it); the star toggles the favourite with the mouse (the toolbar with keys). */
export function VmRow({
  vm,
  favourite,
  onToggleFavourite,
}: {
  vm: Vm;
  favourite: boolean;
  onToggleFavourite: (id: string) => void;
}) {
  const running = vm.powerState === 'running';
  const stop = (e: MouseEvent) => e.stopPropagation();
  return (
    <>
      {/* Not a button: the row is an option, and an option may hold no control (the toolbar's star is the keyboard's way). */}
      <span
        className={favourite ? 'vm-star on' : 'vm-star'}
        aria-hidden="true"
        data-testid="star"
        title={favourite ? 'Remove from favourites' : 'Add to favourites'}
        onClick={(e) => {
          stop(e);
          onToggleFavourite(vm.id);
        }}
        onDoubleClick={stop}
      >
        {favourite ? '★' : '☆'}
      </span>
      {favourite && <span className="visually-hidden">Favourite:</span>}
      <Text weight="semibold" className="vm-name">
        {vm.name}
      </Text>
      <Badge appearance="tint" color={vm.jit.state === 'configured' ? 'brand' : 'informative'}>
        {JIT_LABEL[vm.jit.state]}
      </Badge>
      <Badge appearance="tint" color={running ? 'success' : 'warning'}>
        {vm.powerState}
      </Badge>
      <Text className="vm-where">
        {[`${vm.subscriptionName} / ${vm.resourceGroup}`, vm.osType === 'unknown' ? undefined : vm.osType, vm.privateIp]
          .filter(Boolean)
          .join(' · ')}
      </Text>
    </>
  );
}

/** A group's header inside the list: its name and count; a click, Enter, Space or the arrows fold it. */
export function VmHeader({
  id,
  item,
  active,
  style,
  onClick,
}: {
  id: string;
  item: HeaderItem;
  active: boolean;
  style: CSSProperties;
  onClick: (e: MouseEvent) => void;
}) {
  return (
    <div
      id={id}
      role="group"
      aria-label={`${item.label}, ${item.count} VM${item.count === 1 ? '' : 's'}, ${item.collapsed ? 'collapsed' : 'expanded'}`}
      aria-expanded={!item.collapsed}
      data-active={active}
      data-group={item.key}
      className="vm-row vm-header"
      style={style}
      onClick={onClick}
    >
      <span aria-hidden="true" className="vm-chevron">
        {item.collapsed ? '▸' : '▾'}
      </span>
      <Text weight="semibold">{item.label}</Text>
      <Text size={200} className="vm-where">
        {item.count} VM{item.count === 1 ? '' : 's'}
      </Text>
    </div>
  );
}
