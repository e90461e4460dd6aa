/** The app's origin and the external-link allow-list: exact hosts, https only, no look-alikes. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isAllowedExternal, isAppUrl } from '../../../electron/main/security';

test('checklist: openExternal is allowed only for https links to the allow-listed hosts', () => {
  for (const url of [
    'https://portal.azure.com/#view/HubsExtension',
    'https://PORTAL.AZURE.COM/x',
    'https://portal.azure.us/',
    'https://portal.azure.cn/',
    'https://learn.microsoft.com/azure/defender-for-cloud/just-in-time-access-usage',
  ])
    assert.equal(isAllowedExternal(url), true, url);
  for (const url of [
    'http://portal.azure.com/',
    'https://portal.azure.com.evil.example/',
    'https://evil.example/portal.azure.com',
    'https://user:pw@portal.azure.com/',
    'https://portal.azure.com:8443/',
    'https://xportal.azure.com/',
    'file:///C:/Windows/System32/calc.exe',
    'smb://portal.azure.com/share',
    'javascript:alert(1)',
    'ms-msdt:/id',
    '',
    'portal.azure.com',
  ])
    assert.equal(isAllowedExternal(url), false, url);
});

test('the app origin is the app scheme and host, exactly', () => {
  assert.equal(isAppUrl('app://jit-connect/index.html'), true);
  assert.equal(isAppUrl('app://jit-connect/'), true);
  for (const url of [
    'app://jit-connect.evil/',
    'app://evil/',
    'app://x@jit-connect/',
    'https://jit-connect/',
    'file:///index.html',
    'about:blank',
    '',
  ])
    assert.equal(isAppUrl(url), false, url);
});
