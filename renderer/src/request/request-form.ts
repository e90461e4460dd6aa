/**
 * The request dialog's rules, pure so they are unit-tested: when a double-click needs the dialog, the justification
 * from the template, and the duration checked against the policy's maximum before anything is requested.
 */
import { describeDuration, isoDuration, parseDuration } from '../../../shared/time/duration';
import type { RequestResult } from '../../../shared/ipc/contract';

/** What `connect:preview` answered. */
export type Preview = RequestResult<'connect:preview'>;

/** True when the template asks for a ticket number. */
export function needsTicket(template: string): boolean {
  return /\{ticket\}/.test(template);
}

/** Why a double-click must open the dialog instead of connecting at once, or undefined when nothing needs a choice. */
export function choiceNeeded(preview: Preview): 'source' | 'ticket' | undefined {
  if (preview.sourceError) return 'source';
  if (needsTicket(preview.justificationTemplate)) return 'ticket';
  return undefined;
}

/** The template with `{vm}`, `{user}`, `{port}` and `{ticket}` filled in (as core fills it). */
export function fillTemplate(
  template: string,
  fields: { vm: string; user: string; port: string; ticket: string },
): string {
  return template.replace(/\{(vm|port|user|ticket)\}/g, (_, k: keyof typeof fields) => fields[k]).trim();
}

/** The asked duration checked against each target's maximum: an error naming the maximum, or the milliseconds. */
export function checkDuration(
  asked: string,
  maxima: ReadonlyArray<{ name: string; max: string }>,
): { ms?: number; error?: string } {
  if (!asked.trim()) return {};
  const ms = parseDuration(asked);
  if (ms === undefined) return { error: `"${asked}" is not a duration: write 1h, 90m or PT2H.` };
  for (const m of maxima) {
    const max = parseDuration(m.max);
    if (max !== undefined && ms > max)
      return {
        error: `${describeDuration(ms)} is over the maximum of ${describeDuration(max)} (${isoDuration(max)}) for ${m.name}.`,
      };
  }
  return { ms };
}

/** The smallest maximum of the targets, in words ("1 h"), for the duration field's hint. */
export function smallestMax(maxima: ReadonlyArray<{ max: string }>): string | undefined {
  const ms = maxima.map((m) => parseDuration(m.max)).filter((x): x is number => x !== undefined);
  return ms.length ? describeDuration(Math.min(...ms)) : undefined;
}
