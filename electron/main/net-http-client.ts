/**
 * The core's HTTP port on Electron's network stack: a core-rest-pipeline HttpClient over `net.fetch`, so every MSAL
 * and ARM call uses Chromium's networking (the system proxy and PAC, the OS certificate store) like the user's browser.
 */
import { Readable } from 'node:stream';
import type { ReadableStream as NodeWebReadableStream } from 'node:stream/web';
import {
  RestError,
  createHttpHeaders,
  type HttpClient,
  type PipelineRequest,
  type PipelineResponse,
  type RequestBodyType,
} from '@azure/core-rest-pipeline';

/** The part of `net.fetch` the adapter uses (the real one, or a fake in tests). */
export type NetFetch = (url: string, init: RequestInit) => Promise<Response>;

type FetchBody = NonNullable<RequestInit['body']>;

/** A request body as fetch takes it; Node streams become web streams (sent half-duplex). */
function toFetchBody(body: RequestBodyType | undefined): FetchBody | undefined {
  const value = typeof body === 'function' ? body() : body;
  if (value === null || value === undefined) return undefined;
  if (value instanceof Readable) return Readable.toWeb(value) as unknown as FetchBody;
  return value as FetchBody;
}

/** Ties the pipeline's abort signal and its timeout to one controller for fetch. */
function abortFor(request: PipelineRequest): { signal: AbortSignal; timedOut: () => boolean; done(): void } {
  const controller = new AbortController();
  let timedOut = false;
  const onAbort = () => controller.abort();
  request.abortSignal?.addEventListener('abort', onAbort);
  if (request.abortSignal?.aborted) controller.abort();
  const timer =
    request.timeout > 0
      ? setTimeout(() => {
          timedOut = true;
          controller.abort();
        }, request.timeout)
      : undefined;
  return {
    signal: controller.signal,
    timedOut: () => timedOut,
    done: () => {
      if (timer) clearTimeout(timer);
      request.abortSignal?.removeEventListener('abort', onAbort);
    },
  };
}

/** True when the pipeline asked for this status's body as a stream (a download) rather than text. */
function wantsStream(request: PipelineRequest, status: number): boolean {
  const codes = request.streamResponseStatusCodes;
  return codes !== undefined && (codes.has(status) || codes.has(Number.POSITIVE_INFINITY));
}

/** An HttpClient over `net.fetch`. */
export function netHttpClient(fetchFn: NetFetch): HttpClient {
  return {
    async sendRequest(request: PipelineRequest): Promise<PipelineResponse> {
      const abort = abortFor(request);
      const body = toFetchBody(request.body);
      let res: Response;
      try {
        res = await fetchFn(request.url, {
          method: request.method,
          headers: request.headers.toJSON(),
          body,
          signal: abort.signal,
          // The pipeline's redirect policy follows redirects itself (and drops credentials across hosts), so the
          // client must hand back the 3xx as is. Guessed: net.fetch honours 'manual' like Node's fetch.
          redirect: 'manual',
          ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
        } as RequestInit);
      } catch (err) {
        abort.done();
        if (abort.timedOut()) {
          throw new RestError(`Request timed out after ${request.timeout} ms`, {
            code: RestError.REQUEST_SEND_ERROR,
            request,
          });
        }
        if (abort.signal.aborted) {
          const e = new Error('The operation was aborted.');
          e.name = 'AbortError';
          throw e;
        }
        throw new RestError(err instanceof Error ? err.message : String(err), {
          code: RestError.REQUEST_SEND_ERROR,
          request,
        });
      }
      const headers = createHttpHeaders();
      res.headers.forEach((value, name) => headers.set(name, value));
      const response: PipelineResponse = { request, status: res.status, headers };
      try {
        if (wantsStream(request, res.status) && res.body) {
          response.readableStreamBody = Readable.fromWeb(res.body as NodeWebReadableStream<Uint8Array>);
        } else {
          response.bodyAsText = await res.text();
        }
      } finally {
        abort.done();
      }
      return response;
    },
  };
}
