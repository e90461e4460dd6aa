/**
 * One contract, three lists: the channels the main process handles, the channels the preload lets the page reach,
 * and the contract's own lists are the same, and each handler validates with its own channel's schema.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EVENT_CHANNELS, EVENTS, REQUESTS, REQUEST_CHANNELS, type Handlers } from '../../../shared/ipc/contract';
import { CONNECT_STEPS } from '../../../shared/domain/types';
import { registerHandlers, windowEventSink } from '../../../electron/main/ipc';
import { buildApi, type BridgeIpc } from '../../../electron/preload/bridge';
import { fakeIpcMain } from './fakes';

const sorted = (xs: Iterable<string>) => [...xs].sort();

/** Every channel name a fake ipcRenderer saw the bridge accept. */
function preloadChannels(candidates: string[]) {
  const invoked = new Set<string>();
  const subscribed = new Set<string>();
  const ipc = {
    invoke: async (c: string) => (invoked.add(c), { ok: true, value: null }),
    on: (c: string) => (subscribed.add(c), ipc),
    removeListener: () => ipc,
  };
  const api = buildApi(ipc as unknown as BridgeIpc);
  return Promise.all(candidates.map((c) => api.call(c as never, {} as never).catch(() => undefined))).then(() => {
    for (const c of candidates) {
      try {
        api.on(c as never, () => undefined);
      } catch {
        // refused: not an event channel
      }
    }
    return { invoked, subscribed };
  });
}

test('preload, main handlers and the contract list the same request and event channels', async () => {
  const everything = [...REQUEST_CHANNELS, ...EVENT_CHANNELS, 'fs:read', 'shell:open', 'vms:delete'];
  const { invoked, subscribed } = await preloadChannels(everything);
  assert.deepEqual(sorted(invoked), sorted(Object.keys(REQUESTS)));
  assert.deepEqual(sorted(subscribed), sorted(Object.keys(EVENTS)));

  const f = fakeIpcMain();
  const handlers = Object.fromEntries(REQUEST_CHANNELS.map((c) => [c, async () => null])) as unknown as Handlers;
  assert.deepEqual(sorted(registerHandlers(f.ipc, handlers).channels), sorted(Object.keys(REQUESTS)));
  assert.deepEqual(sorted(f.handlers.keys()), sorted(Object.keys(REQUESTS)));

  const forwarded = new Set<string>();
  const sink = windowEventSink(() => ({ send: (c: string) => forwarded.add(c), isDestroyed: () => false }) as never);
  for (const c of everything) {
    // A payload valid for the channel when it is one; the sink must forward every event channel and nothing else.
    const schema = (EVENTS as Record<string, { safeParse(v: unknown): { success: boolean } }>)[c];
    const sample = schema ? sampleEvent(c) : {};
    if (schema) assert.equal(schema.safeParse(sample).success, true, `sample for ${c}`);
    sink(c as never, sample as never);
  }
  assert.deepEqual(sorted(forwarded), sorted(Object.keys(EVENTS)));
});

/** A minimal valid payload for each event channel. */
function sampleEvent(channel: string): unknown {
  const grant = {
    vmId: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/VM-FS01',
    vmName: 'VM-FS01',
    port: 3389,
    source: '10.13.1.0/24',
    dialAddress: '10.13.2.4',
    startTimeUtc: '2026-11-29T10:00:00Z',
    endTimeUtc: '2026-11-29T13:00:00Z',
  };
  const samples: Record<string, unknown> = {
    'session:changed': {},
    'deviceCode:issued': { userCode: 'ABC', verificationUri: 'https://microsoft.com/devicelogin', message: 'm' },
    'connect:progressed': {
      connectId: 'c',
      vmId: grant.vmId,
      vmName: 'VM-FS01',
      port: 3389,
      step: CONNECT_STEPS[0],
      elapsedMs: 1,
    },
    'connect:finished': { connectId: 'c' },
    'grant:expiring': { grant, minutesLeft: 5, text: 't' },
    'grant:expired': { grant, text: 't' },
    'keepAccess:notified': { key: 'k', title: 't', text: 'x' },
    'deepLink:opened': { link: { vm: 'VM-FS01', vmKind: 'name', port: 3389 } },
  };
  return samples[channel];
}

test('each main handler validates with its own channel schema (the same schemas as the contract)', async () => {
  const f = fakeIpcMain();
  const seen: string[] = [];
  const handlers = Object.fromEntries(
    REQUEST_CHANNELS.map((c) => [c, async () => (seen.push(c), null)]),
  ) as unknown as Handlers;
  registerHandlers(f.ipc, handlers);
  for (const c of REQUEST_CHANNELS) {
    // Every channel's schema is strict: an unknown key is refused, so no handler accepts another channel's args.
    const a = (await f.invoke(c, 'app://jit-connect/', { notInTheContract: 1 })) as { ok: boolean };
    assert.equal(a.ok, false, c);
    assert.equal(REQUESTS[c].args.safeParse({ notInTheContract: 1 }).success, false, c);
  }
  assert.deepEqual(seen, []);
});
