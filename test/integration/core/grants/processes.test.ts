/**
 * Two processes on one config dir (the CLI beside the app): they never both remind, and concurrent writers to the
 * grant store lose no history line and leave valid JSON.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { GrantStore } from '../../../../electron/core/grants/grant-store';
import { exited } from '../../../fixtures/child';
import { tempDir } from '../../../fixtures/sim';
import { until } from '../../../fixtures/wait';

const WORKER = join(import.meta.dirname, 'grants-worker.ts');

interface Line {
  pid: number;
  owner?: boolean;
  event?: string;
  vm?: string;
  lead?: number;
  done?: number;
}

/** Starts the worker; its stdout lines are parsed as they come. */
function worker(args: string[]): { child: ChildProcess; lines: Line[]; stderr: () => string } {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  const lines: Line[] = [];
  let buf = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => {
    buf += d.toString('utf8');
    for (let i = buf.indexOf('\n'); i >= 0; i = buf.indexOf('\n')) {
      lines.push(JSON.parse(buf.slice(0, i)) as Line);
      buf = buf.slice(i + 1);
    }
  });
  child.stderr!.on('data', (d: Buffer) => (err += d.toString('utf8')));
  return { child, lines, stderr: () => err };
}

describe('grants across processes', () => {
  const children: ChildProcess[] = [];
  after(() => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  });

  test('two processes never both remind', async () => {
    const dir = tempDir('jit-owner-');
    const store = new GrantStore(dir);
    // Two grants whose 10-minute reminders come due a few seconds apart in real time.
    const base = Date.now() + 10 * 60_000;
    for (const [name, ms] of [
      ['vm-a', 4000],
      ['vm-b', 5000],
    ] as const)
      await store.record({
        vmId: `/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/${name}`,
        vmName: name,
        port: 22,
        source: '10.13.1.0/24',
        dialAddress: '10.0.0.1:22',
        startTimeUtc: new Date().toISOString(),
        endTimeUtc: new Date(base + ms).toISOString(),
      });
    const a = worker(['remind', dir]);
    const b = worker(['remind', dir]);
    children.push(a.child, b.child);
    const all = () => [...a.lines, ...b.lines];
    await until('both started', () => (a.lines.length && b.lines.length ? true : undefined), 30_000);
    const owners = all().filter((l) => l.owner === true);
    assert.equal(owners.length, 1, `exactly one owner: ${JSON.stringify(all())}`);
    assert.equal(all().filter((l) => l.owner === false).length, 1);
    // Once vm-b's reminder (the later one) came, vm-a's came too from whoever reminds.
    await until('both reminders', () => (all().filter((l) => l.event).length >= 2 ? true : undefined), 30_000);
    a.child.stdin!.end();
    b.child.stdin!.end();
    await Promise.all([exited(a.child, 10_000, 'worker a'), exited(b.child, 10_000, 'worker b')]);
    const events = all().filter((l) => l.event);
    assert.deepEqual(events.map((e) => [e.vm, e.lead]).sort(), [
      ['vm-a', 10],
      ['vm-b', 10],
    ]);
    assert.ok(
      events.every((e) => e.pid === owners[0]!.pid),
      'only the owner reminded',
    );
  });

  test('concurrent writers: no lost line, valid JSON', async () => {
    const dir = tempDir('jit-writers-');
    const n = 40;
    const a = worker(['record', dir, 'a', String(n)]);
    const b = worker(['record', dir, 'b', String(n)]);
    children.push(a.child, b.child);
    const [ea, eb] = await Promise.all([exited(a.child, 60_000, 'writer a'), exited(b.child, 60_000, 'writer b')]);
    assert.equal(ea.code, 0, a.stderr());
    assert.equal(eb.code, 0, b.stderr());
    const store = new GrantStore(dir);
    const text = readFileSync(store.historyFile, 'utf8');
    const lines = text.trimEnd().split('\n');
    assert.equal(lines.length, 2 * n, 'one line per record');
    const parsed = lines.map((l) => JSON.parse(l) as { vmName: string; justification: string });
    assert.equal(new Set(parsed.map((p) => p.vmName)).size, 2 * n);
    const cache = JSON.parse(readFileSync(store.cacheFile, 'utf8')) as { grants: unknown[] };
    assert.equal(cache.grants.length, 2 * n, 'no read-modify-write lost another writer’s grant');
    const id = '/subscriptions/s/resourceGroups/RG/providers/Microsoft.Compute/virtualMachines/A-7';
    assert.equal(await store.lastPortFor(id), 22, 'found by id in any case');
  });
});
