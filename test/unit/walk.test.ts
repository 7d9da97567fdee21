import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nodeFileSystem, type FileSystem } from '../../src/core/fs';
import type { ScanError } from '../../src/core/types';
import { formatSize, isSkippedFileName, walkFiles, weightsKind, type WalkOptions } from '../../src/core/walk';
import { MemFs } from './memfs';

async function walk(fs: FileSystem, root: string, options: Partial<WalkOptions> = {}) {
  const errors: ScanError[] = [];
  const files: string[] = [];
  for await (const f of walkFiles(fs, root, { maxFileSize: 1 << 20, ...options }, (e) => errors.push(e))) {
    files.push(f.relPath);
  }
  return { files, errors };
}

test('order: files of a folder (sorted), then its sub-folders, depth first', async () => {
  const fs = new MemFs({ 'b.py': 'x', 'a.ts': 'x', 'B.md': 'x', 'src/z.go': 'x', 'src/a/x.md': 'x', 'lib/y.rs': 'x' });
  assert.deepEqual((await walk(fs, '/ws')).files, ['B.md', 'a.ts', 'b.py', 'lib/y.rs', 'src/z.go', 'src/a/x.md']);
});

test('skips dependency, virtualenv, VCS and build folders and binary extensions, silently', async () => {
  const fs = new MemFs({
    'app.py': 'x',
    'node_modules/p/index.js': 'x',
    '.git/config': 'x',
    '.venv/lib/x.py': 'x',
    'venv/lib/x.py': 'x',
    'env2/pyvenv.cfg': 'home = /usr',
    'env2/lib/site.py': 'x',
    'lib/python3.12/site-packages/x.py': 'x',
    '__pycache__/m.py': 'x',
    '.tox/x.py': 'x',
    '.mypy_cache/x.json': 'x',
    '.pytest_cache/x': 'x',
    'dist/out.js': 'x',
    'build/out.js': 'x',
    'out/x.js': 'x',
    'target/x.rs': 'x',
    '.next/x.js': 'x',
    'pkg/vendor/x.go': 'x',
    'coverage/x.json': 'x',
    'img.PNG': 'x',
    'weights.safetensors': 'x',
    'model.ggml': 'x',
    'model.onnx': 'x',
    'mod.pyc': 'x',
    'app.min.js': 'x',
    'style.min.css': 'x',
    'app.js.map': 'x',
    'data.parquet': 'x',
    'Dockerfile': 'x',
    '.env': 'x',
  });
  const r = await walk(fs, '/ws');
  assert.deepEqual(r.files, ['.env', 'Dockerfile', 'app.py']);
  assert.deepEqual(r.errors, []);
});

test('GGUF files are yielded as weights, whatever their size, unless ignored or in a skipped folder', async () => {
  const fs = new MemFs({
    '.gitignore': 'private/\nscratch.gguf\n',
    'a.txt': 'x',
    'big.txt': 'x'.repeat(2048),
    'Model.Q4_K_M.GGUF': 'x'.repeat(4096),
    'models/llama-00001-of-00002.gguf': 'x'.repeat(10),
    'models/weights.safetensors': 'x',
    'models/w.bin': 'x',
    'scratch.gguf': 'x',
    'private/p.gguf': 'x',
    'excluded/e.gguf': 'x',
    'node_modules/pkg/n.gguf': 'x',
    'env/pyvenv.cfg': 'home = /usr',
    'env/v.gguf': 'x',
  });
  fs.symlink('/ws/link.gguf', '/outside/linked.gguf');
  fs.file('/outside/linked.gguf', 'x'.repeat(3000));
  const got: string[] = [];
  const errors: ScanError[] = [];
  for await (const f of walkFiles(fs, '/ws', { maxFileSize: 1024, ignore: ['excluded/'] }, (e) => errors.push(e))) {
    got.push(`${f.relPath} ${f.size}${f.weights ? ` ${f.weights}` : ''}`);
  }
  assert.deepEqual(got, ['.gitignore 22', 'Model.Q4_K_M.GGUF 4096 gguf', 'a.txt 1', 'link.gguf 3000 gguf', 'models/llama-00001-of-00002.gguf 10 gguf']);
  assert.deepEqual(errors, [{ path: 'big.txt', message: '2.0 KB exceeds the 1 KB limit; skipped' }], 'no size error for GGUF files');
  // Not stat-ed (the reader threads' mode): still flagged.
  const lazy: string[] = [];
  for await (const f of walkFiles(fs, '/ws', { maxFileSize: 1024, statFiles: false }, () => {})) if (f.weights) lazy.push(`${f.relPath} ${f.size}`);
  assert.deepEqual(lazy, ['Model.Q4_K_M.GGUF -1', 'link.gguf 3000', 'excluded/e.gguf -1', 'models/llama-00001-of-00002.gguf -1']);
  assert.equal(weightsKind('x.gguf'), 'gguf');
  assert.equal(weightsKind('x.gguf.txt'), undefined);
  assert.equal(weightsKind('x.safetensors'), undefined);
  assert.equal(isSkippedFileName('x.gguf'), true, 'still never read as text');
});

