import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  forwardDeepLinks,
  linksInArgv,
  registerProtocolClient,
  type DeepLinkEvents,
} from '../../../electron/main/deep-link';

const LINK = 'jitconnect://connect?vm=VM-FS01&port=3389';

/** A fake `app`: records listeners and protocol registrations, and fires events as Electron would. */
function fakeApp() {
  const listeners = new Map<string, Array<(...args: unknown[]) => void>>();
  const registered: unknown[][] = [];
  const app = {
    on(event: string, listener: (...args: unknown[]) => void) {
      listeners.set(event, [...(listeners.get(event) ?? []), listener]);
      return app;
    },
    setAsDefaultProtocolClient(...args: unknown[]) {
      registered.push(args);
      return true;
    },
  };
  return {
    app: app as unknown as DeepLinkEvents & Parameters<typeof registerProtocolClient>[0],
    registered,
    fire(event: string, ...args: unknown[]) {
      for (const l of listeners.get(event) ?? []) l(...args);
    },
  };
}

test('the links of a command line: jitconnect: arguments in any case, nothing else, at most three', () => {
  assert.deepEqual(linksInArgv(['/opt/JIT Connect/jit-connect', '--no-sandbox', LINK]), [LINK]);
  assert.deepEqual(linksInArgv(['app', 'JITCONNECT://connect?vm=a&port=22']), ['JITCONNECT://connect?vm=a&port=22']);
  assert.deepEqual(linksInArgv(['app', 'https://evil.example/jitconnect://x', '--link=jitconnect://x']), []);
  assert.equal(linksInArgv(Array(10).fill(LINK)).length, 3);
});

test('packaged: the app registers itself for jitconnect:; in development Electron with the app path, as documented', () => {
  const packaged = fakeApp();
  assert.equal(
    registerProtocolClient(packaged.app, { execPath: '/opt/jit/jit-connect', argv: ['/opt/jit/jit-connect'] }),
    true,
  );
  assert.deepEqual(packaged.registered, [['jitconnect']]);

  const dev = fakeApp();
  registerProtocolClient(dev.app, {
    defaultApp: true,
    execPath: '/usr/lib/electron/electron',
    argv: ['/usr/lib/electron/electron', 'dist'],
  });
  assert.equal(dev.registered.length, 1);
  const [scheme, exe, args] = dev.registered[0] as [string, string, string[]];
  assert.equal(scheme, 'jitconnect');
  assert.equal(exe, '/usr/lib/electron/electron');
  assert.equal(args.length, 1);
  assert.ok(args[0]!.startsWith('/') && args[0]!.endsWith('/dist'), `an absolute app path: ${args[0]}`);

  const bare = fakeApp();
  assert.equal(registerProtocolClient(bare.app, { defaultApp: true, execPath: 'electron', argv: ['electron'] }), false);
  assert.deepEqual(bare.registered, []);
});

test('links from the first launch, a second launch (second-instance) and macOS open-url all reach core', () => {
  const f = fakeApp();
  const opened: string[] = [];
  let focused = 0;
  forwardDeepLinks(
    f.app,
    ['jit-connect', LINK],
    (url) => opened.push(url),
    () => focused++,
  );
  assert.deepEqual(opened, [LINK], 'the first launch');

  f.fire('second-instance', {}, ['jit-connect', '--flag', 'jitconnect://connect?vm=vm-web01&port=22'], '/home/me');
  assert.deepEqual(opened.at(-1), 'jitconnect://connect?vm=vm-web01&port=22');
  f.fire('second-instance', {}, ['jit-connect'], '/home/me');
  assert.equal(opened.length, 2, 'a plain second launch opens no link');
  assert.equal(focused, 2, 'but brings the window forward each time');

  let prevented = false;
  f.fire('open-url', { preventDefault: () => (prevented = true) }, 'jitconnect://connect?vm=VM-DC01&port=3389');
  assert.equal(opened.at(-1), 'jitconnect://connect?vm=VM-DC01&port=3389');
  assert.equal(prevented, true, 'macOS is told the link was handled');
});

test('with core inbox: a first-launch link waits for the window, later launches reach it at once, checked', async () => {
  const { createDeepLinkInbox } = await import('../../../electron/core/deep-link/deep-link-inbox');
  const f = fakeApp();
  const inbox = createDeepLinkInbox();
  forwardDeepLinks(f.app, ['jit-connect', LINK], (url) => inbox.open(url));
  const sent: unknown[] = [];
  inbox.attach((channel, payload) => sent.push([channel, payload]));
  assert.deepEqual(sent, [['deepLink:opened', { link: { vm: 'VM-FS01', vmKind: 'name', port: 3389 } }]]);
  f.fire('second-instance', {}, ['jit-connect', 'jitconnect://connect?vm=VM-FS01&port=3389&vm=evil'], '/');
  const [, refused] = sent[1] as [string, { error: { message: string } }];
  assert.match(refused.error.message, /'vm' more than once/);
});
