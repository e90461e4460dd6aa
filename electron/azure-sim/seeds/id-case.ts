/**
 * How Azure's providers spell one resource id differently (azure-cli#8283, azure-sdk-for-python#574,
 * azure-rest-api-specs#20131): the seeds give every cross-reference a client joins on its own spelling, so a
 * client that compares ids with `===` fails against the simulator as it would against Azure. The simulator itself
 * keys every lookup with `idKey` (lower case).
 */

/** Applies `f` to the resource group name of an id (and to the `resourceGroups` segment with `segment`). */
function recaseGroup(id: string, f: (rg: string) => string, segment?: string): string {
  return id.replace(/\/resourceGroups\/([^/]+)/i, (_m, rg: string) => `/${segment ?? 'resourceGroups'}/${f(rg)}`);
}

/** The spellings the seeds use, by who writes the id. */
export const idCase = {
  /**
   * Compute's ids: the resource group upper-cased, as `az vm list` shows it (VM ids, and the NIC and disk ids a
   * VM names). The resource group's own document keeps its name as created.
   */
  compute: (id: string): string => recaseGroup(id, (rg) => rg.toUpperCase()),
  /**
   * References the network provider keeps to other resources (NIC → NSG, subnet, public IP; subnet → NSG;
   * NSG → subnets and NICs; public IP → IP configuration; gateway → subnet; peering → VNet): the resource
   * group upper-cased, as written by a template that spelt it so. The referenced resource's own id keeps
   * the case it was created with.
   */
  networkRef: (id: string): string => recaseGroup(id, (rg) => rg.toUpperCase()),
  /** A NIC's `virtualMachine.id`: `resourcegroups` in lower case, the group as created (not as Compute says it). */
  nicToVm: (id: string): string => recaseGroup(id, (rg) => rg, 'resourcegroups'),
  /** Defender for Cloud's JIT policy VM ids: all lower case, as Defender stores resource ids. */
  security: (id: string): string => id.toLowerCase(),
  /** A JIT request's VM id: as the requester typed it (the group as created, the VM name lower-cased). */
  request: (id: string): string =>
    id.replace(/\/virtualMachines\/([^/]+)$/i, (_m, n: string) => `/virtualMachines/${n.toLowerCase()}`),
} as const;
