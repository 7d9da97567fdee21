import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createEngine } from '../../src/core/engine';
import { modelFinding, packageFinding } from '../../src/core/findings';
import { statusContent, statusCounts, untranslated } from '../../src/core/status';
import type { Finding, ScanResult } from '../../src/core/types';

const engine = createEngine();
const loc = [{ path: 'a', line: 1, column: 1 }];
const m = (id: string): Finding => modelFinding(engine, engine.model(id)!, id, loc);
const result = (findings: Finding[]): ScanResult => ({
  root: '/ws',
  findings,
  errors: [],
  summary: { filesScanned: 1, bytesScanned: 1, findings: findings.length, models: 0, packages: 0, byAccess: {}, byLevel: {}, errors: 0, durationMs: 1 },
});

const results = [
  result([m('gpt-4o'), m('claude-3-5-sonnet-20241022'), m('meta-llama/Meta-Llama-3-8B'), m('Qwen/Qwen2.5-7B-Instruct')]),
  result([m('meta-llama/Llama-3.2-1B'), packageFinding(engine, engine.packages.get('npm', 'openai')!, 'openai', loc)]),
];

test('status counts: self-hostable models are open, API-reached ones API; levels most closed first', () => {
  const c = statusCounts(results);
  assert.deepEqual(c, {
    open: 3,
    api: 2,
    models: 5,
    packages: 1,
    byLevel: [
      ['api-only', 2],
      ['restricted-weights', 2],
      ['open-weights', 1],
    ],
  });
});

test('status text and tooltip, in English and through a translator', () => {
  const en = statusContent(results, 'en');
  assert.equal(en.text, '$(circle-large-outline) AI: 3 open · 2 API');
  assert.equal(en.tooltip, 'AI Openness: 5 models, 1 packages\nAPI only: 2\nRestricted weights: 2\nOpen weights: 1\n\nClick to show the findings.');
  const id = statusContent(results, 'id', (msg, ...args) =>
    untranslated(msg === 'AI: {0} open · {1} API' ? 'AI: {0} terbuka · {1} API' : msg, ...args),
  );
  assert.equal(id.text, '$(circle-large-outline) AI: 3 terbuka · 2 API');
  assert.match(id.tooltip, /Bobot terbatas: 2/);
  assert.equal(statusContent([], 'en').text, '$(circle-large-outline) AI: none found');
  assert.equal(untranslated('{0} and {1} and {2}', 'a', 1), 'a and 1 and {2}');
});
