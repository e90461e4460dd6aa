/**
 * The import boundaries of DESIGN.md §3, for every face: each forbidden arrow fails the lint (on the resolved path,
 * and by folder name before the target exists), each allowed one lints clean.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ESLint } from 'eslint';

const root = join(import.meta.dirname, '..', '..', '..');
const eslint = new ESLint({ cwd: root });
const BOUNDARY_RULES = new Set([
  'no-restricted-imports',
  '@typescript-eslint/no-restricted-imports',
  'import-x/no-restricted-paths',
  'import-x/no-nodejs-modules',
]);

/** The boundary rules that fire for `spec` imported from `file` (a file that need not exist). */
async function boundaryErrors(file: string, spec: string, typeOnly = false): Promise<string[]> {
  const code = typeOnly
    ? `import type { X } from '${spec}';\nexport type Y = X;\n`
    : `import * as m from '${spec}';\nexport const y = m;\n`;
  const [result] = await eslint.lintText(code, { filePath: join(root, file) });
  return (result?.messages ?? []).filter((m) => BOUNDARY_RULES.has(m.ruleId ?? '')).map((m) => m.ruleId!);
}

// [importing file, import specifier] pairs.
const FORBIDDEN: Array<[string, string]> = [
  // shared/: nothing of ours, no Node built-in (bare or node:), no electron, no React.
  ['shared/domain/x.ts', 'node:fs'],
  ['shared/domain/x.ts', 'fs'],
  ['shared/domain/x.ts', 'electron'],
  ['shared/domain/x.ts', 'react'],
  ['shared/domain/x.ts', '../../electron/azure-sim/index'],
  ['shared/domain/x.ts', '../../electron/core/auth/x'],
  ['shared/domain/x.ts', '../../renderer/app'],
  ['shared/domain/x.ts', '../../test/fixtures/sim'],
  // core: only shared/ and npm packages.
  ['electron/core/x.ts', 'electron'],
  ['electron/core/x.ts', 'react'],
  ['electron/core/x.ts', '../azure-sim/index'],
  ['electron/core/x.ts', '../azure-sim/seeds/demo'],
  ['electron/core/x.ts', '../main/ipc'],
  ['electron/core/x.ts', '../preload/preload'],
  ['electron/core/x.ts', '../browser-shell/server'],
  ['electron/core/x.ts', '../cli/main'],
  ['electron/core/x.ts', '../../renderer/app'],
  ['electron/core/x.ts', '../../test/fixtures/sim'],
  // cli and browser shell: plain Node, never electron; never another shell or the UI.
  ['electron/cli/x.ts', 'electron'],
  ['electron/cli/x.ts', '../main/ipc'],
  ['electron/cli/x.ts', '../browser-shell/server'],
  ['electron/cli/x.ts', '../../renderer/app'],
  ['electron/browser-shell/x.ts', 'electron'],
  ['electron/browser-shell/x.ts', '../main/ipc'],
  ['electron/browser-shell/x.ts', '../cli/main'],
  ['electron/browser-shell/x.ts', '../../renderer/app'],
  // main: not the preload, the other shell, the CLI or the UI.
  ['electron/main/x.ts', '../preload/preload'],
  ['electron/main/x.ts', '../browser-shell/server'],
  ['electron/main/x.ts', '../cli/main'],
  ['electron/main/x.ts', '../../renderer/app'],
  ['electron/main/x.ts', 'react'],
  // preload: only electron and shared/.
  ['electron/preload/x.ts', 'node:fs'],
  ['electron/preload/x.ts', 'zod'],
  ['electron/preload/x.ts', '../core/auth/x'],
  ['electron/preload/x.ts', '../main/ipc'],
  ['electron/preload/x.ts', '../azure-sim/index'],
  // renderer: shared/ and browser packages only.
  ['renderer/src/x.tsx', 'node:fs'],
  ['renderer/src/x.tsx', 'path'],
  ['renderer/src/x.tsx', 'electron'],
  ['renderer/src/x.tsx', '../../electron/core/auth/x'],
  ['renderer/src/x.tsx', '../../electron/azure-sim/index'],
  // simulator: its own code and shared/ types only.
  ['electron/azure-sim/x.ts', 'electron'],
  ['electron/azure-sim/x.ts', '../core/auth/x'],
  ['electron/azure-sim/x.ts', '../main/ipc'],
  ['electron/azure-sim/x.ts', '../cli/main'],
  ['electron/azure-sim/x.ts', '../../renderer/app'],
  ['electron/azure-sim/x.ts', '../../shared/cloud/cloud-profile'],
  // inside the simulator, layers point down.
  ['electron/azure-sim/jit/x.ts', '../gate/reachability'],
  ['electron/azure-sim/model/x.ts', '../jit/engine'],
  ['electron/azure-sim/net/x.ts', '../gate/nsg-eval'],
  ['electron/azure-sim/crypto/x.ts', '../entra/tokens'],
];

