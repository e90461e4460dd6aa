/**
 * `jitconnect://connect?vm=…&port=…[&duration=…][&justification=…]` links from ticket systems and wikis. A link is
 * text from anywhere on the web, so the parser is strict: anything it does not expect is refused with a message
 * naming the problem and the fix, never guessed at. A parsed link is only a proposal: every face asks the user
 * before anything is requested.
 */
import { parseResourceId } from '../azure/resource-id';
import type { AppErrorData } from '../errors/app-error';
import { parseDuration } from '../time/duration';

/** The scheme the app registers with the OS. */
export const DEEP_LINK_SCHEME = 'jitconnect';

/** Caps on what a link may carry (a real link is far shorter; anything longer is a mistake or an attack). */
export const DEEP_LINK_LIMITS = {
  url: 2048,
  vm: 512,
  port: 5,
  duration: 20,
  justification: 500,
  /** JIT grants last at most a day and at least five minutes. */
  maxDurationMs: 24 * 3600_000,
  minDurationMs: 5 * 60_000,
} as const;

/** A link's request, checked: the VM (by resource id or name), the port, and optionally duration and justification. */
export interface DeepLink {
  /** The VM as the link names it: a resource id or a name, looked up in the VM list before anything is shown. */
  vm: string;
  vmKind: 'id' | 'name';
  port: number;
  /** As the link wrote it (`1h`, `PT2H`): core turns it into the request's end time. */
  duration?: string;
  justification?: string;
}

/** What {@link parseDeepLink} answers: the link, or why it was refused. */
export type DeepLinkResult = { ok: true; link: DeepLink } | { ok: false; error: AppErrorData };

const KEYS = ['vm', 'port', 'duration', 'justification'] as const;
type Key = (typeof KEYS)[number];
const EXAMPLE = 'jitconnect://connect?vm=VM-NAME&port=3389';

/** A VM name as Azure allows it: 1–64 letters, digits, `_`, `.`, `-`, starting with a letter or digit, not ending in `.`/`-`. */
const VM_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9_.-]{0,62}[A-Za-z0-9_])?$/;
const SUBSCRIPTION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Resource group names (ASCII subset): letters, digits, `_ - . ( )`, not ending in `.`. */
const RESOURCE_GROUP = /^[A-Za-z0-9_\-.()]{0,89}[A-Za-z0-9_\-()]$/;
/** Control characters, and (decoded) the invisible and direction-changing ones that can disguise text on screen. */
const RAW_UNSAFE = /[^\x21-\x7e]/;
const DECODED_UNSAFE = /[\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Zl}\p{Zp}\uFFFD]/u;

class Refusal extends Error {
  constructor(
    message: string,
    readonly fix: string,
  ) {
    super(message);
  }
}

function refuse(message: string, fix: string): never {
  throw new Refusal(message, fix);
}

/** Parses and checks a deep link; never throws: a bad link is a refusal with a message and a fix. */
export function parseDeepLink(url: unknown): DeepLinkResult {
  try {
    return { ok: true, link: parse(url) };
  } catch (err) {
    const refusal =
      err instanceof Refusal ? err : new Refusal('This link could not be read.', `Use a link such as ${EXAMPLE}.`);
    return {
      ok: false,
      error: { code: 'invalid-input', message: `Refused link: ${refusal.message}`, fix: refusal.fix },
    };
  }
}

function parse(url: unknown): DeepLink {
  if (typeof url !== 'string' || url === '') refuse('it is empty.', `Use a link such as ${EXAMPLE}.`);
  if (url.length > DEEP_LINK_LIMITS.url)
    refuse(`it is ${url.length} characters long, over ${DEEP_LINK_LIMITS.url}.`, 'Use a shorter link.');
  const bad = RAW_UNSAFE.exec(url);
  if (bad)
    refuse(
      `it contains ${describeChar(bad[0])} at position ${bad.index + 1}.`,
      'Percent-encode spaces and other characters (%20), or copy the link again from its source.',
    );
  const colon = url.indexOf(':');
  const scheme = colon < 0 ? '' : url.slice(0, colon);
  if (scheme.toLowerCase() !== DEEP_LINK_SCHEME)
    refuse(`it is not a ${DEEP_LINK_SCHEME}: link.`, `Use a link such as ${EXAMPLE}.`);
  const rest = url.slice(colon + 1);
  if (!rest.startsWith('//')) refuse(`it does not start with ${DEEP_LINK_SCHEME}://.`, `Use ${EXAMPLE}.`);
  if (rest.includes('#'))
    refuse('it has a fragment (#…).', 'Remove the # and what follows, or percent-encode it (%23).');
  const q = rest.indexOf('?');
  const authorityAndPath = q < 0 ? rest.slice(2) : rest.slice(2, q);
  if (authorityAndPath.includes('@'))
    refuse('it carries a user name or password (…@).', `Remove them: a link names only the action, as in ${EXAMPLE}.`);
  const action = authorityAndPath.replace(/\/$/, '');
  if (action.includes(':')) refuse('its action carries a port number.', `Use ${DEEP_LINK_SCHEME}://connect?….`);
  if (action.toLowerCase() !== 'connect')
    refuse(
      `its action '${truncate(action)}' is unknown; the only one is 'connect'.`,
      `Use ${DEEP_LINK_SCHEME}://connect?….`,
    );
  if (q < 0 || q === rest.length - 1) refuse('it names no VM and port.', `Add them: ${EXAMPLE}.`);
  const params = readQuery(rest.slice(q + 1));
  return checkParams(params);
}

