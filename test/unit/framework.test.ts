import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createEngine } from '../../src/core/engine';
import { modelFinding, packageFinding } from '../../src/core/findings';
import { FRAMEWORK_PARTS, frameworkEvidence } from '../../src/core/framework';
import { evaluatePolicy, parsePolicy } from '../../src/core/policy/index';
import type { Finding, Location, ScanResult } from '../../src/core/types';
import { isSafeLink, parseWebviewMessage } from '../../src/webview/protocol';
import { repoRoot } from './helpers';

const engine = createEngine();

function model(id: string, name: string, ...locations: Location[]): Finding {
  const m = engine.model(id);
  assert.ok(m, `catalog has ${id}`);
  return modelFinding(engine, m, name, locations);
}

function pkg(ecosystem: 'npm' | 'pypi', name: string, ...locations: Location[]): Finding {
  const p = engine.packages.get(ecosystem, name);
  assert.ok(p, `catalog has ${ecosystem}:${name}`);
  return { ...packageFinding(engine, p, name, locations), ecosystem };
}

const at = (path: string, line = 1): Location => ({ path, line, column: 1 });

function result(findings: Finding[], root = '/ws/app'): ScanResult {
  return {
    root,
    findings,
    errors: [],
    summary: { filesScanned: 1, bytesScanned: 1, findings: findings.length, models: 0, packages: 0, byAccess: {}, byLevel: {}, errors: 0, durationMs: 1 },
  };
}

const workspace = [
  result([
    model('meta-llama/Meta-Llama-3-8B', 'meta-llama/Meta-Llama-3-8B-Instruct', at('src/main.py', 3), at('src/main.py', 9)),
    model('meta-llama/Meta-Llama-3-8B', 'llama3:8b', at('Modelfile')),
    model('gpt-4o', 'gpt-4o', at('<img src=x onerror=alert(1)>.py', 2)),
    model('claude-3-5-sonnet-20241022', 'claude-3-5-sonnet-20241022', at('bot.ts')),
    model('Qwen/Qwen2.5-7B-Instruct', 'Qwen/Qwen2.5-7B-Instruct', at('notes.md')),
    pkg('npm', 'openai', at('package.json', 5)),
    pkg('pypi', 'anthropic', at('requirements.txt', 2)),
    pkg('pypi', 'transformers', at('requirements.txt', 3)),
  ]),
];

