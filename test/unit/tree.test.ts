import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createEngine } from '../../src/core/engine';
import { modelFinding, packageFinding } from '../../src/core/findings';
import { findInGroups, findingGroups, providerResolver } from '../../src/core/tree';
import type { Ecosystem, Finding, ScanResult } from '../../src/core/types';

const engine = createEngine();

function model(id: string, name = id, path = 'src/app.py', line = 1): Finding {
  const m = engine.model(id);
  assert.ok(m, `catalog has ${id}`);
  return modelFinding(engine, m, name, [{ path, line, column: 5 }]);
}

function pkg(ecosystem: Ecosystem, name: string): Finding {
  const p = engine.packages.get(ecosystem, name);
  assert.ok(p, `catalog has ${ecosystem}:${name}`);
  return { ...packageFinding(engine, p, name, [{ path: 'package.json', line: 3, column: 6 }]), ecosystem };
}

function result(root: string, findings: Finding[]): ScanResult {
  return {
    root,
    findings,
    errors: [],
    summary: { filesScanned: 1, bytesScanned: 1, findings: findings.length, models: 0, packages: 0, byAccess: {}, byLevel: {}, errors: 0, durationMs: 1 },
  };
}

const results = [
  result('/ws/a', [
    model('gpt-4o'),
    model('meta-llama/Meta-Llama-3-8B', 'meta-llama/Meta-Llama-3-8B-Instruct', 'src/main.py', 3),
    model('meta-llama/Llama-3.2-1B', 'llama3.2', 'Modelfile', 1),
    model('CohereForAI/c4ai-command-r-v01'),
    pkg('npm', 'openai'),
    pkg('pypi', 'transformers'),
    pkg('pypi', 'langchain'),
  ]),
  result('/ws/b', [model('gpt-4o', 'gpt-4o', 'b.ts', 9)]),
];

test('grouping by access: fixed order, localised labels, counts over every folder', () => {
  const en = findingGroups(results, 'access', 'en');
  assert.deepEqual(
    en.map((g) => [g.key, g.label, g.count]),
    [
      ['api', 'Provider API', 3],
      ['self-hostable', 'Self-hostable', 4],
      ['framework', 'Frameworks', 1],
    ],
  );
  const id = findingGroups(results, 'access', 'id');
  assert.deepEqual(id.map((g) => g.label), ['API penyedia', 'Dapat di-host sendiri', 'Kerangka kerja']);
  // The same name in two folders is two nodes, each with its own root.
  const gpt = en[0]!.findings.filter((f) => f.label === 'gpt-4o');
  assert.deepEqual(gpt.map((f) => f.root), ['/ws/a', '/ws/b']);
  assert.notEqual(gpt[0]!.key, gpt[1]!.key);
});

test('finding nodes: name as written, licence · level, tooltip, locations, url flag', () => {
  const [api, self] = findingGroups(results, 'access', 'en');
  const llama = self!.findings.find((f) => f.label === 'meta-llama/Meta-Llama-3-8B-Instruct')!;
  assert.equal(llama.description, 'LicenseRef-llama3 · Restricted weights');
  assert.match(llama.tooltip, /Meta Llama 3 Community License/);
  assert.match(llama.tooltip, /700 million/);
  assert.match(llama.tooltip, /Open Source AI Definition 1\.0: no/);
  assert.equal(llama.url, true);
  assert.equal(llama.root, '/ws/a');
  assert.deepEqual(llama.locations, [
    { label: 'src/main.py:3', root: '/ws/a', path: 'src/main.py', line: 3, column: 5, length: 'meta-llama/Meta-Llama-3-8B-Instruct'.length },
  ]);
  const openai = api!.findings.find((f) => f.label === 'openai')!;
  assert.equal(openai.description, 'npm · Apache-2.0 · Open source');
  assert.equal(openai.finding.kind, 'package');
  const idLlama = findingGroups(results, 'access', 'id')[1]!.findings.find((f) => f.label === 'llama3.2')!;
  assert.equal(idLlama.description, 'LicenseRef-llama3.2 · Bobot terbatas');
  assert.match(idLlama.tooltip, /Lisensi: Llama 3\.2/);
  assert.match(idLlama.tooltip, /Open Source AI Definition 1\.0: tidak/);
});

