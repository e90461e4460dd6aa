/**
 * One tsconfig per runtime: shared/ sees neither Node nor the DOM, the renderer sees the DOM but not Node, and the
 * Node side sees Node but not the DOM. Each config compiles a probe file that uses a global of another runtime.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { tempDir } from '../../fixtures/sim';

const root = join(import.meta.dirname, '..', '..', '..');
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

/** Compiles `code` under the runtime's config; returns the names tsc could not find. */
function missingNames(runtime: 'shared' | 'node' | 'web', code: string): string[] {
  const dir = tempDir(`jit-tsconfig-${runtime}-`);
  writeFileSync(join(dir, 'probe.ts'), code);
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      extends: join(root, `tsconfig.${runtime}.json`),
      compilerOptions: { typeRoots: [join(root, 'node_modules', '@types')] },
      include: ['probe.ts'],
    }),
  );
  const r = spawnSync(process.execPath, [tsc, '-p', join(dir, 'tsconfig.json'), '--noEmit'], { encoding: 'utf8' });
  return [...r.stdout.matchAll(/Cannot find name '(\w+)'/g)].map((m) => m[1]!).sort();
}

const PROBE = [
  "export const buffer = Buffer.from('x');",
  'export const env = process.env.HOME;',
  'export const title = document.title;',
  'export const ok = JSON.stringify([1].at(0));',
].join('\n');

test('shared/: no Node (Buffer, process) and no DOM (document)', () => {
  assert.deepEqual(missingNames('shared', PROBE), ['Buffer', 'document', 'process']);
});

test('the renderer: the DOM, but no Node', () => {
  assert.deepEqual(missingNames('web', PROBE), ['Buffer', 'process']);
});

test('core, the CLI, the shells, the simulator, scripts and tests: Node, but no DOM', () => {
  assert.deepEqual(missingNames('node', PROBE), ['document']);
});
