/** Option parsers shared by the commands: a bad value is a usage error (exit 2) naming the option and the fix. */
import { InvalidArgumentError } from 'commander';
import { parseDuration } from '../../shared/time/duration';

/** A TCP port, 1–65535. */
export function parsePort(text: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < 1 || n > 65535) throw new InvalidArgumentError('not a port number (1-65535).');
  return n;
}

/** A comma-separated list of ports. */
export function parsePorts(text: string): number[] {
  return text.split(',').map((p) => parsePort(p.trim()));
}

/** A duration (ISO-8601 or 90m / 1h), kept as typed for the messages; the milliseconds are checked here. */
export function parseDurationText(text: string): string {
  if (parseDuration(text) === undefined)
    throw new InvalidArgumentError('not a duration: use ISO-8601 (PT3H) or 90m, 1h, 1h30m.');
  return text;
}
