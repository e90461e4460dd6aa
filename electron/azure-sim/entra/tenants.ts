/** Which simulated tenant an authority path segment names, and the URLs (issuer, endpoints) that follow from it. */
import type { SimContext } from '../context';
import type { TenantDoc } from '../model/estate';
import { unknownTenant } from './errors';

/** A resolved authority: the tenant, and whether the path was AAD-style or ADFS-style (`/adfs`, no tenant segment). */
export interface Authority {
  /** The tenant the segment named; for `common`/`organizations`/`adfs`, the home (first) tenant. */
  tenant: TenantDoc;
  /** True when the segment named no tenant in particular: tokens then carry the user's own tenant. */
  multiTenant: boolean;
  flavor: 'aad' | 'adfs';
  /** The path segment as the client sent it (`common`, a GUID, `contoso.com`, `adfs`). */
  segment: string;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for a GUID-shaped string (client ids, tenant ids). */
export function isGuid(s: string): boolean {
  return GUID.test(s);
}

/**
 * Resolves `{tenant}`: a tenant GUID, `common`, `organizations`, a verified domain, or `adfs`.
 * Throws AADSTS90002 for anything else (as AAD does for a mistyped tenant), including `consumers`: there
 * are no personal Microsoft accounts in the simulator.
 */
export function resolveAuthority(ctx: SimContext, segment: string): Authority {
  const s = segment.toLowerCase();
  const home = ctx.estate.tenants[0];
  if (s === 'adfs' && home) return { tenant: home, multiTenant: false, flavor: 'adfs', segment };
  if ((s === 'common' || s === 'organizations') && home)
    return { tenant: home, multiTenant: true, flavor: 'aad', segment };
  const t = ctx.estate.tenants.find(
    (x) =>
      x.tenantId.toLowerCase() === s ||
      x.defaultDomain.toLowerCase() === s ||
      x.domains.some((d) => d.toLowerCase() === s),
  );
  if (!t) throw unknownTenant(segment);
  return { tenant: t, multiTenant: false, flavor: 'aad', segment };
}

/**
 * The base of the authority's endpoints, as AAD's discovery names them: `{base}/common` (or `organizations`)
 * for the multi-tenant aliases, `{base}/{tenant GUID}` for a tenant named by GUID or domain, `{base}/adfs` for ADFS.
 */
export function authorityBase(ctx: SimContext, a: Authority): string {
  if (a.flavor === 'adfs') return `${ctx.baseUrl}/adfs`;
  return `${ctx.baseUrl}/${a.multiTenant ? a.segment.toLowerCase() : a.tenant.tenantId}`;
}

/**
 * The `iss` of id tokens. MSAL Python compares it with the discovery document's `issuer` verbatim, so both
 * come from here: `{base}/{tid}/v2.0` for AAD (as Entra v2), `{base}/adfs` for ADFS.
 */
export function idTokenIssuer(ctx: SimContext, flavor: Authority['flavor'], tenantId: string): string {
  return flavor === 'adfs' ? `${ctx.baseUrl}/adfs` : `${ctx.baseUrl}/${tenantId}/v2.0`;
}

/** The `iss` of access tokens: v1 style, as ARM tokens carry (`https://sts.windows.net/{tid}/` in Azure). */
export function accessTokenIssuer(ctx: SimContext, flavor: Authority['flavor'], tenantId: string): string {
  return flavor === 'adfs' ? `${ctx.baseUrl}/adfs` : `${ctx.baseUrl}/${tenantId}/`;
}

/** The endpoint URLs of an authority (AAD v2 paths, or ADFS's flat `/adfs/oauth2/*`). */
export function endpoints(ctx: SimContext, a: Authority) {
  const base = authorityBase(ctx, a);
  const oauth = a.flavor === 'adfs' ? `${base}/oauth2` : `${base}/oauth2/v2.0`;
  return {
    authorization_endpoint: `${oauth}/authorize`,
    token_endpoint: `${oauth}/token`,
    device_authorization_endpoint: `${oauth}/devicecode`,
    end_session_endpoint: `${oauth}/logout`,
    jwks_uri: a.flavor === 'adfs' ? `${base}/discovery/keys` : `${base}/discovery/v2.0/keys`,
    verification_uri: a.flavor === 'adfs' ? `${base}/oauth2/deviceauth` : `${ctx.baseUrl}/common/oauth2/deviceauth`,
  };
}
