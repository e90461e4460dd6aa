/** The flags both shells take: one parser, strict for the browser shell, lenient about Electron's own switches. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseShellArgs, ShellUsageError } from '../../../../electron/core/app/shell-args';

test('the browser shell takes its flags and refuses anything else', () => {
  assert.deepEqual(
    parseShellArgs(
      ['--demo', '--config-dir', '/c', '--no-open', '--static-dir=/s', '--link', 'jitconnect://a', '--link=b'],
      { browser: true },
    ),
    {
      demo: true,
      noOpen: true,
      hidden: false,
      configDir: '/c',
      staticDir: '/s',
      links: ['jitconnect://a', 'b'],
    },
  );
  for (const bad of [['--no-sandbox'], ['stray'], ['--cloud'], ['--demo=yes'], ['--enable-features=X']])
    assert.throws(() => parseShellArgs(bad, { browser: true }), ShellUsageError, bad.join(' '));
});

test("the Electron shell passes over its app path and Electron's switches, and refuses a mistyped flag of ours", () => {
  const args = parseShellArgs(
    [
      '/opt/jit/main.mjs',
      '--no-sandbox',
      '--enable-logging',
      '--js-flags=--max-old-space-size=512',
      '--cloud=AzureCloud',
    ],
    { lenient: true },
  );
  assert.equal(args.cloud, 'AzureCloud');
  assert.equal(args.demo, false);
  assert.equal(args.hidden, false);
  // The login item starts the Electron shell with --hidden (tray only); the browser shell has no tray.
  assert.equal(parseShellArgs(['/opt/jit/main.mjs', '--hidden'], { lenient: true }).hidden, true);
  assert.throws(() => parseShellArgs(['--hidden'], { browser: true }), /unknown option --hidden/);
  assert.ok(args.configDir.length > 0, 'the default config dir');
  assert.throws(() => parseShellArgs(['--clowd', 'x'], { lenient: true }), /unknown option --clowd/);
  // The browser shell's own flags are not the Electron shell's.
  assert.throws(() => parseShellArgs(['--no-open'], { lenient: true }), /unknown option --no-open/);
  // Electron gets its links as arguments from the OS (electron/main/deep-link.ts), not as a flag.
  assert.throws(() => parseShellArgs(['--link', 'x'], { lenient: true }), /unknown option --link/);
  assert.throws(() => parseShellArgs(['--config-dir'], { lenient: true }), /--config-dir needs a value/);
});
