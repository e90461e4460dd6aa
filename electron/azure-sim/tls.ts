/** The simulator's TLS: a CA it generates (or reuses from a directory) and a 127.0.0.1 server certificate. */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import forge from 'node-forge';
import { writeFileAtomic } from './model/atomic-file';

/** PEM material for the HTTPS server and the CA file clients trust. */
export interface TlsMaterial {
  caCertPem: string;
  caCertFile: string;
  certPem: string;
  keyPem: string;
}

function newKeyPair(): { privateKey: string; publicKey: string } {
  return generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
}

function serial(): string {
  // Positive serial: clear the top bit.
  const bytes = randomBytes(16);
  bytes[0] = bytes[0]! & 0x7f;
  return bytes.toString('hex');
}

function createCa(): { certPem: string; keyPem: string } {
  const keys = newKeyPair();
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(keys.publicKey);
  cert.serialNumber = serial();
  cert.validity.notBefore = new Date(Date.now() - 24 * 3600 * 1000);
  cert.validity.notAfter = new Date(Date.now() + 5 * 365 * 24 * 3600 * 1000);
  const attrs = [{ name: 'commonName', value: 'JIT Connect Azure Simulator CA' }, { name: 'organizationName', value: 'JIT Connect (simulated Azure)' }];
  cert.setSubject(attrs);
  cert.setIssuer(attrs);
  cert.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(forge.pki.privateKeyFromPem(keys.privateKey), forge.md.sha256.create());
  return { certPem: forge.pki.certificateToPem(cert), keyPem: keys.privateKey };
}

function createServerCert(ca: { certPem: string; keyPem: string }): { certPem: string; keyPem: string } {
  const keys = newKeyPair();
  const caCert = forge.pki.certificateFromPem(ca.certPem);
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(keys.publicKey);
  cert.serialNumber = serial();
  cert.validity.notBefore = new Date(Date.now() - 24 * 3600 * 1000);
  cert.validity.notAfter = new Date(Date.now() + 365 * 24 * 3600 * 1000);
  cert.setSubject([{ name: 'commonName', value: '127.0.0.1' }]);
  cert.setIssuer(caCert.subject.attributes);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    { name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }, { type: 2, value: 'localhost' }] },
    { name: 'authorityKeyIdentifier', keyIdentifier: caCert.generateSubjectKeyIdentifier().getBytes() },
  ]);
  cert.sign(forge.pki.privateKeyFromPem(ca.keyPem), forge.md.sha256.create());
  return { certPem: forge.pki.certificateToPem(cert), keyPem: keys.privateKey };
}

function stillValid(certPem: string): boolean {
  try {
    const cert = forge.pki.certificateFromPem(certPem);
    return cert.validity.notAfter.getTime() > Date.now() + 7 * 24 * 3600 * 1000;
  } catch {
    return false;
  }
}

/**
 * Loads the CA and server certificate from `dir`, creating (and saving) whatever is missing or about to expire.
 * The CA key never leaves `dir` (mode 0600).
 */
export function loadOrCreateTls(dir: string): TlsMaterial {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const caCertFile = join(dir, 'ca.pem');
  const caKeyFile = join(dir, 'ca-key.pem');
  const certFile = join(dir, 'server.pem');
  const keyFile = join(dir, 'server-key.pem');

  let ca: { certPem: string; keyPem: string } | undefined;
  if (existsSync(caCertFile) && existsSync(caKeyFile)) {
    const certPem = readFileSync(caCertFile, 'utf8');
    if (stillValid(certPem)) ca = { certPem, keyPem: readFileSync(caKeyFile, 'utf8') };
  }
  let server: { certPem: string; keyPem: string } | undefined;
  if (ca && existsSync(certFile) && existsSync(keyFile)) {
    const certPem = readFileSync(certFile, 'utf8');
    if (stillValid(certPem)) server = { certPem, keyPem: readFileSync(keyFile, 'utf8') };
  }
  if (!ca) {
    ca = createCa();
    writeFileAtomic(caKeyFile, ca.keyPem, 0o600);
    writeFileAtomic(caCertFile, ca.certPem, 0o644);
    server = undefined;
  }
  if (!server) {
    server = createServerCert(ca);
    writeFileAtomic(keyFile, server.keyPem, 0o600);
    writeFileAtomic(certFile, server.certPem, 0o644);
  }
  return { caCertPem: ca.certPem, caCertFile, certPem: server.certPem, keyPem: server.keyPem };
}
