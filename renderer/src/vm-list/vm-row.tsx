/** One VM row: name, JIT state and power at a glance, where it lives. */
import { Badge, Text } from '@fluentui/react-components';
import type { Vm } from './vm-filter';

const JIT_LABEL: Record<Vm['jit']['state'], string> = {
  configured: 'JIT',
  'not-configured': 'No JIT',
  unsupported: 'JIT n/a',
  unknown: 'JIT ?',
};

/** The row's content (the list positions it). */
export function VmRow({ vm }: { vm: Vm }) {
  const running = vm.powerState === 'running';
  return (
    <>
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
