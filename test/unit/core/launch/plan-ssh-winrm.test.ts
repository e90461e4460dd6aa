/** Exact argv of the ssh and PowerShell (WinRM) launchers on every OS, and the user names each target refuses. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planLaunch, type LaunchRequest } from '../../../../electron/core/launch/index';
import { request } from './fixtures';

const SSH = ['ssh', '-p', '22', '-o', 'ConnectTimeout=15', '-o', 'ServerAliveInterval=30', '--'];
const OSA = ['osascript', '-e', 'on run argv', '-e', 'tell application "Terminal"', '-e', 'activate'];
const OSA_END = ['-e', 'do script (item 1 of argv)', '-e', 'end tell', '-e', 'end run'];
const SSH_LINE = 'ssh -p 22 -o ConnectTimeout=15 -o ServerAliveInterval=30 --';

const sshCases: Array<[string, Partial<LaunchRequest>, string[], string[]]> = [
  ['linux, this terminal', { user: 'azureuser' }, [], [...SSH, 'azureuser@20.61.10.25']],
  ['linux, this terminal, no user', {}, [], [...SSH, '20.61.10.25']],
  ['darwin, this terminal', { platform: 'darwin', user: 'azureuser' }, [], [...SSH, 'azureuser@20.61.10.25']],
  ['win32, this terminal', { platform: 'win32', user: 'azureuser' }, [], [...SSH, 'azureuser@20.61.10.25']],
  [
    'linux, x-terminal-emulator',
    { terminal: 'new', user: 'azureuser' },
    ['x-terminal-emulator', 'xterm'],
    ['x-terminal-emulator', '-e', ...SSH, 'azureuser@20.61.10.25'],
  ],
  [
    'linux, gnome-terminal',
    { terminal: 'new', user: 'azureuser' },
    ['gnome-terminal', 'konsole', 'xterm'],
    ['gnome-terminal', '--', ...SSH, 'azureuser@20.61.10.25'],
  ],
  [
    'linux, konsole',
    { terminal: 'new', user: 'azureuser' },
    ['konsole', 'xterm'],
    ['konsole', '-e', ...SSH, 'azureuser@20.61.10.25'],
  ],
  ['linux, xterm', { terminal: 'new', user: 'a b' }, ['xterm'], ['xterm', '-e', ...SSH, 'a b@20.61.10.25']],
  [
    'win32, Windows Terminal',
    { platform: 'win32', terminal: 'new', user: 'CONTOSO\\ann lee' },
    ['wt'],
    ['wt', 'new-tab', '--title', 'vm-web01 (ssh)', '--', ...SSH, 'CONTOSO\\ann lee@20.61.10.25'],
  ],
  [
    'win32, no Windows Terminal: a console host window',
    { platform: 'win32', terminal: 'new', user: 'azureuser' },
    [],
    ['conhost.exe', ...SSH, 'azureuser@20.61.10.25'],
  ],
  [
    'darwin, Terminal',
    { platform: 'darwin', terminal: 'new', user: 'ann lee' },
    [],
    [...OSA, ...OSA_END, `${SSH_LINE} 'ann lee@20.61.10.25'`],
  ],
  [
    'darwin, Terminal, a $ in the name stays literal',
    { platform: 'darwin', terminal: 'new', user: 'ann$HOME' },
    [],
    [...OSA, ...OSA_END, `${SSH_LINE} 'ann$HOME@20.61.10.25'`],
  ],
  [
    'override of ssh and of the terminal',
    { terminal: 'new', user: 'u', clients: { ssh: ['/opt/ssh', '-F', '/etc/x'], terminal: ['kitty', '--'] } },
    ['xterm'],
    ['kitty', '--', '/opt/ssh', '-F', '/etc/x', ...SSH.slice(1), 'u@20.61.10.25'],
  ],
];

for (const [name, over, installed, argv] of sshCases) {
  test(`ssh argv: ${name}`, () => {
    const plan = planLaunch(request(over, installed));
    assert.deepEqual(plan.argv, argv);
    assert.deepEqual(plan.files, []);
    assert.equal(plan.wait, over.terminal !== 'new');
  });
}

test('ssh: the VM port decides the kind (the dialled one may be mapped), an explicit kind wins', () => {
  assert.equal(planLaunch(request({ port: 2222, kind: 'ssh' })).argv[2], '2222');
  assert.deepEqual(planLaunch(request({ host: '127.0.0.1', port: 40022, vmPort: 22, user: 'u' })).argv, [
    ...SSH.slice(0, 2),
    '40022',
    ...SSH.slice(3),
    'u@127.0.0.1',
  ]);
  assert.equal(planLaunch(request({ port: 40986, vmPort: 5986 })).argv.at(-1), '-UseSSL');
  assert.equal(planLaunch(request({ port: 40389, vmPort: 3389 }, ['xfreerdp'])).argv[0], 'xfreerdp');
  assert.throws(() => planLaunch(request({ port: 2222 })), { code: 'invalid-input', message: /port 2222/ });
});

test('ssh: a name ssh would refuse is refused before launch, on every target', () => {
  const bad = [`o'brien`, 'a "b"', 'x$(id)', 'a;b', 'a|b', 'a`id`', '-oProxyCommand=x', 'a -o', 'a\\', 'a\nb', ''];
  for (const user of bad) {
    for (const over of [
      { terminal: 'current' as const },
      { terminal: 'new' as const },
      { platform: 'win32' as const, terminal: 'new' as const },
      { platform: 'darwin' as const, terminal: 'new' as const },
    ]) {
      assert.throws(() => planLaunch(request({ ...over, user }, ['xterm', 'wt'])), { code: 'invalid-input' }, user);
    }
  }
});

test('ssh: a host that could be an option or a second argument is refused', () => {
  for (const host of ['-oProxyCommand=x', 'a b', 'h;x', '10.0.0.1\n', '']) {
    assert.throws(() => planLaunch(request({ host })), { code: 'invalid-input' }, host);
  }
});

test('ssh in macOS Terminal: "!" is refused (csh history), a quote-free name with spaces is single-quoted', () => {
  assert.throws(() => planLaunch(request({ platform: 'darwin', terminal: 'new', user: 'a!b' })), {
    code: 'invalid-input',
    message: /csh/,
  });
});

test('ssh in a new terminal on Linux without any terminal: client-not-found, naming the fix', () => {
  assert.throws(() => planLaunch(request({ terminal: 'new' }, [])), {
    code: 'client-not-found',
    message: /x-terminal-emulator, gnome-terminal, konsole, xterm/,
  });
});

const PS_WIN = ['powershell.exe', '-NoProfile', '-NoExit', '-ExecutionPolicy', 'RemoteSigned', '-File'];
const PS_NIX = ['pwsh', '-NoProfile', '-NoExit', '-File'];
const winrmCases: Array<[string, Partial<LaunchRequest>, string[], string[]]> = [
  [
    'win32 5985, this terminal',
    { platform: 'win32', port: 5985, user: 'CONTOSO\\ann' },
    [],
    [...PS_WIN, 'C:\\App\\scripts\\enter-session.ps1', '-ComputerName', '20.61.10.25', '-Port', '5985'].concat([
      '-UserName',
      'CONTOSO\\ann',
    ]),
  ],
  [
    'win32 5986 in Windows Terminal, ; escaped',
    { platform: 'win32', port: 5986, terminal: 'new', user: 'a;b', scriptsDir: 'C:\\My;Apps\\scripts' },
    ['wt'],
    [
      'wt',
      'new-tab',
      '--title',
      'vm-web01 (PowerShell)',
      '--',
      ...PS_WIN,
      'C:\\My\\;Apps\\scripts\\enter-session.ps1',
    ].concat(['-ComputerName', '20.61.10.25', '-Port', '5986', '-UserName', 'a\\;b', '-UseSSL']),
  ],
  [
    'linux 5986, this terminal',
    { port: 5986 },
    [],
    [...PS_NIX, '/app/scripts/enter-session.ps1', '-ComputerName', '20.61.10.25', '-Port', '5986', '-UseSSL'],
  ],
  [
    'linux 5985 in xterm',
    { port: 5985, terminal: 'new', user: 'x$(id)' },
    ['xterm'],
    [
      'xterm',
      '-e',
      ...PS_NIX,
      '/app/scripts/enter-session.ps1',
      '-ComputerName',
      '20.61.10.25',
      '-Port',
      '5985',
    ].concat(['-UserName', 'x$(id)']),
  ],
  [
    'darwin 5985 in Terminal',
    { platform: 'darwin', port: 5985, terminal: 'new', user: "o'b" },
    [],
    [...OSA, ...OSA_END].concat(
      `pwsh -NoProfile -NoExit -File /app/scripts/enter-session.ps1 -ComputerName 20.61.10.25 -Port 5985 -UserName 'o'\\''b'`,
    ),
  ],
  [
    'override of PowerShell',
    { port: 5985, clients: { winrm: ['/opt/pwsh-preview'] } },
    [],
    ['/opt/pwsh-preview', '-NoProfile', '-NoExit', '-File', '/app/scripts/enter-session.ps1'].concat([
      '-ComputerName',
      '20.61.10.25',
      '-Port',
      '5985',
    ]),
  ],
];

for (const [name, over, installed, argv] of winrmCases) {
  test(`winrm argv: ${name}`, () => {
    const plan = planLaunch(request(over, installed));
    assert.deepEqual(plan.argv, argv);
    assert.ok(!plan.argv.includes('-Command'), 'never a -Command string');
    assert.match(plan.notice ?? '', /password/);
  });
}

test('winrm: a user name PowerShell would read as a parameter, or a quote on Windows, is refused', () => {
  for (const user of ['-UseSSL', 'a"b', 'a\r\nb']) {
    assert.throws(() => planLaunch(request({ port: 5985, platform: 'win32', user })), { code: 'invalid-input' });
  }
  assert.throws(() => planLaunch(request({ port: 5985, platform: 'win32', terminal: 'new', user: 'a"b' }, ['wt'])));
});
