/** A launch request with the settings' defaults, for the launch tests. */
import { SettingsSchema } from '../../../../electron/core/settings/schema';
import type { LaunchRequest } from '../../../../electron/core/launch/index';

/** The default settings (an empty settings file). */
export const DEFAULTS = SettingsSchema.parse({});

/** A request for vm-web01 at 20.61.10.25 with default settings; `installed` lists the programs the lookup finds. */
export function request(over: Partial<LaunchRequest> = {}, installed: string[] = []): LaunchRequest {
  return {
    platform: 'linux',
    host: '20.61.10.25',
    port: 22,
    vmName: 'vm-web01',
    rdp: DEFAULTS.rdp,
    clients: {},
    terminal: 'current',
    tempDir: over.platform === 'win32' ? 'C:\\Temp\\jit-1' : '/tmp/jit-1',
    scriptsDir: over.platform === 'win32' ? 'C:\\App\\scripts' : '/app/scripts',
    lookup: (p) => installed.includes(p),
    ...over,
  };
}
