/** The wiring point: core's handlers on IPC, its events to the window, and the transport chosen per cloud. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { REQUESTS, REQUEST_CHANNELS, type EventSink, type Handlers } from '../../../shared/ipc/contract';
import { electronTransportFor, unwiredCore, wireCore } from '../../../electron/main/wiring';
import { fakeIpcMain } from './fakes';

const APP = 'app://jit-connect/index.html';

test('wireCore registers every channel, forwards events to the window, and undoes both', async () => {
  const f = fakeIpcMain();
  let sink: EventSink | undefined;
  let unsubscribed = false;
  const handlers = Object.fromEntries(
    REQUEST_CHANNELS.map((c) => [c, async () => ({ signedOut: true })]),
  ) as unknown as Handlers;
  const sent: Array<[string, unknown]> = [];
  const dispose = wireCore(
    f.ipc,
    {
      handlers,
      subscribe: (s) => {
        sink = s;
        return () => (unsubscribed = true);
      },
    },
    () => ({ send: (c: string, p: unknown) => sent.push([c, p]), isDestroyed: () => false }) as never,
  );
  assert.deepEqual(await f.invoke('session:signOut', APP, {}), { ok: true, value: { signedOut: true } });
  sink!('session:changed', {});
  assert.deepEqual(sent, [['session:changed', {}]]);
  dispose();
  assert.equal(unsubscribed, true);
  assert.equal(f.handlers.size, 0);
});

test('until core is wired, every channel answers a typed error', async () => {
  const f = fakeIpcMain();
  wireCore(f.ipc, unwiredCore(), () => undefined);
  const reached = REQUEST_CHANNELS.filter((c) => REQUESTS[c].args.safeParse({}).success);
  assert.ok(reached.length >= 5);
  for (const c of reached) {
    const a = (await f.invoke(c, APP, {})) as { ok: boolean; error: { code: string } };
    assert.deepEqual([a.ok, a.error.code], [false, 'internal'], c);
  }
});

test('a public cloud goes through net.fetch; a profile with its own CA keeps Node transport with that CA', async () => {
  const fetched: string[] = [];
  const transportFor = electronTransportFor(async (url) => (fetched.push(url), new Response('{}')));
  const pub = transportFor({
    profile: { name: 'AzureCloud', armEndpoint: 'https://management.azure.com' },
  } as never);
  assert.equal(pub.tlsOptions, undefined);
  const { createPipelineRequest } = await import('@azure/core-rest-pipeline');
  await pub.httpClient.sendRequest(createPipelineRequest({ url: 'https://management.azure.com/x' }));
  assert.deepEqual(fetched, ['https://management.azure.com/x']);
  const ca = '-----BEGIN CERTIFICATE-----\nx\n-----END CERTIFICATE-----\n';
  const sim = transportFor({ profile: { name: 'Sim', armEndpoint: 'https://127.0.0.1:1' }, ca } as never);
  assert.deepEqual(sim.tlsOptions, { ca });
});
