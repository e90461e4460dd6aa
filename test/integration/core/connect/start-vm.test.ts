/** `startVm` (what `connect --start` uses): starts a deallocated VM through Compute; without the right, says which. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Simulator } from '../../../../electron/azure-sim/index';
import { startVm } from '../../../../electron/core/connect/start-vm';
import type { AppError } from '../../../../shared/errors/app-error';
import { startTestSim } from '../../../fixtures/sim';
import { simAccess } from '../inventory/sim-access';
import { vmsOf } from './connect-helpers';

describe('startVm', () => {
  let sim: Simulator;
  before(async () => {
    sim = await startTestSim();
  });
  after(() => sim?.close());

  test('a role without start/action gets an error naming it; one with it starts the VM', async () => {
    const test01 = (await vmsOf(sim, 'admin')).get('vm-test01')!;
    assert.equal(test01.powerState, 'deallocated');
    const err = (await startVm(simAccess(sim, 'jitonly'), test01).then(
      () => assert.fail('expected an error'),
      (e: unknown) => e,
    )) as AppError;
    assert.equal(err.code, 'missing-permission');
    assert.match(err.fix!, /virtualMachines\/start\/action/);

    await startVm(simAccess(sim, 'admin'), test01);
    assert.equal((await vmsOf(sim, 'admin')).get('vm-test01')!.powerState, 'running');
  });
});