function readQuery(query: string): Map<Key, string> {
  const params = new Map<Key, string>();
  for (const pair of query.split('&')) {
    if (pair === '') refuse('it has an empty parameter (&& or a trailing &).', 'Remove the extra &.');
    const eq = pair.indexOf('=');
    const rawKey = eq < 0 ? pair : pair.slice(0, eq);
    // Keys are matched as written: an encoded or differently cased key is not one the app knows.
    if (!(KEYS as readonly string[]).includes(rawKey))
      refuse(
        `it has an unknown parameter '${truncate(safeDecode(rawKey))}'.`,
        `Use only ${KEYS.join(', ')} (lower case).`,
      );
    const key = rawKey as Key;
    if (eq < 0) refuse(`its parameter '${key}' has no value.`, `Write ${key}=….`);
    if (params.has(key)) refuse(`it names '${key}' more than once.`, `Keep one ${key}=….`);
    params.set(key, decodeValue(key, pair.slice(eq + 1)));
  }
  return params;
}

function decodeValue(key: Key, raw: string): string {
  // Numbers and durations have no reason to be encoded: `%33389` is someone hiding what the link asks for.
  if ((key === 'port' || key === 'duration') && /[%+]/.test(raw))
    refuse(`its ${key} is percent-encoded or has a '+'.`, `Write the ${key} plainly, e.g. port=3389, duration=1h.`);
  let value: string;
  try {
    // Form encoding writes spaces as '+'; a literal plus is %2B.
    value = decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    refuse(`its ${key} has a broken percent-encoding.`, 'Encode each byte as %XX (UTF-8), or copy the link again.');
  }
  const bad = DECODED_UNSAFE.exec(value);
  if (bad) refuse(`its ${key} contains ${describeChar(bad[0])}.`, `Give a ${key} of visible characters only.`);
  const max = DEEP_LINK_LIMITS[key];
  if (value.length > max)
    refuse(`its ${key} is ${value.length} characters long, over ${max}.`, `Shorten the ${key} to ${max} characters.`);
  if (value.trim() === '') refuse(`its ${key} is empty.`, `Give a ${key}, or leave the parameter out.`);
  if (value !== value.trim()) refuse(`its ${key} starts or ends with a space.`, `Remove the spaces around the ${key}.`);
  return value;
}

function checkParams(params: Map<Key, string>): DeepLink {
  const vm = params.get('vm');
  if (vm === undefined) refuse('it names no VM.', `Add vm=<name or resource id>, as in ${EXAMPLE}.`);
  const vmKind = checkVm(vm);
  const portText = params.get('port');
  if (portText === undefined) refuse('it names no port.', 'Add port=<n>, e.g. port=3389 for RDP or port=22 for ssh.');
  const port = Number(portText);
  if (!/^[1-9][0-9]{0,4}$/.test(portText) || port > 65535)
    refuse(`its port '${truncate(portText)}' is not a port number.`, 'Use a whole number from 1 to 65535.');
  const link: DeepLink = { vm, vmKind, port };
  const duration = params.get('duration');
  if (duration !== undefined) {
    const ms = parseDuration(duration);
    if (ms === undefined || /\s/.test(duration))
      refuse(`its duration '${truncate(duration)}' is not a duration.`, 'Use 1h, 90m, 1h30m or ISO-8601 (PT3H).');
    if (ms > DEEP_LINK_LIMITS.maxDurationMs || ms < DEEP_LINK_LIMITS.minDurationMs)
      refuse(`its duration '${duration}' is outside JIT's 5 minutes to 1 day.`, 'Ask for 5m to 24h.');
    link.duration = duration;
  }
  const justification = params.get('justification');
  if (justification !== undefined) link.justification = justification;
  return link;
}

function checkVm(vm: string): 'id' | 'name' {
  if (!vm.startsWith('/')) {
    if (!VM_NAME.test(vm))
      refuse(
        `its vm '${truncate(vm)}' is neither a VM resource id nor a valid VM name.`,
        'Name the VM (letters, digits, _ . -, up to 64) or give its resource id /subscriptions/…/virtualMachines/NAME.',
      );
    return 'name';
  }
  const parts = parseResourceId(vm);
  const ok =
    parts !== undefined &&
    vm.split('/').length === 9 &&
    SUBSCRIPTION_ID.test(parts.subscriptionId) &&
    parts.resourceGroup !== undefined &&
    RESOURCE_GROUP.test(parts.resourceGroup) &&
    parts.provider?.toLowerCase() === 'microsoft.compute' &&
    parts.type?.toLowerCase() === 'virtualmachines' &&
    parts.names.length === 1 &&
    VM_NAME.test(parts.name ?? '');
  if (!ok)
    refuse(
      `its vm '${truncate(vm)}' is not a VM resource id.`,
      'Use /subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.Compute/virtualMachines/<name>, or the VM name.',
    );
  return 'id';
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text).replace(/[^\x20-\x7e]/g, '?');
  } catch {
    return text;
  }
}

/** Shows a value in a message without letting a huge or hostile one take over the message. */
function truncate(text: string): string {
  const visible = text.replace(/[^\x20-\x7e]/g, '?');
  return visible.length > 60 ? `${visible.slice(0, 60)}…` : visible;
}

function describeChar(ch: string): string {
  const code = ch.codePointAt(0)!;
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return ch === ' '
    ? 'a space'
    : code < 0x20 || code === 0x7f
      ? `a control character (${hex})`
      : `the character ${hex}`;
}
