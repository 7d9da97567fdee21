import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseGoMod } from '../../../src/core/manifests/gomod';
import { assertAt, manifest, names, pkg } from './util';

const text = manifest('go', 'go.mod');
const r = parseGoMod(text);

test('go.mod: single and block requires; // indirect skipped; replace/exclude/retract ignored', () => {
  assert.deepEqual(r.errors, []);
  assert.deepEqual(names(r), [
    'github.com/sashabaranov/go-openai',
    'github.com/anthropics/anthropic-sdk-go',
    'github.com/ollama/ollama',
    'github.com/tmc/langchaingo',
  ]);
  assert.ok(!names(r).includes('github.com/google/uuid'));
  assert.ok(!names(r).includes('golang.org/x/sync'));
});

test('go.mod: versions and positions (tabs count as one column; quoted paths inside the quotes)', () => {
  assert.deepEqual(pkg(r, 'github.com/sashabaranov/go-openai'), {
    ecosystem: 'go',
    name: 'github.com/sashabaranov/go-openai',
    version: 'v1.29.1',
    line: 7,
    column: 9,
  });
  assert.deepEqual([pkg(r, 'github.com/anthropics/anthropic-sdk-go').line, pkg(r, 'github.com/anthropics/anthropic-sdk-go').column], [10, 2]);
  assert.equal(pkg(r, 'github.com/ollama/ollama').version, 'v0.3.12');
  assertAt(text, pkg(r, 'github.com/tmc/langchaingo'), '"github.com/tmc/langchaingo"', 1);
});

test('go.mod: malformed requirement and unclosed block are errors', () => {
  const res = parseGoMod('module x\nrequire github.com/a/b\nrequire (\n\tgithub.com/c/d v1.0.0\n');
  assert.deepEqual(names(res), ['github.com/c/d']);
  assert.deepEqual(res.errors, [
    'line 2: a requirement needs a module path and a version',
    'line 3: "require (" block is not closed',
  ]);
});

test('go.mod: "// indirect" must be the whole first word', () => {
  const res = parseGoMod('require ()\nrequire (\n\ta.io/x v1.0.0 // indirectly useful\n\tb.io/y v1.0.0 //indirect\n)\n');
  assert.deepEqual(names(res), ['a.io/x']);
  assert.deepEqual(res.errors, []);
});
