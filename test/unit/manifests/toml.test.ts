import { test } from 'node:test';
import assert from 'node:assert/strict';
import type * as SmolToml from 'smol-toml' with { 'resolution-mode': 'import' };
import { readToml, type TomlValue } from '../../../src/core/manifests/toml';
import { manifest } from './util';

// smol-toml is an ES module; see src/core/manifests/toml.ts.
const { parse } = require('smol-toml') as typeof SmolToml;

/** The scanner's tree as plain data; numbers, booleans and dates become '<other>'. */
function plain(v: TomlValue): unknown {
  if (v.kind === 'string') return v.value;
  if (v.kind === 'other') return '<other>';
  if (v.kind === 'array') return v.items.map(plain);
  return Object.fromEntries([...v.entries.values()].map((e) => [e.key, plain(e.value)]));
}

/** smol-toml's result in the same shape. */
function normalised(v: unknown): unknown {
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return v.map(normalised);
  if (v !== null && typeof v === 'object' && !(v instanceof Date)) {
    return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, normalised(x)]));
  }
  return '<other>';
}

const SAMPLES: [string, string][] = [
  ['pyproject', manifest('python', 'pyproject.toml')],
  ['poetry', manifest('python', 'poetry.toml')],
  ['Pipfile', manifest('python', 'Pipfile')],
  ['Cargo', manifest('cargo', 'Cargo.toml')],
  [
    'edge cases',
    [
      'title = "a \\"quoted\\" \\u00e9 # not a comment"',
      "lit = 'C:\\path'",
      'ml = """',
      'line one \\',
      '   still one"""',
      "mll = '''",
      "raw ''line'''",
      'date = 1979-05-27 07:32:00Z',
      'nums = [1, 2.5, -3, inf, true]',
      '"quoted.key" = 1',
      'a . b . c = "dotted"',
      '[x.y]',
      'z = { p = "q", r = { s = ["t", { u = "v" }] } }',
      '[[arr]]',
      'k = 1',
      '[[arr]]',
      'k = 2',
      '[arr.sub]',
      'deep = "yes"',
      '[  spaced . "header"  ] # comment [',
      'v = [ # c',
      '  "w", # c ]',
      ']',
    ].join('\n'),
  ],
];

test('the position-keeping TOML scanner builds the same tree as smol-toml', () => {
  for (const [label, text] of SAMPLES) {
    const doc = readToml(text);
    assert.equal(doc.error, undefined, label);
    assert.deepEqual(plain(doc.root), normalised(parse(text)), label);
  }
});

test('keys keep the offset of their first character (inside quotes), headers keep theirs', () => {
  const text = 'a = 1\n"b c" = 2\n[t . "u"]\nv.w = 3\n';
  const doc = readToml(text);
  const at = (o: number) => doc.lines.at(o);
  assert.deepEqual(at(doc.root.entries.get('a')?.keyOffset ?? -1), { line: 1, column: 1 });
  assert.deepEqual(at(doc.root.entries.get('b c')?.keyOffset ?? -1), { line: 2, column: 2 });
  const t = doc.root.entries.get('t');
  assert.deepEqual(at(t?.keyOffset ?? -1), { line: 3, column: 2 });
  const u = t?.value.kind === 'table' ? t.value.entries.get('u') : undefined;
  assert.deepEqual(at(u?.keyOffset ?? -1), { line: 3, column: 7 });
  const v = u?.value.kind === 'table' ? u.value.entries.get('v') : undefined;
  assert.deepEqual(at(v?.keyOffset ?? -1), { line: 4, column: 1 });
});
