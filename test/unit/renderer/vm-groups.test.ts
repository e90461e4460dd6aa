/** The VM list's rows: favourites first, groups by subscription or resource group, collapsing, ranges, the star. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildItems, toggleFavourite, vmsBetween, type ListItem } from '../../../renderer/src/vm-list/vm-groups';
import { filterVms, type Vm } from '../../../renderer/src/vm-list/vm-filter';
import { idKey } from '../../../shared/azure/resource-id';

const vm = (name: string, rg: string, sub: string): Vm => ({
  id: `/subscriptions/${sub}-id/resourceGroups/${rg}/providers/Microsoft.Compute/virtualMachines/${name}`,
  name,
  resourceGroup: rg,
  subscriptionId: `${sub}-id`,
  subscriptionName: sub,
  tenantId: 't',
  location: 'westeurope',
  osType: 'Windows',
  powerState: 'running',
  nsgs: {},
  p2sPools: [],
  jit: { state: 'configured', ports: [] },
});

const vms = filterVms([vm('vm-b', 'rg-one', 'Prod'), vm('vm-a', 'RG-TWO', 'Prod'), vm('vm-c', 'rg-one', 'Dev')], '');
const show = (items: ListItem[]) => items.map((i) => (i.kind === 'header' ? `# ${i.label} (${i.count})` : i.vm.name));

test('flat: favourites first, then the rest by name; no headers', () => {
  const favs = new Set([idKey(vms[2]!.id).toUpperCase()].map(idKey));
  assert.deepEqual(show(buildItems(vms, 'none', favs, new Set())), ['vm-c', 'vm-a', 'vm-b']);
});

test('by subscription and by resource group: a Favourites group first, groups sorted, a collapsed one folded', () => {
  const favs = new Set([idKey(vms[1]!.id)]);
  assert.deepEqual(show(buildItems(vms, 'subscription', favs, new Set())), [
    '# Favourites (1)',
    'vm-b',
    '# Dev (1)',
    'vm-c',
    '# Prod (2)',
    'vm-a',
    'vm-b',
  ]);
  const byRg = buildItems(vms, 'resource-group', new Set(), new Set(['rg:prod-id/rg-one']));
  assert.deepEqual(show(byRg), ['# rg-one (Dev) (1)', 'vm-c', '# rg-one (Prod) (1)', '# rg-two (Prod) (1)', 'vm-a']);
  // Keys stay unique when a favourite shows twice (the virtualiser keys rows by them).
  const keys = buildItems(vms, 'subscription', favs, new Set()).map((i) => i.key);
  assert.equal(new Set(keys).size, keys.length);
});

test('a Shift range takes each VM once, in either direction, skipping headers', () => {
  const items = buildItems(vms, 'subscription', new Set([idKey(vms[1]!.id)]), new Set());
  assert.deepEqual(
    vmsBetween(items, 6, 0).map((v) => v.name),
    ['vm-b', 'vm-c', 'vm-a'],
  );
});

test('favourites: compared case-insensitively, removed by any spelling, at most 500 kept', () => {
  const id = vms[0]!.id;
  const on = toggleFavourite([], id);
  assert.deepEqual(on, [id]);
  assert.deepEqual(toggleFavourite(on, id.toUpperCase()), []);
  const full = Array.from({ length: 500 }, (_, i) => `/subscriptions/s/x/${i}`);
  const more = toggleFavourite(full, id);
  assert.equal(more.length, 500);
  assert.equal(more.at(-1), id);
});

test('10,000 VMs grouped by resource group well within a frame', () => {
  const many = Array.from({ length: 10_000 }, (_, i) => vm(`vm-${i}`, `rg-${i % 50}`, `Sub ${i % 7}`));
  const sorted = filterVms(many, '');
  const start = performance.now();
  const items = buildItems(sorted, 'resource-group', new Set([idKey(many[5]!.id)]), new Set());
  const ms = performance.now() - start;
  assert.equal(items.filter((i) => i.kind === 'vm').length, 10_001);
  assert.ok(ms < 100, `${ms} ms`);
});

test('a keystroke reuses the rows it can: the same VM in the same group is the same row, a starred one a new row', () => {
  const none = new Set<string>();
  const first = buildItems(vms, 'subscription', none, none);
  const narrowed = buildItems(filterVms(vms, 'vm-a'), 'subscription', none, none);
  const row = (items: ListItem[], name: string) => items.find((i) => i.kind === 'vm' && i.vm.name === name);
  assert.equal(row(narrowed, 'vm-a'), row(first, 'vm-a'));
  const starred = buildItems(vms, 'subscription', new Set([idKey(vms[0]!.id)]), none);
  const again = starred.filter((i) => i.kind === 'vm' && i.vm === vms[0]);
  assert.equal(again.length, 2, 'in Favourites and in its group');
  assert.ok(again.every((i) => i.kind === 'vm' && i.favourite));
  assert.notEqual(row(starred, vms[0]!.name), row(first, vms[0]!.name));
  assert.deepEqual(show(buildItems(vms, 'subscription', none, none)), show(first), 'the rows themselves unchanged');
});
