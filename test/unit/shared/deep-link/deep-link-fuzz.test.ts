/**
 * Fuzzing: mutations of valid links, per family of mistake or attack, each of which must be refused cleanly (a
 * refusal with a message and a fix, never a throw, never a parsed request). A fixed seed keeps failures repeatable.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDeepLink } from '../../../../shared/deep-link/parse-deep-link';

const PER_FAMILY = 1000;
const ID =
  '/subscriptions/00000000-0000-4000-8000-000000000001/resourceGroups/rg-prod/providers/Microsoft.Compute/virtualMachines/VM-FS01';
const VALID = [
  'jitconnect://connect?vm=VM-FS01&port=3389',
  'jitconnect://connect/?vm=vm-web01&port=22&duration=1h&justification=Ticket+INC-42',
  `jitconnect://connect?vm=${encodeURIComponent(ID)}&port=3389&duration=PT2H`,
  `jitconnect://connect?port=5986&vm=${ID}&justification=patch%20night`,
];

/** mulberry32: a small seeded generator, so every run mutates the same way. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Gen = (r: () => number, base: string) => string;
const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const int = (r: () => number, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
const at = (s: string, i: number, ins: string) => s.slice(0, i) + ins + s.slice(i);
const queryPos = (r: () => number, s: string) => int(r, s.indexOf('?') + 1, s.length);

const FAMILIES: Record<string, Gen> = {
  'a raw control byte or space anywhere': (r, s) =>
    at(s, int(r, 0, s.length), String.fromCharCode(pick(r, [...Array(33).keys(), 127]))),
  'a raw non-ASCII character anywhere': (r, s) =>
    at(
      s,
      int(r, 0, s.length),
      String.fromCodePoint(pick(r, [0xa0, 0xe9, 0x202e, 0x200b, 0xfeff, 0x1f600, 0x4e2d, int(r, 0x80, 0xffff)])),
    ),
  'an encoded control, invisible or bidi character in a value': (r, s) => {
    const ch = String.fromCodePoint(
      pick(r, [...Array(32).keys(), 0x7f, 0x85, 0x200b, 0x200e, 0x202e, 0x2066, 0x2028, 0xfeff, 0xe000]),
    );
    const key = pick(r, ['vm', 'port', 'duration', 'justification']);
    return replaceParam(s, key, `ok${encodeURIComponent(ch)}ok`);
  },
  'a broken percent-encoding in a value': (r, s) => {
    const bad = pick(r, ['%', '%G1', '%2', '%C3', '%E2%82', '%ED%A0%80', '%F8%80%80%80', '%C0%AF', '%FF', '%%41']);
    return replaceParam(s, pick(r, ['vm', 'justification', 'duration']), `x${bad}`);
  },
  'an unknown or disguised key': (r, s) => {
    const key = pick(r, [
      'source',
      'VM',
      'Port',
      'v%6D',
      'vm%20',
      'vm[]',
      'user',
      'launch',
      'yes',
      '__proto__',
      'constructor',
      randomWord(r),
    ]);
    return at(s, s.length, `&${key}=${int(r, 0, 9999)}`);
  },
  'a repeated key': (r, s) => {
    const key = pick(r, ['vm', 'port']);
    const value = key === 'vm' ? pick(r, ['VM-DC01', 'vm-web01', 'VM-FS01']) : String(int(r, 1, 65535));
    return r() < 0.5 ? `${s}&${key}=${value}` : s.replace('?', `?${key}=${value}&`);
  },
  'an over-long value or link': (r, s) => {
    const key = pick(r, ['vm', 'justification', 'duration', 'port', 'url']);
    if (key === 'url')
      return `${s}&justification=${'a'.repeat(int(r, 2049, 100_000))}`.replace(/&justification=[^&]*&/, '&');
    const cap = ({ vm: 512, justification: 500, duration: 20, port: 5 } as Record<string, number>)[key] ?? 0;
    return replaceParam(s, key, 'x'.repeat(int(r, cap + 1, cap + 3000)));
  },
  'a bad port': (r, s) =>
    replaceParam(
      s,
      'port',
      pick(r, [
        String(int(r, 65536, 9_999_999)),
        '0',
        `-${int(r, 1, 99)}`,
        `${int(r, 1, 999)}.5`,
        `0${int(r, 1, 9999)}`,
        '0x16',
        '1e3',
        'ssh',
        '%33389',
        ' 22',
        '22 ',
        '+22',
      ]),
    ),
  'a bad duration': (r, s) =>
    replaceParam(
      s,
      'duration',
      pick(r, [
        `${int(r, 25, 9999)}h`,
        `${int(r, 2, 99)}d`,
        `${int(r, 1, 4)}m`,
        'P1Y',
        'P1W',
        'PT',
        'forever',
        `${int(r, 1, 9)}.5h`,
        '-1h',
        'PT0S',
        randomWord(r),
      ]),
    ),
  'a bad vm': (r, s) => {
    const forbidden = pick(r, [
      '~',
      '!',
      '@',
      '$',
      '%25',
      '^',
      '*',
      '(',
      '=',
      '[',
      '{',
      '\\',
      '|',
      ';',
      ':',
      "'",
      '"',
      ',',
      '<',
      '>',
      '?',
      '/',
      '%2F',
      '%20',
      '%0A',
    ]);
    const variants = [
      `VM${forbidden}FS`,
      `-${randomWord(r)}`,
      `${randomWord(r)}.`,
      ID.replace('virtualMachines', pick(r, ['networkInterfaces', 'virtualMachineScaleSets', 'disks'])),
      ID.replace('Microsoft.Compute', pick(r, ['Microsoft.Network', 'Microsoft.Comput', 'Compute'])),
      ID.replace('00000000-0000-4000-8000-000000000001', randomWord(r)),
      `${ID}/${pick(r, ['', 'extensions/x', '..'])}`,
      ID.replace('/resourceGroups/', pick(r, ['//resourceGroups/', '/resourceGroup/', '/'])),
      ID.slice(0, int(r, 1, ID.length - 10)),
    ];
    return replaceParam(s, 'vm', pick(r, variants).replace(/[&#]/g, ''));
  },
  'a missing vm or port': (r, s) => removeParam(s, pick(r, ['vm', 'port'])),
  'a wrong scheme, action, credentials, host port or fragment': (r, s) => {
    const rest = s.slice(s.indexOf('?'));
    const variants = [
      `${pick(r, ['https', 'http', 'file', 'javascript', 'jitconnec', 'jit-connect', 'jitconnect2', ''])}://connect${rest}`,
      `jitconnect:${pick(r, ['', '/', '///'])}connect${rest}`,
      `jitconnect://${pick(r, ['disconnect', 'conect', 'connect/x', 'connect//', 'open', 'connect.evil.com', ''])}${rest}`,
      `jitconnect://${pick(r, ['user', 'user:pw', ':'])}@connect${rest}`,
      `jitconnect://connect:${int(r, 0, 65535)}${rest}`,
      `${s}#${pick(r, ['', 'x', 'vm=evil', randomWord(r)])}`,
      at(s, queryPos(r, s), '#'),
    ];
    return pick(r, variants);
  },
  'random bytes': (r) => {
    const n = int(r, 0, 300);
    let out = r() < 0.5 ? 'jitconnect://connect?' : '';
    for (let i = 0; i < n; i++) out += String.fromCharCode(int(r, 0, 255));
    // Random bytes that happen to spell a complete valid request are vanishingly unlikely; a '\x00' makes sure.
    return at(out, int(r, 0, out.length), '\x00');
  },
};

function randomWord(r: () => number): string {
  return Array.from({ length: int(r, 1, 12) }, () => pick(r, [...'abcxyz-_.09'])).join('') + '!';
}

function replaceParam(s: string, key: string, value: string): string {
  const re = new RegExp(`([?&])${key}=[^&]*`);
  return re.test(s) ? s.replace(re, `$1${key}=${value}`) : `${s}&${key}=${value}`;
}

function removeParam(s: string, key: string): string {
  return s.replace(new RegExp(`([?&])${key}=[^&]*&?`), '$1').replace(/[?&]$/, '');
}

test('the valid links the fuzzer mutates are accepted', () => {
  for (const link of VALID) assert.ok(parseDeepLink(link).ok, link);
});

for (const [family, gen] of Object.entries(FAMILIES)) {
  test(`fuzz: ${PER_FAMILY} links with ${family} are each refused cleanly`, () => {
    const r = rng(0x5eed ^ (family.length * 7919));
    for (let i = 0; i < PER_FAMILY; i++) {
      const link = gen(r, pick(r, VALID));
      let result;
      try {
        result = parseDeepLink(link);
      } catch (err) {
        assert.fail(`threw on ${JSON.stringify(link.slice(0, 200))}: ${String(err)}`);
      }
      if (result.ok) assert.fail(`accepted ${JSON.stringify(link.slice(0, 200))} as ${JSON.stringify(result.link)}`);
      assert.equal(result.error.code, 'invalid-input');
      assert.match(result.error.message, /^Refused link: /);
      assert.ok(result.error.fix, `no fix for ${JSON.stringify(link.slice(0, 200))}`);
    }
  });
}