test('part 1: open weights are listed once per model, with licence, level and every spelling', () => {
  const e = frameworkEvidence(engine, workspace, 'en');
  assert.equal(e.scanned, true);
  const llama = e.access.models.find((m) => m.id === 'meta-llama/Meta-Llama-3-8B');
  assert.ok(llama);
  assert.deepEqual(llama.writtenAs, ['llama3:8b', 'meta-llama/Meta-Llama-3-8B-Instruct']);
  assert.equal(llama.locations, 3);
  assert.equal(llama.license.url, 'https://www.llama.com/llama3/license/');
  assert.equal(llama.level, 'restricted-weights');
  assert.equal(llama.levelLabel, 'restricted weights');
  assert.equal(llama.access, 'self-hostable');
  assert.match(llama.source, /^https:\/\//);
  assert.deepEqual(
    e.access.models.map((m) => m.id),
    ['meta-llama/Meta-Llama-3-8B', 'Qwen/Qwen2.5-7B-Instruct'],
    'most-used first; API-only models are not in part 1',
  );
  assert.deepEqual(e.access.runtimes.map((r) => r.name), ['transformers']);
});

test('part 2: gpt-4o is grouped under OpenAI with its SDK, and has open alternatives with licences', () => {
  const e = frameworkEvidence(engine, workspace, 'en');
  const openai = e.lockin.providers.find((p) => p.provider === 'OpenAI');
  assert.ok(openai, 'OpenAI is a provider');
  assert.deepEqual(openai.models.map((m) => m.id), ['gpt-4o']);
  assert.deepEqual(openai.packages.map((p) => `${p.ecosystem}:${p.name}`), ['npm:openai']);
  const gpt = openai.models[0]!;
  assert.ok(gpt.alternatives.length > 0);
  for (const a of gpt.alternatives) {
    assert.ok(a.license.id && a.license.name, `${a.id} has a licence`);
    assert.match(a.source, /^https:\/\//);
  }
  assert.ok(gpt.alternatives.some((a) => a.license.id === 'Apache-2.0'), 'an OSI-licensed alternative is offered');
  assert.deepEqual(gpt.where, ['<img src=x onerror=alert(1)>.py:2'], 'paths are data, passed through unchanged');
  const anthropic = e.lockin.providers.find((p) => p.provider === 'Anthropic');
  assert.deepEqual(anthropic?.packages.map((p) => p.name), ['anthropic']);
  assert.ok(!e.lockin.providers.some((p) => p.models.some((m) => m.access !== 'api')));
});

test('part 3: the Llama 3 licence shows the 700M clause and the acceptable-use policy, with sources', () => {
  const e = frameworkEvidence(engine, workspace, 'en');
  const llama = e.implications.restrictions.find((r) => r.license.id === 'LicenseRef-llama3');
  assert.ok(llama);
  assert.deepEqual(llama.models, ['Llama 3 (8B, 70B)']);
  const threshold = llama.rules.find((r) => r.kind === 'user-threshold');
  assert.match(threshold?.label ?? '', /700,000,000 monthly active users/);
  assert.match(threshold?.detail ?? '', /700 million/);
  assert.equal(threshold?.url, 'https://www.llama.com/llama3/license/');
  assert.match(llama.rules.find((r) => r.kind === 'acceptable-use')?.url ?? '', /^https:\/\/.*use-policy/);
  assert.ok(llama.rules.some((r) => r.kind === 'outputs'));
  assert.equal(e.implications.restrictions[0]?.license.id, 'LicenseRef-llama3', 'weights licences come before provider terms');
  assert.ok(e.implications.restrictions.some((r) => r.license.id === 'LicenseRef-openai-terms'), 'closed terms restrict too');
  const count = (rows: { key: string; count: number }[], key: string) => rows.find((r) => r.key === key)?.count;
  assert.equal(count(e.implications.osaid, 'no'), 3);
  assert.equal(count(e.implications.osaid, 'unknown'), 1);
  assert.equal(count(e.implications.levels, 'api-only'), 2);
  assert.equal(count(e.implications.levels, 'restricted-weights'), 1);
  assert.equal(count(e.implications.levels, 'open-weights'), 1);
  assert.equal(e.implications.osaidSource, 'https://opensource.org/ai/open-source-ai-definition');
});

test('part 4: the balance counts distinct models and answers in one line', () => {
  const e = frameworkEvidence(engine, workspace, 'en');
  assert.deepEqual(
    { ...e.balance, answer: undefined },
    { models: 4, onlyOnOthers: 2, viaProvider: 0, yours: 2, yoursOsi: 1, apiPackages: 2, providers: ['Anthropic', 'OpenAI'], answer: undefined },
  );
  assert.equal(
    e.balance.answer,
    '2 of 4 models run only on others’ servers (Anthropic, OpenAI); 2 can run on hardware you control, 1 of them under OSI-approved licences. ' +
      '2 API client packages send prompts and data to 2 providers.',
  );
  assert.deepEqual(e.totals, { models: 4, packages: 3, findings: 8, errors: 0 });
});

test('Bahasa Indonesia: labels, levels, the 700M clause and the answer are translated', () => {
  const e = frameworkEvidence(engine, workspace, 'id');
  assert.equal(e.lang, 'id');
  assert.equal(e.labels.inWorkspace, 'Di workspace ini');
  assert.equal(e.access.models[0]?.levelLabel, 'bobot terbatas');
  const llama = e.implications.restrictions.find((r) => r.license.id === 'LicenseRef-llama3');
  const threshold = llama?.rules.find((r) => r.kind === 'user-threshold');
  assert.match(threshold?.label ?? '', /700\.000\.000 pengguna aktif bulanan/);
  assert.equal(threshold?.detail, undefined, 'English catalog notes are left out; the clauses carry the translation');
  assert.match(llama?.clauses.join(' ') ?? '', /700 juta pengguna aktif bulanan/);
  assert.match(e.balance.answer, /^2 dari 4 model hanya berjalan di server pihak lain \(Anthropic, OpenAI\)/);
  const en = frameworkEvidence(engine, workspace, 'en');
  for (const key of Object.keys(en.labels) as (keyof typeof en.labels)[]) {
    assert.ok(e.labels[key], `id label ${key}`);
  }
});

test('an unscanned workspace gives empty evidence; several folders prefix their paths', () => {
  const none = frameworkEvidence(engine, [], 'en');
  assert.equal(none.scanned, false);
  assert.equal(none.balance.models, 0);
  assert.equal(none.balance.answer, 'No AI model or AI SDK found in this workspace yet.');
  const two = frameworkEvidence(engine, [result([model('gpt-4o', 'gpt-4o', at('a.py'))], '/ws/one'), result([model('gpt-4o', 'gpt-4o', at('b.py'))], '/ws/two')], 'en');
  const gpt = two.lockin.providers[0]?.models[0];
  assert.equal(gpt?.locations, 2);
  assert.deepEqual(gpt?.where, ['one/a.py:1', 'two/b.py:1']);
  assert.equal(two.balance.models, 1);
});

test('the framework texts have the four numbered parts, one evidence marker each, and cite the licence and the OSAID', () => {
  for (const lang of ['en', 'id']) {
    const md = readFileSync(join(repoRoot(), 'media', 'framework', `${lang}.md`), 'utf8');
    const headings = [...md.matchAll(/^## (\d)\. /gm)].map((m) => m[1]);
    assert.deepEqual(headings, ['1', '2', '3', '4'], lang);
    const markers = [...md.matchAll(/<!-- evidence:([a-z]+) -->/g)].map((m) => m[1]);
    assert.deepEqual(markers, [...FRAMEWORK_PARTS], lang);
    assert.match(md, /https:\/\/www\.llama\.com\/llama3\/license\//, lang);
    assert.match(md, /https:\/\/opensource\.org\/ai\/open-source-ai-definition/, lang);
    assert.match(md, /700/, lang);
  }
});

test('protocol: only well-formed, https and allow-listed messages pass', () => {
  assert.deepEqual(parseWebviewMessage({ type: 'ready' }), { type: 'ready' });
  assert.deepEqual(parseWebviewMessage({ type: 'openLink', url: 'https://opensource.org/ai' }), { type: 'openLink', url: 'https://opensource.org/ai' });
  for (const url of ['http://example.com', 'javascript:alert(1)', 'file:///etc/passwd', 'command:workbench.action.quit', 'not a url', 42]) {
    assert.equal(parseWebviewMessage({ type: 'openLink', url }), undefined, String(url));
    assert.equal(isSafeLink(url), false, String(url));
  }
  assert.deepEqual(parseWebviewMessage({ type: 'command', id: 'aiOpenness.showInView', args: ['gpt-4o'] }), {
    type: 'command',
    id: 'aiOpenness.showInView',
    args: ['gpt-4o'],
  });
  assert.deepEqual(parseWebviewMessage({ type: 'command', id: 'aiOpenness.scanWorkspace' }), { type: 'command', id: 'aiOpenness.scanWorkspace' });
  assert.equal(parseWebviewMessage({ type: 'command', id: 'workbench.action.terminal.sendSequence', args: ['rm -rf /'] }), undefined);
  assert.equal(parseWebviewMessage({ type: 'command', id: 'aiOpenness.lookUp', args: [{}] }), undefined);
  assert.equal(parseWebviewMessage({ type: 'command', id: 'aiOpenness.lookUp', args: ['a', 'b'] }), undefined);
  assert.equal(parseWebviewMessage(null), undefined);
  assert.equal(parseWebviewMessage({ type: 'update' }), undefined);
});

test('policy block: one entry per policy file, with its status, counts by rule and the path the host may open', () => {
  assert.deepEqual(frameworkEvidence(engine, workspace, 'en').policy, [], 'no policy file: no block');
  const { policy } = parsePolicy('{ "forbidApiOnly": true, "deny": { "licenses": ["llama3"] } }', '.ai-openness.json', engine);
  assert.ok(policy);
  const judged = evaluatePolicy(engine, policy, workspace[0]!);
  const entry = { root: '/ws/app', file: '/ws/app/.ai-openness.json', result: judged };
  const [en] = frameworkEvidence(engine, workspace, 'en', [entry]).policy;
  assert.ok(en);
  const places = judged.violations.reduce((n, v) => n + v.locations.length, 0);
  assert.ok(places > 0);
  assert.deepEqual(
    { file: en.file, path: en.path, status: en.status, violations: en.violations, excepted: en.excepted, problems: en.problems },
    { file: '.ai-openness.json', path: '/ws/app/.ai-openness.json', status: 'violations', violations: places, excepted: 0, problems: 0 },
  );
  assert.deepEqual(en.byRule.map((r) => r.key), ['deny-license', 'api-only']);
  assert.equal(en.byRule.reduce((n, r) => n + r.count, 0), places);
  assert.equal(en.byRule[1]!.label, 'API-only model');
  const [id] = frameworkEvidence(engine, workspace, 'id', [entry]).policy;
  assert.equal(id!.byRule[1]!.label, 'Model khusus API');
  assert.equal(frameworkEvidence(engine, workspace, 'id').labels.policy, 'Kebijakan');
  const broken = parsePolicy('{ "deny": { "licenses": [ }', '.ai-openness.json', engine);
  const [bad] = frameworkEvidence(engine, workspace, 'en', [{ ...entry, result: { problems: broken.problems, violations: [], excepted: [] } }]).policy;
  assert.equal(bad!.status, 'invalid');
  const [ok] = frameworkEvidence(engine, workspace, 'en', [{ ...entry, result: { policy, problems: [], violations: [], excepted: [] } }]).policy;
  assert.equal(ok!.status, 'ok');
});

test('protocol: openPolicy carries a path (the host checks it against the policy files it listed)', () => {
  assert.deepEqual(parseWebviewMessage({ type: 'openPolicy', path: '/ws/app/.ai-openness.json' }), { type: 'openPolicy', path: '/ws/app/.ai-openness.json' });
  for (const path of ['', 42, undefined, 'x'.repeat(5000)]) assert.equal(parseWebviewMessage({ type: 'openPolicy', path }), undefined, String(path).slice(0, 10));
  assert.deepEqual(parseWebviewMessage({ type: 'command', id: 'workbench.actions.view.problems' }), { type: 'command', id: 'workbench.actions.view.problems' });
});
