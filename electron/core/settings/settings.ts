/**
 * The user's settings file (`<configDir>/settings.json`) and the machine-wide admin policy file that overrides it
 * (Intune / GPO deploy it): validated with zod, a clear error naming the file and the bad key, written atomically so a
 * crash never leaves half a file.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { AppError } from '../../../shared/errors/app-error';
import type { z } from 'zod';
import { POLICY_ONLY_KEYS, SettingsSchema, UserSettingsSchema, type Settings, type UserSettings } from './schema';

export {
  SettingsSchema,
  UserSettingsSchema,
  type Settings,
  type UserSettings,
  type SourceMode,
  type RdpOptions,
} from './schema';

/** One source of admin policy: where it came from (a file, a registry key) and its values, by settings key. */
export interface PolicyLayer {
  source: string;
  values: Record<string, unknown>;
}

/** The settings in force, which keys the admin policy set (the UI shows them as managed), and where each came from. */
export interface EffectiveSettings {
  settings: Settings;
  managed: (keyof Settings)[];
  /** The policy source (a file path, a registry key) of each managed key. */
  origins: Partial<Record<keyof Settings, string>>;
}

/** Where the user's settings file is. */
export function settingsPath(configDir: string): string {
  return join(configDir, 'settings.json');
}

/** Where the machine-wide admin policy file is: `%ProgramData%`, `/Library/Application Support`, `/etc`. */
export function policyPath(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string {
  if (platform === 'win32') return join(env.ProgramData || 'C:\\ProgramData', 'JIT Connect', 'policy.json');
  if (platform === 'darwin') return '/Library/Application Support/JIT Connect/policy.json';
  return '/etc/jit-connect/policy.json';
}

function invalid(where: string, key: string, what: string): AppError {
  return new AppError({
    code: 'invalid-input',
    message: `The settings in ${where} are invalid at "${key}": ${what}`,
    fix: `Correct or remove "${key}" in ${where}.`,
  });
}

/** Validates a settings object (defaults filled in); throws an AppError naming the file, the key and the problem. */
export function parseSettings(raw: unknown, where: string): Settings {
  return parseWith(SettingsSchema, raw, where);
}

/** Validates the user's own settings: as {@link parseSettings}, and a policy-only key is refused with its reason. */
export function parseUserSettings(raw: unknown, where: string): UserSettings {
  const keys = typeof raw === 'object' && raw !== null ? Object.keys(raw) : [];
  const adminOnly = keys.filter((k) => (POLICY_ONLY_KEYS as string[]).includes(k));
  if (adminOnly.length)
    throw new AppError({
      code: 'invalid-input',
      message: `"${adminOnly[0]}" in ${where} can only be set by an administrator's policy.`,
      fix: `Remove "${adminOnly[0]}" from ${where}; an administrator sets it in the policy file or, on Windows, the registry (Group Policy, Intune).`,
    });
  return parseWith(UserSettingsSchema, raw, where);
}

function parseWith<T>(schema: z.ZodType<T>, raw: unknown, where: string): T {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const key = issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : issue.path.join('.') || '(root)';
  throw invalid(where, key, issue.message);
}

/** The JSON object in `file`, or undefined when there is no such file. */
function readJsonObject(file: string): Record<string, unknown> | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new AppError({
      code: 'invalid-input',
      message: `The settings file ${file} cannot be read: ${(err as Error).message}`,
      fix: `Check the permissions of ${file}.`,
    });
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new AppError({
      code: 'invalid-input',
      message: `The settings file ${file} is not valid JSON: ${(err as Error).message}`,
      fix: `Correct ${file}, or delete it to start from the defaults.`,
    });
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw invalid(file, '(root)', 'not a JSON object');
  return raw as Record<string, unknown>;
}

/** The user's settings alone (a missing file means the defaults). */
export function loadSettings(configDir: string): UserSettings {
  return parseUserSettings(readJsonObject(settingsPath(configDir)) ?? {}, settingsPath(configDir));
}

/**
 * The settings in force: the user's file, then the admin policy file, then each registry layer (lowest first:
 * HKCU, then HKLM), key by key. Each source is validated on its own, so an error names the one that has it.
 * `vpnOnly` forces the `vpn-only` source mode; `allowKeepAccess: false` turns "keep access while connected" off; a
 * user's source mode the policy no longer allows falls back to the first allowed one (the policy wins; the app stays
 * usable).
 */
export function effectiveSettings(
  configDir: string,
  policyFile: string = policyPath(),
  registry: readonly PolicyLayer[] = [],
): EffectiveSettings {
  const userFile = settingsPath(configDir);
  const user = readJsonObject(userFile) ?? {};
  parseUserSettings(user, userFile);
  const layers: PolicyLayer[] = [{ source: policyFile, values: readJsonObject(policyFile) ?? {} }, ...registry];
  const merged: Record<string, unknown> = { ...user };
  const origins: Partial<Record<keyof Settings, string>> = {};
  for (const layer of layers) {
    parseSettings(layer.values, layer.source);
    for (const [k, v] of Object.entries(layer.values)) {
      merged[k] = v;
      origins[k as keyof Settings] = layer.source;
    }
  }
  const settings = parseSettings(merged, `${userFile} with the admin policy`);
  if (settings.vpnOnly) {
    settings.sourceMode = 'vpn-only';
    settings.allowedSourceModes = ['vpn-only'];
    origins.sourceMode = origins.allowedSourceModes = origins.vpnOnly;
  }
  // Forbidden by the admin: off, and shown as managed (the person cannot turn it on).
  if (!settings.allowKeepAccess) {
    settings.keepAccessWhileConnected = false;
    origins.keepAccessWhileConnected = origins.allowKeepAccess;
  }
  if (!settings.allowedSourceModes.includes(settings.sourceMode)) {
    if (origins.allowedSourceModes && !origins.sourceMode) settings.sourceMode = settings.allowedSourceModes[0]!;
    else
      throw new AppError({
        code: 'invalid-input',
        message: `The source mode "${settings.sourceMode}" is not allowed here (allowed: ${settings.allowedSourceModes.join(', ')}).`,
        fix: `Set "sourceMode" in ${origins.sourceMode ?? userFile} to one of ${settings.allowedSourceModes.join(', ')}.`,
      });
  }
  return { settings, managed: Object.keys(origins) as (keyof Settings)[], origins };
}

/** Writes the user's settings atomically (a crash leaves the old file or the new one, never half of either). */
export async function saveSettings(configDir: string, settings: Partial<UserSettings>): Promise<void> {
  const valid = parseUserSettings(settings, settingsPath(configDir));
  await writeFileAtomic(settingsPath(configDir), `${JSON.stringify(valid, null, 2)}\n`, { mode: 0o600 });
}
