/**
 * `--online` end to end through the CLI, against a local server standing in for the Hub and the registries
 * (no test touches the internet).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCliCaptured } from './cliRunner';
import type { FetchLike } from '../../src/core/online/types';
import { ggufStrings } from './ggufWriter';
import { fixture } from './helpers';
import { startLocalServer } from './localServer';

const cli = (argv: string[], env: Record<string, string>) =>
  runCliCaptured(argv, { env, fetch: globalThis.fetch as unknown as FetchLike });

test('lookup --online: a model the catalog lacks gets its licence from the Hub, inherited through base_model', async () => {
  const server = await startLocalServer({});
  const cache = mkdtempSync(join(tmpdir(), 'aio-cache-'));
  try {
    server.route('/api/models/someorg/my-llama-finetune', { json: { id: 'someorg/my-llama-finetune', cardData: { base_model: 'meta-llama/Meta-Llama-3-8B' }, pipeline_tag: 'text-generation' } });
    server.route('/api/models/meta-llama/Meta-Llama-3-8B', { json: { id: 'meta-llama/Meta-Llama-3-8B', cardData: { license: 'llama3' }, gated: 'manual' } });
    const env = { HF_ENDPOINT: server.url, XDG_CACHE_HOME: cache };
    const r = await cli(['lookup', 'someorg/my-llama-finetune', '--online', '--format', 'json'], env);
    assert.equal(r.code, 0, r.err);
    const json = JSON.parse(r.out);
    assert.deepEqual(json.results, []);
    assert.equal(json.online.license.license, 'llama3');
    assert.equal(json.online.license.source, 'huggingface');
    assert.deepEqual(json.online.license.inheritedFrom, ['meta-llama/Meta-Llama-3-8B']);
    assert.match(json.online.license.fetchedAt, /^\d{4}-\d{2}-\d{2}T/);
    // Second time from the cache (no new request); --refresh asks again.
    const before = server.requests.length;
    const again = JSON.parse((await cli(['lookup', 'someorg/my-llama-finetune', '--online', '--format', 'json'], env)).out);
    assert.equal(again.online.cached, true);
    assert.equal(server.requests.length, before);
    const fresh = JSON.parse((await cli(['lookup', 'someorg/my-llama-finetune', '--online', '--refresh', '--format', 'json'], env)).out);
    assert.equal(fresh.online.cached, false);
    assert.ok(server.requests.length > before);
    // Offline (the default) it is simply not in the catalog.
    assert.equal((await cli(['lookup', 'someorg/my-llama-finetune'], env)).code, 1);
  } finally {
    await server.close();
    rmSync(cache, { recursive: true, force: true });
  }
});

test('lookup --online: agreement and disagreement with the catalog are both shown', async () => {
  const server = await startLocalServer({});
  const cache = mkdtempSync(join(tmpdir(), 'aio-cache-'));
  try {
    server.route('/api/models/meta-llama/Meta-Llama-3-8B', { json: { cardData: { license: 'llama3' } } });
    server.route('/api/models/Qwen/Qwen2.5-7B-Instruct', { json: { cardData: { license: 'mit' } } });
    const env = { HF_ENDPOINT: server.url, XDG_CACHE_HOME: cache };
    const agree = JSON.parse((await cli(['lookup', 'meta-llama/Meta-Llama-3-8B', '--online', '--format', 'json'], env)).out);
    assert.equal(agree.results[0].online.agreesWithCatalog, true);
    const differ = await cli(['lookup', 'Qwen/Qwen2.5-7B-Instruct', '--online'], env);
    assert.equal(differ.code, 0);
    assert.match(differ.out, /licence: +Apache License 2\.0/);
    assert.match(differ.out.replace(/\s+/g, ' '), /online: huggingface says mit .* differs from the catalog: both shown/);
  } finally {
    await server.close();
    rmSync(cache, { recursive: true, force: true });
  }
});

test('network failure: a clear message, exit 0, and the offline answer', async () => {
  const cache = mkdtempSync(join(tmpdir(), 'aio-cache-'));
  try {
    const env = { HF_ENDPOINT: 'http://127.0.0.1:9', AI_OPENNESS_NPM_REGISTRY: 'http://127.0.0.1:9', AI_OPENNESS_PYPI_INDEX: 'http://127.0.0.1:9', AI_OPENNESS_DEPS_DEV: 'http://127.0.0.1:9', XDG_CACHE_HOME: cache };
    const r = await cli(['lookup', 'meta-llama/Meta-Llama-3-8B-Instruct', '--online', '--format', 'json'], env);
    assert.equal(r.code, 0);
    assert.match(r.err, /online look-up failed .* the offline answer stands/);
    assert.equal(JSON.parse(r.out).results[0].license.id, 'LicenseRef-llama3');
    const s = await cli(['scan', fixture('workspace'), '--online', '--format', 'json'], env);
    assert.equal(s.code, 0);
    assert.match(s.err, /online look-up failed/);
    assert.ok(JSON.parse(s.out).findings.length > 5);
  } finally {
    rmSync(cache, { recursive: true, force: true });
  }
});

test('scan --online adds what the registries say to each finding, with source and date', async () => {
  const server = await startLocalServer({});
  const cache = mkdtempSync(join(tmpdir(), 'aio-cache-'));
  try {
    server.route('/openai', { json: { name: 'openai', license: 'Apache-2.0' } });
    server.route('/api/models/meta-llama/Meta-Llama-3-8B-Instruct', { json: { cardData: { license: 'llama3' } } });
    const env = { HF_ENDPOINT: server.url, AI_OPENNESS_NPM_REGISTRY: server.url, AI_OPENNESS_PYPI_INDEX: server.url, AI_OPENNESS_DEPS_DEV: server.url, XDG_CACHE_HOME: cache };
    const r = await cli(['scan', fixture('workspace'), '--online', '--format', 'json'], env);
    assert.equal(r.code, 0);
    const findings = JSON.parse(r.out).findings as { name: string; ecosystem?: string; online?: { license?: { license: string; source: string }; agreesWithCatalog?: boolean } }[];
    const npmOpenai = findings.find((f) => f.name === 'openai' && f.ecosystem === 'npm');
    assert.equal(npmOpenai?.online?.license?.source, 'npm');
    assert.equal(npmOpenai?.online?.agreesWithCatalog, true);
    const llama = findings.find((f) => f.name === 'meta-llama/Meta-Llama-3-8B-Instruct');
    assert.equal(llama?.online?.license?.license, 'llama3');
    assert.ok(findings.find((f) => f.name === 'gpt-4o') && !findings.find((f) => f.name === 'gpt-4o')?.online, 'API ids have no Hub page');
  } finally {
    await server.close();
    rmSync(cache, { recursive: true, force: true });
  }
});

test('lookup of an Ollama tag asks the local Ollama server (OLLAMA_HOST); silent when the default host is not running', async () => {
  const server = await startLocalServer({});
  const cache = mkdtempSync(join(tmpdir(), 'aio-cache-'));
  try {
    server.route('/api/show', {
      json: { license: 'LLAMA 3.2 COMMUNITY LICENSE AGREEMENT\nLlama 3.2 Version Release Date: September 25, 2024', modelfile: 'FROM llama3.2:3b\n', details: { family: 'llama' } },
    });
    const env = { OLLAMA_HOST: server.url, HF_ENDPOINT: 'http://127.0.0.1:9', XDG_CACHE_HOME: cache };
    const r = await cli(['lookup', 'llama3.2:3b', '--online', '--format', 'json'], env);
    assert.equal(r.code, 0);
    const json = JSON.parse(r.out);
    assert.equal(json.results[0].id, 'meta-llama/Llama-3.2-1B');
    assert.equal(json.online.license.source, 'ollama');
    assert.equal(server.requests.at(-1)?.method, 'POST');
    assert.deepEqual(JSON.parse(server.requests.at(-1)?.body ?? '{}'), { model: 'llama3.2:3b' });
    // No OLLAMA_HOST and nothing listening on the default port: no Ollama error is reported.
    const quiet = await cli(['lookup', 'gemma2:9b', '--online', '--format', 'json'], { HF_ENDPOINT: 'http://127.0.0.1:9', XDG_CACHE_HOME: cache });
    assert.equal(quiet.code, 0);
    assert.doesNotMatch(quiet.err, /Ollama/);
  } finally {
    await server.close();
    rmSync(cache, { recursive: true, force: true });
  }
});

test('lookup FILE.gguf reads the licence from the file header, offline, and compares it with the catalog', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'aio-gguf-'));
  try {
    const file = join(dir, 'Meta-Llama-3-8B-Instruct.Q4_K_M.gguf');
    writeFileSync(file, Buffer.concat([ggufStrings({ 'general.name': 'Meta Llama 3 8B Instruct', 'general.license': 'llama3' }), Buffer.alloc(1024)]));
    const r = await cli(['lookup', file, '--format', 'json'], {});
    assert.equal(r.code, 0, r.err);
    const json = JSON.parse(r.out);
    assert.equal(json.results[0].id, 'meta-llama/Meta-Llama-3-8B');
    assert.equal(json.online.license.source, 'gguf');
    assert.equal(json.online.license.license, 'llama3');
    assert.equal(json.online.agreesWithCatalog, true);
    const table = await cli(['lookup', file], {});
    assert.match(table.out, /online: gguf says llama3 .* agrees with the catalog/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('scan --online: a Hub id the catalog lacks is discovered, then graded from the Hub (inherited licence, source and date)', async () => {
  const server = await startLocalServer({});
  const cache = mkdtempSync(join(tmpdir(), 'aio-cache-'));
  const ws = mkdtempSync(join(tmpdir(), 'aio-ws-'));
  try {
    writeFileSync(join(ws, 'train.py'), 'from transformers import AutoModel\nm = AutoModel.from_pretrained("someorg/sealion-llama-ft")\nn = AutoModel.from_pretrained("someorg/apache-tiny")\n');
    server.route('/api/models/someorg/sealion-llama-ft', { json: { cardData: { base_model: 'meta-llama/Meta-Llama-3-8B' } } });
    server.route('/api/models/meta-llama/Meta-Llama-3-8B', { json: { cardData: { license: 'llama3' } } });
    server.route('/api/models/someorg/apache-tiny', { json: { cardData: { license: 'apache-2.0' } } });
    const env = { HF_ENDPOINT: server.url, XDG_CACHE_HOME: cache };
    const offline = JSON.parse((await cli(['scan', ws, '--format', 'json'], env)).out).findings as { name: string; source: string; openness: { level: string } }[];
    assert.deepEqual(offline.map((f) => [f.name, f.source, f.openness.level]).sort(), [
      ['someorg/apache-tiny', 'discovered', 'unknown'],
      ['someorg/sealion-llama-ft', 'discovered', 'unknown'],
    ]);
    const r = await cli(['scan', ws, '--online', '--format', 'json'], env);
    assert.equal(r.code, 0, r.err);
    type F = { name: string; access: string; license: { id: string }; openness: { level: string; reasons: string[] }; online?: { license?: { source: string; inheritedFrom?: string[] } } };
    const findings = JSON.parse(r.out).findings as F[];
    const ft = findings.find((f) => f.name === 'someorg/sealion-llama-ft')!;
    assert.equal(ft.license.id, 'LicenseRef-llama3');
    assert.equal(ft.openness.level, 'restricted-weights');
    assert.equal(ft.access, 'self-hostable');
    assert.deepEqual(ft.online?.license?.inheritedFrom, ['meta-llama/Meta-Llama-3-8B']);
    assert.match(ft.openness.reasons[0]!, /^Licence read from huggingface \(.*\) on \d{4}-\d{2}-\d{2}, inherited through base_model from meta-llama\/Meta-Llama-3-8B; this model is not in the catalog\.$/);
    const tiny = findings.find((f) => f.name === 'someorg/apache-tiny')!;
    assert.equal(tiny.license.id, 'Apache-2.0');
    assert.equal(tiny.openness.level, 'open-weights');
    // The text table shows the licence the Hub gave.
    const table = await cli(['scan', ws, '--online'], env);
    assert.match(table.out, /someorg\/apache-tiny +open weights/);
  } finally {
    await server.close();
    rmSync(cache, { recursive: true, force: true });
    rmSync(ws, { recursive: true, force: true });
  }
});
