import { test } from 'node:test';
import assert from 'node:assert/strict';
import { errorData, errorText, jitSummary, table, vmTable } from '../../../electron/cli/output';
import { openCommand } from '../../../electron/core/launch/open-url';
import type { Vm } from '../../../shared/domain/types';
import { AppError, type AppErrorData } from '../../../shared/errors/app-error';
import { sampleVm } from '../../fixtures/vm';

const vm = (over: Partial<Vm>): Vm => sampleVm({ name: 'x', privateIp: undefined, p2sPools: [], ...over });

test('tables line up their columns and drop trailing spaces', () => {
  assert.equal(
    table(
      ['A', 'BB'],
      [
        ['xxx', 'y'],
        ['', 'zz'],
      ],
    ),
    'A    BB\nxxx  y\n     zz',
  );
});

test('the vms table says what each VM offers', () => {
  const out = vmTable([
    vm({
      name: 'VM-FS01',
      privateIp: '10.10.1.4',
      jit: {
        state: 'configured',
        ports: [3389, 5985].map((n) => ({ number: n, protocol: 'TCP', maxDuration: 'PT3H', allowedSources: ['*'] })),
      },
    }),
    vm({ name: 'vm-dev01', jit: { state: 'unsupported', ports: [], reason: 'no Defender for Servers Plan 2' } }),
    vm({ name: 'vm-web01', osType: 'Linux', privateIp: '10.10.1.5', publicIp: '20.61.10.25' }),
  ]);
  const lines = out.split('\n');
  assert.match(lines[0]!, /^NAME\s+SUBSCRIPTION\s+POWER\s+OS\s+IP\s+JIT$/);
  assert.match(lines[1]!, /^VM-FS01\s+Contoso Production\s+running\s+Windows\s+10\.10\.1\.4\s+3389,5985$/);
  assert.match(lines[2]!, /unsupported \(no Defender for Servers Plan 2\)$/);
  assert.match(lines[3]!, /10\.10\.1\.5 \/ 20\.61\.10\.25\s+not configured$/);
  assert.equal(jitSummary(vm({ jit: { state: 'unknown', ports: [] } })), 'unknown');
});

test('errors print their fix, then the command or flag that does it here; unknown errors are internal', () => {
  const e = new AppError({ code: 'not-signed-in', message: 'Not signed in.', fix: 'Sign in.' });
  assert.equal(errorText(errorData(e)), 'error: Not signed in.\n  fix: Sign in.\n  try: jit-connect login');
  assert.deepEqual(errorData(new Error('boom')), { code: 'internal', message: 'boom' });
  assert.equal(errorText({ code: 'cancelled', message: 'Cancelled.' }), 'error: Cancelled.');
});

test("core's face-neutral fixes get the CLI's flag", () => {
  const cases: Array<[AppErrorData, string]> = [
    [
      {
        code: 'no-vpn-pool',
        message: 'x',
        fix: 'Connect the VPN, then try again, or ask for the public path explicitly.',
      },
      '--source public',
    ],
    [
      { code: 'interaction-required', message: 'x', fix: 'Sign in to tenant fab-1 again.' },
      'jit-connect login --tenant fab-1',
    ],
    [{ code: 'interaction-required', message: 'x', fix: 'Sign in again.' }, 'jit-connect login'],
    [
      { code: 'any-source-needs-confirmation', message: 'x', fix: 'confirm the any-address source' },
      '--yes-any-source',
    ],
    [
      { code: 'invalid-input', message: "The justification template 'T {ticket}' needs a ticket number.", fix: '' },
      '--ticket <number> or --justification <text>',
    ],
    [{ code: 'vm-not-running', message: 'x', fix: 'Start it first.' }, '--start'],
    [
      { code: 'invalid-input', message: 'The source bogus is not auto, vpn, public or an IPv4 range.', fix: 'x' },
      '--source auto|vpn|public|<CIDR>',
    ],
    [{ code: 'invalid-input', message: 'Cannot start ssh: the user name has a space.', fix: 'x' }, '--user <account>'],
  ];
  for (const [data, hint] of cases) assert.ok(errorText(data).endsWith(`\n  try: ${hint}`), errorText(data));
});

test('the browser is opened with an argv array per platform (no shell parses the URL)', () => {
  const url = 'https://login.example/authorize?a=1&b="2"';
  assert.deepEqual(openCommand(url, 'linux'), ['xdg-open', url]);
  assert.deepEqual(openCommand(url, 'darwin'), ['open', url]);
  assert.deepEqual(openCommand(url, 'win32'), ['rundll32', 'url.dll,FileProtocolHandler', url]);
});
