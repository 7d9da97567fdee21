/**
 * Hub ids the catalog lacks, found only in contexts that name a Hub model (issue 6): loader calls, Hub config keys,
 * download commands and Hugging Face URLs; never a bare `org/x` string, a path, a placeholder or a catalog id.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { discoverInBytes, discoverInText, plausibleHubId } from '../../src/core/discover';
import { createEngine } from '../../src/core/engine';
import { nodeFileSystem } from '../../src/core/fs';
import { DocumentIndex } from '../../src/core/locate';
import { collectMentions } from '../../src/core/mentions';
import { scanWorkspace } from '../../src/core/scan';
import { MemFs } from './memfs';

const engine = createEngine();
const known = (id: string) => engine.matcher.matchToken(id) !== undefined;
const names = (text: string) => discoverInText(text, known).map((d) => `${d.line}:${d.column} ${d.name} (${d.context})`);

test('loader calls: first positional string or a model-named keyword argument', () => {
  const py = [
    'from transformers import AutoModelForCausalLM, pipeline',
    'm = AutoModelForCausalLM.from_pretrained("acme-labs/sea-lion-ft-v2", torch_dtype="auto")',
    'p = pipeline("text-generation", model="acme-labs/chat-7b")',
    "e = SentenceTransformer('acme/embed-small')",
    'f = hf_hub_download(repo_id="acme/gguf-pack", filename="q4.gguf")',
    'tok = AutoTokenizer.from_pretrained(',
    '    pretrained_model_name_or_path="acme/tokenizer-x",',
    ')',
  ].join('\n');
  assert.deepEqual(names(py), [
    '2:43 acme-labs/sea-lion-ft-v2 (call)',
    '3:40 acme-labs/chat-7b (call)',
    '4:26 acme/embed-small (call)',
    '5:30 acme/gguf-pack (call)',
    '7:36 acme/tokenizer-x (call)',
  ]);
});

test('Hub keys, download commands and model URLs', () => {
  const text = [
    '---',
    'base_model: acme/base-7b',
    'base_model:',
    '- acme/second-base',
    '---',
    '{"_name_or_path": "acme/config-model"}',
    'huggingface-cli download acme/weights-gguf',
    'hf download acme/other --local-dir x',
    'vllm serve acme/served-model --port 8000',
    'See https://huggingface.co/acme/url-model/tree/main and hf.co/acme/short-url.',
  ].join('\n');
  assert.deepEqual(names(text), [
    '2:13 acme/base-7b (key)',
    '4:3 acme/second-base (key)',
    '6:20 acme/config-model (key)',
    '7:26 acme/weights-gguf (command)',
    '8:13 acme/other (command)',
    '9:12 acme/served-model (command)',
    '10:28 acme/url-model (url)',
    '10:63 acme/short-url (url)',
  ]);
});

test('not discovered: bare strings, local paths, placeholders, files, datasets and spaces, catalog ids', () => {
  const text = [
    'MODEL = "acme/just-a-string"',
    'import x from "@scope/pkg"',
    'a = AutoModel.from_pretrained("./outputs/checkpoint-500")',
    'b = AutoModel.from_pretrained("outputs/final")',
    'c = AutoModel.from_pretrained("models/local-copy")',
    'd = AutoModel.from_pretrained("your-org/your-model")',
    'e = AutoModel.from_pretrained("acme/config.json")',
    'f = AutoModel.from_pretrained(local_dir)',
    'https://huggingface.co/datasets/acme/corpus and https://huggingface.co/spaces/acme/demo',
    'g = AutoModel.from_pretrained("meta-llama/Meta-Llama-3-8B")',
    'h = AutoModel.from_pretrained("a/b/c")',
  ].join('\n');
  assert.deepEqual(names(text), []);
  assert.equal(plausibleHubId('acme/x'), true);
  for (const bad of ['acme', 'a/b/c', 'checkpoints/x', 'acme/checkpoint-500', 'acme/x.', 'org/model', 'acme/../x']) {
    assert.equal(plausibleHubId(bad), false, bad);
  }
});

test('bytes and text agree, columns count UTF-16 units after non-ASCII text', () => {
  const text = '\ufeff# Modèle — “démo”\nm = AutoModel.from_pretrained("acme/démo-free-ascii-id")\nn = from_pretrained("acme/ok-id")\n';
  const bytes = Buffer.from(text, 'utf8');
  const fromText = discoverInText(text.slice(1), known).map((d) => [d.name, d.line, d.column]);
  const fromBytes = discoverInBytes(bytes, 3, 'utf8', known).map((d) => [d.name, d.line, d.column]);
  assert.deepEqual(fromText, [['acme/ok-id', 3, 22]]);
  assert.deepEqual(fromBytes, fromText);
});

test('a scan finds Hub ids the catalog lacks, in files without any catalog keyword, on this thread and in workers', async () => {
  const files = {
    'train.py': 'import transformers\nmodel = transformers.AutoModel.from_pretrained("acme-labs/sea-lion-ft-v2")\n',
    'notes.ipynb': JSON.stringify({ cells: [{ cell_type: 'markdown', source: ['intro'] }, { cell_type: 'code', source: ['pipe = pipeline(model="acme/nb-model")'] }] }),
    'plain.txt': 'MODEL = "acme/not-a-context"\n',
  };
  const mem = await collectMentions('/ws', { fs: new MemFs(files), matcher: engine.matcher, maxFileSize: 1 << 20 });
  const list = (ms: typeof mem.mentions) =>
    ms.map((m) => (m.kind === 'model' ? `${m.location.path}:${m.location.line}${m.location.cell ? `#${m.location.cell}` : ''} ${m.name} ${m.modelId ?? m.discovered}` : '')).sort();
  assert.deepEqual(list(mem.mentions), ['notes.ipynb:1#2 acme/nb-model call', 'train.py:2 acme-labs/sea-lion-ft-v2 call']);
  const dir = mkdtempSync(join(tmpdir(), 'aio-discover-'));
  try {
    for (const [name, body] of Object.entries(files)) writeFileSync(join(dir, name), body);
    const real = await collectMentions(dir, { fs: nodeFileSystem(), matcher: engine.matcher, maxFileSize: 1 << 20, workers: 2 });
    assert.deepEqual(list(real.mentions), list(mem.mentions));
    const scan = await scanWorkspace(dir, { engine });
    const f = scan.findings.find((x) => x.name === 'acme-labs/sea-lion-ft-v2');
    assert.ok(f, 'a finding');
    assert.equal(f.source, 'discovered');
    assert.equal(f.openness.level, 'unknown');
    assert.equal(f.license.id, 'unknown');
    assert.equal(f.license.url, 'https://huggingface.co/acme-labs/sea-lion-ft-v2');
    assert.match(f.openness.reasons.join(' '), /not in the AI Openness catalog.*model-loading call/);
    assert.match(f.openness.reasons.join(' '), /aiOpenness\.online/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the hover index knows discovered ids, and marks them', () => {
  const text = 'x = 1\nm = AutoModel.from_pretrained("acme/hover-me")\nmeta = "meta-llama/Meta-Llama-3-8B"\n';
  const index = new DocumentIndex(engine, 'a.py', text);
  const hit = index.at(1, 33);
  assert.ok(hit);
  assert.equal(hit.discovered, true);
  assert.equal(hit.id, 'acme/hover-me');
  assert.deepEqual(hit.range, { start: { line: 1, character: 31 }, end: { line: 1, character: 44 } });
  assert.equal(index.at(2, 10)?.discovered, undefined, 'catalog ids stay catalog hits');
});
