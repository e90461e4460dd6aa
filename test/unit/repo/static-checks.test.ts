/** `npm test` runs everything CI runs: the whole tree must typecheck (strict) and lint clean, import boundaries included. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ESLint } from 'eslint';

const root = join(import.meta.dirname, '..', '..', '..');

for (const runtime of ['shared', 'node', 'web']) {
  test(`the ${runtime} runtime typechecks (tsc -p tsconfig.${runtime}.json, strict)`, () => {
    const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
    const r = spawnSync(process.execPath, [tsc, '-p', join(root, `tsconfig.${runtime}.json`), '--noEmit'], {
      cwd: root,
      encoding: 'utf8',
    });
    assert.equal(r.status, 0, `tsc reported:\n${r.stdout}${r.stderr}`);
  });
}

test('the whole tree lints clean (eslint, with the import boundaries of DESIGN.md §3)', async () => {
  const eslint = new ESLint({ cwd: root });
  const results = await eslint.lintFiles(['.']);
  const problems = results.filter((r) => r.errorCount + r.warningCount > 0);
  const text = (await eslint.loadFormatter('stylish')).format(problems);
  assert.equal(problems.length, 0, String(text));
  assert.ok(results.length > 50, `linted ${results.length} files`);
});

test('the whole tree is formatted (prettier --check; `npm run format` fixes it)', () => {
  const prettier = createRequire(import.meta.url).resolve('prettier/bin/prettier.cjs');
  const r = spawnSync(process.execPath, [prettier, '--check', '.'], { cwd: root, encoding: 'utf8' });
  assert.equal(r.status, 0, `prettier found unformatted files (run npm run format):\n${r.stdout}${r.stderr}`);
});
