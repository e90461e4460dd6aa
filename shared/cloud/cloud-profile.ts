/** The cloud profile (DESIGN.md §5): where Azure is. Read from a JSON file, a built-in name, or the simulator. */
import { z } from 'zod';

/** An address the app should believe it has (fed through the NetworkInterfaces port). */
export const SimulatedInterfaceSchema = z.object({ name: z.string().min(1), address: z.string().min(1) });

/** The network a simulator profile tells the app it sits on. */
export const SimulatedNetworkSchema = z.object({
  interfaces: z.array(SimulatedInterfaceSchema),
  publicIp: z.string().min(1),
});

/** Schema of a cloud profile file. */
export const CloudProfileSchema = z.object({
  name: z.string().min(1),
  armEndpoint: z.string().url(),
  authorityHost: z.string().url(),
  tenantId: z.string().min(1).optional(),
  clientId: z.string().min(1).optional(),
  caCertFile: z.string().min(1).optional(),
  /** `"<ip>:<port>"` → `"host:port"` to actually dial. */
  addressMap: z.record(z.string(), z.string()).optional(),
  simulatedNetwork: SimulatedNetworkSchema.optional(),
  /** The simulator's control API base URL (ends in `/_sim`). */
  controlEndpoint: z.string().url().optional(),
});

/** A cloud profile. */
export type CloudProfile = z.infer<typeof CloudProfileSchema>;
/** The simulated network part of a profile. */
export type SimulatedNetwork = z.infer<typeof SimulatedNetworkSchema>;

/** The well-known Azure CLI public client id: sign-in works without an app registration. */
export const AZURE_CLI_CLIENT_ID = '04b07795-8ddb-461a-bbee-02f9e1bf7b46';

/** The built-in public clouds. */
export const BUILT_IN_CLOUDS: Readonly<Record<string, CloudProfile>> = {
  AzureCloud: {
    name: 'AzureCloud',
    armEndpoint: 'https://management.azure.com',
    authorityHost: 'https://login.microsoftonline.com',
  },
  AzureUSGovernment: {
    name: 'AzureUSGovernment',
    armEndpoint: 'https://management.usgovcloudapi.net',
    authorityHost: 'https://login.microsoftonline.us',
  },
  AzureChinaCloud: {
    name: 'AzureChinaCloud',
    armEndpoint: 'https://management.chinacloudapi.cn',
    authorityHost: 'https://login.chinacloudapi.cn',
  },
};
