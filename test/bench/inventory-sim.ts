/**
 * A simulator in its own process for the inventory bench (so its CPU does not count against the inventory's), with
 * its profile written to a file and its control API called over HTTPS with its CA.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import { join } from 'node:path';
import { tempDir } from '../fixtures/sim';

/** A running simulator process. */
export interface SimProcess {
  profileFile: string;
  profile: { armEndpoint: string; controlEndpoint: string; caCertFile: string };
  ca: string;
  stop(): Promise<void>;
}

const root = join(import.meta.dirname, '..', '..');

/** Starts `electron/azure-sim/main.ts` with `seed` and instant JIT timing; resolves on its profile line. */
export function startSimProcess(seed: string, latencyMs: number): Promise<SimProcess> {
  const dir = tempDir('jit-bench-sim-');
  const profileFile = join(dir, 'profile.json');
  const args = ['--seed', seed, '--latency-ms', String(latencyMs), '--propagation-ms', '0', '--dataplane-lag-ms', '0'];
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', join(root, 'electron', 'azure-sim', 'main.ts'), ...args, '--initiate-delay-ms', '0'],
    { cwd: root, stdio: ['ignore', 'pipe', 'ignore'] },
  );
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error('the simulator did not start within 120 s'));
    }, 120_000);
    let buf = '';
    child.stdout!.setEncoding('utf8').on('data', (s: string) => {
      buf += s;
      const nl = buf.indexOf('\n');
      if (nl < 0) return;
      clearTimeout(timer);
      const profile = JSON.parse(buf.slice(0, nl)) as SimProcess['profile'];
      writeFileSync(profileFile, JSON.stringify(profile));
      resolve({
        profileFile,
        profile,
        ca: readFileSync(profile.caCertFile, 'utf8'),
        stop: () =>
          new Promise<void>((done) => {
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
    child.on('error', reject);
  });
}

/** Calls the control API (`/_sim…`). */
export function controlCall(sim: SimProcess, method: string, path: string, body?: unknown): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const url = `${sim.profile.controlEndpoint.replace(/\/+$/, '')}${path}`;
    const req = https.request(url, { method, ca: sim.ca, headers: { 'content-type': 'application/json' } }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (c: string) => (text += c));
      res.on('end', () => {
        if ((res.statusCode ?? 500) >= 400) reject(new Error(`control ${path}: ${res.statusCode} ${text}`));
        else resolve(text ? JSON.parse(text) : undefined);
      });
    });
    req.on('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}
