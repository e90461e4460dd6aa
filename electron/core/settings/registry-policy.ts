/**
 * The admin policy in the Windows registry, where Group Policy and Intune write it: `HKLM\Software\Policies\JIT
 * Connect` (the machine) and `HKCU\Software\Policies\JIT Connect` (user-scoped policy; lower precedence than HKLM).
 * Read with `reg.exe query <key> /s` through the ProcessRunner (argv, no shell), parsed, and mapped value name →
 * settings key (REGISTRY_VALUES; the ADMX template in build/policy declares the same values).
 */
import type { ProcessRunner } from '../ports';
import type { PolicyLayer } from './settings';
import type { Settings } from './schema';

/** The policy key under HKLM and HKCU. */
export const POLICY_KEY = 'Software\\Policies\\JIT Connect';

/** How a registry value is stored and what it becomes. */
export type RegistryKind = 'string' | 'list' | 'boolean' | 'number';

/** Registry value name → settings key and kind: strings and durations REG_SZ, lists REG_MULTI_SZ, booleans REG_DWORD 0/1. */
export const REGISTRY_VALUES: Readonly<Record<string, { key: keyof Settings; kind: RegistryKind }>> = {
  Tenant: { key: 'tenant', kind: 'string' },
  ClientId: { key: 'clientId', kind: 'string' },
  Cloud: { key: 'cloud', kind: 'string' },
  AllowedSourceModes: { key: 'allowedSourceModes', kind: 'list' },
  SourceMode: { key: 'sourceMode', kind: 'string' },
  VpnOnly: { key: 'vpnOnly', kind: 'boolean' },
  PrivateSourceRanges: { key: 'privateSourceRanges', kind: 'list' },
  DefaultDuration: { key: 'defaultDuration', kind: 'string' },
  MaxDuration: { key: 'maxDuration', kind: 'string' },
  JustificationTemplate: { key: 'justificationTemplate', kind: 'string' },
  JustificationRequired: { key: 'justificationRequired', kind: 'boolean' },
  AllowKeepAccess: { key: 'allowKeepAccess', kind: 'boolean' },
  KeepAccessCapHours: { key: 'keepAccessCapHours', kind: 'number' },
  UpdateChannel: { key: 'updateChannel', kind: 'string' },
};

/** One value as reg.exe prints it. */
export interface RegValue {
  name: string;
  type: string;
  data: string;
}

const VALUE_LINE = /^ {4}(.+?) {4}(REG_[A-Z_]+)(?: {4}(.*))?$/;

/**
 * The values directly under `key` in `reg.exe query <key> /s` output (CRLF lines; a header line naming each key, then
 * its values indented four spaces as `name    TYPE    data`). Values of subkeys are not policy and are skipped.
 */
export function parseRegQuery(output: string, key: string): RegValue[] {
  const values: RegValue[] = [];
  let inKey = false;
  for (const line of output.split(/\r?\n/)) {
    if (line.trim() === '') continue;
    if (!line.startsWith(' ')) {
      inKey = line.trim().toLowerCase() === key.toLowerCase();
      continue;
    }
    const m = inKey ? VALUE_LINE.exec(line) : null;
    if (m) values.push({ name: m[1]!, type: m[2]!, data: m[3] ?? '' });
  }
  return values;
}

/** `%NAME%` replaced from the environment (names case-insensitive, as Windows does); unknown ones are kept. */
function expand(text: string, env: NodeJS.ProcessEnv): string {
  const lower = new Map(Object.entries(env).map(([k, v]) => [k.toLowerCase(), v]));
  return text.replace(/%([^%]+)%/g, (whole, name: string) => lower.get(name.toLowerCase()) ?? whole);
}

