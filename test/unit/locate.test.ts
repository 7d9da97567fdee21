import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createEngine } from '../../src/core/engine';
import { DocumentIndex } from '../../src/core/locate';
import { DEFAULT_MAX_FILE_SIZE } from '../../src/core/scan';
import { fixture } from './helpers';

const engine = createEngine();
const mainPy = readFileSync(fixture('workspace', 'src', 'main.py'), 'utf8');
const LLAMA = 'meta-llama/Meta-Llama-3-8B-Instruct';

test('a model id is found from its first to its last character, with its range', () => {
  const index = new DocumentIndex(engine, 'src/main.py', mainPy);
  const line = 2; // LOCAL = "meta-llama/Meta-Llama-3-8B-Instruct"
  const start = mainPy.split('\n')[line]!.indexOf(LLAMA);
  const expected = { start: { line, character: start }, end: { line, character: start + LLAMA.length } };
  for (const ch of [start, start + 1, start + 17, start + LLAMA.length - 1, start + LLAMA.length]) {
    const hit = index.at(line, ch);
    assert.ok(hit, `hit at character ${ch}`);
    assert.deepEqual(hit.range, expected);
    assert.equal(hit.query, LLAMA);
    assert.equal(hit.kind, 'model');
    assert.equal(hit.id, 'meta-llama/Meta-Llama-3-8B');
  }
  assert.equal(index.at(line, start - 1), undefined, 'the opening quote is not part of the id');
  assert.equal(index.at(line, start + LLAMA.length + 1), undefined, 'after the closing quote');
});

test('nothing off the ids: ordinary words, empty lines, positions past the end', () => {
  const index = new DocumentIndex(engine, 'src/main.py', mainPy);
  assert.equal(index.at(0, 0), undefined, '"from"');
  assert.equal(index.at(3, 2), undefined, '"client"');
  assert.equal(index.at(4, 30), undefined, '"create"');
  assert.equal(index.at(99, 0), undefined);
  assert.equal(index.at(0, 500), undefined);
  assert.equal(index.at(-1, 0), undefined);
  assert.equal(index.at(4, mainPy.split('\n')[4]!.indexOf('gpt-4o') + 2)?.query, 'gpt-4o');
  const gguf = index.at(6, mainPy.split('\n')[6]!.indexOf('Meta-Llama-3-8B-Instruct.Q4'));
  assert.equal(gguf?.kind, 'model');
});

test('CRLF and lone CR line ends count as VS Code counts them', () => {
  const text = 'a = 1\r\nb = "gpt-4o"\rc = "claude-3-5-sonnet-20241022"\n';
  const index = new DocumentIndex(engine, 'x.py', text);
  assert.deepEqual(index.at(1, 6)?.range, { start: { line: 1, character: 5 }, end: { line: 1, character: 11 } });
  assert.equal(index.at(2, 5)?.query, 'claude-3-5-sonnet-20241022');
  assert.equal(index.at(0, 0), undefined);
});

test('package names in a package.json: catalog packages only, the name\'s own range', () => {
  const text = readFileSync(fixture('workspace', 'package.json'), 'utf8');
  const lines = text.split('\n');
  const index = new DocumentIndex(engine, '/ws/package.json', text);
  const row = lines.findIndex((l) => l.includes('"openai"'));
  const col = lines[row]!.indexOf('openai');
  const hit = index.at(row, col + 3);
  assert.ok(hit);
  assert.equal(hit.kind, 'package');
  assert.equal(hit.query, 'npm:openai');
  assert.equal(hit.ecosystem, 'npm');
  assert.deepEqual(hit.range, { start: { line: row, character: col }, end: { line: row, character: col + 6 } });
  const sdk = lines.findIndex((l) => l.includes('@anthropic-ai/sdk'));
  assert.equal(index.at(sdk, lines[sdk]!.indexOf('@anthropic-ai/sdk') + 5)?.query, 'npm:@anthropic-ai/sdk');
  const lodash = lines.findIndex((l) => l.includes('lodash'));
  assert.equal(index.at(lodash, lines[lodash]!.indexOf('lodash') + 1), undefined, 'lodash is not an AI package');
  assert.equal(index.at(row, lines[row]!.indexOf('^4') + 1), undefined, 'the version is not the name');
  // The same text under another file name is not a manifest.
  assert.equal(new DocumentIndex(engine, '/ws/other.json', text).at(row, col + 3), undefined);
});

test('package names in a requirements.txt (PEP 503 names, version specifiers excluded)', () => {
  const text = 'requests==2.0\nTransformers>=4.44  # models\nLangChain_Core\nopenai[datalib] ; python_version > "3.8"\n';
  const index = new DocumentIndex(engine, 'requirements-dev.txt', text);
  assert.equal(index.at(0, 2), undefined, 'requests is not an AI package');
  const t = index.at(1, 0);
  assert.equal(t?.query, 'pypi:Transformers');
  assert.deepEqual(t?.range, { start: { line: 1, character: 0 }, end: { line: 1, character: 12 } });
  assert.equal(index.at(1, 14), undefined, 'the specifier');
  assert.equal(index.at(3, 3)?.query, 'pypi:openai');
  assert.deepEqual(index.at(3, 3)?.range.end, { line: 3, character: 6 });
});

test('a Maven dependency is found on its artifactId', () => {
  const text = readFileSync(fixture('workspace', 'pom.xml'), 'utf8');
  const lines = text.split('\n');
  const index = new DocumentIndex(engine, 'pom.xml', text);
  const row = lines.findIndex((l) => l.includes('<artifactId>langchain4j-open-ai<'));
  const hit = index.at(row, lines[row]!.indexOf('langchain4j-open-ai') + 4);
  assert.equal(hit?.query, 'maven:dev.langchain4j:langchain4j-open-ai');
  assert.equal(hit!.range.end.character - hit!.range.start.character, 'langchain4j-open-ai'.length);
});

test('texts over the size limit are not indexed', () => {
  const text = `model = "gpt-4o"\n${'x'.repeat(100)}\n`;
  const small = new DocumentIndex(engine, 'a.py', text, 50);
  assert.equal(small.skipped, true);
  assert.equal(small.at(0, 10), undefined);
  assert.equal(new DocumentIndex(engine, 'a.py', text, 1000).at(0, 10)?.query, 'gpt-4o');
  // Bytes, not UTF-16 units, count: 2,000 × "é" is 4,000 bytes.
  assert.equal(new DocumentIndex(engine, 'a.py', `"gpt-4o" ${'é'.repeat(2000)}`, 3000).skipped, true);
  const big = `"gpt-4o"\n${'y'.repeat(DEFAULT_MAX_FILE_SIZE)}`;
  assert.equal(new DocumentIndex(engine, 'big.py', big).at(0, 3), undefined, 'the scan\'s default limit applies');
});

test('building the index for a 10,000-line file is fast and at() stays correct everywhere', () => {
  const lines = Array.from({ length: 10_000 }, (_, i) => (i % 50 === 0 ? `m${i} = "llama3.2:3b"` : `x${i} = compute(${i})`));
  const t0 = performance.now();
  const index = new DocumentIndex(engine, 'big.py', lines.join('\n'));
  const ms = performance.now() - t0;
  assert.equal(index.size, 200);
  assert.ok(ms < 2000, `built in ${ms.toFixed(0)} ms`);
  for (let i = 0; i < 10_000; i++) {
    const hit = index.at(i, lines[i]!.indexOf('"') + 2);
    if (i % 50 === 0) assert.equal(hit?.query, 'llama3.2:3b', `line ${i}`);
    else assert.equal(hit, undefined, `line ${i}`);
  }
});
