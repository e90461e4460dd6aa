/**
 * MSAL's network client on the transport: every MSAL call is a request on the transport's one HttpClient, with the
 * profile's CA both as TLS settings and as a request option (which survives a proxy agent), and MSAL's shapes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHttpHeaders, type HttpClient, type PipelineRequest } from '@azure/core-rest-pipeline';
import { msalNetworkClient } from '../../../../electron/core/http/msal-network';
import { nodeTransport } from '../../../../electron/core/http/transport';

function fakeClient(status: number, body: string, headers: Record<string, string> = {}) {
  const seen: PipelineRequest[] = [];
  const client: HttpClient = {
    sendRequest: async (request) => {
      seen.push(request);
      return { request, status, headers: createHttpHeaders(headers), bodyAsText: body };
    },
  };
  return { client, seen };
}

const cloud = {
  profile: { name: 'Sim', armEndpoint: 'https://127.0.0.1:1', authorityHost: 'https://127.0.0.1:1' },
  ca: '-----BEGIN CERTIFICATE-----\nfake\n-----END CERTIFICATE-----\n',
};

test('a POST goes through the transport with its body, headers and the CA; the answer comes back as MSAL reads it', async () => {
  const { client, seen } = fakeClient(200, '{"access_token":"x","expires_in":3599}', { 'X-Ms-Request-Id': 'abc' });
  const network = msalNetworkClient(nodeTransport(cloud, client));
  const r = await network.sendPostRequestAsync<{ expires_in: number }>('https://127.0.0.1:1/t/oauth2/v2.0/token', {
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=refresh_token',
  });
  assert.equal(r.status, 200);
  assert.equal(r.body.expires_in, 3599);
  assert.equal(r.headers['x-ms-request-id'], 'abc', 'header names in lower case, as MSAL expects');
  const req = seen[0]!;
  assert.equal(req.method, 'POST');
  assert.equal(req.body, 'grant_type=refresh_token');
  assert.equal(req.headers.get('content-type'), 'application/x-www-form-urlencoded');
  assert.equal(req.tlsSettings?.ca, cloud.ca, "the pipeline's TLS policy");
  assert.equal(req.requestOverrides?.ca, cloud.ca, 'the CA as a request option, for a proxy tunnel');
  assert.ok(req.timeout > 0, 'no call hangs forever');
});

test("a GET honours MSAL's timeout; an error status is returned for MSAL to read", async () => {
  const { client, seen } = fakeClient(400, '{"error":"invalid_grant"}');
  const network = msalNetworkClient(nodeTransport(cloud, client));
  const r = await network.sendGetRequestAsync<{ error: string }>('https://127.0.0.1:1/x', {}, 1234);
  assert.equal(r.status, 400);
  assert.equal(r.body.error, 'invalid_grant');
  assert.equal(seen[0]!.timeout, 1234);
});

test('an answer that is not JSON (a proxy error page) is a clear network error', async () => {
  const { client } = fakeClient(502, '<html>Bad gateway</html>');
  const network = msalNetworkClient(nodeTransport(cloud, client));
  await assert.rejects(
    network.sendGetRequestAsync('https://127.0.0.1:1/x'),
    /answered 502 with a body that is not JSON/,
  );
});

test('a public cloud adds no CA: the OS trust store', async () => {
  const { client, seen } = fakeClient(200, '{}');
  const transport = nodeTransport({ profile: cloud.profile }, client);
  await msalNetworkClient(transport).sendGetRequestAsync('https://127.0.0.1:1/x');
  assert.equal(seen[0]!.tlsSettings, undefined);
  assert.equal(seen[0]!.requestOverrides, undefined);
});
