import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bundledCatalog } from '../../src/core/catalog/index';
import {
  NEAR_MISSES,
  compilePattern,
  normalisePackageName,
  patternSyntaxProblems,
  stripGatewayPrefixes,
  validateCatalog,
} from '../../src/core/catalog/validate';
import type { Catalog } from '../../src/core/types';

// ------------------------------------------------------------------------------------------ the bundled catalog

test('bundled catalog has no problems', () => {
  assert.deepEqual(validateCatalog(bundledCatalog()), []);
});

test('bundled catalog covers the first-release scope', () => {
  const c = bundledCatalog();
  assert.ok(c.models.length >= 80, `models: ${c.models.length}`);
  assert.ok(c.packages.length >= 60, `packages: ${c.packages.length}`);
  const ids = new Set(c.licenses.map((l) => l.id));
  for (const id of [
    'LicenseRef-llama2', 'LicenseRef-llama3', 'LicenseRef-llama3.1', 'LicenseRef-llama3.2', 'LicenseRef-llama3.3', 'LicenseRef-llama4',
    'LicenseRef-gemma', 'Apache-2.0', 'MIT', 'CC-BY-NC-4.0', 'LicenseRef-mistral-mrl', 'LicenseRef-qwen', 'LicenseRef-qwen-research',
    'LicenseRef-openai-terms', 'LicenseRef-anthropic-terms', 'LicenseRef-google-gemini-terms', 'LicenseRef-xai-terms',
    'LicenseRef-cohere-terms', 'LicenseRef-mistral-terms', 'LicenseRef-deepseek-api-terms', 'LicenseRef-perplexity-terms',
  ]) {
    assert.ok(ids.has(id), `licence ${id} missing`);
  }
  for (const eco of ['npm', 'pypi', 'cargo', 'go', 'maven', 'nuget'] as const) {
    assert.ok(c.packages.some((p) => p.ecosystem === eco), `no ${eco} packages`);
  }
});

/** The model ids matched by a token, after gateway prefixes are stripped (as the matcher does). */
function whoMatches(c: Catalog, token: string): string[] {
  const forms = [token, stripGatewayPrefixes(token, c.gatewayPrefixes)];
  return c.models.filter((m) => m.patterns.some((p) => forms.some((f) => compilePattern(p).test(f)))).map((m) => m.id);
}

test('licence-splitting sizes land on the right entry', () => {
  const c = bundledCatalog();
  const licenceOf = (token: string) => {
    const hits = whoMatches(c, token);
    assert.equal(hits.length, 1, `${token} -> ${hits.join(', ')}`);
    return c.models.find((m) => m.id === hits[0])!.license;
  };
  assert.equal(licenceOf('Qwen/Qwen2.5-3B-Instruct'), 'LicenseRef-qwen-research');
  assert.equal(licenceOf('Qwen/Qwen2.5-72B-Instruct'), 'LicenseRef-qwen');
  assert.equal(licenceOf('Qwen/Qwen2.5-7B-Instruct'), 'Apache-2.0');
  assert.equal(licenceOf('qwen2:72b'), 'LicenseRef-tongyi-qianwen');
  assert.equal(licenceOf('mistralai/Mistral-Large-Instruct-2411'), 'LicenseRef-mistral-mrl');
  assert.equal(licenceOf('mistralai/Mistral-Small-24B-Instruct-2501'), 'Apache-2.0');
  assert.equal(licenceOf('deepseek-ai/DeepSeek-R1-Distill-Llama-70B'), 'LicenseRef-llama3.3');
  assert.equal(licenceOf('deepseek-ai/DeepSeek-V3'), 'LicenseRef-deepseek-model');
  assert.equal(licenceOf('google/gemma-3-27b-it'), 'LicenseRef-gemma');
  assert.equal(licenceOf('meta-llama/Llama-3.2-11B-Vision-Instruct'), 'LicenseRef-llama3.2');
  assert.equal(licenceOf('openrouter/anthropic/claude-3.5-sonnet'), 'LicenseRef-anthropic-terms');
});

