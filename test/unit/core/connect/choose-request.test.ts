/** Choosing the request: port, duration (and its end on Azure's clock), justification; and resolving a VM by name. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  chooseDuration,
  chooseJustification,
  choosePort,
  endTimeOnAzure,
} from '../../../../electron/core/connect/choose-request';
import { resolveVm } from '../../../../electron/core/connect/resolve-vm';
import type { JitPort, Vm } from '../../../../shared/domain/types';
import type { AppError } from '../../../../shared/errors/app-error';

const jp = (number: number, maxDuration = 'PT3H'): JitPort => ({
  number,
  protocol: '*',
  maxDuration,
  allowedSources: ['*'],
});
const settings = { defaultPorts: { Windows: 3389, Linux: 22 } };
const win = { name: 'VM-FS01', osType: 'Windows' as const };
const code = (fn: () => unknown): AppError => {
  try {
    fn();
  } catch (e) {
    return e as AppError;
  }
  return assert.fail('expected an error');
};

describe('choosePort', () => {
  const ports = [jp(3389), jp(5985), jp(5986)];
  test('asked, else the last one used, else the OS default', () => {
    assert.equal(choosePort(win, ports, settings, { port: 5986, lastPort: 5985 }).number, 5986);
    assert.equal(choosePort(win, ports, settings, { lastPort: 5985 }).number, 5985);
    assert.equal(choosePort(win, ports, settings, {}).number, 3389);
    assert.equal(choosePort({ name: 'web', osType: 'Linux' }, [jp(22)], settings, {}).number, 22);
    assert.equal(
      choosePort(win, ports, { defaultPorts: { Windows: 5985, Linux: 22 } }, {}).number,
      5985,
      'the settings decide',
    );
  });
  test('a last port the policy no longer has falls back to the default', () => {
    assert.equal(choosePort(win, ports, settings, { lastPort: 22 }).number, 3389);
  });
  test('an unknown OS (API-only role): a default the policy has, or its only port', () => {
    assert.equal(choosePort({ name: 'x', osType: 'unknown' }, [jp(22), jp(80)], settings, {}).number, 22);
    assert.equal(choosePort({ name: 'x', osType: 'unknown' }, [jp(8022)], settings, {}).number, 8022);
    assert.equal(
      code(() => choosePort({ name: 'x', osType: 'unknown' }, [jp(1), jp(2)], settings, {})).code,
      'port-not-in-policy',
    );
  });
  test('a port the policy lacks: an error listing those it has', () => {
    const e = code(() => choosePort(win, ports, settings, { port: 22 }));
    assert.equal(e.code, 'port-not-in-policy');
    assert.match(e.message, /Port 22 .* 3389, 5985, 5986/);
    assert.match(code(() => choosePort({ name: 'w', osType: 'Linux' }, ports, settings, {})).message, /22.*3389/);
  });
});

describe('chooseDuration', () => {
  test('asked in any form, else the settings default (capped), else the policy maximum', () => {
    assert.deepEqual(chooseDuration(jp(1), {}, '90m'), { ms: 90 * 60_000, from: 'asked' });
    assert.deepEqual(chooseDuration(jp(1), {}, 'PT1H'), { ms: 3600_000, from: 'asked' });
    assert.deepEqual(chooseDuration(jp(1), { defaultDuration: '1h' }), { ms: 3600_000, from: 'settings' });
    assert.deepEqual(chooseDuration(jp(1, 'PT30M'), { defaultDuration: '1h' }), { ms: 1800_000, from: 'settings' });
    assert.deepEqual(chooseDuration(jp(1), {}), { ms: 3 * 3600_000, from: 'policy' });
  });
  test('over the maximum: an error naming it; not a duration: invalid input', () => {
    const e = code(() => chooseDuration(jp(3389, 'PT3H'), {}, '4h'));
    assert.equal(e.code, 'duration-over-max');
    assert.match(e.message, /maximum of 3 h \(PT3H\)/);
    assert.equal(code(() => chooseDuration(jp(1), {}, 'soon')).code, 'invalid-input');
  });
  test('the admin’s cap: the default held under it, over it refused naming it and who set it; a higher cap is moot', () => {
    const cap = { ms: 3600_000, by: "your administrator's policy (the registry)" };
    assert.deepEqual(chooseDuration(jp(1, 'PT3H'), {}, undefined, cap), { ms: 3600_000, from: 'cap' });
    assert.deepEqual(chooseDuration(jp(1, 'PT3H'), { defaultDuration: '2h' }, undefined, cap), {
      ms: 3600_000,
      from: 'settings',
    });
    assert.deepEqual(chooseDuration(jp(1, 'PT3H'), {}, '45m', cap), { ms: 45 * 60_000, from: 'asked' });
    const e = code(() => chooseDuration(jp(1, 'PT3H'), {}, '2h', cap));
    assert.equal(e.code, 'duration-over-max');
    assert.equal(e.message, "2 h is over the maximum of 1 h (PT1H) set by your administrator's policy (the registry).");
    // The JIT policy's own maximum lower than the cap: the policy's maximum speaks, as without a cap.
    assert.deepEqual(chooseDuration(jp(1, 'PT30M'), {}, undefined, cap), { ms: 1800_000, from: 'policy' });
    assert.match(
      code(() => chooseDuration(jp(1, 'PT30M'), {}, '50m', cap)).message,
      /maximum of 30 min \(PT30M\) for port 1/,
    );
  });
  test('the end time is on Azure’s clock', () => {
    const local = Date.parse('2026-01-01T10:00:00Z');
    assert.equal(endTimeOnAzure(local, 90_000, 3600_000).toISOString(), '2026-01-01T11:01:30.000Z');
  });
});

describe('chooseJustification', () => {
  const fields = { vm: 'VM-FS01', port: '3389', user: 'helpdesk@contoso.com' };
  test('asked wins; else the template filled; empty: none', () => {
    assert.equal(chooseJustification({ justificationTemplate: 'x' }, fields, ' mine '), 'mine');
    assert.equal(
      chooseJustification(
        { justificationTemplate: '{user} on {vm}:{port} for {ticket}' },
        { ...fields, ticket: 'INC-7' },
      ),
      'helpdesk@contoso.com on VM-FS01:3389 for INC-7',
    );
    assert.equal(chooseJustification({ justificationTemplate: '' }, fields), undefined);
  });
  test('a template needing a ticket without one: a clear error', () => {
    const e = code(() => chooseJustification({ justificationTemplate: 'Ticket {ticket}' }, fields));
    assert.equal(e.code, 'invalid-input');
    assert.match(`${e.message} ${e.fix}`, /ticket.*ticket number/s);
  });
});

describe('resolveVm', () => {
  const vm = (name: string, rg: string, sub: string): Vm =>
    ({
      id: `/subscriptions/${sub}/resourceGroups/${rg}/providers/Microsoft.Compute/virtualMachines/${name}`,
      name,
      resourceGroup: rg,
      subscriptionId: sub,
      subscriptionName: `Sub ${sub}`,
    }) as Vm;
  const vms = [vm('VM-FS01', 'rg-servers', 's1'), vm('web', 'rg-a', 's1'), vm('web', 'rg-b', 's2')];
  test('by name in any case, or by id in any case', () => {
    assert.equal(resolveVm(vms, 'vm-fs01').name, 'VM-FS01');
    assert.equal(resolveVm(vms, vms[2]!.id.toUpperCase()).resourceGroup, 'rg-b');
  });
  test('an ambiguous name lists the candidates with their groups and subscriptions', () => {
    const e = code(() => resolveVm(vms, 'WEB'));
    assert.equal(e.code, 'vm-ambiguous');
    assert.match(e.message, /web in rg-a \(Sub s1\); web in rg-b \(Sub s2\)/);
    assert.match(e.fix!, /resource id/);
  });
  test('an unknown VM says to refresh the VM list', () => {
    const e = code(() => resolveVm(vms, 'nope'));
    assert.equal(e.code, 'vm-not-found');
    assert.match(e.fix!, /refresh the VM list/);
  });
});