test('isSkippedFileName and formatSize', () => {
  assert.equal(isSkippedFileName('x.tar.gz'), true);
  assert.equal(isSkippedFileName('bundle-min.js'), true);
  assert.equal(isSkippedFileName('admin.js'), false);
  assert.equal(isSkippedFileName('.ai-openness.json'), true, 'a policy file names licences and models as rules, not uses');
  assert.equal(isSkippedFileName('.ai-openness.yaml'), true);
  assert.equal(isSkippedFileName('ai-openness.json'), false);
  assert.equal(isSkippedFileName('.bin'), false);
  assert.equal(isSkippedFileName('Makefile'), false);
  assert.equal(formatSize(60 * 1024 * 1024), '60.0 MB');
  assert.equal(formatSize(5 * 1024 * 1024, true), '5 MB');
  assert.equal(formatSize(1536), '1.5 KB');
  assert.equal(formatSize(10), '10 bytes');
});

test('.gitignore at the root and in sub-folders: relative to their folder, negations, folder-only rules', async () => {
  const fs = new MemFs({
    '.gitignore': '*.log\n/build-artifacts/\nsecret.txt\n!keep.log\ndocs/*.md\nlogs/\n# comment\n',
    'a.log': 'x',
    'keep.log': 'x',
    'build-artifacts/x.py': 'x',
    'secret.txt': 'x',
    'logs/today.txt': 'x',
    'sub/logs': 'a file named like a folder-only rule',
    'sub/.gitignore': 'local.txt\n!secret.txt\n/only-here.txt\n',
    'sub/secret.txt': 'x',
    'sub/local.txt': 'x',
    'sub/only-here.txt': 'x',
    'sub/deeper/local.txt': 'x',
    'sub/deeper/only-here.txt': 'x',
    'sub/deeper/build-artifacts/y.py': 'x',
    'docs/a.md': 'x',
    'docs/deep/b.md': 'x',
    'a.ts': 'x',
  });
  const r = await walk(fs, '/ws');
  assert.deepEqual(r.files, [
    '.gitignore',
    'a.ts',
    'keep.log',
    'docs/deep/b.md',
    'sub/.gitignore',
    'sub/logs',
    'sub/secret.txt',
    'sub/deeper/only-here.txt',
    'sub/deeper/build-artifacts/y.py',
  ]);
  // Extra patterns win over .gitignore negations.
  const extra = await walk(fs, '/ws', { ignore: ['*.ts', 'sub/deeper/'] });
  assert.deepEqual(extra.files, ['.gitignore', 'keep.log', 'docs/deep/b.md', 'sub/.gitignore', 'sub/logs', 'sub/secret.txt']);
});

test('files over the size limit are reported, with sizes in words', async () => {
  const fs = new MemFs({ 'big.txt': 'x'.repeat(2048), 'small.txt': 'x' });
  const r = await walk(fs, '/ws', { maxFileSize: 1024 });
  assert.deepEqual(r.files, ['small.txt']);
  assert.deepEqual(r.errors, [{ path: 'big.txt', message: '2.0 KB exceeds the 1 KB limit; skipped' }]);
});

