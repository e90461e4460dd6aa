/**
 * The installers' configuration (build/electron-builder.config.mjs), checked as data: the fuses a packaged JIT Connect
 * must have (a stand-in Electron cannot show them, so this is where they are proven), the jitconnect:// protocol,
 * the targets per OS, what the asar may hold, signing and updates taken from the environment only.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import type { Configuration } from 'electron-builder';
import {
  APP_ID,
  PRODUCT_NAME,
  UPDATE_FEED_ENV,
  electronBuilderConfig,
  runtimeModuleClosure,
} from '../../../build/electron-builder.config.mjs';
import { tempDir } from '../../fixtures/sim';

const root = join(import.meta.dirname, '..', '..', '..');
const config = (env: NodeJS.ProcessEnv = {}, extra = {}) => electronBuilderConfig({ env, ...extra });
const OSES = ['win', 'mac', 'linux'] as const;
type Os = (typeof OSES)[number];
const platformFiles = (c: Configuration, os: Os) => c[os]?.files as string[];

/**
 * electron-builder's own matcher semantics (minimatch, the last matching pattern wins) over an OS's `files`; for
 * node_modules it takes only the exclusions, after an implicit `**\/*` (app-builder-lib's getNodeModuleFileMatcher).
 */
function ships(files: string[], file: string): boolean {
  const patterns = file.startsWith('node_modules/') ? ['**/*', ...files.filter((p) => p.startsWith('!'))] : files;
  const req = createRequire(join(root, 'node_modules', 'app-builder-lib', 'package.json'));
  type Matcher = { negate: boolean; match(file: string): boolean };
  const { Minimatch } = req('minimatch') as { Minimatch: new (pattern: string, options: object) => Matcher };
  let match = false;
  for (const p of patterns) {
    const m = new Minimatch(p, { dot: true });
    if (match !== m.negate) continue;
    match = m.match(file);
  }
  return match;
}

test('every fuse is flipped as the security baseline asks, and the binary loads only the asar', () => {
  assert.deepEqual(config().electronFuses, {
    runAsNode: false,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    onlyLoadAppFromAsar: true,
    enableEmbeddedAsarIntegrityValidation: true,
    enableCookieEncryption: true,
    grantFileProtocolExtraPrivileges: false,
  });
  assert.equal(config().asar, true);
  assert.equal(config().disableAsarIntegrity, undefined, 'asar integrity stays on');
  // Only a stand-in Electron (no fuse wire) is packaged without them, and only when asked.
  assert.equal(config({}, { fuses: false }).electronFuses, undefined);
});

