/**
 * The settings screen's model: the form from core's settings, the patch of only what changed (typed values passed on
 * for core to judge), and the field a core validation error is about.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { errorKey, errorText, toForm, toPatch } from '../../../renderer/src/settings/settings-model';

const core = {
  sourceMode: 'auto',
  justificationTemplate: '',
  reminderLeadMinutes: [10, 2],
  defaultPorts: { Windows: 3389, Linux: 22 },
  rdp: { admin: false, fullScreen: false, multimon: false, entraSignIn: false, redirect: { clipboard: true } },
};

test('an untouched form patches nothing', () => {
  assert.deepEqual(toPatch(core, toForm(core)), {});
});

test('changed fields only, in the shapes core expects; RDP keeps the options the screen does not show', () => {
  const form = toForm(core);
  const patch = toPatch(core, {
    ...form,
    reminderLeadMinutes: '15, 5',
    linuxPort: '2222',
    rdp: { ...form.rdp, fullScreen: true },
  });
  assert.deepEqual(patch, {
    reminderLeadMinutes: [15, 5],
    defaultPorts: { Windows: 3389, Linux: 2222 },
    rdp: { ...core.rdp, fullScreen: true },
  });
});

test('what is not a number is passed as typed, so core names it; an emptied duration is left alone', () => {
  const form = toForm({ ...core, defaultDuration: '1h' });
  const patch = toPatch({ ...core, defaultDuration: '1h' }, { ...form, windowsPort: 'rdp', defaultDuration: '' });
  assert.deepEqual(patch, { defaultPorts: { Windows: 'rdp', Linux: 22 } });
});

test('the key a core error names', () => {
  assert.equal(
    errorKey('The settings in your settings are invalid at "defaultPorts.Windows": Too big'),
    'defaultPorts',
  );
  assert.equal(errorKey('sourceMode is set by your administrator’s policy and cannot be changed here.'), 'sourceMode');
  assert.equal(errorKey('Something else went wrong.'), undefined);
});

test('the field’s message: what is wrong with the value, then the fix', () => {
  assert.equal(
    errorText('The settings in your settings are invalid at "defaultDuration": not a duration: use 1h', 'Correct it.'),
    'not a duration: use 1h. Correct it.',
  );
  assert.equal(errorText('Something else went wrong.'), 'Something else went wrong.');
});

test('keep-access and start-at-login: the switches and the cap in hours, patched only when changed', () => {
  const form = toForm(core);
  assert.equal(form.keepAccessWhileConnected, false);
  assert.equal(form.keepAccessCapHours, '8');
  assert.deepEqual(
    toPatch(core, { ...form, keepAccessWhileConnected: true, keepAccessCapHours: '4', startAtLogin: true }),
    {
      keepAccessWhileConnected: true,
      keepAccessCapHours: 4,
      startAtLogin: true,
    },
  );
});
