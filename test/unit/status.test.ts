import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createEngine } from '../../src/core/engine';
import { modelFinding, packageFinding } from '../../src/core/findings';
import { evaluatePolicy, parsePolicy } from '../../src/core/policy/index';
import { policyCounts, policyStatusContent, statusContent, statusCounts, untranslated } from '../../src/core/status';
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

// ---------------------------------------------------------------------------------------------------------------
// The policy's status bar entry

const policyOf = (text: string) => {
  const { policy, problems } = parsePolicy(text, '.ai-openness.json', engine);
  assert.ok(policy, JSON.stringify(problems));
  return policy;
};
const at = (path: string, line: number) => ({ path, line, column: 1 });
const scanned = result([
  modelFinding(engine, engine.model('gpt-4o')!, 'gpt-4o', [at('src/a.py', 1), at('src/b.py', 2)]),
  modelFinding(engine, engine.model('meta-llama/Meta-Llama-3-8B')!, 'meta-llama/Meta-Llama-3-8B-Instruct', [at('src/a.py', 3)]),
]);

test('policy counts: places per rule, errors and warnings, exceptions, an unusable file', () => {
  const policy = policyOf('{ "forbidApiOnly": true, "deny": { "licenses": ["llama3"], "severity": "warning" } }');
  const c = policyCounts(evaluatePolicy(engine, policy, scanned));
  assert.deepEqual(c, { violations: 3, errors: 2, warnings: 1, excepted: 0, problems: 0, invalid: false, byRule: [['deny-license', 1], ['api-only', 2]] });
  const lifted = policyOf('{ "forbidApiOnly": true, "exceptions": [{ "path": "src/b.py", "reason": "evaluation" }] }');
  assert.deepEqual(policyCounts(evaluatePolicy(engine, lifted, scanned)), {
    violations: 1,
    errors: 1,
    warnings: 0,
    excepted: 1,
    problems: 0,
    invalid: false,
    byRule: [['api-only', 1]],
  });
  const broken = parsePolicy('{ "deny": { "licenses": [ }', '.ai-openness.json', engine);
  assert.equal(broken.policy, undefined);
  const c2 = policyCounts({ problems: broken.problems, violations: [], excepted: [] });
  assert.equal(c2.invalid, true);
  assert.ok(c2.problems >= 1);
});

test('policy status: hidden without a policy file; violations, ok, or a file with errors; translated', () => {
  assert.equal(policyStatusContent([], 'en'), undefined);
  const policy = policyOf('{ "forbidApiOnly": true, "deny": { "licenses": ["llama3"] } }');
  const entry = { root: '/ws', file: '/ws/.ai-openness.json', result: evaluatePolicy(engine, policy, scanned) };
  const s = policyStatusContent([entry], 'en')!;
  assert.equal(s.text, '$(shield) policy: 3 violations');
  assert.equal(
    s.tooltip,
    '.ai-openness.json: 3 violations (3 errors, 0 warnings)\n  Denied licence (deny-license): 1\n  API-only model (api-only): 2\n\nClick to show the Problems.',
  );
  const one = policyStatusContent([{ ...entry, result: evaluatePolicy(engine, policyOf('{ "deny": { "licenses": ["llama3"] } }'), scanned) }], 'en')!;
  assert.equal(one.text, '$(shield) policy: 1 violation');
  const ok = policyStatusContent([{ ...entry, result: evaluatePolicy(engine, policyOf('{ "forbidNonCommercial": true }'), scanned) }], 'en')!;
  assert.equal(ok.text, '$(pass) policy ok');
  const broken = parsePolicy('{ "deny": { "licenses": [ }', '.ai-openness.json', engine);
  const bad = policyStatusContent([{ ...entry, result: { problems: broken.problems, violations: [], excepted: [] } }], 'en')!;
  assert.equal(bad.text, '$(error) policy: file has errors');
  assert.match(bad.tooltip, /^\.ai-openness\.json: has errors, not applied \(\d+ problems\)/);
  const id = policyStatusContent([entry], 'id', (msg, ...args) => untranslated(msg === 'policy: {0} violations' ? 'kebijakan: {0} pelanggaran' : msg, ...args))!;
  assert.equal(id.text, '$(shield) kebijakan: 3 pelanggaran');
  assert.match(id.tooltip, /Lisensi yang ditolak \(deny-license\): 1/);
  // Several folders: each file is named with its folder.
  const two = policyStatusContent([entry, { ...entry, root: '/other', file: '/other/.ai-openness.yaml' }], 'en')!;
  assert.match(two.tooltip, /^ws\/\.ai-openness\.json: .*\n[\s\S]*other\/\.ai-openness\.yaml: /);
  assert.equal(two.text, '$(shield) policy: 6 violations');
});
