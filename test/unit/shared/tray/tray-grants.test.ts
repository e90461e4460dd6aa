/** The tray model over a `grants:list` answer: counted on Azure's clock as the answer was, a colleague's left out. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { trayGrantsFromList } from '../../../../shared/tray/tray-grants';
import { trayModel } from '../../../../shared/tray/tray-model';

const answeredAt = Date.parse('2026-11-29T12:00:00Z');
// Azure's clock runs 90 s ahead of the local one: 42 minutes were left on Azure's clock when the answer was made.
const end = new Date(answeredAt + 90_000 + 42 * 60_000).toISOString();
const mine = { vmId: '/subs/vm-fs01', vmName: 'VM-FS01', port: 3389, endTimeUtc: end, remainingSeconds: 42 * 60 };

test("counts down on Azure's clock, as the answer did: 42 min left at once, 41 a minute later", () => {
  const grants = trayGrantsFromList([{ ...mine, mine: true }], answeredAt);
  assert.equal(grants[0]!.endTimeUtc, end, 'the end time stays Azure’s own');
  assert.equal(trayModel(grants, answeredAt).items[0]!.label, 'VM-FS01 (RDP 3389) — 42 min left');
  assert.equal(trayModel(grants, answeredAt + 60_000).items[0]!.label, 'VM-FS01 (RDP 3389) — 41 min left');
  assert.equal(trayModel(grants, answeredAt + 42 * 60_000).icon, 'idle', 'ended on time, not 90 s late');
});

test("a colleague's grant is not in the tray", () => {
  const grants = trayGrantsFromList([{ ...mine, vmName: 'VM-APP02', mine: false }], answeredAt);
  assert.deepEqual(grants, []);
  assert.equal(trayModel(grants, answeredAt).icon, 'idle');
});
