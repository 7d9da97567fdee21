import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { repoRoot } from './helpers';

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? tsFiles(join(dir, d.name)) : d.name.endsWith('.ts') ? [join(dir, d.name)] : [],
  );
}

const VSCODE_IMPORT = /(?:from\s*|import\s*\(\s*|require\s*\(\s*|import\s+)['"]vscode['"]/;

test('nothing under src/core imports vscode', () => {
  const core = join(repoRoot(), 'src', 'core');
  const files = tsFiles(core);
  assert.ok(files.length > 5, 'src/core has source files');
  const offenders = files.filter((f) => VSCODE_IMPORT.test(readFileSync(f, 'utf8'))).map((f) => relative(repoRoot(), f));
  assert.deepEqual(offenders, []);
});

test('the vscode-import check itself recognises every import form', () => {
  for (const line of [`import * as vscode from 'vscode';`, `import { window } from "vscode"`, `const v = require('vscode')`, `await import('vscode')`, `import 'vscode';`]) {
    assert.ok(VSCODE_IMPORT.test(line), line);
  }
  assert.ok(!VSCODE_IMPORT.test(`import { x } from './vscode-like';`));
});

test('no source file is over 400 lines', () => {
  const long = tsFiles(join(repoRoot(), 'src'))
    .map((f) => ({ f: relative(repoRoot(), f), n: readFileSync(f, 'utf8').split('\n').length }))
    .filter((x) => x.n > 400);
  assert.deepEqual(long, []);
});
