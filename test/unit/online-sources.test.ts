import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { HttpClient, JsonResponse, OnlineLicense } from '../../src/core/online/types';
import { hubModelLicense, isValidHubId, resolveLicenseLink } from '../../src/core/online/huggingface';
import { classifierLicense, depsDevLicense, npmLicense, pypiLicense } from '../../src/core/online/registries';
import { detectLicenses, modelfileFrom, ollamaOrigin, ollamaShow } from '../../src/core/online/ollama';

type Init = Parameters<HttpClient['json']>[1];

/** Replays scripted responses by URL; an unscripted URL fails the test. No network. */
class FakeHttp implements HttpClient {
  readonly calls: Array<{ url: string; init: Init }> = [];
  constructor(private readonly script: Record<string, JsonResponse | unknown>) {}
  async json(url: string, init?: Init): Promise<JsonResponse> {
    this.calls.push({ url, init });
    if (!(url in this.script)) assert.fail(`unscripted request: ${url}`);
    const r = this.script[url];
    return typeof r === 'object' && r !== null && 'ok' in r ? (r as JsonResponse) : { ok: true, status: 200, json: r };
  }
}
const status = (code: number, error = `HTTP ${code}`): JsonResponse => ({ ok: false, status: code, error, retryable: false });
const now = () => new Date('2026-11-27T12:00:00Z');
const HUB = 'https://huggingface.co/api/models/';

function ok(r: OnlineLicense | { error: string } | undefined): OnlineLicense {
  assert.ok(r && !('error' in r), `expected a licence, got ${JSON.stringify(r)}`);
  return r;
}
function err(r: OnlineLicense | { error: string } | undefined): string {
  assert.ok(r && 'error' in r, `expected an error, got ${JSON.stringify(r)}`);
  return r.error;
}

// ---------------------------------------------------------------- Hugging Face

test('hub: cardData.license string, gated and pipeline_tag; token only in the header', async () => {
  const http = new FakeHttp({
    [`${HUB}meta-llama/Meta-Llama-3-8B`]: {
      id: 'meta-llama/Meta-Llama-3-8B', gated: 'manual', pipeline_tag: 'text-generation',
      tags: ['transformers', 'license:llama3'], cardData: { license: 'llama3', extra_gated_prompt: '...' },
    },
  });
  const r = ok(await hubModelLicense(http, 'meta-llama/Meta-Llama-3-8B', { token: 'hf_secret', now }));
  assert.deepEqual(r, {
    license: 'llama3', source: 'huggingface', from: `${HUB}meta-llama/Meta-Llama-3-8B`,
    fetchedAt: '2026-11-27T12:00:00.000Z', gated: 'manual', task: 'text-generation',
  });
  assert.equal(http.calls[0]?.init?.headers?.['Authorization'], 'Bearer hf_secret');
  assert.ok(!JSON.stringify(r).includes('hf_secret'));
});

test('hub: licence as array keeps the first and notes the others; gated false kept', async () => {
  const http = new FakeHttp({ [`${HUB}org/multi`]: { gated: false, cardData: { license: ['apache-2.0', 'mit'] } } });
  const r = ok(await hubModelLicense(http, 'org/multi', { now }));
  assert.equal(r.license, 'apache-2.0');
  assert.equal(r.gated, false);
  assert.match(r.note ?? '', /also lists: mit/);
});

test('hub: other + license_name + relative license_link resolved against HF_ENDPOINT', async () => {
  const endpoint = 'https://hf-mirror.example/';
  const http = new FakeHttp({
    'https://hf-mirror.example/api/models/Qwen/Qwen2.5-72B-Instruct': {
      cardData: { license: 'other', license_name: 'qwen', license_link: 'LICENSE' },
    },
    'https://hf-mirror.example/api/models/mistralai/Mistral-Large-Instruct-2407': {
      cardData: { license: 'other', license_name: 'mrl', license_link: 'https://mistral.ai/licenses/MRL-0.1.md' },
    },
  });
  const q = ok(await hubModelLicense(http, 'Qwen/Qwen2.5-72B-Instruct', { endpoint, now }));
  assert.deepEqual([q.license, q.name, q.url], ['other', 'qwen', 'https://hf-mirror.example/Qwen/Qwen2.5-72B-Instruct/blob/main/LICENSE']);
  const m = ok(await hubModelLicense(http, 'mistralai/Mistral-Large-Instruct-2407', { endpoint, now }));
  assert.deepEqual([m.name, m.url], ['mrl', 'https://mistral.ai/licenses/MRL-0.1.md']);
  assert.equal(resolveLicenseLink('javascript:alert(1)', 'https://huggingface.co', 'a/b'), undefined);
  assert.equal(resolveLicenseLink('../../etc/x', 'https://huggingface.co', 'a/b'), undefined);
  assert.equal(resolveLicenseLink('./LICENSE.md', 'https://huggingface.co', 'a/b'), 'https://huggingface.co/a/b/blob/main/LICENSE.md');
});