const ALLOWED: Array<[string, string, boolean?]> = [
  ['shared/domain/x.ts', '../cloud/cloud-profile'],
  ['shared/domain/x.ts', 'zod'],
  ['electron/core/x.ts', '../../shared/cloud/cloud-profile'],
  ['electron/core/x.ts', 'node:fs'],
  ['electron/core/x.ts', '@azure/msal-node'],
  ['electron/cli/x.ts', '../azure-sim/index'],
  ['electron/cli/x.ts', '../core/auth/x'],
  ['electron/browser-shell/x.ts', '../azure-sim/index'],
  ['electron/main/x.ts', 'electron'],
  ['electron/main/x.ts', '../azure-sim/index'],
  ['electron/main/x.ts', '../core/auth/x'],
  ['electron/preload/x.ts', 'electron'],
  ['electron/preload/x.ts', '../../shared/cloud/cloud-profile'],
  ['renderer/src/x.tsx', '../../shared/cloud/cloud-profile'],
  ['renderer/src/x.tsx', 'react'],
  ['electron/azure-sim/x.ts', 'node:fs'],
  ['electron/azure-sim/x.ts', './model/estate'],
  ['electron/azure-sim/x.ts', '../../shared/cloud/cloud-profile', true],
  ['electron/azure-sim/gate/x.ts', '../jit/grants'],
  ['electron/azure-sim/jit/x.ts', '../model/topology'],
];

test('every forbidden arrow fails the lint', async () => {
  const leaks: string[] = [];
  for (const [file, spec] of FORBIDDEN)
    if ((await boundaryErrors(file, spec)).length === 0) leaks.push(`${file} → ${spec}`);
  assert.deepEqual(leaks, [], 'these imports should have been refused');
});

test('the allowed arrows lint clean', async () => {
  const refused: string[] = [];
  for (const [file, spec, typeOnly] of ALLOWED) {
    const errors = await boundaryErrors(file, spec, typeOnly);
    if (errors.length) refused.push(`${file} → ${spec}: ${errors.join(', ')}`);
  }
  assert.deepEqual(refused, [], 'these imports should have been allowed');
});

test('a boundary holds on the resolved path, however the import is spelt', async () => {
  // core reaching the simulator through a detour that names no forbidden folder first.
  const errors = await boundaryErrors('electron/core/x.ts', '../../electron/azure-sim/index');
  assert.ok(errors.includes('import-x/no-restricted-paths'), errors.join());
});

test('turning certificate checks off fails the lint, anywhere in the tree', async () => {
  for (const code of [
    "import https from 'node:https';\nexport const a = new https.Agent({ rejectUnauthorized: false });\n",
    "process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';\nexport {};\n",
    "process.env['NODE_TLS_REJECT_UNAUTHORIZED'] = '0';\nexport {};\n",
  ]) {
    for (const file of ['electron/core/x.ts', 'test/integration/x.test.ts', 'scripts/x.ts']) {
      const [r] = await eslint.lintText(code, { filePath: join(root, file) });
      assert.ok(
        r?.messages.some((m) => m.ruleId === 'no-restricted-syntax'),
        `${file}: ${code}`,
      );
    }
  }
});
