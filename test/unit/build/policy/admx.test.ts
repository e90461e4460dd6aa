/**
 * The Group Policy template shipped in build/policy: both files well-formed XML, every registry value core reads has
 * exactly one policy writing it with the right type (and nothing else is written), and every string, presentation and
 * element reference resolves — what GPMC would otherwise reject or, worse, show blank.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { POLICY_KEY, REGISTRY_VALUES } from '../../../../electron/core/settings/registry-policy';
import { SettingsSchema } from '../../../../electron/core/settings/schema';
import { allElements, parseXml, type XmlElement } from '../../../fixtures/xml';

const dir = join(import.meta.dirname, '..', '..', '..', '..', 'build', 'policy');
const admxText = readFileSync(join(dir, 'jit-connect.admx'), 'utf8');
const admlText = readFileSync(join(dir, 'en-US', 'jit-connect.adml'), 'utf8');

test('the XML check itself refuses what is not well-formed', () => {
  const bad = [
    '<a><b></a></b>',
    '<a x=1/>',
    '<a x="1" x="2"/>',
    '<a>&nbsp;</a>',
    '<a>fish & chips</a>',
    '<a/><b/>',
    '<a>',
    '<a><!-- x -- y --></a>',
    '<a x="<"/>',
  ];
  for (const xml of bad) assert.throws(() => parseXml(xml), Error, xml);
  const ok = parseXml('<?xml version="1.0"?>\n<!-- c --><a k=\'v &amp; w\'><b>x &lt; y &#x41;</b><c/></a>\n');
  assert.equal(ok.attrs.k, 'v & w');
  assert.equal(ok.children[0]!.text, 'x < y A');
});

const admx = parseXml(admxText);
const adml = parseXml(admlText);
const policies = allElements(admx).filter((e) => e.name === 'policy');

/** The value names a policy writes, with the ADMX kind of each. */
function written(p: XmlElement): Array<{ valueName: string; kind: string }> {
  const out: Array<{ valueName: string; kind: string }> = [];
  if (p.attrs.valueName) out.push({ valueName: p.attrs.valueName, kind: 'boolean' });
  const elements = p.children.find((c) => c.name === 'elements');
  for (const e of elements?.children ?? []) out.push({ valueName: e.attrs.valueName!, kind: e.name });
  return out;
}

test('both templates are well-formed, in the Group Policy namespace', () => {
  assert.equal(admx.name, 'policyDefinitions');
  assert.equal(adml.name, 'policyDefinitionResources');
  for (const root of [admx, adml])
    assert.equal(root.attrs.xmlns, 'http://schemas.microsoft.com/GroupPolicy/2006/07/PolicyDefinitions');
});

test('every registry value core reads has one policy with the right type, and the template writes nothing else', () => {
  const kinds: Record<string, string[]> = {
    string: ['text', 'enum'],
    list: ['multiText'],
    boolean: ['boolean'],
    number: ['decimal'],
  };
  const all = policies.flatMap(written);
  for (const [name, { kind }] of Object.entries(REGISTRY_VALUES)) {
    const found = all.filter((w) => w.valueName === name);
    assert.equal(found.length, 1, `${name}: one policy writes it`);
    assert.ok(kinds[kind]!.includes(found[0]!.kind), `${name}: ${found[0]!.kind} writes a ${kind}`);
  }
  for (const w of all) assert.ok(w.valueName in REGISTRY_VALUES, `${w.valueName} is read by core`);
  for (const p of policies) {
    assert.equal(p.attrs.key, POLICY_KEY, `${p.attrs.name} writes under the key core reads`);
    assert.equal(p.attrs.class, 'Both', `${p.attrs.name}: machine (HKLM) and user (HKCU)`);
  }
  // Booleans write DWORD 1 when enabled and 0 when disabled.
  for (const p of policies.filter((x) => x.attrs.valueName)) {
    const value = (tag: string) => p.children.find((c) => c.name === tag)?.children[0]?.attrs.value;
    assert.deepEqual([value('enabledValue'), value('disabledValue')], ['1', '0'], p.attrs.name);
  }
});

test('enum items are values the settings accept', () => {
  for (const e of allElements(admx).filter((x) => x.name === 'enum')) {
    const key = REGISTRY_VALUES[e.attrs.valueName!]!.key;
    for (const item of e.children) {
      const value = allElements(item).find((x) => x.name === 'string')!.text;
      assert.ok(SettingsSchema.shape[key].safeParse(value).success, `${e.attrs.valueName}: ${value}`);
    }
  }
});

test('every string and presentation the ADMX names is in the ADML, and every box refers to its element', () => {
  const strings = new Set(
    allElements(adml)
      .filter((e) => e.name === 'string')
      .map((e) => e.attrs.id),
  );
  const presentations = new Map(
    allElements(adml)
      .filter((e) => e.name === 'presentation')
      .map((e) => [e.attrs.id!, e]),
  );
  for (const ref of admxText.matchAll(/\$\(string\.([^)]+)\)/g)) assert.ok(strings.has(ref[1]), `string ${ref[1]}`);
  for (const s of allElements(adml).filter((e) => e.name === 'string'))
    assert.ok(s.text.length > 0, `string ${s.attrs.id} is not empty`);
  for (const p of policies) {
    const ids = (p.children.find((c) => c.name === 'elements')?.children ?? []).map((e) => e.attrs.id);
    const ref = /^\$\(presentation\.(.+)\)$/.exec(p.attrs.presentation ?? '')?.[1];
    if (!ids.length) {
      assert.equal(ref, undefined, `${p.attrs.name} has no elements to present`);
      continue;
    }
    const pres = presentations.get(ref ?? '');
    assert.ok(pres, `${p.attrs.name}: presentation ${ref}`);
    assert.deepEqual(
      pres.children.filter((c) => c.name !== 'text').map((c) => c.attrs.refId),
      ids,
      `${p.attrs.name}: the boxes refer to its elements`,
    );
  }
});
