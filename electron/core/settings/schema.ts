/**
 * What the settings file (and the admin policy file that overrides it) may say. Unknown keys are refused so a typo is
 * not silently ignored; every field has a default, so an empty file is valid.
 */
import { z } from 'zod';
import { parseCidr } from '../../../shared/net/cidr';
import { parseDuration } from '../../../shared/time/duration';

const cidr = z.string().refine((s) => parseCidr(s) !== undefined, {
  message: 'not an IPv4 range starting at its network address (e.g. 10.13.1.0/24)',
});
const port = z.number().int().min(1).max(65535);
const duration = z.string().refine((s) => parseDuration(s) !== undefined, {
  message: 'not a duration: use ISO-8601 (PT3H, PT90M) or 90m, 1h, 1h30m',
});

/** How the source range of a request is chosen. */
export const SourceModeSchema = z.enum(['auto', 'vpn-only', 'public', 'fixed']);

/** RDP client options (mstsc switches, or what a generated .rdp file needs). */
export const RdpOptionsSchema = z
  .object({
    admin: z.boolean().default(false),
    fullScreen: z.boolean().default(false),
    multimon: z.boolean().default(false),
    width: z.number().int().min(640).max(8192).optional(),
    height: z.number().int().min(480).max(8192).optional(),
    /** Sign in to the VM with Entra ID (needs the VM's host name and a generated .rdp file). */
    entraSignIn: z.boolean().default(false),
    /** A Remote Desktop Gateway host (needs a generated .rdp file). */
    gateway: z.string().min(1).max(253).optional(),
    /** Redirections the user wants; everything else is written as off. */
    redirect: z
      .object({
        clipboard: z.boolean().default(false),
        drives: z.boolean().default(false),
        printers: z.boolean().default(false),
        smartCards: z.boolean().default(false),
      })
      .strict()
      .default({ clipboard: false, drives: false, printers: false, smartCards: false }),
  })
  .strict();

/** A client override: the program (and leading arguments) to run instead of the default for a kind of client. */
export const ClientOverrideSchema = z.array(z.string().min(1)).min(1);

/** Schema of the user's settings file (`<configDir>/settings.json`): no policy-only key. */
export const UserSettingsSchema = z
  .object({
    /** An admin's own app registration for sign-in; default: the Azure CLI's well-known public client. */
    clientId: z.uuid({ message: 'not an application (client) id: a GUID' }).optional(),
    /**
     * VPN client ranges the user cannot read in Azure (a Virtual WAN or gateway in another subscription,
     * ExpressRoute): a VM is treated as reachable from them, like a point-to-site pool.
     */
    privateSourceRanges: z.array(cidr).default([]),
    /** The port requested when none is asked for and none was used before for the VM. */
    defaultPorts: z
      .object({ Windows: port.default(3389), Linux: port.default(22) })
      .strict()
      .default({
        Windows: 3389,
        Linux: 22,
      }),
    /** `auto`: the VPN when it reaches the VM, else the public path; `vpn-only`; `public`; `fixed`: `fixedSources`. */
    sourceMode: SourceModeSchema.default('auto'),
    /** The CIDRs requested in `fixed` mode (the first one the policy accepts is used). */
    fixedSources: z.array(cidr).default([]),
    /** Source modes the user may pick (an admin narrows this). */
    allowedSourceModes: z.array(SourceModeSchema).min(1).default(['auto', 'vpn-only', 'public', 'fixed']),
    /** The duration requested when none is asked for; absent: the policy's maximum. */
    defaultDuration: duration.optional(),
    /** Justification template, e.g. `Ticket {ticket}`; `{vm}`, `{user}`, `{port}` are filled in too. */
    justificationTemplate: z.string().max(500).default(''),
    /** Minutes before a grant ends at which to remind. */
    reminderLeadMinutes: z
      .array(
        z
          .number()
          .int()
          .min(1)
          .max(24 * 60),
      )
      .default([10, 2]),
    rdp: RdpOptionsSchema.default({
      admin: false,
      fullScreen: false,
      multimon: false,
      entraSignIn: false,
      redirect: { clipboard: false, drives: false, printers: false, smartCards: false },
    }),
    /** The VMs the user starred (resource ids; the UI compares them case-insensitively), listed first. */
    favourites: z.array(z.string().min(1).max(1024)).max(500).default([]),
    /** How the app's VM list is grouped: not at all, by subscription, or by resource group. */
    vmGroupBy: z.enum(['none', 'subscription', 'resource-group']).default('none'),
    /** Start JIT Connect (hidden, in the tray) when the user signs in to the computer (the Electron shell). */
    startAtLogin: z.boolean().default(false),
    /** Per kind of client (`rdp`, `ssh`, `winrm`, `terminal`), the argv prefix to run instead of the default. */
    clients: z
      .object({
        rdp: ClientOverrideSchema.optional(),
        ssh: ClientOverrideSchema.optional(),
        winrm: ClientOverrideSchema.optional(),
        terminal: ClientOverrideSchema.optional(),
      })
      .strict()
      .default({}),
    /**
     * Keep access while connected: a grant whose client the app launched is requested again shortly before it ends,
     * while the client runs, up to `keepAccessCapHours` in total. Off by default; an admin policy can forbid it.
     */
    keepAccessWhileConnected: z.boolean().default(false),
    /** The most keep-access prolongs a grant to, counted from its first start. */
    keepAccessCapHours: z.number().int().min(1).max(24).default(8),
  })
  .strict();

/**
 * Keys only an administrator's policy sets (the policy file or the registry); the user's file is refused with them.
 * `vpnOnly` forces the `vpn-only` source mode; `maxDuration` caps every request below the JIT policy's own maximum.
 */
export const PolicyOnlySchema = z.object({
  /** The tenant to sign in to (id or domain): the sign-in authority, the home tenant. */
  tenant: z.string().min(1).max(253).optional(),
  /** The cloud: AzureCloud, AzureUSGovernment, AzureChinaCloud, or a cloud profile file. */
  cloud: z.string().min(1).max(1000).optional(),
  /** Forces the `vpn-only` source mode (and allows no other). */
  vpnOnly: z.boolean().default(false),
  /** A cap on every request and extension, at or below the JIT policy's own maximum. */
  maxDuration: duration.optional(),
  /** An empty justification is refused. */
  justificationRequired: z.boolean().default(false),
  /** Whether people may turn on "keep access while connected". */
  allowKeepAccess: z.boolean().default(true),
  /** Which updates the app looks for (`none`: never). */
  updateChannel: z.enum(['stable', 'beta', 'none']).default('stable'),
});

/** The keys only a policy may set. */
export const POLICY_ONLY_KEYS = Object.keys(PolicyOnlySchema.shape) as (keyof z.infer<typeof PolicyOnlySchema>)[];

/** Schema of the settings in force, and of a policy (the policy file, the registry): every key. */
export const SettingsSchema = UserSettingsSchema.extend(PolicyOnlySchema.shape).strict();

/** The settings in force, defaults filled in. */
export type Settings = z.infer<typeof SettingsSchema>;
/** The user's own settings, defaults filled in. */
export type UserSettings = z.infer<typeof UserSettingsSchema>;
/** A source mode. */
export type SourceMode = z.infer<typeof SourceModeSchema>;
/** RDP options. */
export type RdpOptions = z.infer<typeof RdpOptionsSchema>;
