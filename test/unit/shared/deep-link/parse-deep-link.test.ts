import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDeepLink, type DeepLinkResult } from '../../../../shared/deep-link/parse-deep-link';

const ID =
  '/subscriptions/00000000-0000-4000-8000-000000000001/resourceGroups/rg-prod/providers/Microsoft.Compute/virtualMachines/VM-FS01';

function refused(result: DeepLinkResult, words: RegExp): void {
  assert.equal(result.ok, false, JSON.stringify(result));
  if (result.ok) return;
  assert.equal(result.error.code, 'invalid-input');
  assert.match(result.error.message, words);
  assert.ok(result.error.fix && result.error.fix.length > 5, 'a refusal names the fix');
}

test('a link with a VM name and a port is a request for them', () => {
  assert.deepEqual(parseDeepLink('jitconnect://connect?vm=VM-FS01&port=3389'), {
    ok: true,
    link: { vm: 'VM-FS01', vmKind: 'name', port: 3389 },
  });
});

test('duration and justification are optional; + and %20 are spaces, UTF-8 is decoded', () => {
  const r = parseDeepLink(
    'jitconnect://connect/?vm=vm-web01&port=22&duration=PT2H&justification=Ticket+INC-42%20f%C3%BCr%20Disk',
  );
  assert.deepEqual(r, {
    ok: true,
    link: { vm: 'vm-web01', vmKind: 'name', port: 22, duration: 'PT2H', justification: 'Ticket INC-42 für Disk' },
  });
});

test('a VM resource id in any case is taken as an id; the scheme and action in any case too', () => {
  const r = parseDeepLink(`JITCONNECT://Connect?vm=${encodeURIComponent(ID.toUpperCase())}&port=3389&duration=90m`);
  assert.ok(r.ok);
  assert.equal(r.link.vmKind, 'id');
  assert.equal(r.link.vm, ID.toUpperCase());
  assert.equal(r.link.duration, '90m');
  // Unencoded slashes in a query value are legal URL syntax.
  assert.ok(parseDeepLink(`jitconnect://connect?vm=${ID}&port=3389`).ok);
});

test('missing, unknown and repeated parameters are refused by name', () => {
  refused(parseDeepLink('jitconnect://connect?port=3389'), /names no VM/);
  refused(parseDeepLink('jitconnect://connect?vm=VM-FS01'), /names no port/);
  refused(parseDeepLink('jitconnect://connect'), /names no VM and port/);
  refused(parseDeepLink('jitconnect://connect?vm=VM-FS01&port=3389&source=*'), /unknown parameter 'source'/);
  refused(parseDeepLink('jitconnect://connect?VM=VM-FS01&port=3389'), /unknown parameter 'VM'/);
  refused(parseDeepLink('jitconnect://connect?v%6D=VM-FS01&port=3389'), /unknown parameter 'vm'/);
  refused(parseDeepLink('jitconnect://connect?vm=a&vm=b&port=3389'), /'vm' more than once/);
  refused(parseDeepLink('jitconnect://connect?vm=a&&port=3389'), /empty parameter/);
  refused(parseDeepLink('jitconnect://connect?vm&port=3389'), /'vm' has no value/);
  refused(parseDeepLink('jitconnect://connect?vm=&port=3389'), /vm is empty/);
});

test('a vm that is neither a VM resource id nor a valid name is refused', () => {
  for (const vm of [
    'VM FS01',
    'vm;rm -rf',
    '-vm',
    'vm.',
    'a'.repeat(65),
    '/subscriptions/00000000-0000-4000-8000-000000000001',
    ID.replace('virtualMachines', 'networkInterfaces'),
    ID.replace('Microsoft.Compute', 'Microsoft.Network'),
    `${ID}/extensions/x`,
    `${ID}/`,
    ID.replace('00000000-0000-4000-8000-000000000001', 'not-a-guid'),
    ID.replace('/resourceGroups/', '//resourceGroups/'),
    ID.replace('rg-prod', '..'),
  ])
    refused(parseDeepLink(`jitconnect://connect?vm=${encodeURIComponent(vm)}&port=3389`), /vm '|vm is|vm contains/);
});

test('ports, durations and lengths outside their bounds are refused', () => {
  for (const port of ['0', '65536', '-1', '3389.0', '03389', '0x16', '1e3', '99999999999999999999'])
    refused(parseDeepLink(`jitconnect://connect?vm=a&port=${port}`), /port/);
  for (const duration of ['forever', '2d', '1m', 'P1Y', 'PT', '1.5h'])
    refused(parseDeepLink(`jitconnect://connect?vm=a&port=22&duration=${duration}`), /duration/);
  refused(parseDeepLink(`jitconnect://connect?vm=a&port=22&justification=${'x'.repeat(501)}`), /justification is 501/);
  assert.ok(parseDeepLink(`jitconnect://connect?vm=a&port=22&justification=${'x'.repeat(500)}`).ok);
  refused(parseDeepLink(`jitconnect://connect?vm=a&port=22&justification=${'%41'.repeat(700)}`), /over 2048/);
});

test('wrong schemes and actions, credentials, host ports and fragments are refused', () => {
  refused(parseDeepLink('https://connect?vm=a&port=22'), /not a jitconnect: link/);
  refused(parseDeepLink('jitconnect:connect?vm=a&port=22'), /does not start with jitconnect:\/\//);
  refused(parseDeepLink('jitconnect://disconnect?vm=a&port=22'), /action 'disconnect'/);
  refused(parseDeepLink('jitconnect://connect/now?vm=a&port=22'), /action 'connect\/now'/);
  refused(parseDeepLink('jitconnect://user:pw@connect?vm=a&port=22'), /user name or password/);
  refused(parseDeepLink('jitconnect://connect:443?vm=a&port=22'), /port number/);
  refused(parseDeepLink('jitconnect://connect?vm=a&port=22#x'), /fragment/);
});

test('control characters and invisible or direction-changing characters are refused, raw or encoded', () => {
  refused(parseDeepLink('jitconnect://connect?vm=a&port=22\n'), /control character \(U\+000A\)/);
  refused(parseDeepLink('jitconnect://connect?vm=a&port=22&justification=a b'), /a space/);
  refused(parseDeepLink('jitconnect://connect?vm=a&port=22&justification=ok%0Aok'), /control character/);
  refused(parseDeepLink('jitconnect://connect?vm=a&port=22&justification=%E2%80%AEtxt'), /U\+202E/);
  refused(parseDeepLink('jitconnect://connect?vm=a&port=22&justification=a%E2%80%8Bb'), /U\+200B/);
  refused(parseDeepLink('jitconnect://connect?vm=a&port=22&justification=%C3'), /broken percent-encoding/);
  refused(parseDeepLink('jitconnect://connect?vm=a&port=22&justification=%ED%A0%80'), /broken percent-encoding/);
  refused(parseDeepLink('jitconnect://connect?vm=vm\u00e9&port=22'), /U\+00E9/);
});

test('anything that is not a string is refused, not thrown', () => {
  for (const v of [undefined, null, 42, {}, [], '']) refused(parseDeepLink(v), /empty/);
});