test('every near-miss is matched by no pattern', () => {
  const c = bundledCatalog();
  for (const w of NEAR_MISSES) assert.deepEqual(whoMatches(c, w), [], w);
});

// ------------------------------------------------------------------------------------------ the validator itself

/** A small catalog that is valid; each test below breaks one thing. */
function mini(): Catalog {
  const source = { url: 'https://example.org/x', checked: '2026-11-27', verified: true };
  return {
    licenses: [
      {
        id: 'Apache-2.0', name: 'Apache License 2.0', url: 'https://www.apache.org/licenses/LICENSE-2.0', spdx: true, osiApproved: true,
        hfTags: ['apache-2.0'], kind: 'permissive', commercialUse: 'yes',
        clauses: [{ en: 'Use freely.', id: 'Bebas dipakai.' }], source,
      },
      {
        id: 'LicenseRef-acme-terms', name: 'Acme API terms', url: 'https://acme.example/terms', spdx: false, osiApproved: false,
        kind: 'provider-terms', commercialUse: 'yes', outputsRule: 'No competing models.',
        clauses: [{ en: 'API only.', id: 'Hanya API.' }], source,
      },
    ],
    models: [
      {
        id: 'acme/foo-7b', name: 'Foo 7B', publisher: 'Acme', family: 'foo', license: 'Apache-2.0', release: 'weights', task: 'chat',
        keywords: ['foo'], patterns: ['(?:acme/)?foo-7b(?:-instruct)?'], examples: ['acme/foo-7b', 'foo-7b-instruct'], source,
      },
      {
        id: 'bar-pro', name: 'Bar Pro', publisher: 'Acme', family: 'bar', license: 'LicenseRef-acme-terms', release: 'api-only',
        provider: 'Acme', task: 'chat', keywords: ['bar'], patterns: ['bar-pro(?:-\\d{4})?'], examples: ['bar-pro', 'openrouter/bar-pro-0101'],
        alternatives: ['acme/foo-7b'], source,
      },
    ],
    packages: [
      { ecosystem: 'pypi', name: 'acme-sdk', kind: 'api-client', provider: 'Acme', description: 'Acme client', license: 'MIT', source },
    ],
    gatewayPrefixes: ['openrouter/'],
  };
}

/** Asserts that validating `c` reports a problem containing every fragment. */
function assertReports(c: Catalog, ...fragments: string[]): void {
  const problems = validateCatalog(c);
  assert.ok(
    problems.some((p) => fragments.every((f) => p.includes(f))),
    `expected a problem with ${JSON.stringify(fragments)}; got:\n${problems.join('\n')}`,
  );
}

test('the mini catalog is valid', () => {
  assert.deepEqual(validateCatalog(mini()), []);
});

test('reports duplicate model ids, case-insensitively', () => {
  const c = mini();
  c.models.push({ ...c.models[0]!, id: 'ACME/Foo-7B', patterns: ['zzz-foo'], examples: ['zzz-foo'] });
  assertReports(c, 'ACME/Foo-7B', 'duplicate model id');
});

test('reports a model whose licence is not in licenses.json', () => {
  const c = mini();
  c.models[0]!.license = 'LicenseRef-missing';
  assertReports(c, 'acme/foo-7b', 'LicenseRef-missing', 'not in licenses.json');
});

test('reports patterns that do not compile, capture or anchor', () => {
  const c = mini();
  c.models[0]!.patterns.push('foo-(7b', '(foo)-8b', '^foo-9b$');
  assertReports(c, 'foo-(7b', 'does not compile');
  assertReports(c, '(foo)-8b', 'capturing group');
  assertReports(c, '^foo-9b$', 'anchor');
});

test('reports an example that misses its own patterns', () => {
  const c = mini();
  c.models[0]!.examples.push('foo-13b');
  assertReports(c, 'example "foo-13b" does not match its own patterns');
});

test('reports an example that another entry also matches', () => {
  const c = mini();
  c.models[1]!.patterns.push('(?:acme/)?foo-7b');
  assertReports(c, 'model acme/foo-7b: example "acme/foo-7b" also matches model bar-pro (conflict)');
});

