/** The WinRM script ships with the app: found from source, a real -File script with the parameters the plan passes. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { planLaunch, shippedScriptsDir } from '../../../../electron/core/launch/index';
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
