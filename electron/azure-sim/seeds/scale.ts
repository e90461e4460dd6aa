/** The `scale:<vms>:<subs>` seed: a large estate for inventory and paging benchmarks. */
import { Estate } from '../model/estate';
import type { ArmResource, JitPortRule, VmProperties } from '../model/resources';
import { guid, type Placement } from './placement';
import { addNsg } from './nsg-builders';
import { addVnet } from './network-builders';
import { addVm } from './vm-builders';
import { addJitPolicy, jitPort } from './jit-builders';
import { addPeople, addSubscription, addTenant } from './identities';
import { DEMO } from './demo';

const REGIONS = ['westeurope', 'northeurope', 'eastus', 'westus2'];
const VMS_PER_RG = 50;

/** Builds `vms` VMs spread evenly over `subs` subscriptions; about two thirds have JIT. */
export function scaleEstate(vms: number, subs: number): Estate {
  if (!Number.isInteger(vms) || vms < 1 || vms > 100_000) throw new Error('scale seed: vms must be 1..100000');
  if (!Number.isInteger(subs) || subs < 1 || subs > 500) throw new Error('scale seed: subs must be 1..500');
  const e = new Estate();
  e.seed = `scale:${vms}:${subs}`;
  addTenant(e, DEMO.tenantId, 'Contoso', DEMO.domain);
  const subIds = Array.from({ length: subs }, (_, i) => guid(`scale-sub:${i}`));
  subIds.forEach((id, i) =>
    addSubscription(e, id, `Contoso Landing Zone ${String(i + 1).padStart(3, '0')}`, DEMO.tenantId),
  );
  addPeople(e, DEMO.tenantId, DEMO.domain, subIds, []);
  e.client = { interfaces: [{ name: 'eth0', address: '192.168.1.20' }], publicIp: DEMO.publicClientIp };

  let made = 0;
  subIds.forEach((subscriptionId, s) => {
    const count = Math.floor(vms / subs) + (s < vms % subs ? 1 : 0);
    const location = REGIONS[s % REGIONS.length]!;
    const net: Placement = { subscriptionId, resourceGroup: 'rg-network', location };
    const subnetCount = Math.max(1, Math.ceil(count / 250));
    const vnet = addVnet(
      e,
      net,
      'vnet-main',
      `10.${s % 256}.0.0/16`,
      Array.from({ length: subnetCount }, (_, i) => ({ name: `snet-${i}`, prefix: `10.${s % 256}.${i}.0/24` })),
    );
    let policyVms: Array<{ vm: ArmResource<VmProperties>; ports: JitPortRule[] }> = [];
    let rg: Placement | undefined;
    for (let i = 0; i < count; i++) {
      if (i % VMS_PER_RG === 0) {
        if (rg && policyVms.length) addJitPolicy(e, rg, policyVms);
        policyVms = [];
        rg = { subscriptionId, resourceGroup: `rg-workload-${String(i / VMS_PER_RG).padStart(3, '0')}`, location };
      }
      const windows = (made + i) % 3 !== 0;
      const name = `${windows ? 'win' : 'lnx'}-${String(s).padStart(3, '0')}-${String(i).padStart(5, '0')}`;
      const vm = addVm(e, rg!, {
        name,
        os: windows ? 'Windows' : 'Linux',
        subnet: vnet.properties.subnets[Math.floor(i / 250)]!,
        privateIp: `10.${s % 256}.${Math.floor(i / 250)}.${(i % 250) + 4}`,
        nicNsg: addNsg(e, rg!, `${name}-nsg`),
        power: i % 10 === 9 ? 'deallocated' : 'running',
      });
      if (i % 3 !== 2) policyVms.push({ vm, ports: [jitPort(windows ? 3389 : 22)] });
    }
    if (rg && policyVms.length) addJitPolicy(e, rg, policyVms);
    made += count;
  });
  return e;
}
