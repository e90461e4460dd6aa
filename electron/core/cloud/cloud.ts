/** Which Azure to talk to: a built-in cloud by name, or a cloud profile file (DESIGN.md §5) with its own CA. */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { BUILT_IN_CLOUDS, CloudProfileSchema, type CloudProfile } from '../../../shared/cloud/cloud-profile';
import { AppError } from '../../../shared/errors/app-error';

/** A cloud profile with its CA certificate(s) read, ready to hand to MSAL and the SDKs of this profile only. */
export interface ResolvedCloud {
  profile: CloudProfile;
  /** PEM text of `caCertFile`, when the profile names one. */
  ca?: string;
}

/** Resolves `--cloud NAME|FILE` (default `AzureCloud`): a built-in name (any case) or a JSON profile file. */
export function resolveCloud(spec: string | undefined, cwd: string = process.cwd()): ResolvedCloud {
  const name = spec ?? 'AzureCloud';
  const builtIn = Object.values(BUILT_IN_CLOUDS).find((c) => c.name.toLowerCase() === name.toLowerCase());
  if (builtIn) return { profile: builtIn };
  return loadProfileFile(resolve(cwd, name));
}

/** Reads and validates a cloud profile file; a relative `caCertFile` is read from the profile's folder. */
export function loadProfileFile(file: string): ResolvedCloud {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    const missing = (err as NodeJS.ErrnoException).code === 'ENOENT';
    throw new AppError({
      code: 'invalid-input',
      message: missing
        ? `No cloud named "${file}" and no such profile file.`
        : `The cloud profile ${file} is not valid JSON: ${(err as Error).message}`,
      fix: `Name one of ${Object.keys(BUILT_IN_CLOUDS).join(', ')}, or the path of a cloud profile JSON file.`,
    });
  }
  const parsed = CloudProfileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new AppError({
      code: 'invalid-input',
      message: `The cloud profile ${file} is invalid at "${issue.path.join('.') || '(root)'}": ${issue.message}`,
      fix: 'A profile needs name, armEndpoint and authorityHost (https URLs); see the README.',
    });
  }
  const profile = parsed.data;
  for (const key of ['armEndpoint', 'authorityHost'] as const) {
    if (!profile[key].startsWith('https://'))
      throw new AppError({
        code: 'invalid-input',
        message: `The cloud profile ${file} has a ${key} that is not https: ${profile[key]}`,
        fix: 'Azure, and MSAL, talk HTTPS only: give an https:// URL.',
      });
  }
  if (!profile.caCertFile) return { profile };
  const caPath = resolve(dirname(file), profile.caCertFile);
  try {
    return { profile: { ...profile, caCertFile: caPath }, ca: readFileSync(caPath, 'utf8') };
  } catch (err) {
    throw new AppError({
      code: 'invalid-input',
      message: `The CA certificate ${caPath} named by ${file} cannot be read: ${(err as Error).message}`,
      fix: 'Point caCertFile at a PEM file (relative to the profile, or absolute).',
    });
  }
}
