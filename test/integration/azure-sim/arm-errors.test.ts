/** ARM's error answers: request content, api-version, unknown paths and bearer-token checks — and the simulator survives them all. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import tls from 'node:tls';
import type { Simulator } from '../../../electron/azure-sim/index';
import { DEMO } from '../../../electron/azure-sim/seeds/demo';
import { mintArmToken, simCa, simFetch, startTestSim } from '../../fixtures/sim';

const SUB = `/subscriptions/${DEMO.prodSubscriptionId}`;
const VM = `${SUB}/resourceGroups/rg-servers/providers/Microsoft.Compute/virtualMachines/VM-FS01`;
const COMPUTE = 'api-version=2025-04-01';

interface ArmErrorBody {
  error: { code: string; message: string };
}

/** Asserts an ARM error envelope with the status and code, and returns its message. */
function expectArmError(
  r: { status: number; body: unknown; headers: Record<string, unknown>; text: string },
  status: number,
  code: string,
): string {
  assert.equal(r.status, status, r.text);
  assert.match(String(r.headers['content-type']), /^application\/json/);
  const body = r.body as ArmErrorBody;
  assert.equal(typeof body?.error?.message, 'string', r.text);
  assert.equal(body.error.code, code, r.text);
  assert.ok(body.error.message.length > 10);
  assert.ok(r.headers.date, 'Date header');
  assert.ok(r.headers['x-ms-request-id'], 'x-ms-request-id header');
  return body.error.message;
}

/** Sends raw bytes over TLS (trusting the simulator's CA) and returns what comes back before the server closes. */
function rawTls(sim: Simulator, payload: string): Promise<string> {
  const port = Number(new URL(sim.baseUrl).port);
  return new Promise((resolve, reject) => {
    const socket = tls.connect({ host: '127.0.0.1', port, ca: simCa(sim) }, () => socket.end(payload));
    let out = '';
    socket.setEncoding('utf8');
    socket.on('data', (d: string) => (out += d));
    socket.on('close', () => resolve(out));
    socket.on('error', reject);
    socket.setTimeout(5000, () => socket.destroy(new Error('raw TLS request timed out')));
  });
}

