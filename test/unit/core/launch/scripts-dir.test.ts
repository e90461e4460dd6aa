/** The WinRM script ships with the app: found from source, a real -File script with the parameters the plan passes. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { planLaunch, shippedScriptsDir } from '../../../../electron/core/launch/index';
import { outsideAsar } from '../../../../electron/core/launch/scripts-dir';
import { tempDir } from '../../../fixtures/sim';
import { request } from './fixtures';

test('the script is found and takes every parameter the plan passes, asking the password itself', () => {
  const dir = shippedScriptsDir();
  const script = readFileSync(join(dir, 'enter-session.ps1'), 'utf8');
  const plan = planLaunch(request({ port: 5986, user: 'ann', scriptsDir: dir }));
  const params = plan.argv.slice(plan.argv.indexOf('-File') + 2).filter((a) => a.startsWith('-'));
  assert.deepEqual(params, ['-ComputerName', '-Port', '-UserName', '-UseSSL']);
  for (const p of params) assert.match(script, new RegExp(`\\$${p.slice(1)}\\b`), p);
  assert.match(script, /Enter-PSSession @session/);
  assert.match(script, /Get-Credential/);
  assert.doesNotMatch(script, /Invoke-Expression|iex /i, 'no value is ever evaluated as code');
});

test('in the installed app the script is given from app.asar.unpacked, where PowerShell can read it', () => {
  const resources = tempDir('jit-scripts-dir-');
  const unpacked = join(resources, 'app.asar.unpacked', 'dist', 'scripts');
  mkdirSync(unpacked, { recursive: true });
  writeFileSync(join(unpacked, 'enter-session.ps1'), 'param()');
  const bundle = pathToFileURL(join(resources, 'app.asar', 'dist', 'electron', 'main.mjs')).href;
  assert.equal(shippedScriptsDir(bundle), `${unpacked}${sep}`);
  assert.equal(
    outsideAsar('C:\\Program Files\\JIT Connect\\resources\\app.asar\\dist\\scripts\\'),
    'C:\\Program Files\\JIT Connect\\resources\\app.asar.unpacked\\dist\\scripts\\',
  );
  assert.equal(outsideAsar('/opt/app.asar.d/x'), '/opt/app.asar.d/x', 'only the archive itself');
  assert.equal(
    outsideAsar('/usr/lib/jit-connect/resources/app.asar.unpacked/dist/'),
    '/usr/lib/jit-connect/resources/app.asar.unpacked/dist/',
  );
});
