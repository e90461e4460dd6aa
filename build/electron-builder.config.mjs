// @ts-check
// electron-builder's configuration for JIT Connect's installers: Windows NSIS and MSI, macOS dmg, Linux AppImage and
// deb. `npm run dist` (scripts/dist.mjs) uses it; by hand: `npx electron-builder --config build/electron-builder.config.mjs`.
// Nothing secret lives here: signing certificates and notarization credentials come from the environment, where
// electron-builder reads them itself (CSC_LINK / CSC_KEY_PASSWORD, WIN_CSC_LINK / WIN_CSC_KEY_PASSWORD, APPLE_ID /
// APPLE_APP_SPECIFIC_PASSWORD / APPLE_TEAM_ID or APPLE_API_KEY / APPLE_API_KEY_ID / APPLE_API_ISSUER).
import { existsSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { basename, dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** @typedef {import('electron-builder').Configuration} Configuration */

const root = fileURLToPath(new URL('..', import.meta.url));

/** The app's identity: the bundle id, the Windows AppUserModelID and the name people see. */
export const APP_ID = 'com.jitconnect.desktop';
/** The product name shown in menus, installers and the title bar. */
export const PRODUCT_NAME = 'JIT Connect';
/** The executable and package name on Linux (also the /usr/bin link). */
export const EXECUTABLE_NAME = 'jit-connect';
/** Who the Linux packages name as maintainer (and the packaged package.json as author). */
export const MAINTAINER_NAME = 'JIT Connect maintainers';
/** The maintainer's address (a placeholder until the project has its own). */
export const MAINTAINER_EMAIL = 'jit-connect@users.noreply.github.com';
/**
 * The project's web page, which Debian packages must name (fpm refuses a deb without it). A reserved `.invalid`
 * placeholder (RFC 2606) until the project has a public page: it can never point at someone else's site.
 */
export const HOMEPAGE = 'https://jit-connect.invalid/';
/** The .desktop file's name, also Electron's app id / WM_CLASS on Linux (package.json `desktopName`). */
export const DESKTOP_NAME = 'jit-connect.desktop';
/** The URL scheme of deep links (`jitconnect://connect?vm=…`), registered by every installer. */
export const PROTOCOL_SCHEME = 'jitconnect';
/** The environment variable naming an update feed (a generic HTTPS server); without it updates stay off. */
export const UPDATE_FEED_ENV = 'JIT_CONNECT_UPDATE_URL';

/**
 * Electron's fuses, flipped in the packaged binary: no ELECTRON_RUN_AS_NODE, no NODE_OPTIONS, no --inspect, the app
 * loads only from its asar, whose integrity is checked where Electron supports it (macOS, Windows), and cookies are
 * encrypted with the OS keychain.
 */
export const FUSES = Object.freeze({
  runAsNode: false,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  onlyLoadAppFromAsar: true,
  enableEmbeddedAsarIntegrityValidation: true,
  enableCookieEncryption: true,
  grantFileProtocolExtraPrivileges: false,
});

/**
 * What goes into the app's asar: only what runs. The bundles (main, preload, renderer, the simulator for the demo),
 * the WinRM script and package.json; electron-builder adds the production node_modules the bundles leave external
 * (keytar and MSAL's persistence, with their native parts unpacked). Never tests, TypeScript sources, source maps
 * (they embed the sources) or .env files.
 */
export const APP_FILES = Object.freeze([
  'package.json',
  'dist/electron/**/*',
  'dist/renderer/**/*',
  'dist/azure-sim.mjs',
  'dist/scripts/**/*',
]);

/** Left out of everything above and of node_modules too (so they come last: the last matching pattern wins). */
export const APP_EXCLUDES = Object.freeze([
  '!**/*.map',
  '!**/*.ts',
  '!**/*.tsx',
  '!**/.env',
  '!**/.env.*',
  '!**/test/**',
  '!**/tests/**',
  '!**/__tests__/**',
  '!**/*.md',
  '!**/docs/**',
  '!**/node_modules/.bin/**',
]);

/**
 * The production packages the Electron main leaves external (native or loading native code); the rest of
 * `dependencies` is bundled into dist/ already and would only bloat the asar.
 */
export const RUNTIME_MODULES = Object.freeze(['keytar', '@azure/msal-node-extensions', '@azure/msal-node-runtime']);

/**
 * The installed packages reachable from `names` as Node resolves them (a package's own node_modules first, then up
 * to the project's), through dependencies and optionalDependencies: folders relative to projectDir.
 * @param {string} projectDir
 * @param {readonly string[]} names
 * @returns {string[]} e.g. `node_modules/keytar`, `node_modules/@azure/msal-node-extensions/node_modules/@azure/msal-common`
 */
export function moduleClosure(projectDir, names) {
  const seen = new Set();
  const visit = (/** @type {string} */ name, /** @type {string} */ fromDir) => {
    for (let dir = fromDir; ;) {
      const at = join(dir, 'node_modules', name);
      if (existsSync(join(at, 'package.json'))) {
        const rel = relative(projectDir, at).split(sep).join('/');
        if (seen.has(rel)) return;
        seen.add(rel);
        const pkg = JSON.parse(readFileSync(join(at, 'package.json'), 'utf8'));
        for (const dep of Object.keys({ ...pkg.dependencies, ...pkg.optionalDependencies })) visit(dep, at);
        return;
      }
      if (relative(projectDir, dir) === '') return;
      // Up from node_modules/a (or node_modules/@s/a) to the folder holding that node_modules.
      dir = dirname(dirname(dir));
      if (basename(dir) === 'node_modules') dir = dirname(dir);
    }
  };
  names.forEach((m) => visit(m, projectDir));
  return [...seen].sort();
}

/** The runtime closure: where `RUNTIME_MODULES` and what they need are installed. */
export function runtimeModuleClosure(/** @type {string} */ projectDir) {
  return moduleClosure(projectDir, RUNTIME_MODULES);
}

/**
 * Patterns leaving every other production package out of the asar. electron-builder collects all of
 * `dependencies` (the UI libraries and SDKs the bundles already hold) and takes only exclusions for node_modules,
 * so each top-level package outside the runtime closure is excluded by name.
 * @param {string} projectDir
 * @returns {string[]}
 */
export function bundledModuleExcludes(projectDir) {
  const pkg = JSON.parse(readFileSync(join(projectDir, 'package.json'), 'utf8'));
  const keep = new Set(runtimeModuleClosure(projectDir).map((m) => m.replace(/^.*node_modules\//, '')));
  const top = moduleClosure(projectDir, Object.keys(pkg.dependencies ?? {}))
    .filter((m) => m.split('node_modules/').length === 2)
    .map((m) => m.slice('node_modules/'.length));
  return top.filter((name) => !keep.has(name)).map((name) => `!node_modules/${name}{,/**/*}`);
}

/**
 * Patterns leaving out the native binaries of the other operating systems (keytar's prebuilds, MSAL's broker
 * runtime), appended to an OS's own `files`.
 * @param {'linux' | 'windows' | 'macos'} os
 * @returns {string[]}
 */
export function otherPlatformBinaries(os) {
  const prebuilds = { linux: 'linux', windows: 'win32', macos: 'darwin' };
  return [
    ...Object.keys(prebuilds)
      .filter((o) => o !== os)
      .map((o) => `!node_modules/@azure/msal-node-runtime/dist/${o}{,/**/*}`),
    `!node_modules/keytar/prebuilds/!(${prebuilds[os]}-*){,/**/*}`,
    // MSAL's DPAPI persistence: Windows only.
    ...(os === 'windows' ? [] : ['!node_modules/@azure/msal-node-extensions/bin{,/**/*}']),
  ];
}

/**
 * An OS's `files`: the app's own, every production package but the runtime closure left out, what never ships, and
 * the other OSes' native binaries.
 * @param {string[]} excludedModules patterns from `bundledModuleExcludes`
 * @param {'linux' | 'windows' | 'macos'} os
 * @returns {string[]}
 */
export function appFiles(excludedModules, os) {
  return [...APP_FILES, ...excludedModules, ...APP_EXCLUDES, ...otherPlatformBinaries(os)];
}

/** What the .deb needs beyond libc: Electron's runtime libraries, and libsecret for the token cache (keytar). */
export const DEB_DEPENDS = Object.freeze([
  'libgtk-3-0',
  'libnss3',
  'libsecret-1-0',
  'libnotify4',
  'libxss1',
  'libxtst6',
  'libatspi2.0-0',
  'libgbm1',
  'libdrm2',
  'libuuid1',
  'xdg-utils',
]);

/** The admin-policy template for Group Policy / Intune, shipped with the Windows installers when it exists. */
export const POLICY_TEMPLATE_DIR = 'build/policy';

/**
 * electron-builder's afterPack: drops Electron's default_app.asar, which a given Electron dist still carries
 * (electron-builder removes it only from Electron's it downloads itself); the app must be the only code in there.
 * @param {import('electron-builder').AfterPackContext} context
 */
export async function removeDefaultApp(context) {
  await rm(join(context.packager.getResourcesDir(context.appOutDir), 'default_app.asar'), { force: true });
}

/**
 * The electron-builder configuration. `env` supplies the update feed (and nothing else: signing secrets are read by
 * electron-builder from the environment directly); `electronDist` points at an unpacked or zipped Electron so nothing
 * is downloaded; `fuses: false` leaves the binary as it is (only for a stand-in Electron that has no fuse wire).
 * @param {{ env?: NodeJS.ProcessEnv, electronDist?: string, fuses?: boolean, projectDir?: string }} [options]
 * @returns {Configuration}
 */
export function electronBuilderConfig({ env = process.env, electronDist, fuses = true, projectDir = root } = {}) {
  const feed = env[UPDATE_FEED_ENV]?.trim();
  const modules = bundledModuleExcludes(projectDir);
  // Per OS only: electron-builder mishandles top-level `files` merged with an OS's own (the asar took all of dist/).
  const files = (/** @type {'linux' | 'windows' | 'macos'} */ os) => appFiles(modules, os);
  const policyTemplate = existsSync(join(projectDir, POLICY_TEMPLATE_DIR, 'jit-connect.admx'));
  return {
    appId: APP_ID,
    productName: PRODUCT_NAME,
    copyright: 'Copyright © JIT Connect contributors',
    // The Electron main ships bundled; package.json's own `main` stays free for the Node faces.
    extraMetadata: {
      main: 'dist/electron/main.mjs',
      author: { name: MAINTAINER_NAME, email: MAINTAINER_EMAIL },
      homepage: HOMEPAGE,
      // Electron takes its Linux app id (Wayland) and WM_CLASS from this, so desktops tie windows to the launcher.
      desktopName: DESKTOP_NAME,
    },
    directories: { buildResources: 'build', output: 'release' },
    asar: true,
    // The WinRM launcher hands its script to PowerShell, which cannot read inside an asar.
    asarUnpack: ['dist/scripts/**'],
    // The native modules use Node-API (ABI-stable across Node and Electron): no rebuild, no headers download.
    npmRebuild: false,
    nodeGypRebuild: false,
    electronDist,
    afterPack: removeDefaultApp,
    electronFuses: fuses ? { ...FUSES } : undefined,
    protocols: [{ name: PRODUCT_NAME, schemes: [PROTOCOL_SCHEME] }],
    // electron-updater is wired but off: no feed, no app-update.yml, nothing checked. A feed turns it on for NSIS,
    // AppImage and dmg installs; MSI installs are never updated by it (IT redeploys the MSI).
    publish: feed ? [{ provider: 'generic', url: feed }] : null,
    win: {
      target: ['nsis', 'msi'],
      files: files('windows'),
      icon: 'build/icons/icon.png',
      extraResources: policyTemplate
        ? [{ from: POLICY_TEMPLATE_DIR, to: 'policy', filter: ['**/*.admx', '**/*.adml'] }]
        : [],
    },
    nsis: {
      oneClick: false,
      perMachine: false,
      allowElevation: true,
      allowToChangeInstallationDirectory: true,
      // Registers jitconnect:// and, for a per-machine install, puts the ADMX/ADML into PolicyDefinitions.
      include: 'build/installer.nsh',
    },
    msi: {
      // Intune / GPO deploy per machine; the MSI cannot run custom registry steps, so the app registers
      // jitconnect:// for the user at first start (app.setAsDefaultProtocolClient).
      perMachine: true,
      oneClick: false,
    },
    mac: {
      target: ['dmg'],
      files: files('macos'),
      category: 'public.app-category.developer-tools',
      icon: 'build/icons/icon.png',
      hardenedRuntime: true,
      // Notarizes only when APPLE_* credentials are in the environment.
      notarize: Boolean(
        (env.APPLE_ID && env.APPLE_APP_SPECIFIC_PASSWORD && env.APPLE_TEAM_ID) ||
        (env.APPLE_API_KEY && env.APPLE_API_KEY_ID && env.APPLE_API_ISSUER),
      ),
    },
    dmg: { title: PRODUCT_NAME },
    linux: {
      target: ['AppImage', 'deb'],
      files: files('linux'),
      executableName: EXECUTABLE_NAME,
      icon: 'build/icons',
      category: 'Network',
      synopsis: 'Just-in-time access to Azure VMs, one double-click away',
      maintainer: `${MAINTAINER_NAME} <${MAINTAINER_EMAIL}>`,
      // `protocols` above already puts x-scheme-handler/jitconnect into the .desktop file (listing it again here
      // repeated it there).
      syncDesktopName: true,
    },
    deb: {
      depends: [...DEB_DEPENDS],
      // fpm's `source=destination`: where the admin policy goes, explained as in the offline .deb (not built here:
      // this target downloads fpm).
      fpm: [`${join(projectDir, 'build', 'linux', 'README.policy')}=/usr/share/doc/jit-connect/README.policy`],
    },
  };
}

export default electronBuilderConfig();