test('hub: licence from license: tags when cardData has none', async () => {
  const http = new FakeHttp({ [`${HUB}org/tagged`]: { tags: ['gguf', 'license:mit'], cardData: {} } });
  assert.equal(ok(await hubModelLicense(http, 'org/tagged', { now })).license, 'mit');
});

test('hub: missing cardData is an error', async () => {
  const http = new FakeHttp({ [`${HUB}org/bare`]: { id: 'org/bare', tags: ['pytorch'] } });
  assert.match(err(await hubModelLicense(http, 'org/bare', { now })), /no model card metadata/);
});

test('hub: a derivative inherits through base_model (string, then array), with the chain', async () => {
  const http = new FakeHttp({
    [`${HUB}someone/llama-3-8b-q4-gguf`]: { gated: false, pipeline_tag: 'text-generation', cardData: { base_model: 'someone/llama-3-8b-ft' } },
    [`${HUB}someone/llama-3-8b-ft`]: { cardData: { base_model: ['meta-llama/Meta-Llama-3-8B', 'other/adapter'] } },
    [`${HUB}meta-llama/Meta-Llama-3-8B`]: { gated: 'manual', pipeline_tag: 'text-generation', cardData: { license: 'llama3' } },
  });
  const r = ok(await hubModelLicense(http, 'someone/llama-3-8b-q4-gguf', { now }));
  assert.equal(r.license, 'llama3');
  assert.deepEqual(r.inheritedFrom, ['someone/llama-3-8b-ft', 'meta-llama/Meta-Llama-3-8B']);
  assert.equal(r.from, `${HUB}meta-llama/Meta-Llama-3-8B`);
  assert.equal(r.gated, false, 'gated is the requested model’s own');
  assert.match(r.note ?? '', /inherited from meta-llama\/Meta-Llama-3-8B/);
  assert.match(r.note ?? '', /other\/adapter/);
});

test('hub: a base_model URL is reduced to its id', async () => {
  const http = new FakeHttp({
    [`${HUB}a/child`]: { cardData: { base_model: 'https://huggingface.co/a/parent' } },
    [`${HUB}a/parent`]: { cardData: { license: 'apache-2.0' } },
  });
  assert.equal(ok(await hubModelLicense(http, 'a/child', { now })).license, 'apache-2.0');
});

test('hub: a base_model cycle is cut, and maxDepth is honoured', async () => {
  const http = new FakeHttp({
    [`${HUB}a/x`]: { cardData: { base_model: 'a/y' } },
    [`${HUB}a/y`]: { cardData: { base_model: 'A/X' } },
  });
  const r = ok(await hubModelLicense(http, 'a/x', { now }));
  assert.equal(r.license, 'unknown');
  assert.match(r.note ?? '', /cycle cut: a\/x → a\/y → A\/X/);
  assert.equal(http.calls.length, 2);

  const deep = new FakeHttp({
    [`${HUB}d/0`]: { cardData: { base_model: 'd/1' } },
    [`${HUB}d/1`]: { cardData: { base_model: 'd/2' } },
    [`${HUB}d/2`]: { cardData: { license: 'mit' } },
  });
  const limited = ok(await hubModelLicense(deep, 'd/0', { maxDepth: 1, now }));
  assert.equal(limited.license, 'unknown');
  assert.match(limited.note ?? '', /within 1 base_model hops/);
  assert.equal(ok(await hubModelLicense(deep, 'd/0', { maxDepth: 2, now })).license, 'mit');
});

test('hub: an unreachable ancestor gives unknown with the reason; no licence and no base_model gives unknown', async () => {
  const http = new FakeHttp({
    [`${HUB}a/child`]: { cardData: { base_model: 'a/gone' } },
    [`${HUB}a/gone`]: status(404),
    [`${HUB}a/plain`]: { cardData: { tags: [] } },
  });
  const r = ok(await hubModelLicense(http, 'a/child', { now }));
  assert.equal(r.license, 'unknown');
  assert.match(r.note ?? '', /not found on the Hub: a\/gone/);
  assert.match(ok(await hubModelLicense(http, 'a/plain', { now })).note ?? '', /states no licence and no base_model/);
});

