import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCargoToml } from '../../../src/core/manifests/cargo';
import { assertAt, manifest, names, pkg } from './util';

const text = manifest('cargo', 'Cargo.toml');
const r = parseCargoToml(text);

test('Cargo.toml: every dependency table, with its group; [features] is not read', () => {
  assert.deepEqual(r.errors, []);
  assert.deepEqual(
    r.packages.map((p) => `${p.group} ${p.name} ${p.version ?? '-'}`),
    [
      'dependencies async-openai 0.24.0',
      'dependencies tokio 1.40',
      'optional:dependencies candle-core 0.7.2',
      'dependencies ollama-rs 0.2.1',
      'dependencies reqwest -',
      'dependencies serde -',
      'dependencies llm -',
      'optional:dependencies anthropic-sdk 0.1.5',
      'dev mockito 1.5',
      'build cc 1.1',
      'workspace serde 1.0',
      'target:cfg(target_os = "macos") metal 0.29',
      'target:cfg(unix):dev nix 0.29',
    ],
  );
  assert.ok(!names(r).includes('qwen3'), 'a feature is not a dependency');
  assert.ok(!names(r).includes('local') && !names(r).includes('default'));
});

test('Cargo.toml: positions of keys, renamed crates at their alias key, table form at the header key', () => {
  assert.deepEqual(pkg(r, 'async-openai'), {
    ecosystem: 'cargo',
    name: 'async-openai',
    version: '0.24.0',
    group: 'dependencies',
    line: 13,
    column: 1,
  });
  assertAt(text, pkg(r, 'ollama-rs'), 'ollama = {');
  assertAt(text, pkg(r, 'candle-core'), 'candle-core = {');
  assertAt(text, pkg(r, 'reqwest'), '"reqwest"', 1);
  assertAt(text, pkg(r, 'serde', 'dependencies'), 'serde.workspace');
  assertAt(text, pkg(r, 'serde', 'workspace'), 'serde = {');
  assert.deepEqual([pkg(r, 'anthropic-sdk').line, pkg(r, 'anthropic-sdk').column], [21, 15]);
  assertAt(text, pkg(r, 'metal'), 'metal');
  assertAt(text, pkg(r, 'nix'), 'nix =');
});

test('Cargo.toml: arrays of tables and nested inline tables do not confuse the scanner', () => {
  const t = [
    '[[bin]]',
    'name = "a"',
    '[[bin]]',
    'name = "b"',
    '[dependencies]',
    'x = { version = "1", features = ["a", "b"], nested = { deep = [1, [2, 3]] } }',
    "'y' = '2' # literal",
    'z = """',
    '3"""',
  ].join('\n');
  const res = parseCargoToml(t);
  assert.deepEqual(res.errors, []);
  assert.deepEqual(
    res.packages.map((p) => [p.name, p.version, p.line, p.column]),
    [
      ['x', '1', 6, 1],
      ['y', '2', 7, 2],
      ['z', '3', 8, 1],
    ],
  );
});
