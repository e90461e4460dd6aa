/**
 * The bench's `ArmAccess` on a simulator in another process: tokens from the simulator's password grant (ROPC),
 * one per tenant, cached for the run. Bench-only; the product signs in through the auth module.
 */
import https from 'node:https';
import type { AccessToken, TokenCredential } from '@azure/core-auth';
import type { ArmAccess } from '../../electron/core/azure/arm-access';
import { loadProfileFile } from '../../electron/core/cloud/cloud';
import { armScope, nodeTransport } from '../../electron/core/http/transport';

function post(url: string, form: Record<string, string>, ca: string | undefined): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const body = new URLSearchParams(form).toString();
    const req = https.request(
      url,
      { method: 'POST', ca, headers: { 'content-type': 'application/x-www-form-urlencoded' } },
      (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (c: string) => (text += c));
        res.on('end', () => {
          const json = JSON.parse(text) as Record<string, unknown>;
          if ((res.statusCode ?? 500) >= 400) reject(new Error(String(json.error_description ?? text)));
          else resolve(json);
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Signs in with a password and returns the inventory's access for that account. */
export async function passwordAccess(profileFile: string, username: string, password: string): Promise<ArmAccess> {
  const cloud = loadProfileFile(profileFile);
  const p = cloud.profile as typeof cloud.profile & { tenantId: string; clientId: string };
  const tokens = new Map<string, Promise<AccessToken>>();
  const tokenFor = (tenantId: string) => {
    let t = tokens.get(tenantId);
    if (!t) {
      t = post(
        `${p.authorityHost.replace(/\/+$/, '')}/${tenantId}/oauth2/v2.0/token`,
        { grant_type: 'password', client_id: p.clientId, scope: armScope(cloud), username, password },
        cloud.ca,
      ).then((j) => ({
        token: String(j.access_token),
        expiresOnTimestamp: Date.now() + Number(j.expires_in) * 1000,
      }));
      tokens.set(tenantId, t);
    }
    return t;
  };
  await tokenFor(p.tenantId);
  return {
    cloud,
    transport: nodeTransport(cloud),
    homeTenantId: p.tenantId,
    credentialFor: (tenantId: string): TokenCredential => ({ getToken: () => tokenFor(tenantId) }),
  };
}
