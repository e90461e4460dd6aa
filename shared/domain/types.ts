/** Domain types every layer shares (isomorphic: no Node, DOM or Electron). */

/** Operating system family of a VM; decides the default port and the client to launch. */
export type OsType = 'Windows' | 'Linux';

/** Power state as Azure reports it (`PowerState/<code>`), or unknown when it could not be read. */
export type PowerState = 'starting' | 'running' | 'stopping' | 'stopped' | 'deallocating' | 'deallocated' | 'unknown';

/** Transport protocol of a JIT port rule (`*` means any). */
export type JitProtocol = 'TCP' | 'UDP' | '*';

/** One port of a JIT policy for one VM: what may be requested and from where. */
export interface JitPort {
  number: number;
  protocol: JitProtocol;
  /** ISO-8601 duration, PT5M..P1D. */
  maxDuration: string;
  /** `['*']` for any source, else the listed prefixes (IPs or CIDRs). */
  allowedSources: string[];
  /**
   * True when the policy lists its sources (`allowedSourceAddressPrefixes`): a request must then name one of them
   * exactly. Otherwise the one prefix (`allowedSourceAddressPrefix`, `*` included) accepts any range inside it.
   */
  sourcesExact?: boolean;
}

/** A JIT policy: the VMs of one resource group and region it covers, with their ports. */
export interface JitPolicy {
  id: string;
  name: string;
  subscriptionId: string;
  resourceGroup: string;
  location: string;
  virtualMachines: Array<{ vmId: string; ports: JitPort[]; firewallPublicIp?: string }>;
}

/**
 * JIT state of a VM, grouped as the portal groups it: `configured` (a policy lists it), `not-configured` (it could
 * have one), `unsupported` (it cannot: no NSG, no Defender for Servers Plan 2, …), or `unknown` (not readable).
 */
export type JitState = 'configured' | 'not-configured' | 'unsupported' | 'unknown';

/** The JIT side of a VM: whether a policy covers it and with which ports. */
export interface VmJit {
  state: JitState;
  ports: JitPort[];
  /** Resource id of the policy that lists this VM. */
  policyId?: string;
  /** Public IP of the Azure Firewall in front of the VM, when the policy names one. */
  firewallPublicIp?: string;
  /** Why the state is `unsupported` or `unknown`, in words a user can act on. */
  reason?: string;
}

/** How a point-to-site VPN pool reaches a VM. */
export type P2sPoolSource = 'vnet-gateway' | 'gateway-transit' | 'virtual-wan' | 'admin-setting';

/** A point-to-site VPN client address pool that reaches the VM. */
export interface P2sPool {
  /** The pool's CIDR, e.g. `10.13.1.0/24`. */
  prefix: string;
  via: P2sPoolSource;
  /** The VPN gateway (or Virtual WAN P2S gateway) that hands out the pool; absent for the admin setting. */
  gatewayId?: string;
}

/** A virtual machine as the inventory lists it (DESIGN.md §5 `vms` shape, extended). */
export interface Vm {
  id: string;
  name: string;
  resourceGroup: string;
  subscriptionId: string;
  subscriptionName: string;
  tenantId: string;
  location: string;
  /** Unknown when the caller may not read the VM (the API-only JIT role). */
  osType: OsType | 'unknown';
  /** e.g. `Standard_D2s_v5`. */
  size?: string;
  powerState: PowerState;
  privateIp?: string;
  publicIp?: string;
  /** The NSGs that apply: on the NIC, on the subnet, or both (resource ids). */
  nsgs: { nic?: string; subnet?: string };
  /** The point-to-site pools that reach the VM. */
  p2sPools: P2sPool[];
  jit: VmJit;
  /** Fields the caller could not read (e.g. `osType`, `privateIp` for the API-only JIT role). */
  unknown?: string[];
  /** Fields guessed rather than read (e.g. `publicIp` matched by a NIC's name for the API-only JIT role). */
  inferred?: string[];
  /** The VNet of the VM's primary NIC (resource id), when known. */
  vnetId?: string;
}

/** A tenant the signed-in account can reach (ARM `/tenants`): its home tenant and those where it is a guest. */
export interface Tenant {
  tenantId: string;
  displayName?: string;
  defaultDomain?: string;
}

/** A subscription of a tenant, as the inventory reads it. */
export interface Subscription {
  subscriptionId: string;
  displayName: string;
  tenantId: string;
  /** `Enabled`, `Disabled`, `Warned`, … */
  state?: string;
}

/** A subscription, or a read within it, that could not be read fully: shown beside the list, never fatal. */
export interface InventoryProblem {
  tenantId: string;
  subscriptionId?: string;
  subscriptionName?: string;
  /** What could not be read, e.g. `virtual machines`, `JIT policies`, `the tenant`. */
  what: string;
  /** `forbidden`, `needs-sign-in` (MFA, Conditional Access), `throttled`, `timeout`, `failed`. */
  kind: 'forbidden' | 'needs-sign-in' | 'throttled' | 'timeout' | 'failed';
  message: string;
  /** What the user can do about it (the missing RBAC action, "sign in to this tenant", …). */
  fix?: string;
  /** Azure's error code, when Azure answered one (e.g. `AuthorizationFailed`). */
  azureCode?: string;
}

/** A live (or recently ended) JIT grant for one VM and port. */
export interface Grant {
  vmId: string;
  vmName: string;
  port: number;
  /** The source prefix Azure used (read back from the 202 or the policy's requests). */
  source: string;
  /** `host:port` to dial: the VM's private or public address, or firewall-IP:mappedPort. */
  dialAddress: string;
  startTimeUtc: string;
  endTimeUtc: string;
  /** Name of the NSG allow rule, once seen. */
  ruleName?: string;
  /** Who requested it (UPN), so grants made elsewhere can be told apart. */
  requestor?: string;
}

/** A grant with its remaining time, as `grants` lists it. */
export interface GrantWithRemaining extends Grant {
  remainingSeconds: number;
}

/** The steps a connect goes through, in order; the CLI's progress line and the UI show them with their timings. */
export const CONNECT_STEPS = ['requested', 'waiting-for-rule', 'rule-live', 'reachable', 'launching'] as const;

/** One step of a connect. */
export type ConnectStep = (typeof CONNECT_STEPS)[number];

/** A connect reached a step (events in the past tense: it happened at `elapsedMs` after the connect began). */
export interface ConnectProgress {
  step: ConnectStep;
  /** Milliseconds since the connect began. */
  elapsedMs: number;
  /** A short human detail, e.g. "source 10.13.1.0/24 (VPN pool)", "rule MicrosoftDefenderForCloud-JITRule-… live". */
  detail?: string;
}

/** Which way a connection goes, and so which source range a request names. */
export type SourcePath = 'vpn' | 'public' | 'firewall' | 'fixed' | 'any';

/** The source range chosen for a request, where to dial, and why (shown to the user). */
export interface SourceChoice {
  path: SourcePath;
  /** The prefix to request; absent: leave it out, so Azure uses the caller's address as it sees it (read back later). */
  requestPrefix?: string;
  /** The address to dial (the VM's private or public IP, or the firewall's): before the profile's addressMap. */
  dialHost: string;
  /** The local address that reaches the VM (on the VPN), when known. */
  localAddress?: string;
  /** In words: "VPN pool 10.13.1.0/24 — you are on the VPN at 10.13.1.7". */
  explanation: string;
}
