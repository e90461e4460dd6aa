// The steps of `npm run dist`, importable by its tests: find an Electron that needs no download, run electron-builder
// with the project's configuration, and build the Linux .deb from the unpacked app with dpkg-deb (through
// electron-installer-debian), which needs nothing from the internet, unlike electron-builder's own deb target (fpm).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { chmod, copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  electronBuilderConfig,
  EXECUTABLE_NAME,
  PRODUCT_NAME,
  PROTOCOL_SCHEME,
  DEB_DEPENDS,
  MAINTAINER_EMAIL,
  MAINTAINER_NAME,
} from '../build/electron-builder.config.mjs';

/** The repository's root. */
export const root = resolve(fileURLToPath(import.meta.url), '..', '..');

const EXECUTABLES = { linux: 'electron', win32: 'electron.exe', darwin: 'Electron.app' };

/** Where @electron/get (and so electron-builder) caches Electron's zips on this OS. */
export function electronCacheDir(env = process.env, platform = process.platform) {
  if (env.ELECTRON_CACHE) return env.ELECTRON_CACHE;
  if (platform === 'darwin') return join(homedir(), 'Library', 'Caches', 'electron');
  if (platform === 'win32') return join(env.LOCALAPPDATA ?? join(homedir(), 'AppData', 'Local'), 'electron', 'Cache');
  return join(env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'electron');
}

/**
 * An Electron that needs no download, or undefined: the one given, node_modules/electron/dist when Electron's
 * postinstall fetched it, or the release zip in Electron's cache (top level or one hashed folder down).
 * @param {{ given?: string, version: string, platform?: NodeJS.Platform, arch?: string, projectDir?: string,
 *   env?: NodeJS.ProcessEnv }} options
 * @returns {string | undefined}
 */
export function findElectronDist({
  given,
  version,
  platform = process.platform,
  arch = process.arch,
  projectDir = root,
  env = process.env,
}) {
  if (given) return existsSync(given) ? resolve(given) : undefined;
  const installed = join(projectDir, 'node_modules', 'electron', 'dist');
  if (existsSync(join(installed, EXECUTABLES[platform] ?? 'electron'))) return installed;
  const zip = `electron-v${version}-${platform}-${arch}.zip`;
  const cache = electronCacheDir(env, platform);
  if (existsSync(join(cache, zip))) return join(cache, zip);
  let entries = [];
  try {
    entries = readdirSync(cache);
  } catch {
    return undefined;
  }
  for (const sub of entries) {
    const candidate = join(cache, sub, zip);
    if (statSync(join(cache, sub)).isDirectory() && existsSync(candidate)) return candidate;
  }
  return undefined;
}

/**
 * Runs electron-builder for one OS with the project's configuration. `targets`: electron-builder target names
 * (`['dir']` for the unpacked app only); `fuses: false` only for a stand-in Electron, which has no fuse wire.
 * `dryRun`: the targets compute everything up to their packaging tool (fpm, appimagetool, makensis), which is not
 * run (nor downloaded); what they would have passed comes back in `computed` (electron-builder's
 * effectiveOptionComputed hook: fpm's arguments and .desktop file, AppImage's desktop entry, NSIS's defines).
 * @param {{ projectDir?: string, outDir?: string, electronDist?: string, fuses?: boolean, targets?: string[],
 *   platform?: 'linux' | 'win' | 'mac', env?: NodeJS.ProcessEnv, dryRun?: boolean }} options
 * @returns {Promise<{ outDir: string, artifacts: string[], computed: object[] }>}
 */
export async function packageApp({
  projectDir = root,
  outDir,
  electronDist,
  fuses = true,
  targets,
  platform,
  env = process.env,
  dryRun = false,
}) {
  const { build, Platform } = await import('electron-builder');
  /** @type {object[]} */
  const computed = [];
  const effectiveOptionComputed = async (/** @type {unknown} */ options) => {
    if (Array.isArray(options) && typeof options[1] === 'string' && existsSync(options[1])) {
      // fpm: its arguments and the .desktop file it would install (read now: it lives in a temporary folder).
      computed.push({ tool: 'fpm', args: options[0], desktop: await readFile(options[1], 'utf8') });
    } else if (Array.isArray(options)) computed.push({ tool: 'makensis', defines: options[0] });
    else computed.push({ tool: 'appimage', .../** @type {object} */ (options) });
    return true;
  };
  const config = electronBuilderConfig({ env, electronDist, fuses, projectDir });
  const out = resolve(projectDir, outDir ?? config.directories?.output ?? 'release');
  config.directories = { ...config.directories, output: out };
  const os = platform ?? { win32: 'win', darwin: 'mac' }[process.platform] ?? 'linux';
  const target = { linux: Platform.LINUX, win: Platform.WINDOWS, mac: Platform.MAC }[os];
  const artifacts = await build({
    projectDir,
    config,
    targets: target.createTarget(targets ?? null),
    // Publishing is never a side effect of building (and without a feed there is nowhere to publish).
    publish: 'never',
    ...(dryRun ? { effectiveOptionComputed } : {}),
  });
  return { outDir: out, artifacts, computed };
}

