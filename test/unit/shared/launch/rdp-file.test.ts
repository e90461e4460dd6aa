/** The generated .rdp and .remmina text: every redirection explicit, no value able to add a line or a setting. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rdpFileText, rdpSettings, type RdpFileInput } from '../../../../shared/launch/rdp-file';
import { remminaFileText } from '../../../../shared/launch/remmina-file';

const NONE = { clipboard: false, drives: false, printers: false, smartCards: false };
const base: RdpFileInput = {
  host: '10.10.1.4',
  port: 3389,
  user: 'CONTOSO\\ann',
  admin: false,
  fullScreen: false,
  multimon: false,
  entraSignIn: false,
  redirect: NONE,
};

test('the .rdp file: exact text, CRLF, every redirection written as off', () => {
  assert.equal(
    rdpFileText(base),
    [
      'full address:s:10.10.1.4:3389',
      'username:s:CONTOSO\\ann',
      'administrative session:i:0',
      'screen mode id:i:1',
      'use multimon:i:0',
      'enablerdsaadauth:i:0',
      'gatewayusagemethod:i:0',
      'redirectclipboard:i:0',
      'redirectprinters:i:0',
      'redirectsmartcards:i:0',
      'drivestoredirect:s:',
      'redirectdrives:i:0',
      'redirectcomports:i:0',
      'redirectposdevices:i:0',
      'redirectwebauthn:i:0',
      'redirectlocation:i:0',
      'audiocapturemode:i:0',
      'camerastoredirect:s:',
      'devicestoredirect:s:',
      'usbdevicestoredirect:s:',
      '',
    ].join('\r\n'),
  );
});

test('the .rdp file: what the user asked for is on, the rest stays off; gateway and monitors written', () => {
  const text = rdpFileText({
    ...base,
    fullScreen: true,
    monitors: [0, 2],
    width: 1600,
    height: 900,
    gateway: 'gw.contoso.com',
    redirect: { ...NONE, clipboard: true },
  });
  for (const line of [
    'redirectclipboard:i:1',
    'redirectprinters:i:0',
    'redirectsmartcards:i:0',
    'drivestoredirect:s:',
    'screen mode id:i:2',
    'use multimon:i:1',
    'selectedmonitors:s:0,2',
    'desktopwidth:i:1600',
    'desktopheight:i:900',
    'gatewayhostname:s:gw.contoso.com',
    'gatewayusagemethod:i:1',
  ]) {
    assert.ok(text.includes(`\r\n${line}\r\n`), line);
  }
});

test('every key appears once and every line is key:type:value', () => {
  const settings = rdpSettings({ ...base, gateway: 'gw', monitors: [1], width: 800, height: 600 });
  const keys = settings.map(([k]) => k);
  assert.equal(new Set(keys).size, keys.length);
  for (const line of rdpFileText(base).split('\r\n').slice(0, -1)) assert.match(line, /^[a-z ]+:[is]:[^\r\n]*$/);
});

test('.rdp injection attempts are refused, naming the setting', () => {
  const attempts: Array<[string, Partial<RdpFileInput>, RegExp]> = [
    ['newline in the user name', { user: 'ann\r\nfull address:s:evil.example:3389' }, /username/],
    ['bare LF in the user name', { user: 'ann\nredirectdrives:i:1' }, /username/],
    ['Unicode line separator', { user: 'ann\u2028drivestoredirect:s:*' }, /username/],
    ['NUL', { user: 'ann\u0000' }, /username/],
    ['full address smuggled in the host', { host: '10.0.0.1:3389\r\nfull address:s:evil' }, /full address/],
    ['a host with a second setting', { host: 'evil.example\rusername:s:x' }, /full address/],
    ['a host with a space', { host: 'a b' }, /full address/],
    ['gateway with CR/LF', { gateway: 'gw.contoso.com\r\ngatewayhostname:s:evil' }, /gatewayhostname/],
    ['gateway with a colon', { gateway: 'gw:s:evil' }, /gatewayhostname/],
    ['an empty user name', { user: '' }, /username/],
    ['a port out of range', { port: 70000 }, /full address/],
    ['a negative monitor', { monitors: [-1] }, /selectedmonitors/],
    ['a fractional width', { width: 1.5 }, /desktopwidth/],
  ];
  for (const [name, over, setting] of attempts) {
    assert.throws(() => rdpFileText({ ...base, ...over }), { code: 'invalid-input', message: setting }, name);
  }
});

test('a user name with a colon or quotes stays in its value (the format splits at the first two colons only)', () => {
  assert.ok(rdpFileText({ ...base, user: `a:s:"b" 'c'` }).includes(`\r\nusername:s:a:s:"b" 'c'\r\n`));
});

test('the .remmina file: exact text; a value with a line break is refused', () => {
  const input = { name: 'vm-web01', host: '10.10.1.5', port: 3389, user: 'ann', fullScreen: false, redirect: NONE };
  assert.equal(
    remminaFileText(input),
    '[remmina]\nname=vm-web01\nprotocol=RDP\nserver=10.10.1.5:3389\nusername=ann\nviewmode=1\ndisableclipboard=1\n' +
      'shareprinter=0\nsharesmartcard=0\nsharefolder=\ncert_ignore=0\n',
  );
  for (const over of [
    { user: 'ann\n[remmina]' },
    { name: 'x\rserver=evil' },
    { gateway: 'gw\nx=1' },
    { host: 'a\n' },
  ]) {
    assert.throws(() => remminaFileText({ ...input, ...over }), { code: 'invalid-input' }, JSON.stringify(over));
  }
});