test('hub: 401/403 gated without token, 403 with token (token scrubbed), 404, transport error', async () => {
  const http = new FakeHttp({
    [`${HUB}org/gated`]: status(401),
    [`${HUB}org/denied`]: status(403, 'forbidden for token hf_secret'),
    [`${HUB}org/missing`]: status(404),
    [`${HUB}org/down`]: { ok: false, error: 'timeout after 10 s (hf_secret)', retryable: true },
  });
  assert.match(err(await hubModelLicense(http, 'org/gated')), /gated: accept the licence on the Hub and set HF_TOKEN/);
  const denied = err(await hubModelLicense(http, 'org/denied', { token: 'hf_secret' }));
  assert.match(denied, /403/);
  assert.ok(!denied.includes('hf_secret'));
  assert.match(err(await hubModelLicense(http, 'org/missing')), /not found on the Hub: org\/missing/);
  const down = err(await hubModelLicense(http, 'org/down', { token: 'hf_secret' }));
  assert.match(down, /timeout/);
  assert.ok(!down.includes('hf_secret'));
});

test('hub: invalid ids make no request', async () => {
  const http = new FakeHttp({});
  for (const id of ['', 'a/b/c', '../x', 'org/-name', 'org/na..me', 'org/name?x=1', 'org/na me', `org/${'a'.repeat(97)}`, 'org/']) {
    assert.match(err(await hubModelLicense(http, id)), /not a Hugging Face model id/, id);
  }
  assert.equal(http.calls.length, 0);
  assert.ok(isValidHubId('gpt2') && isValidHubId('meta-llama/Llama-3.2-3B-Instruct') && isValidHubId('TheBloke/Llama-2-7B-GGUF'));
});

// ---------------------------------------------------------------- npm

test('npm: SPDX string, legacy { type }, legacy licenses array, latest version fallback, scoped name encoded', async () => {
  const R = 'https://registry.npmjs.org/';
  const http = new FakeHttp({
    [`${R}openai`]: { name: 'openai', 'dist-tags': { latest: '4.0.0' }, license: 'Apache-2.0' },
    [`${R}@anthropic-ai%2Fsdk`]: { name: '@anthropic-ai/sdk', license: 'MIT' },
    [`${R}old-obj`]: { license: { type: 'BSD-3-Clause', url: 'http://x' } },
    [`${R}old-arr`]: { licenses: [{ type: 'MIT', url: 'http://x' }, { type: 'GPL-2.0' }] },
    [`${R}hoistless`]: { 'dist-tags': { latest: '1.2.0' }, versions: { '1.2.0': { license: 'ISC' } } },
    [`${R}none`]: { name: 'none' },
    [`${R}nope`]: status(404),
  });
  assert.equal(ok(await npmLicense(http, 'openai', { now })).license, 'Apache-2.0');
  assert.equal(ok(await npmLicense(http, '@anthropic-ai/sdk')).license, 'MIT');
  assert.equal(ok(await npmLicense(http, 'old-obj')).license, 'BSD-3-Clause');
  assert.equal(ok(await npmLicense(http, 'old-arr')).license, 'MIT OR GPL-2.0');
  const h = ok(await npmLicense(http, 'hoistless'));
  assert.deepEqual([h.license, h.note, h.source], ['ISC', 'from version 1.2.0', 'npm']);
  assert.match(err(await npmLicense(http, 'none')), /declares no licence/);
  assert.match(err(await npmLicense(http, 'nope')), /not found/);
  const before = http.calls.length;
  assert.match(err(await npmLicense(http, '../etc/passwd')), /not an npm package name/);
  assert.match(err(await npmLicense(http, '@scope/a/b')), /not an npm package name/);
  assert.equal(http.calls.length, before);
});

// ---------------------------------------------------------------- PyPI

