import { test } from 'node:test';
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { defaultConfigDir, ensureConfigDir } from '../../../../electron/core/config/config-dir';
import { tempDir } from '../../../fixtures/sim';

test('each OS keeps the config where its users look for it', () => {
  assert.equal(
    defaultConfigDir('win32', { APPDATA: 'C:\\Users\\a\\AppData\\Roaming' }, 'C:\\Users\\a'),
    join('C:\\Users\\a\\AppData\\Roaming', 'JIT Connect'),
  );
  assert.equal(defaultConfigDir('darwin', {}, '/Users/a'), '/Users/a/Library/Application Support/JIT Connect');
  assert.equal(defaultConfigDir('linux', {}, '/home/a'), '/home/a/.config/jit-connect');
  assert.equal(defaultConfigDir('linux', { XDG_CONFIG_HOME: '/x/cfg' }, '/home/a'), '/x/cfg/jit-connect');
  // The XDG spec ignores a relative XDG_CONFIG_HOME.
  assert.equal(defaultConfigDir('linux', { XDG_CONFIG_HOME: 'rel' }, '/home/a'), '/home/a/.config/jit-connect');
});

test('the config dir is created private (0700), parents included', () => {
  const dir = join(tempDir('jit-cfg-'), 'a', 'b');
  ensureConfigDir(dir);
  assert.equal(statSync(dir).mode & 0o777, 0o700);
});
