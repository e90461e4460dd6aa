/** Entra ID endpoints. */
import type { SimContext } from '../context';
import type { Handler, Router } from '../http/router';

/** Registers the Entra routes. */
export function registerEntraRoutes(_router: Router<Handler<SimContext>>, _ctx: SimContext): void {}
