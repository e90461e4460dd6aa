/** The service's edge: a result with a field the contract lacks never crosses; failures are AppErrors; events checked. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkAhead, checkedSink, guard } from '../../../../electron/core/app/guard';
import { AppError } from '../../../../shared/errors/app-error';
import { REQUEST_CHANNELS, REQUESTS, type EventChannel, type Handlers } from '../../../../shared/ipc/contract';

/** Handlers where every channel answers `value` or throws `error`. */
function handlersOf(answer: () => Promise<unknown>): Handlers {
  return Object.fromEntries(REQUEST_CHANNELS.map((c) => [c, answer])) as unknown as Handlers;
}

describe('guard', () => {
  test('a result with a leaked field (a token) is refused as an internal AppError', async () => {
    const h = guard(handlersOf(async () => ({ signedOut: true, accessToken: 'eyJ…' })));
    await assert.rejects(
      h['session:signOut']({}),
      (err) => err instanceof AppError && err.code === 'internal' && !err.message.includes('eyJ'),
    );
  });

  test('a result the schema allows passes unchanged', async () => {
    const h = guard(handlersOf(async () => ({ signedOut: true })));
    assert.deepEqual(await h['session:signOut']({}), { signedOut: true });
  });

  test('a raw error becomes an AppError with its message only; an AppError passes as is', async () => {
    const raw = guard(
      handlersOf(async () => {
        throw new TypeError('x is undefined');
      }),
    );
    await assert.rejects(raw['grants:list']({}), (err) => {
      assert.ok(err instanceof AppError);
      assert.equal(err.code, 'internal');
      assert.deepEqual(Object.keys(err.toData()).sort(), ['code', 'message']);
      return true;
    });
    const typed = new AppError({ code: 'vm-not-found', message: 'No VM x.', fix: 'Refresh.' });
    const app = guard(
      handlersOf(async () => {
        throw typed;
      }),
    );
    await assert.rejects(app['vms:list']({}), (err) => err === typed);
  });

  test('a channel without a handler is a wiring error at creation', () => {
    const partial = { ...handlersOf(async () => ({})) } as Record<string, unknown>;
    delete partial['jit:enable'];
    assert.throws(() => guard(partial as unknown as Handlers), /jit:enable/);
  });
});

describe('checkAhead', () => {
  /** Counts the parses of the vms:list result schema while `run` runs. */
  async function countParses(run: () => Promise<void>): Promise<number> {
    const schema = REQUESTS['vms:list'].result;
    const original = schema.safeParse.bind(schema);
    let parses = 0;
    schema.safeParse = ((v: unknown) => (parses++, original(v))) as typeof schema.safeParse;
    try {
      await run();
    } finally {
      schema.safeParse = original;
    }
    return parses;
  }

  test('a result checked ahead is parsed once: guard passes that very copy on; an equal other one is parsed', async () => {
    const list = { vms: [], problems: [], fromCache: true };
    let answer: unknown;
    const h = guard(handlersOf(async () => answer));
    const parses = await countParses(async () => {
      answer = checkAhead('vms:list', list);
      assert.notEqual(answer, list, 'the checked copy, not the object handed in');
      assert.equal(await h['vms:list']({}), answer);
    });
    assert.equal(parses, 1);
    answer = { ...list };
    assert.equal(await countParses(async () => void (await h['vms:list']({}))), 1, 'not checked ahead: parsed');
  });

  test('a result with a leaked field is refused ahead too, as an internal AppError', () => {
    assert.throws(
      () => checkAhead('vms:list', { vms: [], problems: [], fromCache: true, token: 'eyJ…' } as never),
      (err) => err instanceof AppError && err.code === 'internal' && !err.message.includes('eyJ'),
    );
  });
});

describe('checkedSink', () => {
  test('sends a valid payload; drops and reports one with a leaked field or an unknown channel', () => {
    const sent: string[] = [];
    const warnings: string[] = [];
    const sink = checkedSink(
      (c) => sent.push(c),
      (m) => warnings.push(m),
    );
    sink('session:changed', {});
    sink('session:changed', { account: { username: 'a', tenantId: 't' }, token: 'x' } as never);
    sink('nope:never' as EventChannel, {} as never);
    assert.deepEqual(sent, ['session:changed']);
    assert.equal(warnings.length, 2);
  });
});