test('pypi: license_expression first, short license, long text falls to classifiers, classifiers mapped carefully', async () => {
  const P = 'https://pypi.org/pypi/';
  const body = 'Apache License\nVersion 2.0, January 2004\n' + 'TERMS AND CONDITIONS '.repeat(20);
  const http = new FakeHttp({
    [`${P}openai/json`]: { info: { license_expression: 'Apache-2.0', license: null, classifiers: ['License :: OSI Approved :: MIT License'] } },
    [`${P}torch/json`]: { info: { license: 'BSD-3-Clause', classifiers: [] } },
    [`${P}long/json`]: { info: { license: body, classifiers: ['License :: OSI Approved :: Apache Software License'] } },
    [`${P}long-only/json`]: { info: { license: body, classifiers: [] } },
    [`${P}cls/json`]: { info: { license: 'UNKNOWN', classifiers: ['Programming Language :: Python', 'License :: OSI Approved :: MIT License', 'License :: OSI Approved :: Apache Software License'] } },
    [`${P}bsd/json`]: { info: { license: '', classifiers: ['License :: OSI Approved :: BSD License'] } },
    [`${P}nothing/json`]: { info: { license: '', classifiers: [] } },
    [`${P}sentence-transformers/json`]: { info: { license: 'Apache 2.0' } },
  });
  assert.equal(ok(await pypiLicense(http, 'openai')).license, 'Apache-2.0');
  assert.equal(ok(await pypiLicense(http, 'torch')).license, 'BSD-3-Clause');
  const long = ok(await pypiLicense(http, 'long'));
  assert.deepEqual([long.license, long.note], ['Apache-2.0', 'licence text in metadata']);
  assert.equal(ok(await pypiLicense(http, 'long-only')).license, 'licence text in metadata');
  const cls = ok(await pypiLicense(http, 'cls'));
  assert.equal(cls.license, 'MIT');
  assert.match(cls.note ?? '', /also classified: Apache-2.0/);
  assert.equal(ok(await pypiLicense(http, 'bsd')).license, 'OSI Approved :: BSD License', 'BSD is ambiguous: kept as text');
  assert.match(err(await pypiLicense(http, 'nothing')), /declares no licence/);
  assert.equal(ok(await pypiLicense(http, 'Sentence_Transformers')).from, `${P}sentence-transformers/json`);
  assert.equal(classifierLicense('License :: OSI Approved :: GNU General Public License v3 or later (GPLv3+)'), 'GPL-3.0-or-later');
  assert.equal(classifierLicense('License :: Other/Proprietary License'), 'Other/Proprietary License');
  assert.match(err(await pypiLicense(http, 'bad name!')), /not a PyPI project name/);
});

// ---------------------------------------------------------------- deps.dev

test('deps.dev: Maven default version, Go with a given version, Cargo expression, non-standard', async () => {
  const D = 'https://api.deps.dev/v3/systems/';
  const http = new FakeHttp({
    [`${D}maven/packages/dev.langchain4j%3Alangchain4j`]: {
      packageKey: { system: 'MAVEN', name: 'dev.langchain4j:langchain4j' },
      versions: [
        { versionKey: { system: 'MAVEN', name: 'dev.langchain4j:langchain4j', version: '0.36.0' }, isDefault: false },
        { versionKey: { system: 'MAVEN', name: 'dev.langchain4j:langchain4j', version: '1.0.0' }, isDefault: true },
      ],
    },
    [`${D}maven/packages/dev.langchain4j%3Alangchain4j/versions/1.0.0`]: { versionKey: {}, licenses: ['Apache-2.0', 'MIT OR Apache-2.0', 'non-standard'] },
    [`${D}go/packages/github.com%2Follama%2Follama/versions/v0.5.7`]: { licenses: ['MIT'] },
    [`${D}cargo/packages/candle-core/versions/0.8.0`]: { licenses: ['MIT OR Apache-2.0'] },
    [`${D}nuget/packages/Weird/versions/1.0.0`]: { licenses: ['non-standard'] },
    [`${D}pypi/packages/empty/versions/1.0`]: { licenses: [] },
    [`${D}npm/packages/ghost`]: status(404),
  });
  const maven = ok(await depsDevLicense(http, 'MAVEN', 'dev.langchain4j:langchain4j', undefined, { now }));
  assert.equal(maven.license, 'Apache-2.0 AND (MIT OR Apache-2.0)');
  assert.match(maven.note ?? '', /default version 1\.0\.0/);
  assert.match(maven.note ?? '', /non-standard/);
  assert.equal(maven.source, 'deps.dev');
  const go = ok(await depsDevLicense(http, 'GO', 'github.com/ollama/ollama', 'v0.5.7'));
  assert.deepEqual([go.license, go.note], ['MIT', undefined]);
  assert.equal(ok(await depsDevLicense(http, 'CARGO', 'candle-core', '0.8.0')).license, 'MIT OR Apache-2.0');
  assert.equal(ok(await depsDevLicense(http, 'NUGET', 'Weird', '1.0.0')).license, 'non-standard');
  assert.match(err(await depsDevLicense(http, 'PYPI', 'empty', '1.0')), /knows no licence/);
  assert.match(err(await depsDevLicense(http, 'NPM', 'ghost')), /not found/);
  const before = http.calls.length;
  assert.match(err(await depsDevLicense(http, 'GO', 'a b')), /not a package name/);
  assert.match(err(await depsDevLicense(http, 'GO', 'x', '1.0/../..')), /not a version/);
  assert.match(err(await depsDevLicense(http, 'RUBYGEMS' as 'GO', 'x')), /not a deps.dev system/);
  assert.equal(http.calls.length, before);
});

