/** The wiring point: core's handlers on IPC, its events to the window, and the transport chosen per cloud. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REQUEST_CHANNELS, type EventSink, type Handlers } from '../../../shared/ipc/contract';
import { ShellUsageError } from '../../../electron/core/app/shell-args';
import { electronCore, electronTransportFor, wireCore, type ElectronParts } from '../../../electron/main/wiring';
import { tempDir } from '../../fixtures/sim';
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

/** Electron's pieces as plain objects, recording what core does with them. */
function fakeElectron() {
  const fetched: string[] = [];
  const opened: string[] = [];
  const parts: ElectronParts = {
    shell: { openExternal: async (url: string) => void opened.push(url) },
    Notification: class {
      on() {
        return this;
      }
      show() {}
    } as never,
    fetch: async (url) => (fetched.push(url), new Response('unavailable', { status: 503 })),
  };
  return { parts, fetched, opened };
}

test("the Electron shell's core: flags from argv past Electron's own switches, the demo started in the config dir", async () => {
  const dir = tempDir('jit-electron-core-');
  const started: string[] = [];
  const demoCloud = {
    profile: { name: 'JitConnectDemo', armEndpoint: 'https://127.0.0.1:1', authorityHost: 'https://127.0.0.1:1' },
    ca: 'pem',
  };
  const app = await electronCore(
    ['/opt/app', '--no-sandbox', '--enable-features=WaylandWindowDecorations', '--demo', '--config-dir', dir],
    fakeElectron().parts,
    async (configDir) => (started.push(configDir), { cloud: demoCloud as never, close: async () => undefined }),
  );
  try {
    assert.equal(app.configDir, dir);
    const s = await app.handlers['session:get']({});
    assert.deepEqual(s.cloud, { name: 'JitConnectDemo', demo: true });
    assert.deepEqual(started, [dir]);
  } finally {
    await app.dispose();
  }
});

test('a mistyped flag of ours is refused with the usage line; --demo and --cloud exclude each other', () => {
  const { parts } = fakeElectron();
  const none = async () => assert.fail('no demo');
  assert.throws(
    () => electronCore(['--dmeo'], parts, none),
    (e: Error) => {
      assert.ok(e instanceof ShellUsageError);
      assert.match(e.message, /unknown option --dmeo\nusage: jit-connect-app \[--demo\]/);
      return true;
    },
  );
  assert.throws(() => electronCore(['--demo', '--cloud', 'AzureCloud'], parts, none), /exclude each other/);
});

test("a public cloud's sign-in goes through Electron's network stack (net.fetch), not Node's", async () => {
  const dir = tempDir('jit-electron-core-');
  const profile = join(dir, 'contoso.json');
  writeFileSync(
    profile,
    JSON.stringify({
      name: 'Contoso',
      armEndpoint: 'https://management.contoso.invalid',
      authorityHost: 'https://login.contoso.invalid',
      tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
    }),
  );
  const e = fakeElectron();
  const app = await electronCore(['--cloud', profile, '--config-dir', dir], e.parts, async () =>
    assert.fail('no demo'),
  );
  try {
    await assert.rejects(app.handlers['session:signIn']({ method: 'device-code' }));
    assert.ok(e.fetched.length > 0, 'net.fetch was used');
    assert.ok(
      e.fetched.every((u) => u.startsWith('https://login.contoso.invalid/')),
      e.fetched.join(' '),
    );
  } finally {
    await app.dispose();
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
