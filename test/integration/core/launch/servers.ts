/**
 * Real servers for the launch tests, on 127.0.0.1 only, each started by the test and stopped by its pid: an sshd
 * with a throwaway host key, an xrdp with a throwaway certificate, an Xvfb display for xfreerdp.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { accessSync, constants, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { delimiter, join } from 'node:path';
import { until } from '../../../fixtures/wait';

/** The full path of a program on PATH or in the sbin folders (sshd, xrdp live there), or undefined. */
export function which(program: string): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/sbin'];
  for (const dir of dirs.filter(Boolean)) {
    try {
      accessSync(join(dir, program), constants.X_OK);
      return join(dir, program);
    } catch {
      // not here
    }
  }
  return undefined;
}

/** A free TCP port on 127.0.0.1 (asked of the OS, then released for the server to take). */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen({ host: '127.0.0.1', port: 0 }, r));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

/** Resolves once 127.0.0.1:port accepts a TCP connection (bounded). */
export function listening(port: number, what: string, timeoutMs = 10_000): Promise<true> {
  return until(
    `${what} to listen on ${port}`,
    () =>
      new Promise<true | undefined>((resolve) => {
        const s = net.connect({ host: '127.0.0.1', port });
        s.once('connect', () => {
          s.destroy();
          resolve(true);
        });
        s.once('error', () => resolve(undefined));
      }),
    timeoutMs,
  );
}

/** A server process with its output collected. */
export interface Server {
  port: number;
  /** Everything it logged so far. */
  log(): string;
  stop(): Promise<void>;
}

/** Collects a child's output and stops it by its pid. */
function track(child: ChildProcess, port: number, logFile?: string): Server {
  let out = '';
  child.stdout?.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  return {
    port,
    log: () => {
      let file = '';
      try {
        file = logFile ? readFileSync(logFile, 'utf8') : '';
      } catch {
        // not written yet
      }
      return out + file;
    },
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Runs a setup command; throws with its output when it fails. */
function must(argv: string[]): void {
  const r = spawnSync(argv[0]!, argv.slice(1), { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${argv.join(' ')} failed: ${r.stderr}`);
}

/** An sshd on 127.0.0.1 logging to its stderr (VERBOSE: every connection and every attempted user). */
export async function startSshd(dir: string): Promise<Server & { hostKeyPub: string; clientKey: string }> {
  const port = await freePort();
  must(['ssh-keygen', '-q', '-t', 'ed25519', '-N', '', '-f', join(dir, 'host_key')]);
  must(['ssh-keygen', '-q', '-t', 'ed25519', '-N', '', '-f', join(dir, 'client_key')]);
  writeFileSync(join(dir, 'authorized_keys'), readFileSync(join(dir, 'client_key.pub')));
  const config = join(dir, 'sshd_config');
  writeFileSync(
    config,
    [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${join(dir, 'host_key')}`,
      `PidFile ${join(dir, 'sshd.pid')}`,
      `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
      'UsePAM no',
      'StrictModes no',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'LogLevel VERBOSE',
      '',
    ].join('\n'),
  );
  // sshd running as root wants its privilege-separation directory (Debian makes it at service start, not install).
  if (process.getuid?.() === 0) mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
  const child = spawn(which('sshd')!, ['-D', '-e', '-f', config], { stdio: ['ignore', 'pipe', 'pipe'] });
  const server = track(child, port);
  await listening(port, 'sshd').catch((e: Error) => {
    throw new Error(`${e.message}\n${server.log()}`);
  });
  return {
    ...server,
    hostKeyPub: readFileSync(join(dir, 'host_key.pub'), 'utf8').trim(),
    clientKey: join(dir, 'client_key'),
  };
}

/** An xrdp on 127.0.0.1 speaking TLS with a throwaway self-signed certificate; its log in `dir`. */
export async function startXrdp(dir: string): Promise<Server> {
  const port = await freePort();
  must(
    ['openssl', 'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=vm-fs01'].concat([
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
    ]),
  );
  const ini = join(dir, 'xrdp.ini');
  const logFile = join(dir, 'xrdp.log');
  writeFileSync(
    ini,
    [
      '[Globals]',
      'ini_version=1',
      'fork=false',
      `port=tcp://127.0.0.1:${port}`,
      'security_layer=tls',
      'crypt_level=high',
      `certificate=${join(dir, 'cert.pem')}`,
      `key_file=${join(dir, 'key.pem')}`,
      'ssl_protocols=TLSv1.2, TLSv1.3',
      '[Logging]',
      `LogFile=${logFile}`,
      'LogLevel=INFO',
      'EnableSyslog=false',
      'EnableConsole=false',
      '[Xorg]',
      'name=Xorg',
      'lib=libxup.so',
      'username=ask',
      'password=ask',
      'ip=127.0.0.1',
      'port=-1',
      'code=20',
      '',
    ].join('\n'),
  );
  const child = spawn(which('xrdp')!, ['--nodaemon', '--config', ini], { stdio: ['ignore', 'pipe', 'pipe'] });
  const server = track(child, port, logFile);
  await listening(port, 'xrdp').catch((e: Error) => {
    throw new Error(`${e.message}\n${server.log()}`);
  });
  return server;
}

/** An Xvfb on a display number it picks itself (`-displayfd`), for xfreerdp, which opens a display even to auth. */
export async function startXvfb(): Promise<{ display: string; stop: () => Promise<void> }> {
  const child = spawn(which('Xvfb')!, ['-displayfd', '3', '-nolisten', 'tcp', '-screen', '0', '1024x768x24'], {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
  });
  const server = track(child, 0);
  let fd3 = '';
  (child.stdio[3] as NodeJS.ReadableStream).on('data', (c: Buffer) => (fd3 += c.toString()));
  const n = await until('Xvfb to report its display', () => (/^\d+\n/.test(fd3) ? fd3.trim() : undefined), 10_000);
  return { display: `:${n}`, stop: server.stop };
}