// ---------------------------------------------------------------- Ollama

test('ollama: POST /api/show on loopback, licence detected, FROM of the Modelfile', async () => {
  const URL = 'http://127.0.0.1:11434/api/show';
  const http = new FakeHttp({
    [URL]: {
      license: 'LLAMA 3.2 COMMUNITY LICENSE AGREEMENT\nLlama 3.2 Version Release Date: September 25, 2024\n...',
      modelfile: '# Modelfile generated by "ollama show"\nFROM /root/.ollama/models/blobs/sha256-dde5aa3fc5ff\nTEMPLATE """..."""',
      parameters: 'stop "<|eot_id|>"', template: '...', details: { format: 'gguf', family: 'llama', parameter_size: '3.2B' },
      model_info: { 'general.architecture': 'llama' },
    },
  });
  const r = await ollamaShow(http, 'llama3.2:3b', { now });
  assert.ok(!('error' in r));
  assert.deepEqual(r, { license: 'llama3.2', source: 'ollama', from: URL, fetchedAt: '2026-11-27T12:00:00.000Z', family: 'llama' });
  assert.equal(http.calls[0]?.init?.method, 'POST');
  assert.deepEqual(JSON.parse(http.calls[0]?.init?.body ?? ''), { model: 'llama3.2:3b' });
});

test('ollama: configured host, unknown text, no text, 404, invalid names and hosts make no request', async () => {
  const H = 'http://gpu-box:11434/api/show';
  const script: Record<string, JsonResponse> = {};
  const http = new FakeHttp(script);
  script[H] = { ok: true, status: 200, json: { license: '\n  Custom Research Terms v2\nblah', modelfile: 'FROM llama3.2\nSYSTEM hi' } };
  const r = ok(await ollamaShow(http, 'my-bot', { host: 'gpu-box:11434' }));
  assert.deepEqual([r.license, r.note, (r as { modelfileFrom?: string }).modelfileFrom], ['see licence text', 'first line: Custom Research Terms v2', 'llama3.2']);
  script[H] = { ok: true, status: 200, json: { modelfile: 'FROM x' } };
  assert.equal(ok(await ollamaShow(http, 'x', { host: 'http://gpu-box:11434/' })).license, 'unknown');
  script[H] = status(404, 'model "nope" not found');
  assert.match(err(await ollamaShow(http, 'nope', { host: 'gpu-box:11434' })), /ollama pull nope/);
  const before = http.calls.length;
  assert.match(err(await ollamaShow(http, '../../x')), /not an Ollama model name/);
  assert.match(err(await ollamaShow(http, 'x', { host: 'file:///etc/passwd' })), /not an Ollama host/);
  assert.match(err(await ollamaShow(http, 'x', { host: 'http://user:pw@h:1' })), /not an Ollama host/);
  assert.match(err(await ollamaShow(http, 'x', { host: 'http://h:1/redirect?to=x' })), /not an Ollama host/);
  assert.equal(http.calls.length, before);
  assert.equal(ollamaOrigin('[::1]:11434'), 'http://[::1]:11434');
});

test('ollama: licence detection and FROM parsing', () => {
  assert.deepEqual(detectLicenses('META LLAMA 3 COMMUNITY LICENSE AGREEMENT ...'), ['llama3']);
  assert.deepEqual(detectLicenses('Gemma Terms of Use\n...'), ['gemma']);
  assert.deepEqual(detectLicenses('MIT License\n\nCopyright (c) Microsoft'), ['MIT']);
  assert.deepEqual(detectLicenses('                                 Apache License\n                           Version 2.0, January 2004'), ['Apache-2.0']);
  assert.deepEqual(detectLicenses('LLAMA 3.1 COMMUNITY LICENSE AGREEMENT ... Apache License, Version 2.0'), ['llama3.1', 'Apache-2.0']);
  assert.deepEqual(detectLicenses('nothing known'), []);
  assert.equal(modelfileFrom('from hf.co/bartowski/Llama-3.2-3B-Instruct-GGUF:Q4_K_M'), 'hf.co/bartowski/Llama-3.2-3B-Instruct-GGUF:Q4_K_M');
  assert.equal(modelfileFrom('FROM ./model.gguf'), undefined);
  assert.equal(modelfileFrom('SYSTEM x'), undefined);
});
