/**
 * The HTTP transport of one cloud: the one HttpPort every MSAL and ARM SDK call goes through, plus that cloud's CA.
 * The CA is given per profile (never a process-wide trust change, never verification off). Proxies come from
 * HTTPS_PROXY / NO_PROXY through core-rest-pipeline's own proxy policy, which every SDK pipeline includes.
 */
import { createDefaultHttpClient, type HttpClient, type TlsSettings } from '@azure/core-rest-pipeline';
import type { ResolvedCloud } from '../cloud/cloud';
import type { HttpPort } from '../ports';

/** What a client of one cloud needs to make HTTP calls. */
export interface Transport {
  httpClient: HttpPort;
  /** The profile's CA, for the pipelines' TLS policy; absent for the public clouds (the OS trust store). */
  tlsOptions?: TlsSettings;
}

/**
 * An HttpClient that gives every request the profile's CA as a Node request option. Why: when a proxy applies,
 * core-rest-pipeline's proxy policy sets an `https-proxy-agent` on the request and drops `tlsSettings` ("certificates
 * provided to the client will be ignored"), so a profile CA would be lost behind a proxy. The proxy agent builds
 * the tunnelled TLS connection from the request's options, so a `ca` there keeps the check on, with the right CA.
 */
export function withProfileCa(inner: HttpClient, ca: string | Buffer | (string | Buffer)[]): HttpClient {
  return {
    sendRequest: (request) => {
      request.requestOverrides = { ...request.requestOverrides, ca };
      return inner.sendRequest(request);
    },
  };
}

/** The plain-Node transport: Node's https through core-rest-pipeline, with the profile's CA (behind a proxy too). */
export function nodeTransport(cloud: ResolvedCloud, httpClient: HttpPort = createDefaultHttpClient()): Transport {
  return cloud.ca ? { httpClient: withProfileCa(httpClient, cloud.ca), tlsOptions: { ca: cloud.ca } } : { httpClient };
}

/** The token scope for ARM of this cloud (`<armEndpoint>/.default`). */
export function armScope(cloud: ResolvedCloud): string {
  return `${cloud.profile.armEndpoint.replace(/\/+$/, '')}/.default`;
}

/**
 * Options for the official ARM SDK clients of this cloud. Both spellings of the scope are set: the older generated
 * clients (arm-security, arm-network, arm-resources-subscriptions) read `credentialScopes`, the newer ones
 * (arm-compute) `credentials.scopes`.
 */
export function armClientOptions(cloud: ResolvedCloud, transport: Transport) {
  const scope = armScope(cloud);
  return {
    endpoint: cloud.profile.armEndpoint.replace(/\/+$/, ''),
    credentialScopes: [scope],
    credentials: { scopes: [scope] },
    httpClient: transport.httpClient,
    ...(transport.tlsOptions ? { tlsOptions: transport.tlsOptions } : {}),
  };
}
