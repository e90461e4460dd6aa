/**
 * The HttpPort on Electron's network stack: core-rest-pipeline requests become `net.fetch` calls (method, headers,
 * body, no automatic redirects) and the answers come back as the pipeline reads them; aborts, timeouts and network
 * failures surface as the pipeline expects. An official ARM SDK client works over it unchanged.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import {
  RestError,
  createHttpHeaders,
  createPipelineFromOptions,
  createPipelineRequest,
} from '@azure/core-rest-pipeline';
import { SubscriptionClient } from '@azure/arm-resources-subscriptions';
import { netHttpClient, type NetFetch } from '../../../electron/main/net-http-client';

/** A fake net.fetch: records each call and answers with `respond`. */
function fakeFetch(respond: (url: string, init: RequestInit) => Response | Promise<Response>) {
  const calls: Array<{ url: string; init: RequestInit }> = [];
  const fetchFn: NetFetch = async (url, init) => {
    calls.push({ url, init });
    return respond(url, init);
  };
  return { fetchFn, calls };
}

test('a request goes out with its method, headers and body, without following redirects', async () => {
  const { fetchFn, calls } = fakeFetch(() => new Response('{"a":1}', { status: 200, headers: { 'x-ms-id': '7' } }));
  const request = createPipelineRequest({
    url: 'https://login.microsoftonline.com/t/oauth2/v2.0/token',
    method: 'POST',
    headers: createHttpHeaders({ 'Content-Type': 'application/x-www-form-urlencoded' }),
    body: 'grant_type=device_code',
  });
  const res = await netHttpClient(fetchFn).sendRequest(request);
  assert.equal(calls.length, 1);
  assert.equal(calls[0]!.url, 'https://login.microsoftonline.com/t/oauth2/v2.0/token');
  assert.equal(calls[0]!.init.method, 'POST');
  assert.equal((calls[0]!.init.headers as Record<string, string>)['content-type'], 'application/x-www-form-urlencoded');
  assert.equal(calls[0]!.init.body, 'grant_type=device_code');
  assert.equal(calls[0]!.init.redirect, 'manual');
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('x-ms-id'), '7');
  assert.equal(res.bodyAsText, '{"a":1}');
  assert.equal(res.request, request);
});

test('a Node stream body is sent as a web stream, half-duplex', async () => {
  const { fetchFn, calls } = fakeFetch(async (_u, init) => new Response(await new Response(init.body).text()));
  const request = createPipelineRequest({
    url: 'https://x.example/',
    method: 'PUT',
    body: Readable.from([Buffer.from('ab'), Buffer.from('c')]),
  });
  const res = await netHttpClient(fetchFn).sendRequest(request);
  assert.equal(res.bodyAsText, 'abc');
  assert.equal((calls[0]!.init as { duplex?: string }).duplex, 'half');
});

test('a status the pipeline asked to stream comes back as a Node stream', async () => {
  const { fetchFn } = fakeFetch(() => new Response('bytes', { status: 200 }));
  const request = createPipelineRequest({ url: 'https://x.example/', streamResponseStatusCodes: new Set([200]) });
  const res = await netHttpClient(fetchFn).sendRequest(request);
  assert.equal(res.bodyAsText, undefined);
  const chunks: Buffer[] = [];
  for await (const c of res.readableStreamBody!) chunks.push(Buffer.from(c as Uint8Array));
  assert.equal(Buffer.concat(chunks).toString(), 'bytes');
});

test('a network failure is a RestError REQUEST_SEND_ERROR (so the retry policy retries it)', async () => {
  const { fetchFn } = fakeFetch(() => {
    throw new TypeError('net::ERR_PROXY_CONNECTION_FAILED');
  });
  await assert.rejects(
    netHttpClient(fetchFn).sendRequest(createPipelineRequest({ url: 'https://x.example/' })),
    (e) => e instanceof RestError && e.code === RestError.REQUEST_SEND_ERROR && /PROXY/.test(e.message),
  );
});

test('the pipeline abort signal aborts the fetch with an AbortError', async () => {
  const { fetchFn } = fakeFetch(
    (_u, init) =>
      new Promise((_resolve, reject) => init.signal!.addEventListener('abort', () => reject(new Error('aborted')))),
  );
  const controller = new AbortController();
  const p = netHttpClient(fetchFn).sendRequest(
    createPipelineRequest({ url: 'https://x.example/', abortSignal: controller.signal }),
  );
  controller.abort();
  await assert.rejects(p, (e: Error) => e.name === 'AbortError');
});

test('the request timeout aborts the fetch and reports a timeout', async () => {
  const { fetchFn } = fakeFetch(
    (_u, init) =>
      new Promise((_resolve, reject) => init.signal!.addEventListener('abort', () => reject(new Error('aborted')))),
  );
  await assert.rejects(
    netHttpClient(fetchFn).sendRequest(createPipelineRequest({ url: 'https://x.example/', timeout: 5 })),
    (e) => e instanceof RestError && /timed out/.test(e.message),
  );
});

test('in a full pipeline a 503 is retried and a redirect followed by the pipeline itself', async () => {
  let n = 0;
  const { fetchFn, calls } = fakeFetch((url) => {
    n++;
    if (n === 1) return new Response('busy', { status: 503, headers: { 'retry-after': '0' } });
    if (url.endsWith('/a')) return new Response(null, { status: 302, headers: { location: 'https://x.example/b' } });
    return new Response('done', { status: 200 });
  });
  const pipeline = createPipelineFromOptions({});
  const res = await pipeline.sendRequest(netHttpClient(fetchFn), createPipelineRequest({ url: 'https://x.example/a' }));
  assert.equal(res.status, 200);
  assert.equal(res.bodyAsText, 'done');
  assert.deepEqual(
    calls.map((c) => c.url),
    ['https://x.example/a', 'https://x.example/a', 'https://x.example/b'],
  );
});

test('the official ARM SDK client works over it (subscriptions list)', async () => {
  const { fetchFn, calls } = fakeFetch(
    () =>
      new Response(
        JSON.stringify({ value: [{ id: '/subscriptions/s1', subscriptionId: 's1', displayName: 'Prod' }] }),
        { status: 200, headers: { 'content-type': 'application/json' } },
      ),
  );
  const credential = { getToken: async () => ({ token: 'tok', expiresOnTimestamp: Date.now() + 3_600_000 }) };
  const client = new SubscriptionClient(credential, {
    endpoint: 'https://management.azure.com',
    httpClient: netHttpClient(fetchFn),
  });
  const subs = [];
  for await (const s of client.subscriptions.list()) subs.push(s);
  assert.deepEqual(
    subs.map((s) => s.displayName),
    ['Prod'],
  );
  const headers = calls[0]!.init.headers as Record<string, string>;
  assert.equal(headers['authorization'], 'Bearer tok');
  assert.match(calls[0]!.url, /^https:\/\/management\.azure\.com\/subscriptions\?api-version=/);
});