test('symbolic links: followed; loops reported once; a file reached twice is yielded once; broken links reported', async () => {
  const fs = new MemFs({ 'a/f.txt': 'x', 'b/g.txt': 'x', 'q.txt': 'x' }, '/ws');
  fs.file('/outside/lib/x.py', 'x');
  fs.file('/outside/lib/y.py', 'x');
  fs.symlink('/ws/a/loop', '/ws'); // back to the root
  fs.symlink('/ws/b/again', '..'); // the same loop, relative
  fs.symlink('/ws/b/link.txt', '../a/f.txt'); // same file as a/f.txt
  fs.symlink('/ws/b/q-link.txt', '/ws/q.txt');
  fs.symlink('/ws/c', 'a'); // same folder as a
  fs.symlink('/ws/ext', '/outside/lib'); // outside the root: walked
  fs.symlink('/ws/ext2', '/outside/lib'); // same outside folder again: once
  fs.symlink('/ws/z-link.py', '/outside/lib/x.py'); // a file already walked through ext
  fs.symlink('/ws/broken', '/nowhere/file.txt');
  fs.symlink('/ws/self', '/ws/self');
  const r = await walk(fs, '/ws');
  // z-link.py comes first and stands for /outside/lib/x.py, so ext/ yields only y.py.
  assert.deepEqual(r.files, ['q.txt', 'z-link.py', 'a/f.txt', 'b/g.txt', 'ext/y.py']);
  assert.deepEqual(r.errors, [
    { path: 'broken', message: 'broken symbolic link (its target does not exist); skipped' },
    { path: 'self', message: 'symbolic link loop; skipped' },
    { path: 'a/loop', message: "symbolic link loop (points back to the root folder); skipped" },
  ]);
});

test('unreadable folders and files that cannot be stat-ed are reported; the walk goes on', async () => {
  const fs = new MemFs({ 'secret/x.py': 'x', 'open/y.py': 'x', 'z.txt': 'x', 'w.txt': 'x' });
  fs.fail('/ws/secret', 'readDir', 'EACCES');
  fs.fail('/ws/w.txt', 'stat', 'EIO');
  const r = await walk(fs, '/ws');
  assert.deepEqual(r.files, ['z.txt', 'open/y.py']);
  assert.deepEqual(r.errors, [
    { path: 'w.txt', message: 'could not be read (EIO); skipped' },
    { path: 'secret', message: 'cannot list the folder: permission denied; skipped' },
  ]);
  const missing = await walk(new MemFs({}), '/nope');
  assert.deepEqual(missing.errors, [{ path: '.', message: 'the folder does not exist' }]);
});

test('an aborted signal stops the walk', async () => {
  const fs = new MemFs(Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`d${i}/f.txt`, 'x'])));
  const ac = new AbortController();
  const seen: string[] = [];
  await assert.rejects(async () => {
    for await (const f of walkFiles(fs, '/ws', { maxFileSize: 100, signal: ac.signal }, () => {})) {
      seen.push(f.relPath);
      if (seen.length === 3) ac.abort();
    }
  }, /abort/i);
  assert.equal(seen.length, 3);
});

test('real file system: gitignore, skipped folders, symlink loop', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'walk-'));
  try {
    mkdirSync(join(dir, 'src/sub'), { recursive: true });
    mkdirSync(join(dir, 'node_modules/x'), { recursive: true });
    writeFileSync(join(dir, '.gitignore'), 'ignored/\n*.tmp\n');
    mkdirSync(join(dir, 'ignored'));
    writeFileSync(join(dir, 'ignored/a.py'), 'x');
    writeFileSync(join(dir, 'a.tmp'), 'x');
    writeFileSync(join(dir, 'src/main.py'), 'x');
    writeFileSync(join(dir, 'src/sub/util.py'), 'x');
    writeFileSync(join(dir, 'node_modules/x/index.js'), 'x');
    symlinkSync(dir, join(dir, 'src/sub/up'));
    symlinkSync(join(dir, 'missing'), join(dir, 'dangling'));
    const r = await walk(nodeFileSystem(), dir);
    assert.deepEqual(r.files, ['.gitignore', 'src/main.py', 'src/sub/util.py']);
    assert.deepEqual(r.errors, [
      { path: 'dangling', message: 'broken symbolic link (its target does not exist); skipped' },
      { path: 'src/sub/up', message: 'symbolic link loop (points back to the root folder); skipped' },
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
