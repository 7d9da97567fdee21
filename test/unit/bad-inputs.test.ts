import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/cli/run';

/** A workspace full of bad inputs, next to one good file: every problem is reported by path, the scan still
 * finds the good file's model and the CLI exits 0. (Unreadable files are covered with the in-memory file system,
 * since tests run as root, where chmod cannot make a file unreadable.) */
test('bad inputs each give an errors entry naming the file; the scan completes with exit 0', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'aio-bad-'));
  try {
    writeFileSync(join(dir, 'package.json'), '{ "dependencies": { "openai": "^4" ');
    writeFileSync(join(dir, 'pyproject.toml'), '[project]\ndependencies = ["anthropic"\nname = \n');
    writeFileSync(join(dir, 'environment.yml'), 'dependencies:\n  - pip:\n    - openai\n  bad: [unclosed\n');
    writeFileSync(join(dir, 'Cargo.toml'), '[dependencies\nasync-openai = "0.25"\n');
    writeFileSync(join(dir, 'pom.xml'), '<project><dependencies><dependency><groupId>x</groupId>');
    writeFileSync(join(dir, 'blob.txt'), Buffer.from([0x6c, 0x6c, 0x61, 0x00, 0x01, 0x02, 0xff]));
    writeFileSync(join(dir, 'latin1.py'), Buffer.concat([Buffer.from('# caf'), Buffer.from([0xe9]), Buffer.from('\nMODEL = "meta-llama/Meta-Llama-3-8B"\n')]));
    writeFileSync(join(dir, 'huge.log'), Buffer.alloc(60 * 1024 * 1024, 0x61));
    mkdirSync(join(dir, 'loop'));
    symlinkSync(join(dir, 'loop'), join(dir, 'loop', 'again'));
    writeFileSync(join(dir, 'good.py'), 'MODEL = "meta-llama/Meta-Llama-3-8B-Instruct"\n');

    let out = '';
    const code = await runCli(['scan', dir, '--format', 'json'], {
      stdout: (t) => void (out += t),
      stderr: () => undefined,
      env: {},
      cwd: dir,
      isTTY: false,
    });
    assert.equal(code, 0);
    const result = JSON.parse(out);
    const byPath = new Map<string, string[]>();
    for (const e of result.errors) byPath.set(e.path, [...(byPath.get(e.path) ?? []), e.message]);
    for (const path of ['package.json', 'pyproject.toml', 'environment.yml', 'Cargo.toml', 'pom.xml', 'blob.txt', 'latin1.py', 'huge.log']) {
      assert.ok(byPath.has(path), `no error reported for ${path}; errors: ${JSON.stringify(result.errors)}`);
    }
    assert.match(byPath.get('huge.log')!.join(' '), /60(\.0)? MB/);
    assert.match(byPath.get('blob.txt')!.join(' '), /binary/i);
    assert.match(byPath.get('latin1.py')!.join(' '), /UTF-8/);
    assert.ok([...byPath.keys()].some((p) => p.startsWith('loop')), 'symlink loop reported');
    assert.ok(byPath.get('package.json')!.join(' ').length > 10);
    const names = result.findings.map((f: { name: string }) => f.name);
    assert.ok(names.includes('meta-llama/Meta-Llama-3-8B-Instruct'), 'the good file is still scanned');
    assert.ok(names.includes('meta-llama/Meta-Llama-3-8B'), 'a Latin-1 file is still scanned');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
