/** ISO-8601 durations as JIT uses them (`PT3H`, `PT90M`, `P1D`): parse to milliseconds and describe for people. */

const RE = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/**
 * Milliseconds of an ISO-8601 duration with weeks, days, hours, minutes and seconds; undefined when the text is
 * not one (years and months are refused: their length is not fixed, and JIT never needs them).
 */
export function parseDurationMs(text: string): number | undefined {
  const t = text.trim().toUpperCase();
  const m = t.match(RE);
  if (!m || t === 'P' || t.endsWith('T')) return undefined;
  const [, w, d, h, min, s] = m;
  const n = (v: string | undefined) => (v === undefined ? 0 : Number(v));
  return Math.round((((n(w) * 7 + n(d)) * 24 + n(h)) * 60 + n(min)) * 60_000 + n(s) * 1000);
}

/** A duration in words for error messages: `3 hours`, `1 hour 30 minutes`, `45 seconds`. */
export function describeMs(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const d = Math.floor(total / 86_400);
  const h = Math.floor((total % 86_400) / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const part = (v: number, unit: string) => (v ? [`${v} ${unit}${v === 1 ? '' : 's'}`] : []);
  const parts = [...part(d, 'day'), ...part(h, 'hour'), ...part(m, 'minute'), ...part(s, 'second')];
  return parts.length ? parts.join(' ') : '0 seconds';
}

/** The shortest and longest `maxRequestAccessDuration` the swagger allows (5 minutes, 1 day). */
export const MIN_MAX_DURATION_MS = 5 * 60_000;
export const MAX_MAX_DURATION_MS = 24 * 3600_000;
