/**
 * The installers, checked offline: electron-builder packages the real build (with a stand-in Electron since none can
 * be downloaded here; its deb and AppImage targets run dry, up to fpm and appimagetool, which they would download),
 * the asar holds what runs and nothing else, and the Linux .deb built from the unpacked app with dpkg-deb installs
 * what a desktop needs to open jitconnect:// links. The stand-in is a shell script carrying a fuse
 * wire laid out as Electron's, so electron-builder's fuse step runs and the flipped wire is read back; that the real
 * binary's wire looks the same is @electron/fuses' format, not something this machine can show.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, posix } from 'node:path';
import { promisify } from 'node:util';
import { extractFile, listPackage } from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { tempDir } from '../../fixtures/sim';
import { buildInto, plantDistTraps, root, stageProject, standInElectron } from './stage';

const run = promisify(execFile);
type Computed = { tool: string; args?: string[]; desktop?: string };
const VERSION = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version as string;

/** Runs scripts/packaging.mjs in a child process (electron-builder logs to stdout, which is the test runner's). */
async function packaging(fn: 'packageApp' | 'makeDeb', cwd: string, options: object): Promise<unknown> {
  const code =
    `const m = await import(${JSON.stringify(join(root, 'scripts', 'packaging.mjs'))});` +
    `const r = await m.${fn}(JSON.parse(process.argv[1]));` +
    `process.stderr.write('\\nRESULT ' + JSON.stringify(r) + '\\n');`;
  const { stderr } = await run(process.execPath, ['--input-type=module', '-e', code, JSON.stringify(options)], {
    cwd,
    maxBuffer: 64 * 1024 * 1024,
  }).catch((e: { stderr?: string; stdout?: string }) => {
    throw new Error(`${fn} failed: ${e.stderr?.slice(-3000)}\n${e.stdout?.slice(-1500)}`);
  });
  const line = stderr.split('\n').find((l) => l.startsWith('RESULT '));
  assert.ok(line, `no result from ${fn}: ${stderr.slice(-2000)}`);
  return JSON.parse(line.slice('RESULT '.length));
}

