/** Links into the Azure portal of the cloud in use: the VM's activity log, where every JIT request is audited. */
import type { ResolvedCloud } from '../cloud/cloud';

/** ARM host suffix → portal host of the sovereign clouds; anything else (the public cloud, the simulator) → the public portal. */
const PORTALS: Array<[RegExp, string]> = [
  [/\.usgovcloudapi\.net$/i, 'portal.azure.us'],
  [/\.chinacloudapi\.cn$/i, 'portal.azure.cn'],
];

/** The portal host of a cloud (`portal.azure.com`, `portal.azure.us`, `portal.azure.cn`). */
export function portalHost(cloud: ResolvedCloud | undefined): string {
  if (!cloud) return 'portal.azure.com';
  const host = new URL(cloud.profile.armEndpoint).hostname;
  return PORTALS.find(([re]) => re.test(host))?.[1] ?? 'portal.azure.com';
}

/**
 * The VM's activity log in the portal. The `#@<tenant>/resource<id>/<blade>` deep link is the portal's own form; the
 * tenant part makes a guest tenant's VM open in the right directory.
 */
export function activityLogUrl(portal: string, vmId: string, tenantId?: string): string {
  const id = vmId.startsWith('/') ? vmId : `/${vmId}`;
  return `https://${portal}/#${tenantId ? `@${tenantId}/` : ''}resource${id}/activitylog`;
}
