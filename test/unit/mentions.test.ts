import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundledCatalog } from '../../src/core/catalog/index';
import { nodeFileSystem, type FileSystem } from '../../src/core/fs';
import { ModelMatcher } from '../../src/core/matcher';
import { collectMentions, type Mention, type MentionOptions } from '../../src/core/mentions';
import { isLockfile } from '../../src/core/walk';
import { TEST_CATALOG } from '../fixtures/matcher/catalog';
import { MemFs } from './memfs';

const matcher = ModelMatcher.compile(TEST_CATALOG);

function run(fs: FileSystem, root = '/ws', options: Partial<MentionOptions> = {}) {
  return collectMentions(root, { fs, matcher, maxFileSize: 1 << 20, ...options });
}

/** `path:line:column[#cell] name → id` for model mentions. */
function models(mentions: readonly Mention[]): string[] {
  return mentions.flatMap((m) =>
    m.kind === 'model'
      ? [`${m.location.path}:${m.location.line}:${m.location.column}${m.location.cell ? `#${m.location.cell}` : ''} ${m.name} → ${m.modelId}`]
      : [],
  );
}

test('model ids in any text file: code, .env, Dockerfile, docker-compose, Modelfile, markdown', async () => {
  const fs = new MemFs({
    'app.py': 'import os\nMODEL = "meta-llama/Meta-Llama-3-8B-Instruct"\n',
    '.env': 'OPENAI_MODEL=gpt-4o\n',
    Dockerfile: 'FROM python:3.12\nENV MODEL=llama3:8b\n',
    'docker-compose.yml': 'services:\n  app:\n    environment:\n      MODEL: openai/gpt-4o-mini\n',
    Modelfile: 'FROM llama3.2\nPARAMETER temperature 0.3\n',
    'README.md': '# Demo\nUses `Qwen/Qwen3-8B` (see https://huggingface.co/Qwen/Qwen3-8B).\n',
  });
  const r = await run(fs);
  assert.deepEqual(models(r.mentions), [
    '.env:1:14 gpt-4o → gpt-4o',
    'Dockerfile:2:11 llama3:8b → meta-llama/Meta-Llama-3-8B',
    'Modelfile:1:6 llama3.2 → meta-llama/Llama-3.2-3B',
    'README.md:2:7 Qwen/Qwen3-8B → Qwen/Qwen3-8B',
    'README.md:2:50 Qwen/Qwen3-8B → Qwen/Qwen3-8B',
    'app.py:2:10 meta-llama/Meta-Llama-3-8B-Instruct → meta-llama/Meta-Llama-3-8B',
    'docker-compose.yml:4:14 openai/gpt-4o-mini → gpt-4o',
  ]);
  assert.deepEqual(r.errors, []);
  assert.equal(r.filesScanned, 6);
  assert.equal(r.bytesScanned, [...Object.values({
    a: 'import os\nMODEL = "meta-llama/Meta-Llama-3-8B-Instruct"\n',
    b: 'OPENAI_MODEL=gpt-4o\n',
    c: 'FROM python:3.12\nENV MODEL=llama3:8b\n',
    d: 'services:\n  app:\n    environment:\n      MODEL: openai/gpt-4o-mini\n',
    e: 'FROM llama3.2\nPARAMETER temperature 0.3\n',
    f: '# Demo\nUses `Qwen/Qwen3-8B` (see https://huggingface.co/Qwen/Qwen3-8B).\n',
  })].reduce((n, s) => n + s.length, 0));
});

test('binary content with a text extension is an error; invalid UTF-8 is a warning and still scanned', async () => {
  const fs = new MemFs({
    'data.txt': new Uint8Array([0x6c, 0x6c, 0x61, 0x6d, 0x61, 0x00, 0x01]),
    'legacy.py': new Uint8Array([...Buffer.from('# caf'), 0xe9, ...Buffer.from('\nm = "llama3"\n')]),
    'utf16.txt': new Uint8Array([0xff, 0xfe, ...Buffer.from('x\r\nuse gpt-4o', 'utf16le')]),
  });
  const r = await run(fs);
  assert.deepEqual(r.errors, [
    { path: 'data.txt', message: 'looks binary (NUL byte at offset 5); skipped' },
    { path: 'legacy.py', message: 'not valid UTF-8 (first bad byte at offset 5); read as Latin-1' },
  ]);
  assert.deepEqual(models(r.mentions), [
    'legacy.py:2:6 llama3 → meta-llama/Meta-Llama-3-8B',
    'utf16.txt:2:5 gpt-4o → gpt-4o',
  ]);
  assert.equal(r.filesScanned, 2);
});

test('lockfiles are not even read; manifests are parsed, not model-matched', async () => {
  const fs = new MemFs({
    'package-lock.json': '{"packages": {"node_modules/llama3": {}}, "x": "gpt-4o"}',
    'yarn.lock': 'gpt-4o',
    'Cargo.lock': 'name = "qwen3"',
    'poetry.lock': 'llama3',
    'go.sum': 'github.com/x/gpt-4o v1',
    'Cargo.toml': '[package]\nname = "app"\nversion = "0.1.0"\n\n[features]\nqwen3 = []\nllama3 = []\n\n[dependencies]\ncandle-core = { version = "0.8", features = ["qwen3"] }\n',
    'src/main.rs': '#[cfg(feature = "qwen3")]\nfn load() { let m = "gpt-4o"; }\n',
  });
  const r = await run(fs);
  assert.deepEqual(fs.reads.sort(), ['/ws/Cargo.toml', '/ws/src/main.rs']);
  assert.deepEqual(models(r.mentions), ['src/main.rs:2:22 gpt-4o → gpt-4o']);
  assert.ok(!r.mentions.some((m) => m.location.path === 'Cargo.toml' && m.kind === 'model'));
  assert.equal(isLockfile('Gemfile.lock'), true);
  assert.equal(isLockfile('pnpm-lock.yaml'), true);
  assert.equal(isLockfile('package.json'), false);
});

test('package mentions carry the manifest location', async () => {
  const fs = new MemFs({ 'web/package.json': '{\n  "dependencies": {\n    "openai": "^4.0.0"\n  }\n}\n' });
  const r = await run(fs);
  const pkgs = r.mentions.filter((m) => m.kind === 'package');
  assert.equal(pkgs.length, 1);
  const m = pkgs[0]!;
  assert.ok(m.kind === 'package');
  assert.equal(m.pkg.name, 'openai');
  assert.deepEqual(m.location, { path: 'web/package.json', line: m.pkg.line, column: m.pkg.column });
  assert.equal(m.location.line, 3);
});

test('requirements includes: resolved relative to the file, parsed once, a missing one is an error', async () => {
  const fs = new MemFs({
    'requirements.txt': '-r base.txt\n-r requirements-dev.txt\n-c constraints/pins.txt\n-r missing.txt\nopenai\n',
    'requirements-dev.txt': '-r base.txt\npytest\n',
    'base.txt': 'anthropic\n',
    'constraints/pins.txt': 'anthropic==0.39.0\n-r ../base.txt\n',
    'svc/requirements.txt': '-r ../base.txt\nollama\n',
  });
  const r = await run(fs);
  const pkgs = r.mentions.flatMap((m) => (m.kind === 'package' ? [`${m.location.path}:${m.pkg.name}`] : []));
  assert.deepEqual(pkgs.sort(), [
    'base.txt:anthropic',
    'constraints/pins.txt:anthropic',
    'requirements-dev.txt:pytest',
    'requirements.txt:openai',
    'svc/requirements.txt:ollama',
  ]);
  assert.deepEqual(r.errors, [{ path: 'requirements.txt', message: "includes 'missing.txt', which does not exist" }]);
  const reads = fs.reads.filter((p) => p.endsWith('requirements-dev.txt'));
  assert.equal(reads.length, 1, 'requirements-dev.txt parsed once');
});

test('notebooks: hits carry the cell; invalid JSON is reported and the raw text still matched', async () => {
  const nb = JSON.stringify(
    {
      cells: [
        { cell_type: 'markdown', metadata: {}, source: ['# Compare\n', 'Qwen with the others.'] },
        {
          cell_type: 'code',
          metadata: {},
          outputs: [],
          source: ['from transformers import pipeline\n', 'chat = pipeline("text-generation", model="Qwen/Qwen3-8B")\n', 'print("\\nllama3")'],
        },
      ],
      metadata: { kernelspec: { name: 'python3' } },
      nbformat: 4,
      nbformat_minor: 5,
    },
    null,
    1,
  );
  const fs = new MemFs({ 'nb.ipynb': nb, 'broken.ipynb': '{"cells": [ {"source": ["gpt-4o"]} \n' });
  const r = await run(fs);
  const lineOf = (needle: string) => nb.slice(0, nb.indexOf(needle)).split('\n').length;
  const colOf = (needle: string) => nb.indexOf(needle) - nb.lastIndexOf('\n', nb.indexOf(needle));
  assert.deepEqual(models(r.mentions), [
    `broken.ipynb:1:${'{"cells": [ {"source": ["'.length + 1} gpt-4o → gpt-4o`,
    `nb.ipynb:${lineOf('Qwen/Qwen3-8B')}:${colOf('Qwen/Qwen3-8B')}#2 Qwen/Qwen3-8B → Qwen/Qwen3-8B`,
    `nb.ipynb:${lineOf('llama3')}:${colOf('llama3')}#2 llama3 → meta-llama/Meta-Llama-3-8B`,
  ]);
  assert.deepEqual(r.errors, [{ path: 'broken.ipynb', message: 'invalid notebook JSON at line 2; matched as plain text' }]);
});

test('unreadable files are reported; errors never stop the scan; results do not depend on concurrency', async () => {
  const files: Record<string, string> = { 'locked.py': 'm = "gpt-4o"' };
  for (let i = 0; i < 40; i++) files[`pkg${i % 7}/f${i}.py`] = `x = ${i}\nm = "${i % 2 ? 'gpt-4o' : 'llama3:8b'}"\n`;
  const fs = new MemFs(files);
  fs.fail('/ws/locked.py', 'readFile', 'EACCES');
  fs.fail('/ws/pkg3', 'readDir', 'EACCES');
  const progress: number[] = [];
  const one = await run(fs, '/ws', { concurrency: 1, onProgress: (n) => progress.push(n) });
  const many = await run(fs, '/ws', { concurrency: 8 });
  assert.deepEqual(one, many);
  assert.deepEqual(one.errors, [
    { path: 'locked.py', message: 'permission denied; skipped' },
    { path: 'pkg3', message: 'cannot list the folder: permission denied; skipped' },
  ]);
  assert.equal(one.filesScanned, 40 - 6);
  assert.equal(models(one.mentions).length, 34);
  assert.deepEqual(progress, Array.from({ length: 34 }, (_, i) => i + 1));
});

test('an aborted signal rejects promptly', async () => {
  const fs = new MemFs(Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`d${i}/f.py`, 'llama3'])));
  const ac = new AbortController();
  const p = run(fs, '/ws', { signal: ac.signal, onProgress: (n) => n === 5 && ac.abort() });
  await assert.rejects(p, /abort/i);
  assert.ok(fs.reads.length < 200);
  const pre = new AbortController();
  pre.abort();
  await assert.rejects(run(new MemFs({ 'a.py': 'x' }), '/ws', { signal: pre.signal }), /abort/i);
});

