/**
 * The one composition both shells run: events reach the face subscribed (and only while it is), the demo starts on
 * demand in the config dir and stops with the app.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { composeApp } from '../../../../electron/core/app/compose';
import { tempDir } from '../../../fixtures/sim';

const demoCloud = {
  profile: { name: 'JitConnectDemo', armEndpoint: 'https://127.0.0.1:1', authorityHost: 'https://127.0.0.1:1' },
  ca: 'pem',
};

test("core's events go to the subscribed face, and stop when it unsubscribes", async () => {
  const app = await composeApp(
    { demo: false, noOpen: false, hidden: false, links: [], configDir: tempDir('jit-compose-') },
    { startDemo: async () => assert.fail('no demo'), overrides: { tokenCache: 'memory' } },
  );
  try {
    const seen: string[] = [];
    const stop = app.subscribe((channel) => seen.push(channel));
    await app.handlers['session:signOut']({});
    assert.deepEqual(seen, ['session:changed']);
    stop();
    await app.handlers['session:signOut']({});
    assert.deepEqual(seen, ['session:changed']);
  } finally {
    await app.dispose();
  }
});

test('--demo starts the demo once, on first use, in the config dir; dispose stops it', async () => {
  const dir = tempDir('jit-compose-');
  const started: string[] = [];
  let closed = 0;
  const app = await composeApp(
    { demo: true, noOpen: false, hidden: false, links: [], configDir: dir },
    {
      startDemo: async (configDir) => (
        started.push(configDir),
        { cloud: demoCloud as never, close: async () => void closed++ }
      ),
      overrides: { tokenCache: 'memory' },
    },
  );
  assert.deepEqual(started, [], 'not before it is needed');
  assert.deepEqual((await app.handlers['session:get']({})).cloud, { name: 'JitConnectDemo', demo: true });
  await app.handlers['session:get']({});
  assert.deepEqual(started, [dir]);
  await app.dispose();
  assert.equal(closed, 1);
});