test('identity, and jitconnect:// registered on every OS', () => {
  const c = config();
  assert.equal(c.appId, APP_ID);
  assert.equal(c.productName, 'JIT Connect');
  assert.equal(PRODUCT_NAME, 'JIT Connect');
  assert.deepEqual(c.protocols, [{ name: 'JIT Connect', schemes: ['jitconnect'] }]); // macOS Info.plist, Linux
  assert.equal(c.linux?.mimeTypes, undefined, 'the protocol puts the MIME type in the .desktop file, once');
  assert.equal(c.extraMetadata?.desktopName, 'jit-connect.desktop');
  assert.equal(c.linux?.executableName, 'jit-connect');
  // NSIS writes the URL class itself (electron-builder's NSIS does not register protocols).
  assert.equal(c.nsis?.include, 'build/installer.nsh');
  const nsh = readFileSync(join(root, 'build', 'installer.nsh'), 'utf8');
  assert.match(nsh, /WriteRegStr SHELL_CONTEXT "Software\\Classes\\jitconnect" "URL Protocol" ""/);
  assert.match(nsh, /shell\\open\\command" "" '"\$appExe" "%1"'/);
  assert.match(nsh, /DeleteRegKey SHELL_CONTEXT "Software\\Classes\\jitconnect"/, 'uninstall removes it');
  assert.equal(c.extraMetadata?.main, 'dist/electron/main.mjs');
});

test('targets: Windows NSIS and MSI, macOS dmg, Linux AppImage and deb', () => {
  const c = config();
  assert.deepEqual(c.win?.target, ['nsis', 'msi']);
  assert.deepEqual(c.mac?.target, ['dmg']);
  assert.deepEqual(c.linux?.target, ['AppImage', 'deb']);
  assert.equal(c.msi?.perMachine, true, 'the MSI is what Intune and GPO deploy per machine');
  for (const dep of ['libsecret-1-0', 'libnss3', 'libgtk-3-0']) assert.ok(c.deb?.depends?.includes(dep), dep);
  assert.match(c.deb?.fpm?.[0] ?? '', /build\/linux\/README\.policy=\/usr\/share\/doc\/jit-connect\/README\.policy$/);
  assert.equal(c.npmRebuild, false, 'Node-API modules: nothing to rebuild, no headers to download');
});

test('the asar takes the bundles and the runtime modules only: no tests, sources, maps or .env', () => {
  const modules = runtimeModuleClosure(root);
  assert.ok(modules.includes('node_modules/keytar'), modules.join());
  assert.ok(modules.includes('node_modules/@azure/msal-node-extensions'), modules.join());
  assert.ok(!modules.some((m) => /react|fluentui|arm-compute/.test(m)), 'the UI and the SDKs are bundled');
  for (const os of OSES) {
    const files = platformFiles(config(), os);
    for (const f of [
      'package.json',
      'dist/electron/main.mjs',
      'dist/electron/preload.cjs',
      'dist/renderer/index.html',
      'dist/renderer/assets/index-abc.js',
      'dist/azure-sim.mjs',
      'dist/scripts/enter-session.ps1',
      'node_modules/keytar/package.json',
      'node_modules/@azure/msal-node-extensions/dist/index.js',
    ])
      assert.ok(ships(files, f), `${os} ships ${f}`);
    for (const f of [
      'test/unit/build/electron-builder-config.test.ts',
      'electron/core/app/index.ts',
      'renderer/src/app/workspace.tsx',
      'dist/electron/main.mjs.map',
      'dist/azure-sim.mjs.map',
      'dist/cli.mjs',
      'dist/browser-shell.mjs',
      '.env',
      'dist/.env.local',
      'node_modules/react/index.js',
      'node_modules/@fluentui/react-components/package.json',
      'node_modules/keytar/test/keytar.test.js',
      'node_modules/.bin/tsx',
    ])
      assert.ok(!ships(files, f), `${os} leaves out ${f}`);
  }
  // Each OS keeps only its own native binaries.
  const linux = platformFiles(config(), 'linux');
  assert.ok(ships(linux, 'node_modules/keytar/prebuilds/linux-x64/keytar.node'));
  assert.ok(!ships(linux, 'node_modules/keytar/prebuilds/win32-x64/keytar.node'));
  assert.ok(!ships(linux, 'node_modules/@azure/msal-node-runtime/dist/windows/x64/msalruntime.dll'));
  assert.ok(!ships(linux, 'node_modules/@azure/msal-node-extensions/bin/x64/dpapi.node'), 'DPAPI is Windows only');
  const win = platformFiles(config(), 'win');
  assert.ok(ships(win, 'node_modules/@azure/msal-node-runtime/dist/windows/x64/msalruntime.dll'), 'WAM broker');
  assert.ok(ships(win, 'node_modules/@azure/msal-node-extensions/bin/x64/dpapi.node'), 'DPAPI');
  assert.ok(!ships(win, 'node_modules/keytar/prebuilds/linux-x64/keytar.node'));
  assert.deepEqual(config().asarUnpack, ['dist/scripts/**'], 'PowerShell reads the WinRM script from disk');
});

test('signing comes from the environment only: no certificate, password or identity in the configuration', () => {
  const withSecrets = config({
    CSC_LINK: 'file:///secret/cert.p12',
    CSC_KEY_PASSWORD: 'hunter2',
    WIN_CSC_LINK: 'base64certificate',
    WIN_CSC_KEY_PASSWORD: 'hunter3',
    APPLE_ID: 'dev@example.com',
    APPLE_APP_SPECIFIC_PASSWORD: 'abcd-efgh',
    APPLE_TEAM_ID: 'TEAM123',
  });
  const text = JSON.stringify(withSecrets);
  for (const secret of ['secret/cert.p12', 'hunter2', 'base64certificate', 'hunter3', 'dev@example.com', 'abcd-efgh'])
    assert.ok(!text.includes(secret), `${secret} never lands in the configuration`);
  for (const key of ['certificateFile', 'certificatePassword', 'certificateSubjectName', 'identity', 'cscLink'])
    assert.ok(!new RegExp(`"${key}"`).test(text), `no ${key}`);
  // Notarization follows the presence of Apple's credentials in the environment, nothing more.
  assert.equal(withSecrets.mac?.notarize, true);
  assert.equal(config().mac?.notarize, false);
  assert.equal(config({ APPLE_API_KEY: 'k.p8', APPLE_API_KEY_ID: 'id', APPLE_API_ISSUER: 'iss' }).mac?.notarize, true);
  // Nor does the repository hold a certificate or key file.
  const tracked = execFileSync('git', ['ls-files'], { cwd: root, encoding: 'utf8' }).split('\n');
  assert.deepEqual(
    tracked.filter((f) => /\.(p12|pfx|pem|key|p8|cer|crt)$/i.test(f) && !f.startsWith('test/')),
    [],
  );
});

test('updates: off without a feed (no publish, no app-update.yml); a feed from the environment turns them on', () => {
  assert.equal(config().publish, null);
  assert.equal(UPDATE_FEED_ENV, 'JIT_CONNECT_UPDATE_URL');
  assert.deepEqual(config({ JIT_CONNECT_UPDATE_URL: 'https://updates.example.com/jit' }).publish, [
    { provider: 'generic', url: 'https://updates.example.com/jit' },
  ]);
  assert.equal(config({ JIT_CONNECT_UPDATE_URL: '  ' }).publish, null);
});

test('the Windows installers carry the ADMX/ADML template when build/policy has it, and only then', () => {
  const project = tempDir('jit-eb-config-');
  mkdirSync(join(project, 'node_modules'));
  writeFileSync(join(project, 'package.json'), '{"name":"x","version":"1.0.0","dependencies":{}}');
  assert.deepEqual(electronBuilderConfig({ env: {}, projectDir: project }).win?.extraResources, []);
  mkdirSync(join(project, 'build', 'policy', 'en-US'), { recursive: true });
  writeFileSync(join(project, 'build', 'policy', 'jit-connect.admx'), '<policyDefinitions/>');
  assert.deepEqual(electronBuilderConfig({ env: {}, projectDir: project }).win?.extraResources, [
    { from: 'build/policy', to: 'policy', filter: ['**/*.admx', '**/*.adml'] },
  ]);
  const nsh = readFileSync(join(root, 'build', 'installer.nsh'), 'utf8');
  assert.match(
    nsh,
    /CopyFiles \/SILENT "\$INSTDIR\\resources\\policy\\jit-connect\.admx" "\$WINDIR\\PolicyDefinitions"/,
  );
});
