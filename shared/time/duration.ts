/**
 * Durations as JIT uses them: ISO-8601 with fixed-length units (`PT3H`, `P1D`, `PT1H30M`; JIT allows PT5M..P1D), and
 * the short forms people type (`90m`, `1h`, `1h30m`, `45s`, `1d`). Years, months and weeks are refused: their length
 * depends on the calendar.
 */

const ISO = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/i;
const SHORT = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/i;

/** Milliseconds of an ISO-8601 or short duration; undefined when it is neither (or zero-length). */
export function parseDuration(text: string): number | undefined {
  const t = text.trim();
  const m = t.match(ISO) ?? t.match(SHORT);
  if (!m || m.slice(1).every((g) => g === undefined)) return undefined;
  if (/^P/i.test(t) && /T$/i.test(t)) return undefined; // `PT` / `P1DT` with nothing after the T
  const [d, h, min, s] = m.slice(1).map((g) => (g === undefined ? 0 : Number(g)));
  const ms = Math.round((((d! * 24 + h!) * 60 + min!) * 60 + s!) * 1000);
  return ms > 0 ? ms : undefined;
}

/** The ISO-8601 form of a duration, as Azure writes it (`PT3H`, `PT1H30M`, `P1D`). */
export function isoDuration(ms: number): string {
  let s = Math.round(ms / 1000);
  const d = Math.floor(s / 86_400);
  s -= d * 86_400;
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const m = Math.floor(s / 60);
  s -= m * 60;
  const time = `${h ? `${h}H` : ''}${m ? `${m}M` : ''}${s ? `${s}S` : ''}`;
  return `P${d ? `${d}D` : ''}${time ? `T${time}` : ''}` || 'PT0S';
}

/** A duration in words for messages: `3 h`, `1 h 30 min`, `45 s`. */
export function describeDuration(ms: number): string {
  const total = Math.round(ms / 1000);
  const parts: string[] = [];
  const d = Math.floor(total / 86_400);
  const h = Math.floor((total % 86_400) / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (d) parts.push(`${d} d`);
  if (h) parts.push(`${h} h`);
  if (m) parts.push(`${m} min`);
  if (s || parts.length === 0) parts.push(`${s} s`);
  return parts.join(' ');
}
