/** Exact argv of the RDP launchers on every OS; when a .rdp file is written, and what it says. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planLaunch, type LaunchRequest } from '../../../../electron/core/launch/index';
import { DEFAULTS, request } from './fixtures';

const rdp = (over: Partial<LaunchRequest['rdp']>) => ({ ...DEFAULTS.rdp, ...over });
const win = (over: Partial<LaunchRequest> = {}) => request({ platform: 'win32', port: 3389, ...over });
const THUMB = 'ab'.repeat(32);

const cases: Array<[string, LaunchRequest, string[]]> = [
  ['win32, defaults: no file', win(), ['mstsc', '/v:20.61.10.25:3389']],
  [
    'win32, every switch',
    win({ rdp: rdp({ admin: true, fullScreen: true, multimon: true, width: 1920, height: 1080 }) }),
    ['mstsc', '/v:20.61.10.25:3389', '/admin', '/f', '/multimon', '/w:1920', '/h:1080'],
  ],
  ['win32, address-mapped port', win({ host: '127.0.0.1', port: 50123, kind: 'rdp' }), ['mstsc', '/v:127.0.0.1:50123']],
  ['win32, a user name needs a file', win({ user: 'CONTOSO\\ann' }), ['mstsc', 'C:\\Temp\\jit-1\\vm-web01-3389.rdp']],
  [
    'win32, override',
    win({ clients: { rdp: ['C:\\Tools\\mstsc.exe', '/public'] } }),
    ['C:\\Tools\\mstsc.exe', '/public', '/v:20.61.10.25:3389'],
  ],
  [
    'darwin: the Windows App opens a file',
    request({ platform: 'darwin', port: 3389 }),
    ['open', '-a', 'Windows App', '/tmp/jit-1/vm-web01-3389.rdp'],
  ],
  [
    'linux: xfreerdp, the certificate trusted on first use',
    request({ port: 3389, user: 'ann lee' }, ['xfreerdp', 'remmina']),
    ['xfreerdp', '/v:20.61.10.25:3389', '/u:ann lee', '/cert:tofu', '-clipboard'],
  ],
  [
    'linux: xfreerdp with every option, the password on stdin',
    request(
      {
        port: 3389,
        password: 'p@ss w0rd',
        rdpMonitors: [0, 2],
        rdp: rdp({
          admin: true,
          fullScreen: true,
          width: 1280,
          height: 800,
          gateway: 'gw.contoso.com',
          redirect: { clipboard: true, drives: true, printers: true, smartCards: true },
        }),
      },
      ['xfreerdp'],
    ),
    ['xfreerdp', '/v:20.61.10.25:3389', '/cert:tofu', '/from-stdin:force', '/admin', '/f', '/multimon']
      .concat(['/monitors:0,2', '/size:1280x800', '/g:gw.contoso.com', '+clipboard', '/drives', '/printer'])
      .concat(['/smartcard']),
  ],
  [
    'linux: override (xfreerdp-compatible)',
    request({ port: 3389, clients: { rdp: ['xfreerdp3', '/auth-only'] } }),
    ['xfreerdp3', '/auth-only', '/v:20.61.10.25:3389', '/cert:tofu', '-clipboard'],
  ],
  [
    'linux: remmina when there is no xfreerdp',
    request({ port: 3389 }, ['remmina']),
    ['remmina', '-c', '/tmp/jit-1/vm-web01-3389.remmina'],
  ],
];

for (const [name, req, argv] of cases) {
  test(`rdp argv: ${name}`, () => {
    const plan = planLaunch(req);
    assert.deepEqual(plan.argv, argv);
    assert.equal(plan.wait, false);
    assert.ok(!plan.argv.some((a) => a.includes('p@ss')), 'the password never on argv');
    assert.deepEqual(
      plan.deleteAfter ?? [],
      plan.files.map((f) => f.path),
    );
    for (const f of plan.files) assert.equal(f.mode, 0o600);
  });
}

test('rdp on Linux: the password goes to stdin only', () => {
  const plan = planLaunch(request({ port: 3389, password: 'secret' }, ['xfreerdp']));
  assert.equal(plan.stdin, 'secret\n');
});

test('rdp on Linux with neither client: client-not-found', () => {
  assert.throws(() => planLaunch(request({ port: 3389 })), { code: 'client-not-found', message: /xfreerdp/ });
});

test('rdp on Windows: a file only for user name, Entra sign-in, gateway or monitors; each says what Windows asks', () => {
  const withFile: Array<Partial<LaunchRequest>> = [
    { user: 'ann' },
    { rdp: rdp({ entraSignIn: true }), vmHostName: 'vm-web01.contoso.com' },
    { rdp: rdp({ gateway: 'gw.contoso.com' }) },
    { rdpMonitors: [1] },
  ];
  for (const over of withFile) {
    const plan = planLaunch(win(over));
    assert.equal(plan.files.length, 1, JSON.stringify(over));
    assert.match(plan.notice ?? '', /Windows will ask/);
    assert.match(plan.notice ?? '', /Unknown remote connection/);
    assert.equal(plan.prepare, undefined);
  }
  assert.equal(planLaunch(win({ rdp: rdp({ admin: true, fullScreen: true }) })).files.length, 0);
});

test('rdp on Windows with Entra sign-in: the file names the host name; an IP or no name is refused', () => {
  const plan = planLaunch(win({ rdp: rdp({ entraSignIn: true }), vmHostName: 'vm-web01.contoso.com' }));
  assert.match(plan.files[0]!.content, /^full address:s:vm-web01\.contoso\.com:3389\r\n/);
  assert.match(plan.files[0]!.content, /\r\nenablerdsaadauth:i:1\r\n/);
  for (const vmHostName of [undefined, '10.0.0.4']) {
    assert.throws(() => planLaunch(win({ rdp: rdp({ entraSignIn: true }), ...(vmHostName ? { vmHostName } : {}) })), {
      code: 'invalid-input',
      message: /host name, not an IP/,
    });
  }
});

test('rdp on Windows with a signing certificate: rdpsign runs first, the notice says signed', () => {
  const plan = planLaunch(win({ user: 'ann', rdpSignThumbprint: THUMB }));
  const file = 'C:\\Temp\\jit-1\\vm-web01-3389.rdp';
  assert.deepEqual(plan.prepare, [['rdpsign', '/sha256', THUMB.toUpperCase(), file]]);
  assert.deepEqual(plan.argv, ['mstsc', file]);
  assert.match(plan.notice ?? '', /signed by your organisation/);
  for (const bad of ['ab'.repeat(20), `${THUMB.slice(1)} `, `${THUMB.slice(2)};x`]) {
    assert.throws(() => planLaunch(win({ user: 'ann', rdpSignThumbprint: bad })), { code: 'invalid-input' });
  }
});

test('rdp: a user name with a line break cannot reach any file or argv', () => {
  for (const platform of ['win32', 'darwin', 'linux'] as const) {
    assert.throws(
      () => planLaunch(request({ platform, port: 3389, user: 'ann\r\nfull address:s:evil.example' }, ['xfreerdp'])),
      { code: 'invalid-input' },
      platform,
    );
  }
  assert.throws(() => planLaunch(request({ port: 3389, user: 'ann\nserver=evil' }, ['remmina'])), {
    code: 'invalid-input',
  });
});

test('rdp: a file name is made only of the VM name’s safe characters', () => {
  const plan = planLaunch(win({ user: 'ann', vmName: '../..\\evil name' }));
  assert.equal(plan.files[0]!.path, 'C:\\Temp\\jit-1\\_.._evil_name-3389.rdp');
});
