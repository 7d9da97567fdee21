import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bundledCatalog } from '../../src/core/catalog/index';
import { ModelMatcher } from '../../src/core/matcher';
import { model, TEST_CATALOG } from '../fixtures/matcher/catalog';

const matcher = ModelMatcher.compile(TEST_CATALOG);

/** [name, model id, line, column] of every hit. */
function hits(text: string): [string, string, number, number][] {
  return matcher.findAll(text).map((h) => [h.name, h.model.id, h.line, h.column]);
}
function ids(text: string): string[] {
  return matcher.findAll(text).map((h) => h.model.id);
}

test('Hugging Face ids, any case, with line and column', () => {
  assert.deepEqual(hits('x = 1\nmodel = "meta-llama/Meta-Llama-3-8B-Instruct"\n'), [
    ['meta-llama/Meta-Llama-3-8B-Instruct', 'meta-llama/Meta-Llama-3-8B', 2, 10],
  ]);
  assert.deepEqual(ids('load("META-LLAMA/META-LLAMA-3-8B")'), ['meta-llama/Meta-Llama-3-8B']);
  assert.deepEqual(ids('Qwen/Qwen3-8B and qwen3'), ['Qwen/Qwen3-8B', 'Qwen/Qwen3-8B']);
});

test('provider API names and provider-prefixed ids', () => {
  assert.deepEqual(ids('client.chat(model="gpt-4o")'), ['gpt-4o']);
  assert.deepEqual(ids("model: 'gpt-4o-mini-2024-07-18'"), ['gpt-4o']);
  assert.deepEqual(hits('litellm.completion(model="openai/gpt-4o")'), [['openai/gpt-4o', 'gpt-4o', 1, 27]]);
  assert.deepEqual(ids('MODEL=openrouter/meta-llama/llama-3-8b-instruct'), ['meta-llama/Meta-Llama-3-8B']);
  assert.deepEqual(ids('vertex_ai/claude-3-5-sonnet@20240620'), ['claude-3-5-sonnet']);
});

test('Ollama tags and Modelfiles', () => {
  assert.deepEqual(ids('ollama run llama3:8b'), ['meta-llama/Meta-Llama-3-8B']);
  assert.deepEqual(ids('ollama pull llama3:8b-instruct-q4_K_M'), ['meta-llama/Meta-Llama-3-8B']);
  assert.deepEqual(ids('model: ollama/llama3:latest'), ['meta-llama/Meta-Llama-3-8B']);
  assert.deepEqual(hits('FROM llama3.2\nPARAMETER temperature 0.3\n'), [['llama3.2', 'meta-llama/Llama-3.2-3B', 1, 6]]);
  assert.deepEqual(ids('ollama run mistral'), ['mistralai/Mistral-7B-Instruct-v0.3']);
});

test('GGUF file names, with quantisation and shard suffixes', () => {
  assert.deepEqual(hits('path = "./models/Meta-Llama-3-8B-Instruct.Q4_K_M.gguf"'), [
    ['models/Meta-Llama-3-8B-Instruct.Q4_K_M.gguf', 'meta-llama/Meta-Llama-3-8B', 1, 11],
  ]);
  assert.deepEqual(ids('meta-llama-3-8b-instruct-q8_0.gguf'), ['meta-llama/Meta-Llama-3-8B']);
  assert.deepEqual(ids('Qwen3-8B-IQ3_XS.gguf qwen3-8b-f16.gguf qwen3-8b.bf16-00001-of-00003.gguf'), [
    'Qwen/Qwen3-8B',
    'Qwen/Qwen3-8B',
    'Qwen/Qwen3-8B',
  ]);
});

test('Bedrock ids and inference profiles', () => {
  assert.deepEqual(ids('modelId="anthropic.claude-3-5-sonnet-20240620-v1:0"'), ['claude-3-5-sonnet']);
  assert.deepEqual(ids('us.anthropic.claude-3-5-sonnet-20241022-v2:0'), ['claude-3-5-sonnet']);
  assert.deepEqual(ids('bedrock/anthropic.claude-3-5-sonnet-20240620-v1:0'), ['claude-3-5-sonnet']);
  assert.deepEqual(ids('meta.llama3-8b-instruct-v1:0'), ['meta-llama/Meta-Llama-3-8B']);
});

test('Hugging Face URLs hit on the repo id, with its column; other URLs never hit', () => {
  assert.deepEqual(hits('see https://huggingface.co/meta-llama/Meta-Llama-3-8B for details'), [
    ['meta-llama/Meta-Llama-3-8B', 'meta-llama/Meta-Llama-3-8B', 1, 28],
  ]);
  assert.deepEqual(hits('[card](hf.co/meta-llama/Meta-Llama-3-8B-Instruct/resolve/main/config.json)'), [
    ['meta-llama/Meta-Llama-3-8B-Instruct', 'meta-llama/Meta-Llama-3-8B', 1, 14],
  ]);
  assert.deepEqual(ids('https://huggingface.co/Qwen/Qwen3-8B/tree/main'), ['Qwen/Qwen3-8B']);
  for (const near of [
    'https://github.com/meta-llama/llama3',
    'go get github.com/ollama/ollama',
    'https://ollama.com/library/llama3',
    'git clone git@github.com:meta-llama/llama3.git',
    'https://github.com/org/repo#llama3',
    'https://example.com/api?model=llama3&x=1',
    'https://huggingface.co/datasets/llama3',
    'https://huggingface.co/spaces/qwen3',
  ]) {
    assert.deepEqual(ids(near), [], near);
  }
});

