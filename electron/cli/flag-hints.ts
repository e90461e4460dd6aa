/**
 * The CLI's own words for core's remedies. Core's fix texts are face-neutral ("ask for the public path explicitly"):
 * the app shows them beside its buttons, the CLI adds the command or flag that does it here.
 */
import type { AppErrorData, ErrorCode } from '../../shared/errors/app-error';

interface Rule {
  codes: ErrorCode[];
  /** Tested against the message and the fix (one text, a newline between). */
  when?: RegExp;
  hint: string | ((m: RegExpMatchArray) => string);
}

const LOGIN = 'jit-connect login';
const RULES: Rule[] = [
  { codes: ['interaction-required'], when: /Sign in to tenant (\S+?) again/, hint: (m) => `${LOGIN} --tenant ${m[1]}` },
  { codes: ['interaction-required'], when: /with a device code again/, hint: `${LOGIN} --device-code` },
  { codes: ['invalid-input'], when: /Sign in with a device code instead/, hint: `${LOGIN} --device-code` },
  { codes: ['not-signed-in', 'interaction-required'], hint: LOGIN },
  { codes: ['azure-error'], when: /^Sign-in failed/, hint: LOGIN },
  { codes: ['any-source-needs-confirmation'], hint: '--yes-any-source' },
  { codes: ['invalid-input'], when: /source mode is "fixed"/, hint: '--source <CIDR>' },
  {
    codes: ['invalid-input'],
    when: /is not auto, vpn, public or an IPv4 range/,
    hint: '--source auto|vpn|public|<CIDR>',
  },
  { codes: ['no-vpn-pool'], when: /public path explicitly/, hint: '--source public' },
  {
    codes: ['port-not-in-policy'],
    when: /no longer lists port/,
    hint: 'jit-connect vms --refresh, then --port <port>',
  },
  { codes: ['port-not-in-policy'], hint: '--port <port>' },
  { codes: ['invalid-input'], when: /needs a ticket number/, hint: '--ticket <number> or --justification <text>' },
  { codes: ['jit-not-enabled'], hint: 'jit-connect vms --refresh (an admin: jit-connect enable <vm>)' },
  { codes: ['vm-not-found'], hint: 'jit-connect vms --refresh' },
  { codes: ['vm-not-running'], hint: '--start' },
  { codes: ['rule-timeout'], hint: 'jit-connect grants' },
  { codes: ['invalid-input'], when: /has no tenant/, hint: 'jit-connect tenants, then --tenant <id>' },
  {
    codes: ['invalid-input'],
    when: /cloud profile/,
    hint: '--cloud AzureCloud|AzureUSGovernment|AzureChinaCloud|<profile.json>',
  },
  { codes: ['invalid-input'], when: /^Cannot start (PowerShell|xfreerdp|ssh)/, hint: '--user <account>' },
  { codes: ['invalid-input'], when: /safely to /, hint: '--no-terminal' },
  { codes: ['client-not-found'], when: /No terminal program/, hint: '--no-terminal' },
  { codes: ['invalid-input'], when: /No client is known/, hint: '--no-launch' },
  { codes: ['invalid-input'], when: /no default port/, hint: '--ports 3389 or --ports 22' },
];

/** The CLI command or flag that carries out an error's fix, when there is one. */
export function flagHint(data: Pick<AppErrorData, 'code' | 'message' | 'fix'>): string | undefined {
  const text = `${data.message}\n${data.fix ?? ''}`;
  for (const rule of RULES) {
    if (!rule.codes.includes(data.code)) continue;
    const m = rule.when ? text.match(rule.when) : ([] as unknown as RegExpMatchArray);
    if (!m) continue;
    return typeof rule.hint === 'string' ? rule.hint : rule.hint(m);
  }
  return undefined;
}