test('electron-builder (deb, AppImage dry) over the real build, then dpkg-deb', { timeout: 300_000 }, async (t) => {
  const started = Date.now();
  const work = tempDir('jit-package-');
  // About 110 MB per run (the build, the unpacked app, the .deb): not left behind.
  t.after(() => rmSync(work, { recursive: true, force: true }));
  const project = join(work, 'project');
  mkdirSync(project);
  stageProject(project);
  await buildInto(project);
  plantDistTraps(project);
  const electronDist = await standInElectron(join(work, 'electron-dist'));
  const outDir = join(work, 'release');

  // electron-builder's own Linux targets, dry: everything up to fpm and appimagetool (downloads), which do not run.
  const { computed } = (await packaging('packageApp', project, {
    projectDir: project,
    outDir,
    electronDist,
    targets: ['deb', 'AppImage'],
    dryRun: true,
  })) as { computed: Computed[] };
  const app = join(outDir, process.arch === 'x64' ? 'linux-unpacked' : `linux-${process.arch}-unpacked`);
  const packagedAt = Date.now();

  await t.test("electron-builder's deb and AppImage: the .desktop files, fpm's mappings, our icons", () => {
    const fpm = computed.find((c) => c.tool === 'fpm');
    const appImage = computed.find((c) => c.tool === 'appimage');
    assert.ok(fpm && appImage, JSON.stringify(computed).slice(0, 500));
    for (const desktop of [fpm.desktop!, appImage.desktop!]) {
      assert.equal(desktop.match(/^MimeType=.*$/gm)?.join(), 'MimeType=x-scheme-handler/jitconnect;');
      assert.match(desktop, /^Icon=jit-connect$/m);
      assert.match(desktop, /^StartupWMClass=jit-connect$/m, "tied to the window through package.json's desktopName");
    }
    assert.match(fpm.desktop!, /^Exec="\/opt\/JIT Connect\/jit-connect" %U$/m);
    assert.match(appImage.desktop!, /^Exec=AppRun --no-sandbox %U$/m);
    const args = fpm.args!;
    const after = (flag: string) => args[args.indexOf(flag) + 1];
    assert.equal(after('--name'), 'jit-connect');
    assert.match(after('--maintainer') ?? '', /^JIT Connect maintainers <.+@.+>$/);
    assert.ok(after('--url'), 'Debian packages name a homepage');
    const maps = args.filter((a) => a.includes('=/'));
    assert.ok(
      maps.some((m) => /\/linux-unpacked\/=\/opt\/JIT Connect$/.test(m)),
      'the app under /opt',
    );
    assert.ok(maps.some((m) => m.endsWith('build/linux/README.policy=/usr/share/doc/jit-connect/README.policy')));
    assert.ok(
      maps.some((m) => m.endsWith('build/icons/256x256.png=/usr/share/icons/hicolor/256x256/apps/jit-connect.png')),
      "our icons, not Electron's",
    );
  });

  await t.test('the unpacked app: the renamed binary, the asar, no default app', () => {
    assert.ok(statSync(join(app, 'jit-connect')).mode & 0o111, 'the executable, named jit-connect');
    assert.ok(existsSync(join(app, 'resources', 'app.asar')));
    assert.ok(!existsSync(join(app, 'resources', 'default_app.asar')), "Electron's default app is dropped");
    assert.ok(!existsSync(join(app, 'resources', 'app')), 'the app is only in the asar');
    assert.ok(!existsSync(join(app, 'resources', 'app-update.yml')), 'no update feed configured');
  });

  await t.test(
    "the binary's fuses are flipped: no RunAsNode, NODE_OPTIONS or --inspect; asar only, checked",
    async () => {
      const wire = await getCurrentFuseWire(join(app, 'jit-connect'));
      const on = (i: FuseV1Options) => String.fromCharCode(wire[i] as number);
      assert.equal(wire.version, '1');
      assert.equal(on(FuseV1Options.RunAsNode), '0');
      assert.equal(on(FuseV1Options.EnableNodeOptionsEnvironmentVariable), '0');
      assert.equal(on(FuseV1Options.EnableNodeCliInspectArguments), '0');
      assert.equal(on(FuseV1Options.OnlyLoadAppFromAsar), '1');
      assert.equal(on(FuseV1Options.EnableEmbeddedAsarIntegrityValidation), '1');
      assert.equal(on(FuseV1Options.EnableCookieEncryption), '1');
      assert.equal(on(FuseV1Options.GrantFileProtocolExtraPrivileges), '0');
      assert.equal(on(FuseV1Options.LoadBrowserProcessSpecificV8Snapshot), '0', "left at Electron's default");
    },
  );

  await t.test('the asar holds main, preload, renderer, core and the simulator, and nothing it should not', () => {
    const asar = join(app, 'resources', 'app.asar');
    const files = listPackage(asar, { isPack: false }).map((f) => f.replaceAll('\\', '/'));
    for (const f of [
      '/package.json',
      '/dist/electron/main.mjs',
      '/dist/electron/preload.cjs',
      '/dist/renderer/index.html',
      '/dist/azure-sim.mjs',
      '/node_modules/keytar/package.json',
    ])
      assert.ok(files.includes(f), `${f} in the asar`);
    assert.ok(
      files.some((f) => /^\/dist\/renderer\/assets\/index-.+\.js$/.test(f)),
      'the renderer bundle',
    );
    const pkg = JSON.parse(extractFile(asar, 'package.json').toString());
    assert.equal(pkg.main, 'dist/electron/main.mjs', 'Electron starts the bundled main');
    const main = files
      .filter((f) => f.startsWith('/dist/electron/') && f.endsWith('.mjs'))
      .map((f) => extractFile(asar, f.slice(1)).toString())
      .join('\n');
    assert.match(main, /\/\/ electron\/core\//, 'core is bundled into the Electron main');
    assert.match(extractFile(asar, 'dist/azure-sim.mjs').toString(), /\/\/ electron\/azure-sim\//, 'the simulator');

    const bad = files.filter(
      (f) =>
        /(^|\/)(test|tests|__tests__)\//.test(f) ||
        /\.(ts|tsx|map)$/.test(f) ||
        /(^|\/)\.env(\.|$)/.test(f) ||
        /^\/dist\/(cli|browser-shell)/.test(f),
    );
    assert.deepEqual(bad, [], 'no tests, TypeScript, source maps, .env or the other faces');
    const modules = new Set(files.map((f) => /^\/node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(f)?.[1]).filter(Boolean));
    assert.ok(!modules.has('react') && !modules.has('@fluentui/react-components'), [...modules].join());
    for (const f of files.filter((f) => /\.(mjs|cjs|js|html)$/.test(f) && f.startsWith('/dist/'))) {
      const text = extractFile(asar, f.slice(1)).toString();
      assert.ok(!text.includes('sourceMappingURL=data:'), `${f} embeds no inline source map`);
      assert.ok(!text.includes('do-not-ship') && !text.includes('TEST-ONLY'), `${f} holds no planted secret`);
    }
    // What must live on disk: the WinRM script (PowerShell cannot read an asar) and the native keychain module.
    const unpacked = join(app, 'resources', 'app.asar.unpacked');
    assert.ok(existsSync(join(unpacked, 'dist', 'scripts', 'enter-session.ps1')));
    assert.ok(existsSync(join(unpacked, 'node_modules', 'keytar', 'prebuilds', `linux-${process.arch}`)));
    assert.ok(!existsSync(join(unpacked, 'node_modules', 'keytar', 'prebuilds', 'win32-x64')), 'Linux binaries only');
  });

  await t.test('every import of the Electron main and preload resolves inside the packaged app', () => {
    const asar = join(app, 'resources', 'app.asar');
    const files = new Set(listPackage(asar, { isPack: false }).map((f) => f.replaceAll('\\', '/')));
    const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
    const unresolved: string[] = [];
    for (const file of [...files].filter((f) => /^\/dist\/electron\/.*\.(mjs|cjs|js)$/.test(f))) {
      const code = extractFile(asar, file.slice(1)).toString();
      const specifiers = [
        ...code.matchAll(/(?:^|[\s;}])(?:import|export)\s*(?:[\w*{}\s,$]+\s*from\s*)?["']([^"']+)["']/g),
        ...code.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g),
        ...code.matchAll(/\b(?:__require|require)\(\s*["']([^"']+)["']\s*\)/g),
      ].map((m) => m[1]!);
      for (const spec of new Set(specifiers)) {
        if (builtins.has(spec) || spec === 'electron') continue;
        if (spec.startsWith('.')) {
          const target = posix.join(posix.dirname(file), spec);
          if (!files.has(target)) unresolved.push(`${file}: ${spec}`);
          continue;
        }
        // A bare package the bundle left external: Node finds it in the asar's node_modules.
        const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!;
        if (!files.has(`/node_modules/${name}/package.json`)) unresolved.push(`${file}: ${spec}`);
      }
    }
    assert.deepEqual(unresolved, [], 'chunks and external packages the bundles need are all packaged');
  });

  const deb = (await packaging('makeDeb', project, {
    appDir: app,
    outDir,
    version: VERSION,
    compression: 'gzip',
  })) as string;
  t.diagnostic(`packaged in ${packagedAt - started} ms, .deb in ${Date.now() - packagedAt} ms`);

  await t.test('the .deb: metadata and dependencies (dpkg-deb --info)', async () => {
    const { stdout: info } = await run('dpkg-deb', ['--info', deb]);
    assert.match(info, /^ Package: jit-connect$/m);
    assert.match(info, new RegExp(`^ Version: ${VERSION.replaceAll('.', '\\.')}$`, 'm'));
    assert.match(info, /^ Architecture: (amd64|arm64|armhf|i386)$/m);
    assert.match(info, /^ Maintainer: .+ <.+@.+>$/m);
    assert.match(info, /^ Description: Just-in-time access to Azure VMs/m);
    const depends = /^ Depends: (.+)$/m.exec(info)?.[1]?.split(/,\s*/) ?? [];
    for (const dep of ['libsecret-1-0', 'libnss3', 'libgtk-3-0', 'libnotify4', 'xdg-utils'])
      assert.ok(depends.includes(dep), `Depends on ${dep}: ${depends.join(', ')}`);
  });

  await t.test('the .deb: what goes where (dpkg-deb --contents) and the .desktop file', async () => {
    const { stdout } = await run('dpkg-deb', ['--contents', deb], { maxBuffer: 16 * 1024 * 1024 });
    const entries = stdout.split('\n').filter(Boolean);
    const has = (path: string, mode?: RegExp) =>
      assert.ok(
        entries.some((e) => e.split(/\s+/).slice(5).join(' ').startsWith(path) && (!mode || mode.test(e))),
        `${path} in the package`,
      );
    has('./usr/lib/jit-connect/jit-connect', /^-rwxr-xr-x/);
    has('./usr/lib/jit-connect/resources/app.asar');
    has('./usr/lib/jit-connect/chrome-sandbox', /^-rwsr-xr-x/);
    has('./usr/bin/jit-connect -> ../lib/jit-connect/jit-connect', /^l/);
    has('./usr/share/applications/jit-connect.desktop');
    has('./usr/share/icons/hicolor/256x256/apps/jit-connect.png');
    has('./usr/share/icons/hicolor/scalable/apps/jit-connect.svg');
    has('./etc/jit-connect/', /^d/);
    has('./usr/share/doc/jit-connect/README.policy');
    has('./usr/share/doc/jit-connect/copyright');

    const extract = join(work, 'deb-root');
    mkdirSync(extract);
    await run('dpkg-deb', ['--extract', deb, extract]);
    const desktop = readFileSync(join(extract, 'usr', 'share', 'applications', 'jit-connect.desktop'), 'utf8');
    assert.match(desktop, /^MimeType=x-scheme-handler\/jitconnect;$/m);
    assert.match(desktop, /^Exec=jit-connect %u$/m, 'the link reaches the app as its argument');
    assert.match(desktop, /^Icon=jit-connect$/m);
    assert.match(desktop, /^StartupWMClass=jit-connect$/m);
    assert.match(desktop, /^Name=JIT Connect$/m);
    const installed = await getCurrentFuseWire(join(extract, 'usr', 'lib', 'jit-connect', 'jit-connect'));
    assert.equal(installed[FuseV1Options.RunAsNode], '0'.charCodeAt(0), 'the installed binary has the fuses flipped');
    const policy = readFileSync(join(extract, 'usr', 'share', 'doc', 'jit-connect', 'README.policy'), 'utf8');
    assert.match(policy, /\/etc\/jit-connect\/policy\.json/);
    const png = readFileSync(join(extract, 'usr', 'share', 'icons', 'hicolor', '256x256', 'apps', 'jit-connect.png'));
    assert.equal(png.readUInt32BE(16), 256, 'a 256 px icon');
  });
});