describe('ARM error answers', () => {
  let sim: Simulator;
  let token: string;
  before(async () => {
    sim = await startTestSim();
    token = mintArmToken(sim, 'admin');
  });
  after(() => sim.close());

  test('a malformed JSON body is 400 InvalidRequestContent', async () => {
    const r = await simFetch(sim, `${VM}/start?${COMPUTE}`, { method: 'POST', token, body: '{"not": json' });
    expectArmError(r, 400, 'InvalidRequestContent');
    // The VM was not touched.
    assert.equal(sim.ctx.estate.power.get(`${VM}`.toLowerCase()), 'running');
  });

  test('an unknown api-version is 400 InvalidApiVersionParameter naming the supported ones', async () => {
    const msg = expectArmError(
      await simFetch(sim, `${VM}?api-version=2099-01-01`, { token }),
      400,
      'InvalidApiVersionParameter',
    );
    assert.match(msg, /'2099-01-01'/);
    assert.match(msg, /2025-04-01/);
    expectArmError(
      await simFetch(sim, `${SUB}/providers/Microsoft.Network/networkSecurityGroups?api-version=2025-04-02`, { token }),
      400,
      'InvalidApiVersionParameter',
    );
  });

  test('a missing api-version is 400 MissingApiVersionParameter', async () => {
    expectArmError(await simFetch(sim, VM, { token }), 400, 'MissingApiVersionParameter');
    expectArmError(await simFetch(sim, '/subscriptions', { token }), 400, 'MissingApiVersionParameter');
  });

  test('an unknown path is a 404 in the ARM envelope', async () => {
    expectArmError(
      await simFetch(sim, `${SUB}/providers/Microsoft.Nothing/widgets?${COMPUTE}`, { token }),
      404,
      'InvalidResourceType',
    );
    expectArmError(await simFetch(sim, `${SUB}/whatever/else?${COMPUTE}`, { token }), 404, 'NotFound');
    expectArmError(await simFetch(sim, `/providers/Microsoft.Nothing?${COMPUTE}`, { token }), 404, 'NotFound');
    expectArmError(
      await simFetch(sim, `${VM}?${COMPUTE}`, { token, method: 'PATCH', body: { tags: {} } }),
      405,
      'MethodNotAllowed',
    );
  });

  test('no token is 401 AuthenticationFailed with a Bearer challenge', async () => {
    const r = await simFetch(sim, `${VM}?${COMPUTE}`);
    expectArmError(r, 401, 'AuthenticationFailed');
    assert.match(String(r.headers['www-authenticate']), /^Bearer authorization_uri="https:\/\/127\.0\.0\.1:\d+\//);
    expectArmError(
      await simFetch(sim, `${VM}?${COMPUTE}`, { headers: { authorization: 'Basic dXNlcjpwdw==' } }),
      401,
      'AuthenticationFailedInvalidHeader',
    );
  });

  test('a garbage token, or one signed by another key, is 401 InvalidAuthenticationToken', async () => {
    expectArmError(await simFetch(sim, `${VM}?${COMPUTE}`, { token: 'not-a-jwt' }), 401, 'InvalidAuthenticationToken');
    expectArmError(
      await simFetch(sim, `${VM}?${COMPUTE}`, { token: 'eyJhbGciOiJSUzI1NiJ9.eyJ4IjoxfQ.AAAA' }),
      401,
      'InvalidAuthenticationToken',
    );
    const other = await startTestSim();
    try {
      const foreign = mintArmToken(other, 'admin', { audience: sim.baseUrl });
      expectArmError(await simFetch(sim, `${VM}?${COMPUTE}`, { token: foreign }), 401, 'InvalidAuthenticationToken');
    } finally {
      await other.close();
    }
  });

  test('an expired token is 401 ExpiredAuthenticationToken', async () => {
    for (const lifetimeSeconds of [-60, 0]) {
      const msg = expectArmError(
        await simFetch(sim, `${VM}?${COMPUTE}`, { token: mintArmToken(sim, 'admin', { lifetimeSeconds }) }),
        401,
        'ExpiredAuthenticationToken',
      );
      assert.match(msg, /expiry/);
    }
  });

  test('a token for another audience is 401 InvalidAuthenticationTokenAudience', async () => {
    const wrong = mintArmToken(sim, 'admin', { audience: 'https://graph.microsoft.com' });
    const msg = expectArmError(
      await simFetch(sim, `${VM}?${COMPUTE}`, { token: wrong }),
      401,
      'InvalidAuthenticationTokenAudience',
    );
    assert.match(msg, /graph\.microsoft\.com/);
  });

  test('after all of these (and garbage on the wire) the simulator still answers', async () => {
    const garbage = await rawTls(sim, 'NOT HTTP AT ALL\r\n\r\n');
    assert.match(garbage, /^HTTP\/1\.1 400/);
    const badEncoding = await simFetch(
      sim,
      `${SUB}/resourceGroups/%E0%A4%A/providers/Microsoft.Compute/virtualMachines?${COMPUTE}`,
      { token },
    );
    assert.ok(badEncoding.status >= 400 && badEncoding.status < 500, badEncoding.text);
    const r = await simFetch(sim, `${VM}?${COMPUTE}`, { token });
    assert.equal(r.status, 200, r.text);
    assert.equal((r.body as { name: string }).name, 'VM-FS01');
    const calls = (await simFetch(sim, '/_sim/calls')).body as Array<{ status: number }>;
    assert.ok(
      calls.some((c) => c.status === 401) && calls.some((c) => c.status === 400) && calls.at(-1)!.status === 200,
    );
  });
});
