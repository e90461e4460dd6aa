#!/usr/bin/env node
// Renders build/icons/icon.svg into the PNGs the installers take (build/icons/<N>x<N>.png for Linux, icon.png at
// 1024 px for Windows and macOS), with Debian's Chromium through playwright-core: no image library needed. Run it
// after changing the SVG and commit the PNGs. Usage: node scripts/make-icons.mjs
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const icons = join(fileURLToPath(import.meta.url), '..', '..', 'build', 'icons');
const svg = readFileSync(join(icons, 'icon.svg'), 'utf8');
/** The hicolor sizes desktops look for, and the large master electron-builder converts for .ico and .icns. */
const SIZES = [16, 24, 32, 48, 64, 128, 256, 512];

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium' });
try {
  const page = await browser.newPage();
  const render = async (size, file) => {
    await page.setViewportSize({ width: size, height: size });
    const body = svg.replace('<svg ', `<svg width="${size}" height="${size}" `);
    await page.setContent(`<html><body style="margin:0;background:transparent">${body}</body></html>`);
    await page.screenshot({ path: join(icons, file), omitBackground: true });
  };
  for (const size of SIZES) await render(size, `${size}x${size}.png`);
  await render(1024, 'icon.png');
  console.log(`rendered ${SIZES.length + 1} PNGs into ${icons}`);
} finally {
  await browser.close();
}
