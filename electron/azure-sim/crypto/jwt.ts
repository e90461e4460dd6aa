/** RS256 JSON Web Tokens: the simulator signs id and access tokens and verifies the access tokens it gets back. */
import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomUUID,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';

/** The token signing key, with its key id and JWK for the `jwks_uri`. */
export interface SigningKey {
  kid: string;
  privateKeyPem: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

/** Creates a new RSA signing key. */
export function newSigningKey(): SigningKey {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  return signingKeyFromPem(pem, randomUUID().replace(/-/g, '').slice(0, 27));
}

/** Rebuilds a signing key from its saved PEM and key id. */
export function signingKeyFromPem(privateKeyPem: string, kid: string): SigningKey {
  const privateKey = createPrivateKey(privateKeyPem);
  return { kid, privateKeyPem, privateKey, publicKey: createPublicKey(privateKey) };
}

/** The public JWK of the key (for `/discovery/v2.0/keys`). */
export function publicJwk(key: SigningKey): Record<string, unknown> {
  const jwk = key.publicKey.export({ format: 'jwk' }) as { n: string; e: string };
  return { kty: 'RSA', use: 'sig', kid: key.kid, x5t: key.kid, n: jwk.n, e: jwk.e, alg: 'RS256' };
}

function b64url(data: Buffer | string): string {
  return Buffer.from(data).toString('base64url');
}

/** Signs claims as a compact RS256 JWT. */
export function signJwt(key: SigningKey, claims: Record<string, unknown>): string {
  const header = b64url(JSON.stringify({ typ: 'JWT', alg: 'RS256', kid: key.kid, x5t: key.kid }));
  const payload = b64url(JSON.stringify(claims));
  const sig = sign('sha256', Buffer.from(`${header}.${payload}`), key.privateKey);
  return `${header}.${payload}.${b64url(sig)}`;
}

/** Why a token was refused. */
export type JwtProblem = 'malformed' | 'bad-signature';

/** Verifies signature and shape; returns the claims or the problem. Expiry and audience are the caller's to judge. */
export function verifyJwt(
  key: SigningKey,
  token: string,
): { claims: Record<string, unknown> } | { problem: JwtProblem } {
  const parts = token.split('.');
  if (parts.length !== 3) return { problem: 'malformed' };
  const [h, p, s] = parts as [string, string, string];
  let header: { alg?: string };
  let claims: Record<string, unknown>;
  try {
    header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8'));
    claims = JSON.parse(Buffer.from(p, 'base64url').toString('utf8'));
  } catch {
    return { problem: 'malformed' };
  }
  if (header.alg !== 'RS256' || typeof claims !== 'object' || claims === null) return { problem: 'malformed' };
  const ok = verify('sha256', Buffer.from(`${h}.${p}`), key.publicKey, Buffer.from(s, 'base64url'));
  return ok ? { claims } : { problem: 'bad-signature' };
}
