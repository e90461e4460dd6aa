/** The WAM broker wiring: MSAL gets `broker.nativeBrokerPlugin` only on Windows and only when the plugin is available. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { brokerConfig, type BrokerPlugin } from '../../../../electron/core/auth/broker';
import { msalConfig } from '../../../../electron/core/auth/auth-session';
import { nodeTransport } from '../../../../electron/core/http/transport';
import { BUILT_IN_CLOUDS } from '../../../../shared/cloud/cloud-profile';

/** A fake plugin: the real one needs Windows' msal-node-runtime. */
function fakePlugin(isBrokerAvailable: boolean): BrokerPlugin {
  return { isBrokerAvailable } as unknown as BrokerPlugin;
}

test('on Windows with an available broker, MSAL gets the plugin', async () => {
  const plugin = fakePlugin(true);
  const config = await brokerConfig('win32', async () => plugin);
  assert.equal(config?.nativeBrokerPlugin, plugin);
});

test('on Windows without the broker (or a plugin that fails to load), no broker config', async () => {
  assert.equal(await brokerConfig('win32', async () => fakePlugin(false)), undefined);
  assert.equal(
    await brokerConfig('win32', async () => {
      throw new Error('msal-node-runtime missing');
    }),
    undefined,
  );
});

test('elsewhere the plugin is not even loaded', async () => {
  let loaded = false;
  const load = async () => {
    loaded = true;
    return fakePlugin(true);
  };
  assert.equal(await brokerConfig('linux', load), undefined);
  assert.equal(await brokerConfig('darwin', load), undefined);
  assert.equal(loaded, false);
});

test("the session's MSAL config carries the broker only when given, and always cp1", () => {
  const cloud = { profile: BUILT_IN_CLOUDS.AzureCloud! };
  const options = { cloud, transport: nodeTransport(cloud), configDir: '/nonexistent' };
  const memory = { persistent: false, where: 'memory only' };
  const plugin = fakePlugin(true);
  const withBroker = msalConfig(options, memory, { nativeBrokerPlugin: plugin });
  assert.equal(withBroker.broker?.nativeBrokerPlugin, plugin);
  assert.deepEqual(withBroker.auth.clientCapabilities, ['cp1']);
  const without = msalConfig(options, memory, undefined);
  assert.equal(without.broker, undefined);
  assert.equal(without.cache, undefined, 'memory only: no cache plugin');
  assert.equal(without.auth.clientId, '04b07795-8ddb-461a-bbee-02f9e1bf7b46', 'the Azure CLI public client');
  assert.equal(without.auth.authority, 'https://login.microsoftonline.com/organizations');
  assert.deepEqual(without.auth.knownAuthorities, [], 'MSAL knows the public cloud itself');
  assert.equal(msalConfig({ ...options, clientId: 'admin-app' }, memory, undefined).auth.clientId, 'admin-app');
});
