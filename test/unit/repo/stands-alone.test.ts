/**
 * The repository stands alone: no tracked file reads or names a path outside it (a sibling folder, the machine's
 * own layout), and the vendored Azure specs are the byte-for-byte copies their SOURCES.md lists.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

const root = join(import.meta.dirname, '..', '..', '..');
const VENDORED = 'test/fixtures/azure-api';

/** Tracked text files (what a clone holds). */
function trackedFiles(): string[] {
  return execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' })
    .split('\0')
    .filter((f) => f && !f.startsWith(`${VENDORED}/`) && f !== 'package-lock.json')
    .filter((f) => /\.(ts|tsx|mjs|js|cjs|json|md|sh|yml|yaml)$|^\.ci\/run$/.test(f));
}

const outside = (p: string) => {
  const rel = relative(root, p);
  return rel === '..' || rel.startsWith(`..${sep}`);
};

/** Places in `text` (of tracked file `file`) that read or name a path outside the repository. */
export function outsideReferences(file: string, text: string): string[] {
  const found: string[] = [];
  // Relative paths in quotes or backticks, resolved from the file's folder.
  for (const m of text.matchAll(/['"`(]((?:\.\.\/)+[\w.@-][\w./@-]*)/g)) {
    if (outside(resolve(root, dirname(file), m[1]!))) found.push(m[1]!);
  }
  // join(<the repository root>, '..') and the like: leaving the root by path segments.
  for (const m of text.matchAll(/\b(?:root|repoRoot|repositoryRoot)\s*,\s*'\.\.'/g)) found.push(m[0]);
  return found;
}

test('no tracked file reads or names a path outside the repository', () => {
  const problems: string[] = [];
  for (const file of trackedFiles()) {
    if (file === 'test/unit/repo/stands-alone.test.ts') continue; // the patterns themselves
    const refs = outsideReferences(file, readFileSync(join(root, file), 'utf8'));
    if (refs.length) problems.push(`${file}: ${[...new Set(refs)].join(', ')}`);
  }
  assert.deepEqual(problems, []);
});

test('the check catches the ways a file reaches outside', () => {
  assert.deepEqual(outsideReferences('test/fixtures/x.ts', "join(repoRoot, '..', 'sibling')"), ["repoRoot, '..'"]);
  assert.deepEqual(outsideReferences('test/fixtures/x.ts', "readFileSync('../../../elsewhere/a.json')"), [
    '../../../elsewhere/a.json',
  ]);
  assert.deepEqual(outsideReferences('README.md', 'the story in `../sibling/seed/`'), ['../sibling/seed/']);
  assert.deepEqual(outsideReferences('test/unit/x.ts', "import { a } from '../../electron/core/ports';"), []);
});

test('the vendored Azure specs and examples are the byte-for-byte copies SOURCES.md lists, and nothing else', () => {
  const dir = join(root, VENDORED);
  const sources = readFileSync(join(dir, 'SOURCES.md'), 'utf8');
  const rows = new Map<string, { bytes: number; sha: string }>();
  for (const m of sources.matchAll(/^\| (\S+\.json) \| .*? \| [0-9a-f]{40} \| (\d+)[^|]*\| ([0-9a-f]{16}) \|$/gm))
    rows.set(m[1]!, { bytes: Number(m[2]), sha: m[3]! });
  const files: string[] = [];
  const walk = (d: string) => {
    for (const n of readdirSync(d)) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else if (n.endsWith('.json')) files.push(relative(dir, p).split(sep).join('/'));
    }
  };
  walk(dir);
  assert.deepEqual(files.sort(), [...rows.keys()].sort(), 'every vendored file has a SOURCES.md row and vice versa');
  for (const f of files) {
    const data = readFileSync(join(dir, f));
    const row = rows.get(f)!;
    assert.equal(data.length, row.bytes, `${f}: size`);
    assert.equal(createHash('sha256').update(data).digest('hex').slice(0, 16), row.sha, `${f}: sha256`);
  }
  assert.match(sources, /MIT License/);
});
