import { test } from 'node:test';
import assert from 'node:assert/strict';
import { askFirstList, takeFirstList } from '../../../renderer/src/app/first-list';
import type { JitConnectApi } from '../../../shared/ipc/contract';

/** An API whose vms:list answers `answer` and counts the calls. */
function apiAnswering(answer: () => Promise<unknown>) {
  const calls: string[] = [];
  const api = {
    call: (channel: string) => {
      calls.push(channel);
      return answer();
    },
    on: () => () => {},
  } as unknown as JitConnectApi;
  return { api, calls };
}

test('the list asked for early is handed over once; the next load asks again', async () => {
  const list = { vms: [], problems: [], fromCache: true };
  const { api, calls } = apiAnswering(async () => list);
  assert.equal(takeFirstList(), undefined, 'nothing asked yet');
  askFirstList(api);
  assert.deepEqual(calls, ['vms:list'], 'asked at once, before anything renders');
  assert.equal(await takeFirstList(), list);
  assert.equal(takeFirstList(), undefined, 'taken once: a later load asks for itself');
});

test('a failed early ask reaches whoever takes it, and is no unhandled rejection when nobody does', async () => {
  const unhandled: unknown[] = [];
  const onUnhandled = (e: unknown) => unhandled.push(e);
  process.on('unhandledRejection', onUnhandled);
  try {
    const { api } = apiAnswering(async () => {
      throw new Error('not signed in');
    });
    askFirstList(api);
    await assert.rejects(takeFirstList()!, /not signed in/);
    askFirstList(api);
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(unhandled, []);
    takeFirstList();
  } finally {
    process.off('unhandledRejection', onUnhandled);
  }
});
