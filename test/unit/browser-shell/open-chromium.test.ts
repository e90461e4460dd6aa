import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chromiumArgs, openInChromium, type OpenDeps } from '../../../electron/browser-shell/open-chromium';

const URL_ = 'http://127.0.0.1:4000/#abc';

function fakes(present: string[]) {
  const spawned: { cmd: string; args: string[] }[] = [];
  const printed: string[] = [];
  let onError: (() => void) | undefined;
  const deps: OpenDeps = {
    exists: (p) => present.includes(p),
    spawn: (cmd, args) => {
      spawned.push({ cmd, args });
      return {
        unref: () => {},
        on(event: string, l: () => void) {
          if (event === 'error') onError = l;
          return this;
        },
      } as unknown as ReturnType<OpenDeps['spawn']>;
    },
    makeProfileDir: () => '/tmp/jit-connect-chromium-x',
    print: (l) => printed.push(l),
  };
  return { deps, spawned, printed, fail: () => onError?.() };
}

test('Chromium present: an app window with a private profile, argv only', () => {
  const f = fakes(['/usr/bin/chromium']);
  assert.equal(openInChromium(URL_, f.deps), 'chromium');
  assert.deepEqual(f.spawned, [{ cmd: '/usr/bin/chromium', args: chromiumArgs(URL_, '/tmp/jit-connect-chromium-x') }]);
  assert.ok(f.spawned[0]!.args.includes(`--app=${URL_}`));
  assert.ok(f.spawned[0]!.args.includes('--user-data-dir=/tmp/jit-connect-chromium-x'));
  assert.deepEqual(f.printed, []);
  f.fail();
  assert.match(f.printed[0]!, /did not start.*http:\/\/127\.0\.0\.1:4000\/#abc/);
});

test('Ubuntu’s chromium-browser is found too; without Chromium the URL is printed', () => {
  const u = fakes(['/usr/bin/chromium-browser']);
  assert.equal(openInChromium(URL_, u.deps), 'chromium');
  assert.equal(u.spawned[0]!.cmd, '/usr/bin/chromium-browser');
  const none = fakes([]);
  assert.equal(openInChromium(URL_, none.deps), 'printed');
  assert.deepEqual(none.spawned, []);
  assert.deepEqual(none.printed, [`Open JIT Connect in a browser: ${URL_}`]);
});
