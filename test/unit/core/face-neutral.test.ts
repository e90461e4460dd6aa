/**
 * Core's error texts are face-neutral: the app shows them beside its buttons, so a fix or message never names a CLI
 * flag (`--source public`) or command (`jit-connect login`); the CLI adds those itself (electron/cli/flag-hints.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(import.meta.dirname, '..', '..', '..');
const core = join(root, 'electron', 'core');

/** Every .ts file under `dir`. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** The string literals of each `fix:` / `message:` value (the expression up to the `,` ending its line). */
function errorTexts(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/\b(?:fix|message):\s*([^;]*?),\n/g)) {
    for (const lit of m[1]!.matchAll(/'((?:\\.|[^'\\])*)'|"((?:\\.|[^"\\])*)"|`((?:\\.|[^`\\])*)`/g))
      out.push(lit[1] ?? lit[2] ?? lit[3] ?? '');
  }
  return out;
}

// A system program's own flags (the keyring daemon) are not ours.
const NOT_OURS = /gnome-keyring-daemon/;

test('no fix or message in core names a CLI flag or a jit-connect command', () => {
  const found: string[] = [];
  for (const file of sources(core)) {
    for (const t of errorTexts(readFileSync(file, 'utf8'))) {
      if (NOT_OURS.test(t)) continue;
      if (/(^|[\s(])--[a-z]/.test(t) || /jit-connect [a-z-]+/.test(t)) found.push(`${relative(root, file)}: ${t}`);
    }
  }
  assert.deepEqual(found, []);
});
