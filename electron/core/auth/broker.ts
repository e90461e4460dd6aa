/**
 * The Windows WAM broker (`NativeBrokerPlugin` of `@azure/msal-node-extensions`): with it, Conditional Access that
 * demands a compliant or hybrid-joined device works, because WAM proves the device. It exists only on Windows and
 * only when the native runtime loads, so it is wired behind a capability check and MSAL falls back to the browser.
 */
import type { INativeBrokerPlugin } from '@azure/msal-node';

/** What the wiring needs of the plugin (the real one, or a fake in tests). */
export type BrokerPlugin = INativeBrokerPlugin & { isBrokerAvailable: boolean };

/** Loads the plugin; the default imports the real one. */
export type BrokerLoader = () => Promise<BrokerPlugin>;

/** The real plugin, imported only when asked for (on Linux its native module is absent). */
export const loadNativeBroker: BrokerLoader = async () => {
  const { NativeBrokerPlugin } = await import('@azure/msal-node-extensions');
  return new NativeBrokerPlugin();
};

/**
 * MSAL's `broker` configuration: `{nativeBrokerPlugin}` on Windows when the plugin says the broker is available,
 * `undefined` otherwise (a load failure included: the browser flow still works).
 */
export async function brokerConfig(
  platform: NodeJS.Platform = process.platform,
  load: BrokerLoader = loadNativeBroker,
): Promise<{ nativeBrokerPlugin: INativeBrokerPlugin } | undefined> {
  if (platform !== 'win32') return undefined;
  try {
    const plugin = await load();
    return plugin.isBrokerAvailable ? { nativeBrokerPlugin: plugin } : undefined;
  } catch {
    return undefined;
  }
}