test('reports upper-case keywords and examples without a keyword', () => {
  const c = mini();
  c.models[0]!.keywords = ['Foo'];
  assertReports(c, 'keyword "Foo" must be lower-case');
  assertReports(c, 'example "acme/foo-7b" contains none of its keywords');
});

test('reports a pattern that matches a near-miss word', () => {
  const c = mini();
  c.models[0]!.patterns.push('llama(?:-server)?');
  assertReports(c, 'acme/foo-7b', 'near-miss "llama"');
  assertReports(c, 'acme/foo-7b', 'near-miss "llama-server"');
});

test('reports bad sources', () => {
  const c = mini();
  c.models[0]!.source = { url: 'huggingface.co/acme', checked: '2026-13-01', verified: true };
  assertReports(c, 'acme/foo-7b', 'source.url');
  assertReports(c, 'acme/foo-7b', 'source.checked is not an ISO date');
});

test('reports licence clauses without both languages', () => {
  const c = mini();
  c.licenses[0]!.clauses = [{ en: 'Use freely.' }];
  assertReports(c, 'licence Apache-2.0', 'Bahasa Indonesia');
});

test('reports spdx/osi flags that contradict the id', () => {
  const c = mini();
  c.licenses[1]!.spdx = true;
  c.licenses[1]!.osiApproved = true;
  assertReports(c, 'LicenseRef-acme-terms', 'spdx must be false');
});

test('reports dangling alternatives and api-only models without alternatives', () => {
  const c = mini();
  c.models[1]!.alternatives = ['acme/missing'];
  assertReports(c, 'bar-pro', 'alternative "acme/missing" is not a model id');
  c.models[1]!.alternatives = [];
  assertReports(c, 'bar-pro', 'need 1-3 open-weights alternatives');
  c.models[0]!.upstream = 'nowhere/else';
  assertReports(c, 'acme/foo-7b', 'upstream "nowhere/else"');
});

test('reports unknown enums', () => {
  const c = mini();
  (c.models[0] as { release: string }).release = 'downloadable';
  (c.packages[0] as { kind: string }).kind = 'sdk';
  assertReports(c, 'acme/foo-7b', 'unknown release "downloadable"');
  assertReports(c, 'pypi:acme-sdk', 'unknown kind "sdk"');
});

test('reports duplicate packages using registry name rules', () => {
  const c = mini();
  c.packages.push({ ...c.packages[0]!, name: 'Acme_SDK' });
  assertReports(c, 'pypi:Acme_SDK', 'duplicate package');
});

test('reports malformed gateway prefixes', () => {
  const c = mini();
  c.gatewayPrefixes.push('Bedrock');
  assertReports(c, '"Bedrock" must be lower-case');
  assertReports(c, '"Bedrock" must end with "/"');
});

// ------------------------------------------------------------------------------------------ helpers

test('patternSyntaxProblems ignores escapes, character classes and non-capturing groups', () => {
  assert.deepEqual(patternSyntaxProblems('(?:a|b)[($^)]\\(\\$x(?=y)(?<!z)'), []);
  assert.equal(patternSyntaxProblems('(?<name>x)').length, 1);
});

test('stripGatewayPrefixes removes stacked prefixes but never the whole token', () => {
  const prefixes = ['openrouter/', 'anthropic/'];
  assert.equal(stripGatewayPrefixes('OpenRouter/anthropic/claude-3.5-sonnet', prefixes), 'claude-3.5-sonnet');
  assert.equal(stripGatewayPrefixes('openrouter/', prefixes), 'openrouter/');
});

test('normalisePackageName follows PEP 503 for PyPI and ignores case for NuGet', () => {
  assert.equal(normalisePackageName('pypi', 'Llama_Index.Core'), 'llama-index-core');
  assert.equal(normalisePackageName('nuget', 'OllamaSharp'), 'ollamasharp');
  assert.equal(normalisePackageName('npm', 'OpenAI'), 'OpenAI');
});
