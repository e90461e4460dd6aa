/** Vite build of the renderer: relative asset paths (served from a folder or a file:// URL), no inline scripts. */
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
// The build config runs in Node at build time, never in the page.
// eslint-disable-next-line import-x/no-nodejs-modules
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: './',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../dist/renderer', import.meta.url)),
    emptyOutDir: true,
    // The CSP forbids inline scripts: never inline the module preload polyfill.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    // The first screen in one chunk (about 214 KB gzip with its shared chunks); dialogs in their own (lazy-screens.tsx).
    chunkSizeWarningLimit: 800,
  },
});
