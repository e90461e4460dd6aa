/** The simulator's TLS: a CA it generates (or reuses from a directory) and a 127.0.0.1 server certificate. */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
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
  const attrs = [
    { name: 'commonName', value: 'JIT Connect Azure Simulator CA' },
    { name: 'organizationName', value: 'JIT Connect (simulated Azure)' },
  ];
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
    {
      name: 'subjectAltName',
      altNames: [
        { type: 7, ip: '127.0.0.1' },
        { type: 2, value: 'localhost' },
      ],
    },
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

function readCa(file: string): { certPem: string; keyPem: string } | undefined {
  try {
    const ca = JSON.parse(readFileSync(file, 'utf8')) as { certPem?: unknown; keyPem?: unknown };
    if (typeof ca.certPem !== 'string' || typeof ca.keyPem !== 'string' || !stillValid(ca.certPem)) return undefined;
    return { certPem: ca.certPem, keyPem: ca.keyPem };
  } catch {
    return undefined;
  }
}

/**
 * The CA in `dir`, created if missing or about to expire. Safe when several simulators start at once on an empty
 * directory: the new CA is published with an atomic hard link, so the first writer wins and the others adopt it.
 */
function loadOrCreateCa(dir: string): { certPem: string; keyPem: string } {
  const file = join(dir, 'ca.json');
  const existing = readCa(file);
  if (existing) return existing;
  const fresh = createCa();
  const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  writeFileAtomic(tmp, JSON.stringify(fresh), 0o600);
  try {
    linkSync(tmp, file);
    return fresh;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    const winner = readCa(file);
    if (winner) return winner;
    renameSync(tmp, file); // the file there is unreadable or expiring: replace it
    return fresh;
  } finally {
    rmSync(tmp, { force: true });
  }
}

/**
 * The CA from `dir` (created once and reused; its key never leaves `dir`, mode 0600), its certificate as `ca.pem`
 * for clients, and a fresh 127.0.0.1 server certificate signed by it.
 */
export function loadOrCreateTls(dir: string): TlsMaterial {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const ca = loadOrCreateCa(dir);
  const caCertFile = join(dir, 'ca.pem');
  if (!existsSync(caCertFile) || readFileSync(caCertFile, 'utf8') !== ca.certPem)
    writeFileAtomic(caCertFile, ca.certPem, 0o644);
  const server = createServerCert(ca);
  return { caCertPem: ca.certPem, caCertFile, certPem: server.certPem, keyPem: server.keyPem };
}
