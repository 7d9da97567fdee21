import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createEngine } from '../../src/core/engine';
import { modelFinding, packageFinding } from '../../src/core/findings';
import { formatCount, licenseRestrictions, restrictionDiagnostics } from '../../src/core/restrictions';
import type { Finding, Location, ScanResult } from '../../src/core/types';

const engine = createEngine();

function model(id: string, name: string, locations: Location[]): Finding {
  const m = engine.model(id);
  assert.ok(m, `catalog has ${id}`);
  return modelFinding(engine, m, name, locations);
}

function result(findings: Finding[]): ScanResult {
  return {
    root: '/ws',
    findings,
    errors: [],
    summary: { filesScanned: 1, bytesScanned: 1, findings: findings.length, models: 0, packages: 0, byAccess: {}, byLevel: {}, errors: 0, durationMs: 1 },
  };
}

const at = (path: string, line: number, column: number): Location => ({ path, line, column });

test('a CC-BY-NC-4.0 model is non-commercial, at every location, with the licence page', () => {
  const cohere = model('CohereForAI/c4ai-command-r-v01', 'CohereForAI/c4ai-command-r-v01', [at('notes.md', 7, 33), at('a.py', 2, 1)]);
  const ds = restrictionDiagnostics([result([cohere])], engine.licenses, 'en');
  assert.deepEqual(
    ds.map((d) => [d.code, d.path, d.line, d.column, d.length]),
    [
      ['non-commercial', 'notes.md', 7, 33, 30],
      ['non-commercial', 'a.py', 2, 1, 30],
    ],
  );
  assert.match(ds[0]!.message, /^CohereForAI\/c4ai-command-r-v01 is under Creative Commons .*NonCommercial.*non-commercial use only/);
  assert.equal(ds[0]!.url, 'https://creativecommons.org/licenses/by-nc/4.0/');
  assert.equal(ds[0]!.licenseId, 'CC-BY-NC-4.0');
  assert.equal(ds[0]!.root, '/ws');
  const id = restrictionDiagnostics([result([cohere])], engine.licenses, 'id');
  assert.match(id[0]!.message, /hanya mengizinkan penggunaan non-komersial/);
});

test('Llama 3: the 700 million monthly-active-user threshold, and nothing about the EU', () => {
  const llama = model('meta-llama/Meta-Llama-3-8B', 'meta-llama/Meta-Llama-3-8B-Instruct', [at('src/main.py', 3, 10)]);
  const ds = restrictionDiagnostics([result([llama])], engine.licenses, 'en');
  assert.deepEqual(ds.map((d) => d.code), ['user-threshold']);
  assert.match(ds[0]!.message, /Meta Llama 3 Community License.*700 million monthly active users/);
  assert.equal(ds[0]!.length, 'meta-llama/Meta-Llama-3-8B-Instruct'.length);
  assert.match(ds[0]!.url, /^https:\/\/www\.llama\.com\/llama3\//);
  const id = restrictionDiagnostics([result([llama])], engine.licenses, 'id');
  assert.match(id[0]!.message, /700 juta pengguna aktif bulanan/);
});

test('Llama 3.2: user threshold and the EU restriction', () => {
  const llama = model('meta-llama/Llama-3.2-1B', 'llama3.2', [at('Modelfile', 1, 6)]);
  const ds = restrictionDiagnostics([result([llama])], engine.licenses, 'en');
  assert.deepEqual(ds.map((d) => d.code), ['user-threshold', 'eu-restriction']);
  assert.match(ds[1]!.message, /European Union/);
  assert.equal(ds[1]!.length, 'llama3.2'.length);
  assert.match(restrictionDiagnostics([result([llama])], engine.licenses, 'id')[1]!.message, /Uni Eropa/);
});

test('a revenue threshold is reported; open and API-only findings and permissive packages are not', () => {
  const profile = engine.licenses.profile('LicenseRef-stabilityai-community');
  assert.ok(profile);
  const r = licenseRestrictions(profile, 'sd3', 'en');
  assert.deepEqual(r.map((x) => x.code), ['revenue-threshold']);
  assert.match(r[0]!.message, /USD 1 million/);
  assert.match(licenseRestrictions(profile, 'sd3', 'id')[0]!.message, /USD 1 juta/);
  const clean = [
    model('gpt-4o', 'gpt-4o', [at('a.ts', 1, 1)]),
    model('Qwen/Qwen2.5-7B-Instruct', 'Qwen/Qwen2.5-7B-Instruct', [at('a.ts', 2, 1)]),
    packageFinding(engine, engine.packages.get('npm', 'openai')!, 'openai', [at('package.json', 5, 6)]),
  ];
  assert.deepEqual(restrictionDiagnostics([result(clean)], engine.licenses, 'en'), []);
});

test('formatCount', () => {
  assert.equal(formatCount(700_000_000, 'en'), '700 million');
  assert.equal(formatCount(100_000_000, 'id'), '100 juta');
  assert.equal(formatCount(1_500_000_000, 'id'), '1,5 miliar');
  assert.equal(formatCount(12_345, 'en'), '12,345');
});
