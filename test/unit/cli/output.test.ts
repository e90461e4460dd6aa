import { test } from 'node:test';
import assert from 'node:assert/strict';
import { errorData, errorText, jitSummary, table, vmTable } from '../../../electron/cli/output';
import { openCommand } from '../../../electron/core/launch/open-url';
import type { Vm } from '../../../shared/domain/types';
import { AppError } from '../../../shared/errors/app-error';
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

test('errors print their fix; unknown errors are internal', () => {
  const e = new AppError({ code: 'not-signed-in', message: 'Not signed in.', fix: 'Run jit-connect login.' });
  assert.equal(errorText(errorData(e)), 'error: Not signed in.\n  fix: Run jit-connect login.');
  assert.deepEqual(errorData(new Error('boom')), { code: 'internal', message: 'boom' });
});

test('the browser is opened with an argv array per platform (no shell parses the URL)', () => {
  const url = 'https://login.example/authorize?a=1&b="2"';
  assert.deepEqual(openCommand(url, 'linux'), ['xdg-open', url]);
  assert.deepEqual(openCommand(url, 'darwin'), ['open', url]);
  assert.deepEqual(openCommand(url, 'win32'), ['rundll32', 'url.dll,FileProtocolHandler', url]);
});
