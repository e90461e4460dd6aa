/** keytar is the `@github/keytar` alias: same API, a prebuilt binary that loads here without compiling anything. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

test('keytar resolves to @github/keytar and its prebuilt binary loads', async () => {
  const pkg = JSON.parse(readFileSync(new URL('../../../../package.json', import.meta.url), 'utf8')) as {
    dependencies: Record<string, string>;
  };
  assert.match(pkg.dependencies.keytar ?? '', /^npm:@github\/keytar@\d+\.\d+\.\d+$/);
  const require = createRequire(import.meta.url);
  const installed = JSON.parse(readFileSync(require.resolve('keytar/package.json'), 'utf8')) as { name: string };
  assert.equal(installed.name, '@github/keytar');
  const keytar = (await import('keytar')).default;
  for (const fn of ['getPassword', 'setPassword', 'deletePassword', 'findCredentials'] as const)
    assert.equal(typeof keytar[fn], 'function');
});
