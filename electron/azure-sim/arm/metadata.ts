/**
 * ARM's anonymous cloud metadata (`GET /metadata/endpoints?api-version=2015-01-01`), which `az cloud register
 * --endpoint-resource-manager` reads to learn the sign-in endpoint and token audience. The login endpoint ends in
 * `/adfs`, so Debian's azure-cli signs in ADFS-style (no tenant discovery against the public cloud).
 */
import type { SimContext } from '../context';
import type { Handler, Router } from '../http/router';
import { apiVersionProblem } from './api-versions';
import { armError } from './errors';

/** Registers the metadata endpoint on the anonymous router. */
export function registerArmMetadata(router: Router<Handler<SimContext>>): void {
  router.add('GET', '/metadata/endpoints', (req, ctx) => {
    const problem = apiVersionProblem('metadata', req.query.get('api-version'));
    if (problem) return armError(problem.status, problem.code, problem.message);
    return {
      status: 200,
      json: {
        galleryEndpoint: `${ctx.baseUrl}/`,
        graphEndpoint: `${ctx.baseUrl}/`,
        portalEndpoint: `${ctx.baseUrl}/`,
        authentication: { loginEndpoint: `${ctx.baseUrl}/adfs`, audiences: [`${ctx.baseUrl}/`, ctx.baseUrl] },
      },
    };
  });
}
