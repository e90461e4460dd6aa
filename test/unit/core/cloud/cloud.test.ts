import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadProfileFile, resolveCloud } from '../../../../electron/core/cloud/cloud';
import { AppError } from '../../../../shared/errors/app-error';
import { tempDir } from '../../../fixtures/sim';

test('built-in clouds by name, in any case; AzureCloud by default', () => {
  assert.equal(resolveCloud(undefined).profile.armEndpoint, 'https://management.azure.com');
  assert.equal(resolveCloud('azureusgovernment').profile.authorityHost, 'https://login.microsoftonline.us');
  assert.equal(resolveCloud('AzureChinaCloud').profile.armEndpoint, 'https://management.chinacloudapi.cn');
});

test('a profile file, with its CA read relative to the file', () => {
  const dir = tempDir('jit-cloud-');
  mkdirSync(join(dir, 'certs'));
  writeFileSync(join(dir, 'certs', 'ca.pem'), '-----BEGIN CERTIFICATE-----\nx\n-----END CERTIFICATE-----\n');
  const file = join(dir, 'sim.json');
  writeFileSync(
    file,
    JSON.stringify({
      name: 'Sim',
      armEndpoint: 'https://127.0.0.1:8443',
      authorityHost: 'https://127.0.0.1:8443',
      caCertFile: 'certs/ca.pem',
    }),
  );
  const cloud = resolveCloud('sim.json', dir);
  assert.equal(cloud.profile.name, 'Sim');
  assert.equal(cloud.profile.caCertFile, join(dir, 'certs', 'ca.pem'));
  assert.match(cloud.ca!, /BEGIN CERTIFICATE/);
});

test('mistakes name the file, the field and the fix', () => {
  const dir = tempDir('jit-cloud-bad-');
  const expectError = (fn: () => unknown, message: RegExp) =>
    assert.throws(fn, (e: unknown) => e instanceof AppError && e.code === 'invalid-input' && message.test(e.message));
  expectError(() => resolveCloud('NoSuchCloud', dir), /No cloud named .*NoSuchCloud/);
  writeFileSync(join(dir, 'bad.json'), '{ nope');
  expectError(() => loadProfileFile(join(dir, 'bad.json')), /not valid JSON/);
  writeFileSync(join(dir, 'partial.json'), JSON.stringify({ name: 'x', armEndpoint: 'https://a.example' }));
  expectError(() => loadProfileFile(join(dir, 'partial.json')), /invalid at "authorityHost"/);
  writeFileSync(
    join(dir, 'http.json'),
    JSON.stringify({ name: 'x', armEndpoint: 'http://a.example', authorityHost: 'https://a.example' }),
  );
  expectError(() => loadProfileFile(join(dir, 'http.json')), /armEndpoint that is not https/);
  writeFileSync(
    join(dir, 'noca.json'),
    JSON.stringify({
      name: 'x',
      armEndpoint: 'https://a.example',
      authorityHost: 'https://a.example',
      caCertFile: 'missing.pem',
    }),
  );
  expectError(() => loadProfileFile(join(dir, 'noca.json')), /missing\.pem .* cannot be read/);
});
