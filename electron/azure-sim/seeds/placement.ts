/** Where seeded resources go, and the stable GUIDs and etags they carry (the same every run). */
import { createHash } from 'node:crypto';
import type { Estate } from '../model/estate';
import { rgId } from '../model/ids';
import type { ArmResource } from '../model/resources';

/** A stable GUID derived from a name, so seeds give the same ids every run. */
export function guid(name: string): string {
  const h = createHash('sha256').update(name).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** A weak etag derived from a resource's name or id, stable across runs. */
export const etag = (name: string): string => `W/"${guid(`etag:${name}`)}"`;

/** Where a resource goes. */
export interface Placement {
  subscriptionId: string;
  resourceGroup: string;
  location: string;
}

/** A top-level resource in the envelope every seeded one shares (id, name, type, location, etag), then `rest`. */
export function armDoc<P>(
  p: Placement,
  id: string,
  name: string,
  type: string,
  rest: { properties: P } & Record<string, unknown>,
): ArmResource<P> {
  return { id, name, type, location: p.location, etag: etag(id), ...rest };
}

/** Creates the resource group if it does not exist. */
export function ensureResourceGroup(estate: Estate, p: Placement): void {
  const id = rgId(p.subscriptionId, p.resourceGroup);
  if (estate.resourceGroup(id)) return;
  estate.addResourceGroup({
    id,
    name: p.resourceGroup,
    type: 'Microsoft.Resources/resourceGroups',
    location: p.location,
    properties: { provisioningState: 'Succeeded' },
  });
}