test('real file system: 60 MB file over the limit, binary .txt, Latin-1, bundled catalog', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mentions-'));
  try {
    writeFileSync(join(dir, 'huge.txt'), Buffer.alloc(60 * 1024 * 1024, 0x61));
    writeFileSync(join(dir, 'blob.txt'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]));
    writeFileSync(join(dir, 'old.md'), Buffer.from([...Buffer.from('Caf'), 0xe9, ...Buffer.from(' uses Meta-Llama-3-8B-Instruct\n')]));
    writeFileSync(join(dir, 'app.py'), 'MODEL = "meta-llama/Meta-Llama-3-8B-Instruct"\nOLLAMA = "llama3:8b"\n');
    const r = await collectMentions(dir, {
      fs: nodeFileSystem(),
      matcher: ModelMatcher.compile(bundledCatalog()),
      maxFileSize: 5 * 1024 * 1024,
    });
    assert.deepEqual(r.errors, [
      { path: 'blob.txt', message: 'looks binary (NUL byte at offset 4); skipped' },
      { path: 'huge.txt', message: '60.0 MB exceeds the 5 MB limit; skipped' },
      { path: 'old.md', message: 'not valid UTF-8 (first bad byte at offset 3); read as Latin-1' },
    ]);
    assert.deepEqual(models(r.mentions), [
      'app.py:1:10 meta-llama/Meta-Llama-3-8B-Instruct → meta-llama/Meta-Llama-3-8B',
      'app.py:2:11 llama3:8b → meta-llama/Meta-Llama-3-8B',
      'old.md:1:11 Meta-Llama-3-8B-Instruct → meta-llama/Meta-Llama-3-8B',
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('worker threads give the same answer as the calling thread', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mentions-workers-'));
  try {
    const put = (rel: string, content: string | Uint8Array) => {
      mkdirSync(join(dir, rel, '..'), { recursive: true });
      writeFileSync(join(dir, rel), content);
    };
    const nb = (source: string[]) =>
      JSON.stringify({ cells: [{ cell_type: 'code', metadata: {}, outputs: [], source }], metadata: {}, nbformat: 4, nbformat_minor: 5 }, null, 1);
    put('app.py', 'MODEL = "gpt-4o"\nLOCAL = "llama3:8b"\nx = "value55 cache53 phi"\n');
    put('src/big.txt', 'gpt-4o '.repeat(5000));
    put('src/long.ts', `${'const x = 1; // filler e5 o1\n'.repeat(300)}const m = 'openai/gpt-4o';\n`);
    put('blob.txt', Buffer.from([0x61, 0x00, 0x62]));
    put('legacy.md', Buffer.from([...Buffer.from('caf'), 0xe9, ...Buffer.from(' llama3\n')]));
    put('wide.txt', Buffer.from([0xff, 0xfe, ...Buffer.from('use gpt-4o', 'utf16le')]));
    put('\ufeffbom.py', Buffer.from('\ufeffm = "Qwen/Qwen3-8B"\n'));
    put('nb/hit.ipynb', nb(['import x\n', 'm = "llama3"']));
    put('nb/none.ipynb', nb(['import x\n', 'value55 = 1']));
    put('nb/bad.ipynb', '{"cells": [ "gpt-4o" \n');
    put('requirements.txt', '-r base.txt\n-r nope.txt\nopenai\n');
    put('base.txt', 'anthropic\n');
    put('package-lock.json', '{"x": "gpt-4o"}');
    put('Cargo.toml', '[package]\nname = "x"\nversion = "0.1.0"\n[features]\nqwen3 = []\n');
    const run2 = (workers: number) =>
      collectMentions(dir, { fs: nodeFileSystem(), matcher, maxFileSize: 20 * 1024, workers, concurrency: 4 });
    const inProcess = await run2(0);
    const withWorkers = await run2(2);
    assert.deepEqual(withWorkers, inProcess);
    assert.deepEqual(await run2(1), inProcess);
    assert.deepEqual(models(inProcess.mentions), [
      'app.py:1:10 gpt-4o → gpt-4o',
      'app.py:2:10 llama3:8b → meta-llama/Meta-Llama-3-8B',
      'legacy.md:1:6 llama3 → meta-llama/Meta-Llama-3-8B',
      'wide.txt:1:5 gpt-4o → gpt-4o',
      '\ufeffbom.py:1:6 Qwen/Qwen3-8B → Qwen/Qwen3-8B',
      'nb/bad.ipynb:1:14 gpt-4o → gpt-4o',
      'nb/hit.ipynb:9:12#1 llama3 → meta-llama/Meta-Llama-3-8B',
      'src/long.ts:301:12 openai/gpt-4o → gpt-4o',
    ]);
    assert.deepEqual(inProcess.errors, [
      { path: 'blob.txt', message: 'looks binary (NUL byte at offset 1); skipped' },
      { path: 'legacy.md', message: 'not valid UTF-8 (first bad byte at offset 3); read as Latin-1' },
      { path: 'requirements.txt', message: "includes 'nope.txt', which does not exist" },
      { path: 'nb/bad.ipynb', message: 'invalid notebook JSON at line 2; matched as plain text' },
      { path: 'src/big.txt', message: '34.2 KB exceeds the 20 KB limit; skipped' },
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('worker threads: large files with ids come back in parts, same answer', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mentions-large-'));
  try {
    const filler = Buffer.alloc(6 * 1024 * 1024, 'x = 1 # value55\n');
    for (let i = 0; i < 5; i++) writeFileSync(join(dir, `f${i}.py`), Buffer.concat([filler, Buffer.from(`m = "gpt-4o"\n`)]));
    writeFileSync(join(dir, 'small.py'), 'm = "llama3"\n');
    const run2 = (workers: number) =>
      collectMentions(dir, { fs: nodeFileSystem(), matcher, maxFileSize: 8 * 1024 * 1024, workers });
    const one = await run2(0);
    const two = await run2(2);
    assert.deepEqual(two, one);
    assert.equal(models(one.mentions).length, 6);
    assert.equal(one.filesScanned, 6);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('worker threads: an aborted signal rejects promptly', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mentions-abort-'));
  try {
    for (let i = 0; i < 400; i++) writeFileSync(join(dir, `f${i}.py`), `m = "llama3"\n`);
    const ac = new AbortController();
    const p = collectMentions(dir, {
      fs: nodeFileSystem(),
      matcher,
      maxFileSize: 1 << 20,
      workers: 2,
      signal: ac.signal,
      onProgress: (n) => n === 5 && ac.abort(),
    });
    await assert.rejects(p, /abort/i);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
