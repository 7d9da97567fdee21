import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePackageJson } from '../../../src/core/manifests/npm';
import { assertAt, manifest, names, pkg } from './util';

const text = manifest('npm', 'package.json');
const result = parsePackageJson(text);

test('package.json: all four dependency groups, in file order, nothing from scripts', () => {
  assert.deepEqual(result.errors, []);
  assert.deepEqual(names(result), [
    'openai',
    '@anthropic-ai/sdk',
    'langchain',
    '@langchain/openai',
    'ollama',
    'react',
    'typescript',
    'vitest',
    'ai',
    'node-llama-cpp',
  ]);
  assert.deepEqual(pkg(result, 'typescript').group, 'devDependencies');
  assert.deepEqual(pkg(result, 'ai').group, 'peerDependencies');
  assert.deepEqual(pkg(result, 'node-llama-cpp').group, 'optionalDependencies');
});

test('package.json: versions as written and positions of the names', () => {
  assert.deepEqual(pkg(result, 'openai'), {
    ecosystem: 'npm',
    name: 'openai',
    version: '^4.67.0',
    group: 'dependencies',
    line: 10,
    column: 6,
  });
  assertAt(text, pkg(result, '@anthropic-ai/sdk'), '"@anthropic-ai/sdk"', 1);
  assertAt(text, pkg(result, '@langchain/openai'), '"@langchain/openai"', 1);
  assertAt(text, pkg(result, 'node-llama-cpp'), '"node-llama-cpp"', 1);
  assert.equal(pkg(result, 'ollama').version, 'latest');
});

test('package.json: a byte-order mark does not shift columns; CRLF keeps lines', () => {
  const r = parsePackageJson('\uFEFF{\r\n  "dependencies": { "openai": "4" }\r\n}');
  assert.deepEqual(r.errors, []);
  assert.deepEqual([pkg(r, 'openai').line, pkg(r, 'openai').column], [2, 22]);
});

test('package.json: a non-object dependency table is an error, the rest is read', () => {
  const r = parsePackageJson('{"dependencies": ["openai"], "devDependencies": {"anthropic": "1"}}');
  assert.deepEqual(names(r), ['anthropic']);
  assert.equal(r.errors.length, 1);
  assert.match(r.errors[0] ?? '', /^line 1, column 18: /);
});