/** The Debian architecture of a Node one. */
const DEB_ARCH = { x64: 'amd64', arm64: 'arm64', arm: 'armhf', ia32: 'i386' };

/**
 * Builds a .deb from electron-builder's unpacked Linux app with dpkg-deb: the app under /usr/lib/jit-connect, the
 * /usr/bin/jit-connect link, the .desktop file handling jitconnect:// links (Exec passes the URL as %u), the hicolor
 * icons, /etc/jit-connect for the admin policy and its README in /usr/share/doc/jit-connect.
 * `compression`: dpkg-deb's (xz for a release; the tests take gzip, several times faster).
 * @param {{ appDir: string, outDir: string, version: string, arch?: string, projectDir?: string,
 *   compression?: 'xz' | 'gzip' | 'zstd' | 'none' }} options
 * @returns {Promise<string>} the .deb's path
 */
export async function makeDeb({ appDir, outDir, version, arch = process.arch, projectDir = root, compression = 'xz' }) {
  const { Installer } = await import('electron-installer-debian');
  const icons = join(projectDir, 'build', 'icons');
  const icon = Object.fromEntries(
    readdirSync(icons)
      .filter((f) => /^\d+x\d+\.png$/.test(f))
      .map((f) => [f.replace('.png', ''), join(icons, f)]),
  );
  icon.scalable = join(icons, 'icon.svg');

  class JitConnectDeb extends Installer {
    get contentFunctions() {
      return [...super.contentFunctions, 'createPolicyDir'];
    }
    /** The admin-policy directory, shipped empty, and where it is explained. */
    async createPolicyDir() {
      await mkdir(join(this.stagingDir, 'etc', 'jit-connect'), { recursive: true, mode: 0o755 });
      const doc = join(this.stagingDir, 'usr', 'share', 'doc', this.appIdentifier);
      await mkdir(doc, { recursive: true, mode: 0o755 });
      await copyFile(join(projectDir, 'build', 'linux', 'README.policy'), join(doc, 'README.policy'));
      await chmod(join(doc, 'README.policy'), 0o644);
    }
    /** A machine-readable copyright file: the app's licence, Electron's and Chromium's beside the binary. */
    async copyLicense(copyrightFile) {
      await writeFile(
        copyrightFile,
        'Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n' +
          `Upstream-Name: ${EXECUTABLE_NAME}\n\nFiles: *\nLicense: MIT\n\n` +
          `Files: usr/lib/${EXECUTABLE_NAME}/*\nComment: Electron (MIT, LICENSE.electron.txt) and Chromium ` +
          `(LICENSES.chromium.html) ship beside the binary under their own licences.\nLicense: MIT\n`,
      );
    }
  }

  const options = {
    src: appDir,
    dest: outDir,
    arch: DEB_ARCH[arch] ?? arch,
    name: EXECUTABLE_NAME,
    productName: PRODUCT_NAME,
    genericName: 'Azure just-in-time access',
    bin: EXECUTABLE_NAME,
    version,
    description: 'Just-in-time access to Azure VMs, one double-click away',
    productDescription:
      'Signs in with Entra ID, requests Defender for Cloud just-in-time access for the right port and source, ' +
      'waits until the rule is live and opens RDP, SSH or PowerShell remoting; reminds before the grant ends.',
    maintainer: `${MAINTAINER_NAME} <${MAINTAINER_EMAIL}>`,
    section: 'net',
    categories: ['Network', 'RemoteAccess'],
    mimeType: [`x-scheme-handler/${PROTOCOL_SCHEME}`],
    depends: [...DEB_DEPENDS],
    compression,
    icon,
    desktopTemplate: join(projectDir, 'build', 'linux', 'desktop.ejs'),
    rename: (dest) => join(dest, `${EXECUTABLE_NAME}_${version}_${DEB_ARCH[arch] ?? arch}.deb`),
    logger: () => {},
  };
  await mkdir(outDir, { recursive: true });
  const installer = new JitConnectDeb(options);
  await installer.generateDefaults();
  await installer.generateOptions();
  await installer.createStagingDir();
  await installer.createContents();
  await installer.createPackage();
  await installer.movePackage();
  return installer.options.packagePaths[0];
}
