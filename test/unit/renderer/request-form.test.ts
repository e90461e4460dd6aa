/** The request dialog's rules: when a double-click needs it, the template filled in, the duration against the max. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  checkDuration,
  choiceNeeded,
  fillTemplate,
  smallestMax,
  type Preview,
} from '../../../renderer/src/request/request-form';

const preview = (extra: Partial<Preview> = {}): Preview => ({
  ports: [{ number: 3389, protocol: 'TCP', maxDuration: 'PT3H', allowedSources: ['*'] }],
  port: 3389,
  maxDuration: 'PT3H',
  justificationTemplate: '',
  ...extra,
});

test('a double-click needs the dialog only for a source decision or a ticket', () => {
  assert.equal(choiceNeeded(preview()), undefined);
  assert.equal(choiceNeeded(preview({ justificationTemplate: 'Helpdesk {user} on {vm}' })), undefined);
  assert.equal(choiceNeeded(preview({ justificationTemplate: 'Ticket {ticket}' })), 'ticket');
  assert.equal(
    choiceNeeded(preview({ sourceError: { code: 'no-vpn-pool', message: 'not on the VPN', fix: 'Connect the VPN' } })),
    'source',
  );
});

test('the template is filled like core fills it', () => {
  assert.equal(
    fillTemplate('Ticket {ticket}: {user} on {vm}:{port}', {
      vm: 'VM-FS01',
      user: 'a@b',
      port: '3389',
      ticket: 'INC42',
    }),
    'Ticket INC42: a@b on VM-FS01:3389',
  );
});

test('a duration over the maximum is refused naming the maximum; empty means the default', () => {
  const maxima = [
    { name: 'VM-FS01:3389', max: 'PT3H' },
    { name: 'vm-dc01:3389', max: 'PT1H' },
  ];
  assert.deepEqual(checkDuration('', maxima), {});
  assert.deepEqual(checkDuration('45m', maxima), { ms: 45 * 60_000 });
  assert.match(checkDuration('2h', maxima).error!, /over the maximum of 1 h \(PT1H\) for vm-dc01:3389/);
  assert.match(checkDuration('soon', maxima).error!, /not a duration/);
  assert.equal(smallestMax(maxima), '1 h');
});
