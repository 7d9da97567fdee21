import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePyproject } from '../../../src/core/manifests/pyproject';
import { assertAt, manifest, names, pkg } from './util';

test('pyproject (PEP 621 + PEP 735): groups, versions and positions inside the strings', () => {
  const text = manifest('python', 'pyproject.toml');
  const r = parsePyproject(text);
  assert.deepEqual(r.errors, []);
  assert.deepEqual(
    r.packages.map((p) => `${p.group} ${p.name}`),
    [
      'dependencies openai',
      'dependencies anthropic',
      'dependencies langchain-core',
      'dependencies httpx',
      'optional:local transformers',
      'optional:local torch',
      'optional:local llama-cpp-python',
      'optional:serve fastapi',
      'group:test pytest',
      'group:lint ruff',
    ],
  );
  assert.deepEqual(pkg(r, 'openai'), {
    ecosystem: 'pypi',
    name: 'openai',
    version: '>=1.40',
    group: 'dependencies',
    line: 10,
    column: 6,
  });
  assert.equal(pkg(r, 'anthropic').version, '~= 0.34');
  assert.equal(pkg(r, 'langchain-core').version, undefined);
  assertAt(text, pkg(r, 'langchain-core'), "'langchain-core", 1);
  assertAt(text, pkg(r, 'torch'), '"torch>=2.3"', 1);
  assertAt(text, pkg(r, 'llama-cpp-python'), '"llama-cpp-python"', 1);
  assert.deepEqual([pkg(r, 'fastapi').line, pkg(r, 'fastapi').column], [19, 4]);
  assert.ok(!names(r).includes('hatchling'), 'build-system requires is not a dependency');
});

test('pyproject (Poetry): main, optional via extras, dotted keys, table form, dev and named groups', () => {
  const text = manifest('python', 'poetry.toml');
  const r = parsePyproject(text);
  assert.deepEqual(r.errors, []);
  assert.ok(!names(r).includes('python'));
  assert.deepEqual(
    r.packages.map((p) => `${p.group} ${p.name} ${p.version ?? '-'}`),
    [
      'dependencies openai ^1.40.0',
      'dependencies langchain ^0.2.14',
      'optional:local torch 2.4.0',
      'optional:dependencies llama-cpp-python ^0.2.90',
      'dependencies ollama 0.3.3',
      'dependencies anthropic ^0.34',
      'poetry:dev pytest ^8.0',
      'poetry:eval transformers ^4.44',
      'poetry:eval datasets -',
    ],
  );
  assertAt(text, pkg(r, 'openai'), 'openai =');
  assertAt(text, pkg(r, 'llama-cpp-python'), '"llama-cpp-python"', 1);
  assertAt(text, pkg(r, 'ollama'), 'ollama.version');
  assert.deepEqual([pkg(r, 'anthropic').line, pkg(r, 'anthropic').column], [14, 27]);
  assertAt(text, pkg(r, 'transformers'), 'transformers =');
});

test('pyproject: a wrong type is reported with its position', () => {
  const r = parsePyproject('[project]\ndependencies = "openai"\n');
  assert.deepEqual(r.packages, []);
  assert.deepEqual(r.errors, ['line 2, column 17: "dependencies" should be an array of requirement strings']);
});

test('pyproject: multi-line strings, escapes, comments with brackets, CRLF', () => {
  const text = '[project]\r\n# [not a table]\r\ndependencies = [ # "fake"\r\n  """openai""",\r\n  "anthropic\\u0020>=0.3",\r\n]\r\n';
  const r = parsePyproject(text);
  assert.deepEqual(r.errors, []);
  assert.deepEqual(
    r.packages.map((p) => [p.name, p.version, p.line, p.column]),
    [
      ['openai', undefined, 4, 6],
      ['anthropic', '>=0.3', 5, 4],
    ],
  );
});
