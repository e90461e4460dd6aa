/**
 * The user's settings file (`<configDir>/settings.json`) and the machine-wide admin policy file that overrides it
 * (Intune / GPO deploy it): validated with zod, a clear error naming the file and the bad key, written atomically so a
 * crash never leaves half a file.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { AppError } from '../../../shared/errors/app-error';
import { SettingsSchema, type Settings } from './schema';

export { SettingsSchema, type Settings, type SourceMode, type RdpOptions } from './schema';

/** The settings in force, and which keys the admin policy set (the UI shows them as managed). */
export interface EffectiveSettings {
  settings: Settings;
  managed: (keyof Settings)[];
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
  const parsed = SettingsSchema.safeParse(raw);
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
export function loadSettings(configDir: string): Settings {
  return parseSettings(readJsonObject(settingsPath(configDir)) ?? {}, settingsPath(configDir));
}

/**
 * The settings in force: the user's file with every key of the admin policy file on top. Each file is validated on
 * its own, so an error names the file that has it.
 */
export function effectiveSettings(configDir: string, policyFile: string = policyPath()): EffectiveSettings {
  const user = readJsonObject(settingsPath(configDir)) ?? {};
  parseSettings(user, settingsPath(configDir));
  const policy = readJsonObject(policyFile) ?? {};
  parseSettings(policy, policyFile);
  const settings = parseSettings({ ...user, ...policy }, `${settingsPath(configDir)} with ${policyFile}`);
  if (!settings.allowedSourceModes.includes(settings.sourceMode))
    throw new AppError({
      code: 'invalid-input',
      message: `The source mode "${settings.sourceMode}" is not allowed here (allowed: ${settings.allowedSourceModes.join(', ')}).`,
      fix: `Set "sourceMode" in ${settingsPath(configDir)} to one of ${settings.allowedSourceModes.join(', ')}.`,
    });
  return { settings, managed: Object.keys(policy) as (keyof Settings)[] };
}

/** Writes the user's settings atomically (a crash leaves the old file or the new one, never half of either). */
export async function saveSettings(configDir: string, settings: Partial<Settings>): Promise<void> {
  const valid = parseSettings(settings, settingsPath(configDir));
  await writeFileAtomic(settingsPath(configDir), `${JSON.stringify(valid, null, 2)}\n`, { mode: 0o600 });
}
