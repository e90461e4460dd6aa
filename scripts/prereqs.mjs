#!/usr/bin/env node
// The system programs the tests need, in one list: `npm test` checks them before it starts (installing what is
// missing with apt-get when it runs as root on Debian, else stopping at once with the exact command), and `.ci/run`
// installs the same list. Usage:
//   node scripts/prereqs.mjs --packages [suite ...]   print the Debian packages, one line (for .ci/run)
//   node scripts/prereqs.mjs --ensure [suite ...]     check, install or explain; exit 1 when something is missing
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, readdirSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * What the tests run for real, the Debian package that brings it, and why. `suites`: the test folders that need it
 * (`npm test` runs unit, integration and ui; e2e runs by hand).
 */
export const PREREQS = [
  {
    command: 'openssl',
    apt: 'openssl',
    suites: ['integration'],
    why: "an independent check of the simulator's certificate chain",
  },
  {
    command: 'chromium',
    apt: 'chromium',
    suites: ['integration', 'ui'],
    why: 'sign-in and the UI driven in a real browser (playwright-core never downloads one)',
  },
  {
    command: 'certutil',
    apt: 'libnss3-tools',
    suites: ['integration', 'ui'],
    why: "trusting the simulator's CA in the browser's NSS database (no global trust change)",
  },
  {
    command: 'dbus-run-session',
    apt: 'dbus-daemon',
    suites: ['integration'],
    why: 'private D-Bus sessions: the token-cache tests (the Secret Service) and the desktop reminder test (dunst)',
  },
  {
    command: 'gnome-keyring-daemon',
    apt: 'gnome-keyring',
    suites: ['integration'],
    why: 'a real Secret Service keyring for the token cache (MSAL persistence through keytar)',
  },
  {
    command: 'secret-tool',
    apt: 'libsecret-tools',
    suites: ['integration'],
    why: "libsecret-1-0, which keytar's prebuilt binary loads at run time (secret-tool comes with it)",
  },
  {
    command: 'sshd',
    apt: 'openssh-server',
    suites: ['integration'],
    why: 'a real sshd on 127.0.0.1 behind the gate for the ssh launcher test',
  },
  {
    command: 'ssh',
    apt: 'openssh-client',
    suites: ['integration'],
    why: 'the real ssh client the launcher starts (and ssh-keygen for throwaway keys)',
  },
  {
    command: 'xrdp',
    apt: 'xrdp',
    suites: ['integration'],
    why: 'a real RDP server on 127.0.0.1 behind the gate for the xfreerdp launcher test',
  },
  {
    command: 'xfreerdp',
    apt: 'freerdp2-x11',
    suites: ['integration'],
    why: 'the real Linux RDP client the launcher starts',
  },
  {
    command: 'Xvfb',
    apt: 'xvfb',
    suites: ['integration'],
    why: 'a display for xfreerdp, which opens one even for /auth-only, and for dunst in the reminder test',
  },
  {
    command: 'dunst',
    apt: 'dunst',
    suites: ['integration'],
    why: 'a real notification daemon that records what it showed (-print) for the desktop reminder test',
  },
  {
    command: 'notify-send',
    apt: 'libnotify-bin',
    suites: ['integration'],
    why: "libnotify's notify-send, through which the browser shell's reminders reach the Linux desktop",
  },
  {
    command: 'dbus-send',
    apt: 'dbus-bin',
    suites: ['integration'],
    why: 'dunstctl talks to dunst with it (the reminder test clicks Extend through dunst)',
  },
  {
    command: 'dpkg-deb',
    apt: 'dpkg',
    suites: ['integration'],
    why: 'the .deb built offline from the packaged app and inspected (--info, --contents)',
  },
  {
    command: 'makensis',
    apt: 'nsis',
    suites: ['integration'],
    why: "compiling build/installer.nsh (the Windows installer's jitconnect:// and ADMX steps)",
  },
  {
    command: 'az',
    apt: 'azure-cli',
    suites: ['e2e'],
    why: "Debian's azure-cli against the simulator (npm run test:az)",
  },
];

/**
 * The full path of `command` on PATH or in the sbin folders (sshd and xrdp live there, often off a user's PATH), or
 * undefined.
 */
export function onPath(command) {
  for (const dir of [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/sbin']) {
    if (!dir) continue;
    const p = join(dir, command);
    try {
      accessSync(p, constants.X_OK);
      return p;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** The prerequisites of the given suites. */
export function prereqsFor(suites) {
  return PREREQS.filter((p) => p.suites.some((s) => suites.includes(s)));
}

const aptCommand = (pkgs) => `apt-get update && apt-get install -y --no-install-recommends ${pkgs.join(' ')}`;

/** Checks the suites' prerequisites; installs the missing ones as root on Debian. Returns true when all are there. */
export function ensure(suites, log = console.error) {
  const missing = prereqsFor(suites).filter((p) => !onPath(p.command));
  if (missing.length === 0) return true;
  const pkgs = [...new Set(missing.map((p) => p.apt))];
  for (const p of missing) log(`missing: ${p.command} (Debian package ${p.apt}), needed for ${p.why}`);
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const debian = existsSync('/etc/debian_version') && onPath('apt-get');
  if (!isRoot || !debian) {
    log(`\nThe tests cannot run without them. Install them${debian ? ' as root' : ''}, then run npm test again:`);
    log(`  ${isRoot ? '' : 'sudo sh -c '}${isRoot ? aptCommand(pkgs) : `'${aptCommand(pkgs)}'`}`);
    if (!debian) log('(on a system other than Debian or Ubuntu, install the same programs with its package manager)');
    return false;
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const lists = existsSync('/var/lib/apt/lists') ? readdirSync('/var/lib/apt/lists') : [];
  if (!lists.some((f) => f.endsWith('_Packages') || f.endsWith('_Packages.lz4'))) {
    log('npm test: the package lists are empty, running apt-get update first');
    if (spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env }).status !== 0) return false;
  }
  log(`npm test: installing ${pkgs.join(', ')} with apt-get (running as root on Debian)`);
  const r = spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...pkgs], {
    stdio: 'inherit',
    env,
  });
  if (r.status !== 0) {
    log(`apt-get install failed; run it yourself: ${aptCommand(pkgs)}`);
    return false;
  }
  const still = missing.filter((p) => !onPath(p.command));
  for (const p of still) log(`${p.apt} is installed but ${p.command} is still not on PATH (${process.env.PATH})`);
  return still.length === 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const [mode, ...rest] = process.argv.slice(2);
  const suites = rest.length ? rest : ['unit', 'integration', 'ui'];
  if (mode === '--packages') console.log([...new Set(prereqsFor(suites).map((p) => p.apt))].join(' '));
  else if (mode === '--ensure') process.exit(ensure(suites) ? 0 : 1);
  else {
    console.error('usage: node scripts/prereqs.mjs --packages|--ensure [suite ...]');
    process.exit(2);
  }
}
