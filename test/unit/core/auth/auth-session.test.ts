/** Creating a session touches no network: the cache port, the broker check and the client id are wired at once. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AuthSession } from '../../../../electron/core/auth/auth-session';
import type { BrokerPlugin } from '../../../../electron/core/auth/broker';
import { nodeTransport } from '../../../../electron/core/http/transport';
import { BUILT_IN_CLOUDS } from '../../../../shared/cloud/cloud-profile';
import { tempDir } from '../../../fixtures/sim';

const cloud = { profile: BUILT_IN_CLOUDS.AzureUSGovernment! };

test("a face's own cache store is used as given; no account yet", async () => {
  const store = {
    persistent: true,
    where: 'the shell’s store',
    plugin: { beforeCacheAccess: async () => {}, afterCacheAccess: async () => {} },
  };
  const session = await AuthSession.create({
    cloud,
    transport: nodeTransport(cloud),
    configDir: tempDir(),
    cache: store,
  });
  assert.equal(session.cache, store);
  assert.equal(session.brokered, false);
  assert.equal(session.clientId, '04b07795-8ddb-461a-bbee-02f9e1bf7b46');
  assert.equal(await session.currentAccount(), undefined);
});

test('on Windows with WAM available the session is brokered', async () => {
  const plugin = { isBrokerAvailable: true, setLogger: () => {} } as unknown as BrokerPlugin;
  const session = await AuthSession.create({
    cloud,
    transport: nodeTransport(cloud),
    configDir: tempDir(),
    cache: 'memory',
    broker: { platform: 'win32', load: async () => plugin },
  });
  assert.equal(session.brokered, true);
});
