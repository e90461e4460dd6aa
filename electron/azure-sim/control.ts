/** The control API (`/_sim`, loopback only): tests and the demo drive the simulator through it. */
import { z } from 'zod';
import type { SimContext } from './context';
import { jsonBody } from './http/form';
import type { Handler, Router, SimRequest, SimResponse } from './http/router';
import { FaultSchema, SettingsPatchSchema } from './settings';

/** What the control API needs from the running simulator besides the shared context. */
export interface ControlHooks {
  /** Replaces the estate with a fresh seed. */
  reset: (seed: string) => void;
  /** Applies a settings change that other parts must react to (e.g. the gate's lag). */
  settingsChanged: () => void;
  /** Extra state to show in `/_sim/state` (gate status, profile). */
  describe: () => Record<string, unknown>;
}

function parse<T>(schema: z.ZodType<T>, req: SimRequest): { ok: true; value: T } | { ok: false; res: SimResponse } {
  let body: unknown;
  try {
    body = jsonBody(req) ?? {};
  } catch (err) {
    return { ok: false, res: { status: 400, json: { error: `malformed JSON: ${(err as Error).message}` } } };
  }
  const r = schema.safeParse(body);
  if (!r.success)
    return {
      ok: false,
      res: {
        status: 400,
        json: {
          error: 'invalid body',
          issues: r.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`),
        },
      },
    };
  return { ok: true, value: r.data };
}

/** True when a VM with this name (any case) or resource id exists in the estate. */
function vmExists(ctx: SimContext, vm: string): boolean {
  const vms = ctx.estate.list('Microsoft.Compute/virtualMachines');
  const key = vm.toLowerCase();
  return vms.some((v) => v.name.toLowerCase() === key || v.id.toLowerCase() === key);
}

/** Registers the control endpoints of DESIGN.md §5. */
export function registerControlRoutes(router: Router<Handler<SimContext>>, hooks: ControlHooks): void {
  router.add('GET', '/_sim/state', (_req, ctx) => ({
    status: 200,
    json: {
      now: ctx.clock.now().toISOString(),
      clockOffsetSeconds: ctx.clock.offset / 1000,
      settings: ctx.settings,
      faults: ctx.faults.list(),
      estate: ctx.estate.snapshot(),
      ...hooks.describe(),
    },
  }));

  router.add('POST', '/_sim/clock/advance', (req, ctx) => {
    const p = parse(
      z
        .object({
          seconds: z
            .number()
            .min(0)
            .max(10 * 365 * 86400),
        })
        .strict(),
      req,
    );
    if (!p.ok) return p.res;
    ctx.clock.advance(p.value.seconds);
    return { status: 200, json: { now: ctx.clock.now().toISOString(), clockOffsetSeconds: ctx.clock.offset / 1000 } };
  });

  router.add('GET', '/_sim/faults', (_req, ctx) => ({ status: 200, json: ctx.faults.list() }));
  router.add('POST', '/_sim/faults', (req, ctx) => {
    const p = parse(FaultSchema, req);
    if (!p.ok) return p.res;
    ctx.faults.add(p.value);
    return { status: 201, json: ctx.faults.list() };
  });
  router.add('DELETE', '/_sim/faults', (_req, ctx) => {
    ctx.faults.clear();
    return { status: 204 };
  });

  router.add('GET', '/_sim/settings', (_req, ctx) => ({ status: 200, json: ctx.settings }));
  router.add('POST', '/_sim/settings', (req, ctx) => {
    const p = parse(SettingsPatchSchema, req);
    if (!p.ok) return p.res;
    const { clientPublicIp, clientInterfaces, signInAs, ...rest } = p.value;
    const unknownVm = rest.blockedPorts?.find((b) => !vmExists(ctx, b.vm));
    if (unknownVm) return { status: 400, json: { error: `blockedPorts: no VM '${unknownVm.vm}' in the estate` } };
    if (signInAs !== undefined) {
      const user = ctx.estate.findUser(signInAs);
      if (!user)
        return {
          status: 400,
          json: {
            error: `no seeded user '${signInAs}'; known: ${[...ctx.estate.users.values()].map((u) => u.handle).join(', ')}`,
          },
        };
      ctx.settings.signInAs = user.handle;
    }
    if (clientPublicIp !== undefined) {
      ctx.estate.client = { ...ctx.estate.client, publicIp: clientPublicIp };
      ctx.estate.touch();
    }
    if (clientInterfaces !== undefined) {
      ctx.estate.client = { ...ctx.estate.client, interfaces: clientInterfaces.map((i) => ({ ...i })) };
      ctx.estate.touch();
    }
    Object.assign(ctx.settings, rest);
    hooks.settingsChanged();
    return { status: 200, json: ctx.settings };
  });

  router.add('POST', '/_sim/revoke', (req, ctx) => {
    const p = parse(z.object({ user: z.string().min(1) }).strict(), req);
    if (!p.ok) return p.res;
    const user = ctx.estate.findUser(p.value.user);
    if (!user) return { status: 404, json: { error: `no seeded user '${p.value.user}'` } };
    ctx.revokedBefore.set(user.oid, Date.now());
    return { status: 200, json: { revoked: user.upn } };
  });

  // A CAE critical event for a user: ARM challenges their CAE-capable (cp1) tokens issued before now.
  router.add('POST', '/_sim/cae', (req, ctx) => {
    const p = parse(z.object({ user: z.string().min(1) }).strict(), req);
    if (!p.ok) return p.res;
    const user = ctx.estate.findUser(p.value.user);
    if (!user) return { status: 404, json: { error: `no seeded user '${p.value.user}'` } };
    const at = Date.now();
    ctx.caeEvents.set(user.oid, at);
    return { status: 200, json: { user: user.upn, at: new Date(at).toISOString() } };
  });

  router.add('GET', '/_sim/calls', (_req, ctx) => ({ status: 200, json: ctx.calls }));
  router.add('DELETE', '/_sim/calls', (_req, ctx) => {
    ctx.calls.length = 0;
    return { status: 204 };
  });

  router.add('POST', '/_sim/reset', (req) => {
    const p = parse(z.object({ seed: z.string().min(1).default('demo') }).strict(), req);
    if (!p.ok) return p.res;
    try {
      hooks.reset(p.value.seed);
    } catch (err) {
      return { status: 400, json: { error: (err as Error).message } };
    }
    return { status: 200, json: { seed: p.value.seed } };
  });
}