/** The typed value of one registry value for its kind, or a reason it cannot be one. */
function convert(v: RegValue, kind: RegistryKind, env: NodeJS.ProcessEnv): { value: unknown } | { problem: string } {
  const text = v.type === 'REG_EXPAND_SZ' ? expand(v.data, env) : v.data;
  const isString = v.type === 'REG_SZ' || v.type === 'REG_EXPAND_SZ';
  if (kind === 'string' && isString) return { value: text };
  if (kind === 'list' && v.type === 'REG_MULTI_SZ') return { value: text === '' ? [] : text.split('\\0') };
  if (kind === 'list' && isString) return { value: text === '' ? [] : text.split(/[;,]\s*/) };
  if ((kind === 'boolean' || kind === 'number') && v.type === 'REG_DWORD' && /^0x[0-9a-f]+$/i.test(v.data)) {
    const n = parseInt(v.data, 16);
    if (kind === 'number') return { value: n };
    if (n === 0 || n === 1) return { value: n === 1 };
    return { problem: `${v.name} is ${n}; use 0 or 1` };
  }
  const want = { string: 'REG_SZ', list: 'REG_MULTI_SZ', boolean: 'REG_DWORD (0 or 1)', number: 'REG_DWORD' }[kind];
  return { problem: `${v.name} is ${v.type}; it should be ${want}` };
}

/** The settings values of one key's registry values, and what was skipped (unknown names, wrong types) and why. */
export function registryToSettings(
  values: readonly RegValue[],
  env: NodeJS.ProcessEnv = {},
): { values: Record<string, unknown>; skipped: string[] } {
  const out: Record<string, unknown> = {};
  const skipped: string[] = [];
  for (const v of values) {
    const entry = Object.entries(REGISTRY_VALUES).find(([name]) => name.toLowerCase() === v.name.toLowerCase());
    if (!entry) {
      skipped.push(`${v.name} is not a JIT Connect policy`);
      continue;
    }
    // An empty string is what an enabled text policy left blank writes: not set, rather than an invalid value.
    if (entry[1].kind === 'string' && v.data.trim() === '') continue;
    const r = convert(v, entry[1].kind, env);
    if ('problem' in r) skipped.push(r.problem);
    else out[entry[1].key] = r.value;
  }
  return { values: out, skipped };
}

/** What reading the registry needs: the platform (only win32 has one), a runner, the environment, a warning sink. */
export interface RegistryReadDeps {
  platform: NodeJS.Platform;
  runner: ProcessRunner;
  env?: NodeJS.ProcessEnv;
  warn?: (message: string) => void;
}

/**
 * The registry's policy layers, lowest precedence first (HKCU, then HKLM), each naming its key. Not Windows: none. A
 * missing key is no policy; reg.exe missing or failing otherwise is a warning and no layer, never a crash.
 */
export async function readRegistryPolicy(deps: RegistryReadDeps): Promise<PolicyLayer[]> {
  if (deps.platform !== 'win32') return [];
  const env = deps.env ?? {};
  const layers: PolicyLayer[] = [];
  for (const hive of ['HKEY_CURRENT_USER', 'HKEY_LOCAL_MACHINE']) {
    const key = `${hive}\\${POLICY_KEY}`;
    let r: Awaited<ReturnType<ProcessRunner['run']>>;
    try {
      r = await deps.runner.run(['reg.exe', 'query', key, '/s'], { wait: true, capture: true });
    } catch (err) {
      deps.warn?.(`The policy in the registry (${key}) could not be read: ${(err as Error).message}`);
      continue;
    }
    if (r.exitCode !== 0) {
      // reg.exe says "unable to find" (exit 1) when the key is missing: no policy there.
      if (!/unable to find/i.test(r.stderr ?? ''))
        deps.warn?.(
          `The policy in the registry (${key}) could not be read: ${(r.stderr ?? '').trim() || `exit ${r.exitCode}`}`,
        );
      continue;
    }
    const { values, skipped } = registryToSettings(parseRegQuery(r.stdout ?? '', key), env);
    for (const s of skipped) deps.warn?.(`Registry policy ${key}: ${s} (ignored).`);
    if (Object.keys(values).length) layers.push({ source: `the registry (${key})`, values });
  }
  return layers;
}