test('notebook locations name the cell', () => {
  const f = modelFinding(engine, engine.model('gpt-4o')!, 'gpt-4o', [{ path: 'a.ipynb', line: 17, column: 3, cell: 2 }]);
  const [g] = findingGroups([result('/r', [f])], 'access', 'id');
  assert.equal(g!.findings[0]!.locations[0]!.label, 'a.ipynb:17 (sel 2)');
  const [e] = findingGroups([result('/r', [f])], 'access', 'en');
  assert.equal(e!.findings[0]!.locations[0]!.label, 'a.ipynb:17 (cell 2)');
});

test('grouping by licence: the licence name, biggest group first', () => {
  const groups = findingGroups(results, 'license', 'en');
  // Two groups of two (ties by name), then the single ones.
  assert.deepEqual(groups.slice(0, 2).map((g) => [g.key, g.count]), [['Apache-2.0', 2], ['LicenseRef-openai-terms', 2]]);
  assert.ok(groups.slice(2).every((g) => g.count === 1));
  const keys = groups.map((g) => g.key);
  for (const k of ['LicenseRef-llama3', 'LicenseRef-llama3.2', 'CC-BY-NC-4.0', 'Apache-2.0', 'MIT']) assert.ok(keys.includes(k), k);
  const nc = groups.find((g) => g.key === 'CC-BY-NC-4.0')!;
  assert.match(nc.label, /NonCommercial/);
  assert.equal(nc.findings[0]!.label, 'CohereForAI/c4ai-command-r-v01');
  assert.equal(groups.reduce((n, g) => n + g.count, 0), 8);
});

test('grouping by provider: provider, else publisher, else package provider, else local (last)', () => {
  const providerOf = providerResolver(engine);
  const en = findingGroups(results, 'provider', 'en', providerOf);
  const byLabel = new Map(en.map((g) => [g.label, g.findings.map((f) => f.label)]));
  assert.deepEqual(byLabel.get('OpenAI')?.sort(), ['gpt-4o', 'gpt-4o', 'openai']);
  assert.deepEqual(byLabel.get('Meta')?.sort(), ['llama3.2', 'meta-llama/Meta-Llama-3-8B-Instruct']);
  assert.deepEqual(byLabel.get('Cohere'), ['CohereForAI/c4ai-command-r-v01']);
  assert.equal(en[en.length - 1]!.label, 'Local / self-hosted');
  assert.deepEqual(en[en.length - 1]!.findings.map((f) => f.label).sort(), ['langchain', 'transformers']);
  const id = findingGroups(results, 'provider', 'id', providerOf);
  assert.equal(id[id.length - 1]!.label, 'Lokal / di-host sendiri');
  // Without a resolver, everything is local.
  assert.deepEqual(findingGroups(results, 'provider', 'en').map((g) => g.label), ['Local / self-hosted']);
});

test('findInGroups: exact name first, then canonical id or alias, case-insensitive', () => {
  const groups = findingGroups(results, 'access', 'en');
  assert.equal(findInGroups(groups, 'LLAMA3.2')?.node.label, 'llama3.2');
  assert.equal(findInGroups(groups, 'meta-llama/Meta-Llama-3-8B')?.node.label, 'meta-llama/Meta-Llama-3-8B-Instruct');
  assert.equal(findInGroups(groups, 'meta-llama/Llama-3.2-1B')?.node.label, 'llama3.2');
  assert.equal(findInGroups(groups, 'nothing-like-this'), undefined);
  assert.deepEqual(findingGroups([], 'access', 'en'), []);
});
