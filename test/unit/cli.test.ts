import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCliCaptured as cli } from './cliRunner';
import { fixture, repoRoot } from './helpers';

test('--help and --version exit 0', async () => {
  const help = await cli(['--help']);
  assert.equal(help.code, 0);
  assert.match(help.out, /Usage: ai-openness <command>/);
  const version = await cli(['--version']);
  assert.equal(version.code, 0);
  assert.equal(version.out.trim(), JSON.parse(readFileSync(join(repoRoot(), 'package.json'), 'utf8')).version);
  assert.equal((await cli([])).code, 0, 'no command prints help');
});

test('usage errors exit 2 with a message on stderr', async () => {
  for (const argv of [
    ['frobnicate'],
    ['scan', '--format', 'xml'],
    ['scan', 'a', 'b'],
    ['scan', '--bogus'],
    ['scan', '--max-file-size', 'huge'],
    ['lookup'],
    ['lookup', 'gpt-4o', '--output', 'x'],
    ['catalog', 'extra'],
    ['scan', join(repoRoot(), 'no-such-folder')],
  ]) {
    const r = await cli(argv);
    assert.equal(r.code, 2, argv.join(' '));
    assert.match(r.err, /^ai-openness: /, argv.join(' '));
    assert.equal(r.out, '', argv.join(' '));
  }
});

test('scan --format json has the documented shape and relative, 1-based locations', async () => {
  const r = await cli(['scan', fixture('workspace'), '--format', 'json']);
  assert.equal(r.code, 0, r.err);
  const json = JSON.parse(r.out);
  assert.equal(json.root, fixture('workspace'));
  assert.ok(Array.isArray(json.findings) && json.findings.length > 0);
  assert.ok(Array.isArray(json.errors));
  for (const k of ['filesScanned', 'bytesScanned', 'findings', 'models', 'packages', 'byAccess', 'byLevel', 'errors', 'durationMs']) {
    assert.ok(k in json.summary, `summary.${k}`);
  }
  for (const f of json.findings) {
    assert.ok(f.kind === 'model' || f.kind === 'package');
    assert.equal(typeof f.name, 'string');
    assert.equal(typeof f.id, 'string');
    assert.equal(f.source, 'catalog');
    assert.ok(['api', 'self-hostable', 'framework', 'hub'].includes(f.access), f.access);
    assert.ok(f.openness.reasons.length > 0);
    for (const key of ['id', 'name', 'url']) assert.equal(typeof f.license[key], 'string');
    for (const l of f.locations) {
      assert.ok(!l.path.startsWith('/') && !l.path.includes('\\'), l.path);
      assert.ok(l.line >= 1 && l.column >= 1);
    }
  }
  const llama = json.findings.find((f: { name: string }) => f.name === 'meta-llama/Meta-Llama-3-8B-Instruct');
  assert.deepEqual(llama.locations, [{ path: 'src/main.py', line: 3, column: 10 }]);
  assert.equal(llama.openness.level, 'restricted-weights');
  assert.equal(llama.openness.osaid, 'no');
  assert.match(llama.openness.reasons.join(' '), /700 million/);
});

test('scan table fits 80 columns; colour only on a terminal and never with NO_COLOR', async () => {
  const plain = await cli(['scan', fixture('workspace')]);
  assert.equal(plain.code, 0);
  for (const line of plain.out.split('\n')) assert.ok([...line].length <= 80, `too wide: ${line}`);
  assert.doesNotMatch(plain.out, /\u001b\[/);
  const tty = await cli(['scan', fixture('workspace')], { isTTY: true });
  assert.match(tty.out, /\u001b\[/);
  const noColor = await cli(['scan', fixture('workspace')], { isTTY: true, env: { NO_COLOR: '1' } });
  assert.doesNotMatch(noColor.out, /\u001b\[/);
});

test('scan --output writes the file; an unwritable output is an I/O error (exit 2)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'aio-cli-'));
  try {
    const file = join(dir, 'report.md');
    const r = await cli(['scan', fixture('workspace'), '--format', 'markdown', '--output', file]);
    assert.equal(r.code, 0, r.err);
    assert.equal(r.out, '');
    assert.match(readFileSync(file, 'utf8'), /^# AI Openness report/);
    const bad = await cli(['scan', fixture('workspace'), '--output', join(dir, 'missing-dir', 'x.txt')]);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /missing-dir/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('lookup: a known id exits 0 with its card; an unknown one exits 1', async () => {
  const known = await cli(['lookup', 'meta-llama/Meta-Llama-3-8B-Instruct']);
  assert.equal(known.code, 0, known.err);
  assert.match(known.out, /Llama 3/);
  assert.match(known.out, /not an OSI-approved licence/);
  const json = await cli(['lookup', 'llama3:8b', '--format', 'json']);
  assert.equal(json.code, 0);
  const parsed = JSON.parse(json.out);
  assert.equal(parsed.query, 'llama3:8b');
  assert.equal(parsed.results[0].kind, 'model');
  const unknown = await cli(['lookup', 'definitely-not-a-model-xyz']);
  assert.equal(unknown.code, 1);
  assert.match(unknown.out, /not in the catalog/);
});

test('catalog --format json lists models, packages and licences, each with a source', async () => {
  const r = await cli(['catalog', '--format', 'json']);
  assert.equal(r.code, 0);
  const c = JSON.parse(r.out);
  for (const key of ['models', 'packages', 'licenses']) {
    assert.ok(c[key].length > 0, key);
    for (const e of c[key]) assert.ok(e.source?.url && /^\d{4}-\d{2}-\d{2}$/.test(e.source.checked), `${key}: ${e.id ?? e.name}`);
  }
  const table = await cli(['catalog']);
  assert.equal(table.code, 0);
  assert.match(table.out, /^Models \(\d+\)/);
});

test('--help fits 80 columns', async () => {
  const help = await cli(['--help']);
  for (const line of help.out.split('\n')) assert.ok([...line].length <= 80, `too wide: ${line}`);
});
