/**
 * What a connect asks JIT for, besides the source (chosen elsewhere): the port, the duration and its end time on
 * Azure's clock, and the justification. Pure functions: every input is passed in, so each rule is tested alone.
 */
import type { JitPort, Vm } from '../../../shared/domain/types';
import { AppError } from '../../../shared/errors/app-error';
import { describeDuration, isoDuration, parseDuration } from '../../../shared/time/duration';
import { checkDurationCap, type DurationCap } from '../settings/policy-rules';
import type { Settings } from '../settings/schema';

/** The port: asked, else the last one used for this VM, else the default for its OS; always one the policy has. */
export function choosePort(
  vm: Pick<Vm, 'name' | 'osType'>,
  policyPorts: readonly JitPort[],
  settings: Pick<Settings, 'defaultPorts'>,
  ask: { port?: number; lastPort?: number },
): JitPort {
  const find = (n: number | undefined) => (n === undefined ? undefined : policyPorts.find((p) => p.number === n));
  const listed = policyPorts.map((p) => p.number).join(', ') || 'none';
  if (ask.port !== undefined) {
    const asked = find(ask.port);
    if (!asked)
      throw new AppError({
        code: 'port-not-in-policy',
        message: `Port ${ask.port} is not in ${vm.name}'s JIT policy; it has: ${listed}.`,
        fix: `Ask for one of ${listed}, or have an admin add ${ask.port} to the policy.`,
      });
    return asked;
  }
  // The last port used is kept only while the policy still has it; then the OS's default.
  const last = find(ask.lastPort);
  if (last) return last;
  const byOs =
    vm.osType === 'unknown'
      ? (find(settings.defaultPorts.Windows) ?? find(settings.defaultPorts.Linux))
      : find(settings.defaultPorts[vm.osType]);
  if (byOs) return byOs;
  if (policyPorts.length === 1) return policyPorts[0]!;
  throw new AppError({
    code: 'port-not-in-policy',
    message:
      vm.osType === 'unknown'
        ? `Which port of ${vm.name}? Its JIT policy has: ${listed}.`
        : `${vm.name}'s JIT policy lacks the ${vm.osType} default port ${settings.defaultPorts[vm.osType]}; it has: ${listed}.`,
    fix: `Ask for one of ${listed}.`,
  });
}

/** The duration requested, in milliseconds, and where it came from. */
export interface ChosenDuration {
  ms: number;
  /**
   * `asked`, `settings` (the default duration, capped at the maximum), `policy` (the port's maximum), or `cap` (the
   * admin policy's `maxDuration`, below the port's maximum).
   */
  from: 'asked' | 'settings' | 'policy' | 'cap';
}

/**
 * The duration: asked (`1h`, `90m`, ISO-8601), else the settings' default (capped at the policy's maximum: nobody
 * asked for more), else the policy's maximum. An asked one over the maximum is an error naming the maximum. The
 * admin's `cap` (its `maxDuration`) lowers the maximum; an asked one over it is refused naming the cap and its source.
 */
export function chooseDuration(
  port: JitPort,
  settings: Pick<Settings, 'defaultDuration'>,
  asked?: string,
  cap?: DurationCap,
): ChosenDuration {
  const max = parseDuration(port.maxDuration);
  if (max === undefined)
    throw new AppError({
      code: 'azure-error',
      message: `The policy's maximum duration '${port.maxDuration}' is unreadable.`,
    });
  if (asked !== undefined) {
    const ms = parseDuration(asked);
    if (ms === undefined)
      throw new AppError({
        code: 'invalid-input',
        message: `'${asked}' is not a duration.`,
        fix: 'Use 1h, 90m, 1h30m or ISO-8601 (PT3H).',
      });
    if (cap && cap.ms < max) checkDurationCap(ms, cap);
    if (ms > max)
      throw new AppError({
        code: 'duration-over-max',
        message: `${describeDuration(ms)} is over the maximum of ${describeDuration(max)} (${isoDuration(max)}) for port ${port.number}.`,
        fix: `Ask for ${describeDuration(max)} or less.`,
      });
    return { ms, from: 'asked' };
  }
  const fromSettings = settings.defaultDuration === undefined ? undefined : parseDuration(settings.defaultDuration);
  const limit = cap && cap.ms < max ? cap.ms : max;
  if (fromSettings !== undefined) return { ms: Math.min(fromSettings, limit), from: 'settings' };
  return { ms: limit, from: limit < max ? 'cap' : 'policy' };
}

/** The end time to request: Azure's now (the local clock plus the offset read from ARM's `Date`) plus the duration. */
export function endTimeOnAzure(localNowMs: number, azureOffsetMs: number, durationMs: number): Date {
  return new Date(localNowMs + azureOffsetMs + durationMs);
}

/** What a justification template may name. */
export interface JustificationFields {
  vm: string;
  port: string;
  user?: string;
  ticket?: string;
}

/**
 * The justification: asked, else the settings' template with `{vm}`, `{port}`, `{user}`, `{ticket}` filled in;
 * undefined when neither says anything. A template that needs a ticket without one is an error, not a request
 * with a hole in its justification.
 */
export function chooseJustification(
  settings: Pick<Settings, 'justificationTemplate'>,
  fields: JustificationFields,
  asked?: string,
): string | undefined {
  if (asked !== undefined && asked.trim() !== '') return asked.trim();
  const template = settings.justificationTemplate.trim();
  if (!template) return undefined;
  if (/\{ticket\}/.test(template) && !fields.ticket?.trim())
    throw new AppError({
      code: 'invalid-input',
      message: `The justification template '${template}' needs a ticket number.`,
      fix: 'Give the ticket number, or write the justification yourself.',
    });
  const values: Record<string, string> = {
    vm: fields.vm,
    port: fields.port,
    user: fields.user ?? '',
    ticket: fields.ticket?.trim() ?? '',
  };
  return template.replace(/\{(vm|port|user|ticket)\}/g, (_, k: string) => values[k]!).trim() || undefined;
}
