/**
 * The admin policy's rules that core enforces before anything is sent: the duration cap, a required justification,
 * the sign-in tenant and the cloud. Pure functions over the settings in force (and where each key came from), so
 * every face gets the same refusal with the same fix.
 */
import { AppError } from '../../../shared/errors/app-error';
import { describeDuration, isoDuration, parseDuration } from '../../../shared/time/duration';
import type { EffectiveSettings } from './settings';
import type { Settings } from './schema';

/** The admin's cap on a request's duration, and who set it (for the error). */
export interface DurationCap {
  ms: number;
  by: string;
}

/** Words for who set a key: the policy source when known. */
function setBy(origin: string | undefined): string {
  return origin ? `your administrator's policy (${origin})` : "your administrator's policy";
}

/** The admin's duration cap (`maxDuration`), if any. */
export function durationCap(eff: Pick<EffectiveSettings, 'settings' | 'origins'>): DurationCap | undefined {
  const ms = eff.settings.maxDuration === undefined ? undefined : parseDuration(eff.settings.maxDuration);
  return ms === undefined ? undefined : { ms, by: setBy(eff.origins.maxDuration) };
}

/** Refuses a duration over the admin's cap: the error names the cap and who set it. */
export function checkDurationCap(ms: number, cap: DurationCap | undefined): void {
  if (!cap || ms <= cap.ms) return;
  throw new AppError({
    code: 'duration-over-max',
    message: `${describeDuration(ms)} is over the maximum of ${describeDuration(cap.ms)} (${isoDuration(cap.ms)}) set by ${cap.by}.`,
    fix: `Ask for ${describeDuration(cap.ms)} or less.`,
  });
}

/** Refuses an empty justification when the policy requires one. */
export function checkJustification(
  justification: string | undefined,
  settings: Pick<Settings, 'justificationRequired'>,
): void {
  if (!settings.justificationRequired || justification?.trim()) return;
  throw new AppError({
    code: 'invalid-input',
    message: "A justification is required by your administrator's policy, and none was given.",
    fix: 'Say why you need access (for example the ticket number) in the justification.',
  });
}

/** The tenant to sign in to: the asked one, unless the policy names another (then refused), else the policy's. */
export function signInTenant(
  asked: string | undefined,
  eff: Pick<EffectiveSettings, 'settings' | 'origins'>,
): string | undefined {
  const managed = eff.settings.tenant;
  if (!managed) return asked;
  if (asked && asked.toLowerCase() !== managed.toLowerCase())
    throw new AppError({
      code: 'invalid-input',
      message: `Sign-in is limited to tenant ${managed} by ${setBy(eff.origins.tenant)}; ${asked} was asked for.`,
      fix: `Sign in to ${managed}.`,
    });
  return managed;
}

/** The cloud to use: the asked one, unless the policy names another (then refused), else the policy's. */
export function policyCloud(
  asked: string | undefined,
  eff: Pick<EffectiveSettings, 'settings' | 'origins'>,
): string | undefined {
  const managed = eff.settings.cloud;
  if (!managed) return asked;
  if (asked && asked.toLowerCase() !== managed.toLowerCase())
    throw new AppError({
      code: 'invalid-input',
      message: `This app is limited to the cloud ${managed} by ${setBy(eff.origins.cloud)}; ${asked} was asked for.`,
      fix: `Use ${managed}, or ask your administrator.`,
    });
  return managed;
}
