import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ESLint } from 'eslint';

const root = join(import.meta.dirname, '..', '..', '..');
const eslint = new ESLint({ cwd: root });

async function ruleIds(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, filePath) });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

test('shared/ may not import Node built-ins or electron', async () => {
  assert.ok(
    (
      await ruleIds('shared/x.ts', "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n")
    ).includes('no-restricted-imports'),
  );
  assert.ok(
    (await ruleIds('shared/x.ts', "import { app } from 'electron';\nexport const a = app;\n")).includes(
      'no-restricted-imports',
    ),
  );
});

test('core and the simulator may not import electron; the simulator may not import the app core', async () => {
  assert.ok(
    (await ruleIds('electron/core/x.ts', "import { app } from 'electron';\nexport const a = app;\n")).includes(
      'no-restricted-imports',
    ),
  );
  assert.ok(
    (await ruleIds('electron/azure-sim/x.ts', "import { a } from '../core/y';\nexport const b = a;\n")).includes(
      'no-restricted-imports',
    ),
  );
});

test('the renderer may not reach into electron/ (it talks through window.jitConnect)', async () => {
  assert.ok(
    (await ruleIds('renderer/x.ts', "import { a } from '../electron/core/y';\nexport const b = a;\n")).includes(
      'no-restricted-imports',
    ),
  );
});

test('allowed arrows lint clean: core → shared, simulator → shared', async () => {
  assert.deepEqual(
    await ruleIds('electron/core/x.ts', "import type { Vm } from '../../shared/domain/types';\nexport type A = Vm;\n"),
    [],
  );
  assert.deepEqual(
    await ruleIds(
      'electron/azure-sim/x.ts',
      "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n",
    ),
    [],
  );
});
