/** An `ArmAccess` on a test simulator: tokens minted per tenant for a seeded user (the guest object id in a guest tenant). */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AccessToken, TokenCredential } from '@azure/core-auth';
import type { Simulator } from '../../../../electron/azure-sim/index';
import { signJwt } from '../../../../electron/azure-sim/crypto/jwt';
import { objectIdIn } from '../../../../electron/azure-sim/model/identity';
import { loadProfileFile } from '../../../../electron/core/cloud/cloud';
import { nodeTransport } from '../../../../electron/core/http/transport';
import type { ArmAccess } from '../../../../electron/core/azure/arm-access';
import { tempDir } from '../../../fixtures/sim';

/** A token for `handle` in `tenantId`, as Entra would issue it (a guest's token carries its guest object id). */
export function tenantToken(sim: Simulator, handle: string, tenantId: string): string {
  const user = sim.ctx.estate.findUser(handle);
  if (!user) throw new Error(`no seeded user ${handle}`);
  const oid = objectIdIn(user, tenantId);
  if (!oid) throw Object.assign(new Error(`AADSTS50020: ${user.upn} is not in tenant ${tenantId}`), { name: 'Error' });
  const now = Math.floor(Date.now() / 1000);
  return signJwt(sim.ctx.signingKey, {
    aud: sim.baseUrl,
    iss: `${sim.baseUrl}/${tenantId}/`,
    iat: now,
    nbf: now,
    exp: now + 3600,
    oid,
    tid: tenantId,
    upn: user.upn,
    unique_name: user.upn,
    name: user.displayName,
    appid: '04b07795-8ddb-461a-bbee-02f9e1bf7b46',
    scp: 'user_impersonation',
    typ_sim: 'access',
  });
}

/** The inventory's access to the simulator as `handle`; `deny` lists tenants whose token asks for MFA. */
export function simAccess(sim: Simulator, handle: string, opts: { deny?: string[] } = {}): ArmAccess {
  const cloud = loadProfileFile(profileFile(sim));
  const user = sim.ctx.estate.findUser(handle)!;
  return {
    cloud,
    transport: nodeTransport(cloud),
    homeTenantId: user.tenantId,
    credentialFor: (tenantId: string): TokenCredential => ({
      getToken: async (): Promise<AccessToken> => {
        if (opts.deny?.includes(tenantId))
          throw Object.assign(new Error('AADSTS50076: you must use multi-factor authentication.'), {
            name: 'InteractionRequiredAuthError',
            errorCode: 'interaction_required',
          });
        return { token: tenantToken(sim, handle, tenantId), expiresOnTimestamp: Date.now() + 3600_000 };
      },
    }),
  };
}

const files = new WeakMap<Simulator, string>();

/** The simulator's cloud profile as a file (what `--cloud FILE` reads). */
function profileFile(sim: Simulator): string {
  let f = files.get(sim);
  if (!f) {
    f = join(tempDir('jit-inv-'), 'profile.json');
    writeFileSync(f, JSON.stringify(sim.profile));
    files.set(sim, f);
  }
  return f;
}