test('near misses: Cargo features, YAML keys, placeholders, product names, identifiers, words', () => {
  for (const near of [
    '#[cfg(feature = "qwen3")]',
    '#[cfg(all(feature = "cuda", feature = "qwen3"))]',
    'candle = { version = "0.8", features = ["cuda", "qwen3"] }',
    'cargo build --release --features qwen3',
    'cargo run --features=cuda,qwen3',
    'providers:\n  mistral:\n    api_key: x\n',
    'const providers = { mistral: new Mistral() }',
    'model = "<model>"',
    'model = "<llama3>"',
    'model = "your-model-here"',
    'model = "your-llama3-here"',
    './llama-server -m model.gguf',
    'npm i -g claude-code && claude-code',
    'from my_llama3_loader import load',
    'const gpt4oClient = new Client()',
    'LLAMA3_PATH=/opt/x',
    'llama3_model = None',
    'mistrals and llamas and qwen3x',
    'gpt-4 gpt-4omega',
  ]) {
    assert.deepEqual(ids(near), [], near);
  }
});

test('escapes, duplicate tokens and trailing punctuation', () => {
  assert.deepEqual(hits('print("\\nllama3\\tgpt-4o.")'), [
    ['llama3', 'meta-llama/Meta-Llama-3-8B', 1, 10],
    ['gpt-4o', 'gpt-4o', 1, 18],
  ]);
  // One token holding several keywords is one hit.
  assert.deepEqual(ids('openrouter/meta-llama/llama-3-8b-instruct'), ['meta-llama/Meta-Llama-3-8B']);
  assert.deepEqual(ids('Use llama3, gpt-4o: both.'), ['meta-llama/Meta-Llama-3-8B', 'gpt-4o']);
});

test('long inputs: the two-stream prefilter finds hits in both halves and across the middle', () => {
  const filler = 'x = compute(a, b) # nothing here\n'.repeat(500);
  for (const shift of [0, 1, 2, 3, 5, 8]) {
    const text = filler + 'z'.repeat(shift) + ' llama3 ' + filler + ' gpt-4o ';
    const expected = ['meta-llama/Meta-Llama-3-8B', 'gpt-4o'];
    assert.deepEqual(ids(text), expected);
    assert.deepEqual(matcher.findAllInBytes(Buffer.from(text)).map((h) => h.model.id), expected);
  }
  // A keyword straddling the exact middle.
  const half = 'a'.repeat(5000);
  const text = half.slice(0, -3) + ' gpt-4o ' + half;
  assert.equal(text.indexOf('gpt-4o') < text.length / 2 && text.indexOf('gpt-4o') + 6 > text.length / 2, true);
  assert.deepEqual(ids(text), ['gpt-4o']);
});

test('findAllInBytes: byte offsets, UTF-16 columns, Latin-1, BOM', () => {
  const bytes = Buffer.from('\ufeffé中 "llama3"\n  gpt-4o', 'utf8');
  const r = matcher.findAllInBytes(bytes, 3, 'utf8');
  assert.deepEqual(
    r.map((h) => [h.name, h.offset, h.line, h.column]),
    [
      ['llama3', 3 + Buffer.byteLength('é中 "'), 1, 5],
      ['gpt-4o', Buffer.byteLength('\ufeffé中 "llama3"\n  '), 2, 3],
    ],
  );
  const latin = Buffer.from([0xe9, 0x20, ...Buffer.from('qwen3')]);
  assert.deepEqual(matcher.findAllInBytes(latin, 0, 'latin1').map((h) => [h.name, h.column]), [['qwen3', 3]]);
});

test('matchToken for look-ups and hovers', () => {
  assert.equal(matcher.matchToken('llama3:8b')?.id, 'meta-llama/Meta-Llama-3-8B');
  assert.equal(matcher.matchToken(' openai/gpt-4o ')?.id, 'gpt-4o');
  assert.equal(matcher.matchToken('"Meta-Llama-3-8B-Instruct.Q4_K_M.gguf",')?.id, 'meta-llama/Meta-Llama-3-8B');
  assert.equal(matcher.matchToken('https://huggingface.co/Qwen/Qwen3-8B')?.id, 'Qwen/Qwen3-8B');
  assert.equal(matcher.matchToken('https://github.com/Qwen/Qwen3'), undefined);
  assert.equal(matcher.matchToken('llama-server'), undefined);
  assert.equal(matcher.matchToken(''), undefined);
});

test('a catalog order tie-break and patterns that do not compile', () => {
  const m = ModelMatcher.compile({
    gatewayPrefixes: [],
    models: [model('broken', ['foo'], ['(']), model('first', ['zeta'], ['zeta-1']), model('second', ['zeta'], ['zeta-\\d'])],
  });
  assert.deepEqual(m.findAll('zeta-1 zeta-2 foo').map((h) => h.model.id), ['first', 'second']);
});

test('bundled catalog: the seed Llama 3 entry matches its examples in context', () => {
  const m = ModelMatcher.compile(bundledCatalog());
  const llama = bundledCatalog().models.find((x) => x.id === 'meta-llama/Meta-Llama-3-8B');
  assert.ok(llama);
  for (const ex of llama.examples) {
    assert.deepEqual(m.findAll(`model = "${ex}"`).map((h) => [h.name, h.model.id]), [[ex, llama.id]], ex);
  }
  assert.deepEqual(m.findAll('see https://github.com/meta-llama/llama3').length, 0);
});

test('Cloudflare Workers AI ids keep their leading @ (the @ of @cf/ is part of the id)', () => {
  const m = ModelMatcher.compile(bundledCatalog());
  const text = 'const model = "@cf/meta/llama-3-8b-instruct";\nimport x from "@anthropic-ai/sdk";\n';
  const hits = m.findAll(text);
  assert.deepEqual(
    hits.map((h) => [h.name, h.line, h.column]),
    [['@cf/meta/llama-3-8b-instruct', 1, 16]],
  );
});
