/**
 * The VM list asked for as soon as the session is known to be signed in, before the workspace renders: its first
 * render (the top bar, the grants panel, Fluent's styles) took 50-120 ms that the request then waited for. The
 * workspace takes the answer once, for its first load; later loads ask as before.
 */
import type { JitConnectApi, RequestResult } from '../../../shared/ipc/contract';

type VmList = RequestResult<'vms:list'>;

let early: Promise<VmList> | undefined;

/** Asks for the list now; the app calls it once, when it first sees a signed-in session, right before the workspace mounts. */
export function askFirstList(api: JitConnectApi): void {
  if (early) return;
  const asked = api.call('vms:list', {});
  // Nobody may take it (a session that changes first): its failure is reported to whoever takes it, else dropped.
  asked.catch(() => undefined);
  early = asked;
}

/** The list asked for early, once; undefined when none was asked for or it was already taken. */
export function takeFirstList(): Promise<VmList> | undefined {
  const taken = early;
  early = undefined;
  return taken;
}
