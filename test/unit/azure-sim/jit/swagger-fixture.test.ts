/**
 * The swagger validator fixture itself: the official JIT examples pass (sanity), and deliberately broken answers
 * fail (negative controls) — so a passing validation in the integration tests means something.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { jitSwagger, securityExamplesDir } from '../../../fixtures/swagger';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const example = (file: string): Json => JSON.parse(readFileSync(join(securityExamplesDir, file), 'utf8')) as Json;
const strict = jitSwagger();
const lax = jitSwagger({ enums: 'modelAsString' });

const RESPONSE_DEFINITIONS: Record<string, string> = {
  CreateJitNetworkAccessPolicy_example: 'JitNetworkAccessPolicy',
  GetJitNetworkAccessPolicy_example: 'JitNetworkAccessPolicy',
  GetJitNetworkAccessPoliciesSubscription_example: 'JitNetworkAccessPoliciesList',
  GetJitNetworkAccessPoliciesSubscriptionLocation_example: 'JitNetworkAccessPoliciesList',
  GetJitNetworkAccessPoliciesResourceGroup_example: 'JitNetworkAccessPoliciesList',
  GetJitNetworkAccessPoliciesResourceGroupLocation_example: 'JitNetworkAccessPoliciesList',
  InitiateJitNetworkAccessPolicy_example: 'JitNetworkAccessRequest',
};

test('every official JIT example response validates (model-as-string enums, as the wire allows)', () => {
  const files = readdirSync(securityExamplesDir).filter((f) => f.endsWith('.json'));
  assert.ok(files.length >= 8, files.join(', '));
  let checked = 0;
  for (const file of [...files, 'variant-duration/InitiateJitNetworkAccessPolicy_example.json']) {
    const ex = example(file);
    for (const [status, res] of Object.entries(ex.responses as Record<string, { body?: unknown }>)) {
      if (res.body === undefined) continue;
      const def = RESPONSE_DEFINITIONS[file.replace(/^.*\//, '').replace(/\.json$/, '')];
      assert.ok(def, `no definition mapped for ${file}`);
      lax.assertValid(def, res.body, `${file} ${status}`);
      checked++;
    }
  }
  assert.equal(checked, 8);
  // The request bodies of put and initiate validate as their definitions too.
  lax.assertValid('JitNetworkAccessPolicy', example('CreateJitNetworkAccessPolicy_example.json').parameters.body);
  lax.assertValid(
    'JitNetworkAccessPolicyInitiateRequest',
    example('InitiateJitNetworkAccessPolicy_example.json').parameters.body,
  );
});

test('documented deviations: "Initiating" and appendMode pass strict validation, nothing else does', () => {
  const body = example('InitiateJitNetworkAccessPolicy_example.json').responses['202'].body;
  assert.equal(body.virtualMachines[0].ports[0].status, 'Initiating', 'the official example answers Initiating');
  assert.deepEqual(strict.errors('JitNetworkAccessRequest', body), []);
  body.virtualMachines[0].ports[0].status = 'Pending';
  assert.match(
    strict.errors('JitNetworkAccessRequest', body).join('\n'),
    /status must be equal to one of the allowed values/,
  );
  const policy = structuredClone(example('GetJitNetworkAccessPolicy_example.json').responses['200'].body) as Json;
  policy.properties.appendMode = false;
  assert.deepEqual(strict.errors('JitNetworkAccessPolicy', policy), [], 'appendMode, as the live service sends it');
  policy.properties.appendMode = 'no';
  assert.match(strict.errors('JitNetworkAccessPolicy', policy).join('\n'), /appendMode must be boolean/);
  policy.properties.appendMode = false;
  policy.properties.prependMode = false;
  assert.match(strict.errors('JitNetworkAccessPolicy', policy).join('\n'), /unevaluated properties/);
});

test('the portal-style duration variant of the initiate body does not match the request schema', () => {
  const body = example('variant-duration/InitiateJitNetworkAccessPolicy_example.json').parameters.body;
  const problems = strict.errors('JitNetworkAccessPolicyInitiateRequest', body).join('\n');
  assert.match(problems, /must have required property 'endTimeUtc'/);
  assert.match(problems, /unevaluated properties.*duration/);
});

test('negative controls: broken answers fail validation', () => {
  const good = () => structuredClone(example('GetJitNetworkAccessPolicy_example.json').responses['200'].body) as Json;
  assert.deepEqual(strict.errors('JitNetworkAccessPolicy', good()), []);
  const cases: Array<[string, (b: Json) => void, RegExp]> = [
    ['number as a string', (b) => (b.properties.virtualMachines[0].ports[0].number = '22'), /number must be integer/],
    ['port out of range', (b) => (b.properties.virtualMachines[0].ports[0].number = 70000), /must be <= 65535/],
    [
      'missing endTimeUtc',
      (b) => delete b.properties.requests[0].virtualMachines[0].ports[0].endTimeUtc,
      /required property 'endTimeUtc'/,
    ],
    [
      'unknown protocol',
      (b) => (b.properties.virtualMachines[0].ports[0].protocol = 'ICMP'),
      /protocol must be equal to one of the allowed values/,
    ],
    ['missing properties', (b) => delete b.properties, /required property 'properties'/],
    [
      'startTimeUtc not a date-time',
      (b) => (b.properties.requests[0].startTimeUtc = 'yesterday'),
      /must match format "date-time"/,
    ],
    [
      'a leaked internal field',
      (b) => (b.properties.requests[0].virtualMachines[0].ports[0]._rule = 'x'),
      /unevaluated properties/,
    ],
    ['requestor missing', (b) => delete b.properties.requests[0].requestor, /required property 'requestor'/],
  ];
  for (const [what, breakIt, expected] of cases) {
    const b = good();
    breakIt(b);
    assert.match(strict.errors('JitNetworkAccessPolicy', b).join('\n'), expected, what);
  }
  assert.deepEqual(strict.errors('CloudError', { error: { code: 'VmNotInPolicy', message: 'm', target: 't' } }), []);
  assert.match(strict.errors('CloudError', { error: { code: 400 } }).join('\n'), /code must be string/);
  assert.match(
    strict.errors('CloudError', { code: 'X', message: 'not enveloped' }).join('\n'),
    /unevaluated properties/,
  );
  assert.throws(
    () => strict.assertValid('JitNetworkAccessRequest', {}),
    /does not match swagger definition JitNetworkAccessRequest/,
  );
  assert.throws(() => strict.errors('NoSuchDefinition', {}), /no definition/);
});
