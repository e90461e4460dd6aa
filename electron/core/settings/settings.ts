/**
 * The user's settings file (`<configDir>/settings.json`): validated with zod, a clear error naming the bad key, written
 * atomically so a crash never leaves half a file. Later issues add keys (ports, source mode, durations, reminders…);
 * unknown keys are refused so a typo is not silently ignored.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { z } from 'zod';
import { parseCidr } from '../../../shared/net/cidr';
import { AppError } from '../../../shared/errors/app-error';

const cidr = z.string().refine((s) => parseCidr(s) !== undefined, {
  message: 'not an IPv4 range starting at its network address (e.g. 10.13.1.0/24)',
});

/** Schema of the settings file. */
export const SettingsSchema = z
  .object({
    /**
     * VPN client ranges the user cannot read in Azure (a Virtual WAN or gateway in another subscription,
     * ExpressRoute): a VM is treated as reachable from them, like a point-to-site pool.
     */
    privateSourceRanges: z.array(cidr).default([]),
    /** An admin's own app registration for sign-in; default: the Azure CLI's well-known public client. */
    clientId: z.uuid({ message: 'not an application (client) id: a GUID' }).optional(),
  })
  .strict();

/** The settings, defaults filled in. */
export type Settings = z.infer<typeof SettingsSchema>;

/** Where the settings file is. */
export function settingsPath(configDir: string): string {
  return join(configDir, 'settings.json');
}

/** Validates a settings object; throws an AppError naming the file, the key and what is wrong. */
export function parseSettings(raw: unknown, where: string): Settings {
  const parsed = SettingsSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const key = issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : issue.path.join('.') || '(root)';
  throw new AppError({
    code: 'invalid-input',
    message: `The settings in ${where} are invalid at "${key}": ${issue.message}`,
    fix: `Correct or remove "${key}" in ${where}.`,
  });
}

/** Reads the settings; a missing file means the defaults. */
export function loadSettings(configDir: string): Settings {
  const file = settingsPath(configDir);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return SettingsSchema.parse({});
    throw err;
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
  return parseSettings(raw, file);
}

/** Writes the settings atomically (a crash leaves the old file or the new one, never half of either). */
export async function saveSettings(configDir: string, settings: Settings): Promise<void> {
  const valid = parseSettings(settings, settingsPath(configDir));
  await writeFileAtomic(settingsPath(configDir), `${JSON.stringify(valid, null, 2)}\n`, { mode: 0o600 });
}
