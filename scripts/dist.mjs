#!/usr/bin/env node
// `npm run dist`: builds what ships (esbuild for the Node side and the Electron main, Vite for the renderer), then the
// installers of this OS with electron-builder (build/electron-builder.config.mjs): Windows NSIS and MSI, macOS dmg,
// Linux AppImage and deb. Electron itself must already be here: electron-builder would download it otherwise, so
// without it this stops at once with what to do.
// Usage: node scripts/dist.mjs [--electron-dist DIR|ZIP] [--dir] [--offline-deb] [--allow-download]
//   --electron-dist  an unpacked Electron (or its release zip) to package instead of downloading one
//   --dir            the unpacked app only (release/<os>-unpacked), no installer
//   --offline-deb    Linux: the unpacked app, then the .deb through dpkg-deb (electron-builder's deb and AppImage
//                    targets download their tools)
//   --allow-download let electron-builder fetch Electron and its tools when no Electron is here
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findElectronDist, makeDeb, packageApp, root } from './packaging.mjs';

const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const valueOf = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const known = ['--electron-dist', '--dir', '--offline-deb', '--allow-download'];
const unknown = args.filter((a, i) => a.startsWith('--') && !known.includes(a) && args[i - 1] !== '--electron-dist');
if (unknown.length) {
  console.error(`dist: unknown option ${unknown.join(', ')} (known: ${known.join(', ')})`);
  process.exit(2);
}

const electronVersion = JSON.parse(
  readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8'),
).version;
const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
const given = valueOf('--electron-dist');
const electronDist = findElectronDist({ given, version: electronVersion });

// Before any build step: a missing Electron is the usual offline failure, and it should cost seconds, not minutes.
if (!electronDist && (given || !flag('--allow-download'))) {
  const where = `${process.platform}-${process.arch}`;
  console.error(
    given
      ? `dist: --electron-dist ${given} does not exist.`
      : `dist: Electron ${electronVersion} for ${where} is not here (node_modules/electron/dist has no binary and ` +
          `Electron's cache has no electron-v${electronVersion}-${where}.zip), and electron-builder would download it.`,
  );
  console.error(
    `fix: pass --electron-dist DIR (an unpacked Electron ${electronVersion}, or its release zip), ` +
      'or, where the internet is reachable, add --allow-download.',
  );
  process.exit(1);
}

const run = (cmd, argv) => {
  console.error(`dist: ${[cmd, ...argv].join(' ')}`);
  const r = spawnSync(cmd, argv, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`dist: ${cmd} ${argv[0]} failed (exit ${r.status ?? r.signal})`);
    process.exit(1);
  }
};
run(process.execPath, [join(root, 'scripts', 'build.mjs')]);
run(process.execPath, [
  join(root, 'node_modules', 'vite', 'bin', 'vite.js'),
  'build',
  '--config',
  'renderer/vite.config.ts',
  '--logLevel',
  'warn',
]);

for (const shipped of ['dist/electron/main.mjs', 'dist/electron/preload.cjs', 'dist/renderer/index.html']) {
  if (!existsSync(join(root, shipped))) {
    console.error(`dist: the build left no ${shipped}: the installers would hold an app that cannot start.`);
    process.exit(1);
  }
}

const offlineDeb = flag('--offline-deb');
if (offlineDeb && process.platform !== 'linux') {
  console.error('dist: --offline-deb builds a Debian package, on Linux only.');
  process.exit(2);
}
const targets = flag('--dir') || offlineDeb ? ['dir'] : undefined;
const { outDir, artifacts } = await packageApp({ electronDist, targets });
for (const a of artifacts) console.log(a);
if (offlineDeb) {
  const unpacked = process.arch === 'x64' ? 'linux-unpacked' : `linux-${process.arch}-unpacked`;
  const deb = await makeDeb({ appDir: join(outDir, unpacked), outDir, version });
  console.log(deb);
}
console.error(`dist: done, in ${outDir}`);
