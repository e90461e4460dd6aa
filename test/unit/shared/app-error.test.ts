import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AppError, isAppErrorData } from '../../../shared/errors/app-error';

test('an AppError survives the trip through JSON (IPC, CLI --json) with its fix', () => {
  const err = new AppError({
    code: 'duration-over-max',
    message: 'VM-FS01 allows at most 3 hours on port 3389; you asked for 4 hours.',
    fix: 'Ask for 3 hours or less, or ask an admin to raise the policy maximum.',
  });
  const wire = JSON.parse(JSON.stringify(err.toData()));
  assert.ok(isAppErrorData(wire));
  const back = AppError.fromData(wire);
  assert.equal(back.code, 'duration-over-max');
  assert.equal(back.fix, err.fix);
  assert.equal(back.message, err.message);
  assert.ok(back instanceof Error);
});

test('anything without a known code is not an AppError', () => {
  assert.ok(!isAppErrorData({ code: 'boom', message: 'x' }));
  assert.ok(!isAppErrorData(new Error('plain')));
  assert.ok(!isAppErrorData(null));
});
