/** Form checks of JIT bodies: each mistake is a 400 with a code, a target and a message that says what to fix. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ArmError } from '../../../../electron/azure-sim/arm/errors';
import { parseInitiateBody, parsePolicyBody } from '../../../../electron/azure-sim/jit/validate';

const VM = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm1';
const port = (over: Record<string, unknown> = {}) => ({
  number: 22,
  protocol: 'TCP',
  allowedSourceAddressPrefix: '*',
  maxRequestAccessDuration: 'PT3H',
  ...over,
});
const policy = (ports: unknown[] = [port()], extra: Record<string, unknown> = {}) => ({
  kind: 'Basic',
  properties: { virtualMachines: [{ id: VM, ports, ...extra }] },
});

function fails(fn: () => unknown, code: string, message: RegExp, target?: string): void {
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof ArmError, String(err));
    assert.equal(err.status, 400);
    assert.equal(err.code, code);
    assert.match(err.message, message);
    if (target) assert.equal(err.extra.target, target);
    return true;
  });
}

test('a well-formed policy is accepted and normalised (protocol upper case, requests ignored)', () => {
  const p = parsePolicyBody({
    ...policy([
      port({ protocol: 'tcp' }),
      port({ number: 3389, allowedSourceAddressPrefix: undefined, allowedSourceAddressPrefixes: ['10.13.1.0/24'] }),
    ]),
    properties: { ...policy().properties, requests: [{ bogus: true }] },
  });
  assert.equal(p.kind, 'Basic');
  assert.deepEqual(
    p.virtualMachines[0]!.ports.map((x) => x.protocol),
    ['TCP'],
  );
  const q = parsePolicyBody(
    policy([
      port({ protocol: 'tcp' }),
      { number: 3389, protocol: '*', maxRequestAccessDuration: 'PT1H', allowedSourceAddressPrefixes: ['10.13.1.0/24'] },
    ]),
  );
  assert.deepEqual(q.virtualMachines[0]!.ports[1], {
    number: 3389,
    protocol: '*',
    maxRequestAccessDuration: 'PT1H',
    allowedSourceAddressPrefixes: ['10.13.1.0/24'],
  });
});

test('policy body mistakes', () => {
  fails(() => parsePolicyBody('x'), 'InvalidRequestContent', /JitNetworkAccessPolicy object/);
  fails(() => parsePolicyBody({}), 'InvalidRequestContent', /'properties' is required/, 'properties');
  fails(() => parsePolicyBody({ properties: {} }), 'InvalidRequestContent', /virtualMachines' is required/);
  fails(
    () => parsePolicyBody(policy([port({ number: '22' })])),
    'InvalidRequestContent',
    /whole number from 0 to 65535 \(got "22"\)/,
    'properties.virtualMachines[0].ports[0].number',
  );
  fails(() => parsePolicyBody(policy([port({ number: 70000 })])), 'InvalidRequestContent', /0 to 65535/);
  fails(() => parsePolicyBody(policy([port({ protocol: 'ICMP' })])), 'InvalidRequestContent', /'TCP', 'UDP' or '\*'/);
  fails(
    () => parsePolicyBody(policy([port({ maxRequestAccessDuration: 'PT2M' })])),
    'InvalidMaxRequestAccessDuration',
    /2 minutes.*from 5 minutes \(PT5M\) to 1 day \(P1D\)/,
  );
  fails(
    () => parsePolicyBody(policy([port({ maxRequestAccessDuration: 'P2D' })])),
    'InvalidMaxRequestAccessDuration',
    /2 days/,
  );
  fails(
    () => parsePolicyBody(policy([port({ maxRequestAccessDuration: '3 hours' })])),
    'InvalidMaxRequestAccessDuration',
    /not an ISO 8601 duration/,
  );
  fails(
    () => parsePolicyBody(policy([port({ allowedSourceAddressPrefixes: ['10.0.0.0/8'] })])),
    'InvalidRequestContent',
    /mutually exclusive/,
  );
  fails(
    () => parsePolicyBody(policy([port({ allowedSourceAddressPrefix: undefined })])),
    'InvalidRequestContent',
    /needs allowedSourceAddressPrefix/,
  );
  fails(
    () => parsePolicyBody(policy([port({ allowedSourceAddressPrefix: '10.0.0.300' })])),
    'InvalidSourceAddress',
    /not '\*' or an IPv4 address or CIDR/,
  );
  fails(
    () =>
      parsePolicyBody(policy([port({ allowedSourceAddressPrefix: undefined, allowedSourceAddressPrefixes: ['*'] })])),
    'InvalidSourceAddress',
    /not an IPv4 address or CIDR/,
  );
  fails(() => parsePolicyBody(policy([port(), port()])), 'InvalidRequestContent', /port 22 twice/);
  fails(() => parsePolicyBody(policy([])), 'InvalidRequestContent', /at least one port rule/);
  fails(
    () =>
      parsePolicyBody({
        properties: {
          virtualMachines: [
            { id: VM, ports: [port()] },
            { id: VM.toUpperCase(), ports: [port()] },
          ],
        },
      }),
    'InvalidRequestContent',
    /a second time/,
  );
  fails(
    () => parsePolicyBody(policy([port()], { publicIpAddress: '20.61.10.0/24' })),
    'InvalidRequestContent',
    /Firewall's public IPv4 address/,
  );
});

const end = '2030-01-01T10:00:00Z';

test('a well-formed initiate is accepted: endTimeUtc, or the portal duration, optional source(s)', () => {
  const a = parseInitiateBody({
    virtualMachines: [
      { id: VM, ports: [{ number: 22, endTimeUtc: end, allowedSourceAddressPrefix: ' 10.13.1.0/24 ' }] },
    ],
    justification: 'ticket 42',
  });
  assert.deepEqual(a, {
    virtualMachines: [
      { id: VM, ports: [{ number: 22, endMs: Date.parse(end), endText: end, sources: ['10.13.1.0/24'] }] },
    ],
    justification: 'ticket 42',
  });
  const b = parseInitiateBody({ virtualMachines: [{ id: VM, ports: [{ number: 22, duration: 'PT1H' }] }] });
  assert.equal(b.virtualMachines[0]!.ports[0]!.durationMs, 3600_000);
  assert.equal(b.virtualMachines[0]!.ports[0]!.sources, undefined);
  // The portal sends a list of sources on initiate.
  const c = parseInitiateBody({
    virtualMachines: [
      { id: VM, ports: [{ number: 22, endTimeUtc: end, allowedSourceAddressPrefixes: ['10.13.1.0/24', '1.2.3.4'] }] },
    ],
  });
  assert.deepEqual(c.virtualMachines[0]!.ports[0]!.sources, ['10.13.1.0/24', '1.2.3.4']);
  // endTimeUtc is kept exactly as sent (seven fraction digits, or none).
  const seven = '2030-01-01T10:00:00.1234567Z';
  const d = parseInitiateBody({ virtualMachines: [{ id: VM, ports: [{ number: 22, endTimeUtc: seven }] }] });
  assert.equal(d.virtualMachines[0]!.ports[0]!.endText, seven);
});

test('initiate body mistakes are 400 InvalidInitiateInput, as Azure answers them', () => {
  const bad = 'InvalidInitiateInput';
  const one = (p: Record<string, unknown>) => () => parseInitiateBody({ virtualMachines: [{ id: VM, ports: [p] }] });
  fails(() => parseInitiateBody({}), bad, /'virtualMachines' is required/);
  fails(() => parseInitiateBody({ virtualMachines: [] }), bad, /at least one VM/);
  fails(one({ number: 22 }), bad, /endTimeUtc' is required/, 'virtualMachines[0].ports[0].endTimeUtc');
  fails(one({ number: 22, endTimeUtc: 'tomorrow' }), bad, /ISO 8601 UTC date-time/);
  fails(
    one({ number: 22, endTimeUtc: end, duration: 'PT1H' }),
    bad,
    /^Only one of fields 'EndTimeUtc' and 'Duration' can be set\.$/,
  );
  fails(one({ number: 22, duration: 'PT0S' }), bad, /positive ISO 8601 duration/);
  fails(one({ number: 22, endTimeUtc: end, allowedSourceAddressPrefix: 'my-laptop' }), bad, /'my-laptop'/);
  fails(
    one({ number: 22, endTimeUtc: end, allowedSourceAddressPrefix: '2001:db8::7' }),
    bad,
    /IPv6 address; JIT supports only IPv4/,
    'virtualMachines[0].ports[0].allowedSourceAddressPrefix',
  );
  fails(
    one({ number: 22, endTimeUtc: end, allowedSourceAddressPrefixes: ['10.13.1.0/24', '2001:db8::/64'] }),
    bad,
    /IPv6/,
    'virtualMachines[0].ports[0].allowedSourceAddressPrefixes[1]',
  );
  fails(
    one({ number: 22, endTimeUtc: end, allowedSourceAddressPrefixes: ['10.13.1.0/24', 'nope'] }),
    bad,
    /'nope'/,
    'virtualMachines[0].ports[0].allowedSourceAddressPrefixes[1]',
  );
  fails(one({ number: 22, endTimeUtc: end, allowedSourceAddressPrefixes: [] }), bad, /at least one/);
  fails(
    one({
      number: 22,
      endTimeUtc: end,
      allowedSourceAddressPrefix: '1.2.3.4',
      allowedSourceAddressPrefixes: ['1.2.3.4'],
    }),
    bad,
    /mutually exclusive/,
  );
  fails(
    () =>
      parseInitiateBody({
        virtualMachines: [
          {
            id: VM,
            ports: [
              { number: 22, endTimeUtc: end },
              { number: 22, endTimeUtc: end },
            ],
          },
        ],
      }),
    bad,
    /requested twice/,
  );
  fails(() => parseInitiateBody({ virtualMachines: [{ ports: [] }] }), bad, /id' is required/);
});
