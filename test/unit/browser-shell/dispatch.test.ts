import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dispatch, errorData, isRequestChannel } from '../../../electron/browser-shell/dispatch';
import { guard } from '../../../electron/core/app/guard';
import { REQUESTS } from '../../../shared/ipc/contract';
import { AppError } from '../../../shared/errors/app-error';
import { fakeHandlers, VM_ID } from '../../fixtures/browser-shell';

test('only the contract’s own channels are channels (not inherited names)', () => {
  assert.ok(isRequestChannel('vms:list'));
  for (const c of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'vms:List', 'deviceCode:issued', 1, null])
    assert.ok(!isRequestChannel(c), String(c));
});

test('a valid call reaches its handler with parsed arguments; args may be omitted for argument-less calls', async () => {
  const { handlers, calls } = fakeHandlers();
  assert.deepEqual(await dispatch(handlers, JSON.stringify({ id: 'a', channel: 'grants:list', args: { all: true } })), {
    id: 'a',
    ok: true,
    value: { grants: [], replaced: [] },
  });
  assert.deepEqual(await dispatch(handlers, JSON.stringify({ id: 7, channel: 'session:get' })), {
    id: 7,
    ok: true,
    value: { signInRemembered: false },
  });
  assert.deepEqual(calls, [
    { channel: 'grants:list', args: { all: true } },
    { channel: 'session:get', args: {} },
  ]);
});

test('malformed envelopes and arguments are answered with invalid-input and never reach a handler', async () => {
  const { handlers, calls } = fakeHandlers();
  const cases: [string, string | number | null][] = [
    ['{', null],
    ['[]', null],
    ['"x"', null],
    ['null', null],
    [JSON.stringify({ channel: 'session:get' }), null],
    [JSON.stringify({ id: 1.5, channel: 'session:get' }), null],
    [JSON.stringify({ id: 'x'.repeat(65), channel: 'session:get' }), null],
    [JSON.stringify({ id: 1, channel: '__proto__' }), 1],
    [JSON.stringify({ id: 2, channel: 'session:get', args: { token: 'x' } }), 2],
    [JSON.stringify({ id: 3, channel: 'connect:preview', args: { vmId: '/etc/passwd' } }), 3],
    [JSON.stringify({ id: 4, channel: 'connect:start', args: { targets: [{ vmId: VM_ID }], launch: 'yes' } }), 4],
  ];
  for (const [text, id] of cases) {
    const a = await dispatch(handlers, text);
    assert.equal(a.id, id, text);
    assert.equal(a.ok, false, text);
    if (!a.ok) assert.equal(a.error.code, 'invalid-input', text);
  }
  assert.equal(calls.length, 0);
});

test('errors cross as AppError data only: no stack, no extra fields; unknown errors become a generic internal one', async () => {
  const err = new AppError({ code: 'vm-not-found', message: 'No VM named X.', fix: 'Refresh the list.' });
  assert.deepEqual(errorData(err), { code: 'vm-not-found', message: 'No VM named X.', fix: 'Refresh the list.' });
  const seen: unknown[] = [];
  const { handlers } = fakeHandlers();
  handlers['tenants:list'] = async () => {
    throw Object.assign(new Error('EACCES /home/alice/token.json'), { code: 'EACCES' });
  };
  const a = await dispatch(handlers, JSON.stringify({ id: 1, channel: 'tenants:list', args: {} }), (_c, e) =>
    seen.push(e),
  );
  assert.deepEqual(a, {
    id: 1,
    ok: false,
    error: { code: 'internal', message: 'Something went wrong inside the app; see its log.' },
  });
  assert.equal(seen.length, 1, 'the real error goes to the log');
  handlers['tenants:list'] = async () => [{ tenantId: 't', home: true, refreshToken: 'x' }] as never;
  const leak = await dispatch(handlers, JSON.stringify({ id: 2, channel: 'tenants:list', args: {} }));
  assert.equal(leak.ok, false, 'a result with a field the contract does not allow is refused');
});

test('results from core’s guard are parsed once, there (not again by the shell), and a leak is still refused', async () => {
  const { handlers } = fakeHandlers();
  handlers['tenants:list'] = async () => [{ tenantId: 't', home: true, refreshToken: 'eyJ.secret' }] as never;
  const guarded = guard(handlers);
  const schema = REQUESTS['vms:list'].result;
  const original = schema.safeParse.bind(schema);
  let parses = 0;
  schema.safeParse = ((v: unknown) => (parses++, original(v))) as typeof schema.safeParse;
  try {
    const a = await dispatch(guarded, JSON.stringify({ id: 1, channel: 'vms:list', args: {} }));
    assert.deepEqual(a, { id: 1, ok: true, value: { vms: [], problems: [], fromCache: false } });
    assert.equal(parses, 1, 'a guarded result is not parsed a second time');
    await dispatch(handlers, JSON.stringify({ id: 2, channel: 'vms:list', args: {} }));
    assert.equal(parses, 2, 'an unguarded result is parsed by the shell');
  } finally {
    schema.safeParse = original;
  }
  const leak = await dispatch(guarded, JSON.stringify({ id: 3, channel: 'tenants:list', args: {} }));
  assert.ok(!leak.ok);
  assert.equal(leak.error.code, 'internal');
  assert.doesNotMatch(JSON.stringify(leak), /eyJ/);
});
