/**
 * MSAL's network client as an adapter onto the transport's one HttpPort: MSAL's token, discovery and device-code
 * calls go through the same pipeline shape as the SDKs' (core-rest-pipeline's proxy policy for HTTPS_PROXY /
 * NO_PROXY, its TLS policy with the profile's CA), so a proxy or a private CA applies to sign-in exactly as to ARM.
 */
import {
  createEmptyPipeline,
  createHttpHeaders,
  createPipelineRequest,
  proxyPolicy,
  tlsPolicy,
  type Pipeline,
} from '@azure/core-rest-pipeline';
import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';
import type { Transport } from './transport';

/** MSAL's default network timeout is none; a stuck proxy must not hang sign-in forever. */
const DEFAULT_TIMEOUT_MS = 60_000;

/** Builds MSAL's `system.networkClient` on `transport`. */
export function msalNetworkClient(transport: Transport): INetworkModule {
  const pipeline: Pipeline = createEmptyPipeline();
  pipeline.addPolicy(proxyPolicy());
  if (transport.tlsOptions) pipeline.addPolicy(tlsPolicy(transport.tlsOptions));

  const send = async <T>(
    method: 'GET' | 'POST',
    url: string,
    options?: NetworkRequestOptions,
    timeout?: number,
  ): Promise<NetworkResponse<T>> => {
    const request = createPipelineRequest({
      url,
      method,
      headers: createHttpHeaders(options?.headers),
      timeout: timeout ?? DEFAULT_TIMEOUT_MS,
      ...(options?.body !== undefined ? { body: options.body } : {}),
    });
    const response = await pipeline.sendRequest(transport.httpClient, request);
    const headers: Record<string, string> = {};
    for (const [name, value] of response.headers) headers[name.toLowerCase()] = value;
    const text = response.bodyAsText ?? '';
    let body: T;
    try {
      body = (text ? JSON.parse(text) : {}) as T;
    } catch {
      // MSAL reads every answer as JSON; a proxy's or a captive portal's HTML page is a network failure for it.
      throw new Error(`${method} ${new URL(url).host} answered ${response.status} with a body that is not JSON`);
    }
    return { status: response.status, headers, body };
  };

  return {
    sendGetRequestAsync: (url, options, timeout) => send('GET', url, options, timeout),
    sendPostRequestAsync: (url, options) => send('POST', url, options),
  };
}
