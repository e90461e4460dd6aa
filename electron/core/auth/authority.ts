/** Which Entra authority MSAL talks to for a cloud profile, and how MSAL may trust it. */
import type { ResolvedCloud } from '../cloud/cloud';

/**
 * The Entra hosts MSAL knows by itself (instance discovery answers for them). Any other host — an Azure Stack ADFS,
 * a sovereign test cloud, the simulator on loopback — must be named in `knownAuthorities`, or MSAL refuses it.
 */
const MSAL_KNOWN_HOSTS = new Set([
  'login.microsoftonline.com',
  'login.windows.net',
  'login.microsoft.com',
  'sts.windows.net',
  'login.microsoftonline.us',
  'login.usgovcloudapi.net',
  'login.chinacloudapi.cn',
  'login.partner.microsoftonline.cn',
]);

/** The authority host of a profile without a trailing slash. */
export function authorityHost(cloud: ResolvedCloud): string {
  return cloud.profile.authorityHost.replace(/\/+$/, '');
}

/**
 * The sign-in tenant: `--tenant`, else the profile's, else `organizations` (any work or school account, as the
 * Azure CLI signs in; a personal Microsoft account has no Azure subscriptions of its own).
 */
export function signInTenant(cloud: ResolvedCloud, tenant?: string): string {
  return tenant ?? cloud.profile.tenantId ?? 'organizations';
}

/** The authority URL of one tenant. */
export function tenantAuthority(cloud: ResolvedCloud, tenantId: string): string {
  return `${authorityHost(cloud)}/${tenantId}`;
}

/** `knownAuthorities` for MSAL: empty for Microsoft's own hosts, the profile's `host:port` otherwise. */
export function knownAuthorities(cloud: ResolvedCloud): string[] {
  const host = new URL(cloud.profile.authorityHost).host;
  return MSAL_KNOWN_HOSTS.has(host.toLowerCase()) ? [] : [host];
}
