import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRequirements } from '../../../src/core/manifests/requirements';
import { assertAt, manifest, names, pkg } from './util';

const text = manifest('python', 'requirements.txt');
const result = parseRequirements(text);

test('requirements: packages, includes, no errors; options and comments declare nothing', () => {
  assert.deepEqual(result.errors, []);
  assert.deepEqual(names(result), [
    'openai',
    'anthropic',
    'langchain',
    'transformers',
    'torch',
    'llama-cpp-python',
    'ollama',
    'tiktoken',
    'requests',
  ]);
  assert.deepEqual(result.includes, ['requirements-base.txt', 'shared/common.txt', 'constraints.txt']);
  assert.ok(result.packages.every((p) => p.ecosystem === 'pypi' && p.group === undefined));
});

test('requirements: versions as written, comments, extras and markers stripped', () => {
  assert.deepEqual(pkg(result, 'openai'), { ecosystem: 'pypi', name: 'openai', version: '>=1.40,<2', line: 8, column: 1 });
  assert.equal(pkg(result, 'langchain').version, '>=0.2.14');
  assert.equal(pkg(result, 'transformers').version, undefined);
  assert.equal(pkg(result, 'torch').version, '==2.4.0');
  assert.equal(pkg(result, 'requests').version, undefined);
  assert.equal(pkg(result, 'tiktoken').version, '@ https://files.pythonhosted.org/packages/tiktoken-0.7.0.tar.gz');
});

test('requirements: continuation lines keep the real position; --hash lines are ignored', () => {
  assertAt(text, pkg(result, 'torch'), 'torch==2.4.0');
  assert.deepEqual([pkg(result, 'llama-cpp-python').line, pkg(result, 'llama-cpp-python').column], [15, 4]);
  assert.equal(pkg(result, 'llama-cpp-python').version, '>=0.2.90');
});

test('requirements: -e git+…#egg=name gives the name at its position inside the URL', () => {
  assertAt(text, pkg(result, 'ollama'), '#egg=ollama', 5);
  assert.equal(pkg(result, 'ollama').line, 18);
});

test('requirements: invalid lines become errors with a position, the rest is read', () => {
  const r = parseRequirements('openai\nnot a requirement!\n  foo[bar\nanthropic>=0.3');
  assert.deepEqual(names(r), ['openai', 'anthropic']);
  assert.equal(r.errors.length, 2);
  assert.match(r.errors[0] ?? '', /^line 2, column 1: could not read requirement/);
  assert.match(r.errors[1] ?? '', /^line 3, column 3: /);
});

test('requirements: short options with attached values, CR line ends, trailing backslash at end of file', () => {
  const r = parseRequirements('-rbase.txt\r-c constraints.txt\rtorch \\');
  assert.deepEqual(r.includes, ['base.txt', 'constraints.txt']);
  assert.deepEqual(names(r), ['torch']);
  assert.equal(pkg(r, 'torch').line, 3);
});

test('requirements: a "#" without whitespace before it is not a comment (URL fragments)', () => {
  const r = parseRequirements('git+https://example.com/x.git#egg=langchain-openai # trailing comment\n');
  assert.deepEqual(names(r), ['langchain-openai']);
  assert.equal(pkg(r, 'langchain-openai').column, 35);
});
