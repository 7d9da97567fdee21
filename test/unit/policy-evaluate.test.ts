import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createEngine } from '../../src/core/engine';
import { POLICY_HELP_URI, evaluatePolicy, hasViolationAtOrAbove } from '../../src/core/policy/evaluate';
import { parsePolicy } from '../../src/core/policy/parse';
import type { PolicyResult, RuleId } from '../../src/core/policy/types';
import { scanWorkspace } from '../../src/core/scan';
import type { Finding, ScanResult } from '../../src/core/types';
import { MemFs } from './memfs';
import { repoRoot } from './helpers';

const engine = createEngine();

/** A workspace with one finding of each kind the rules tell apart. */
const FILES = {
  'app.py': [
    'from transformers import AutoModel',
    '',
    'LOCAL = "meta-llama/Meta-Llama-3-8B-Instruct"',
    'OPEN = "mistralai/Mistral-7B-Instruct-v0.3"',
    'reply = client.chat.completions.create(model="gpt-4o", messages=[])',
    'custom = AutoModel.from_pretrained("acme-corp/internal-model")',
  ].join('\n'),
  'legacy/old.py': '# Kept until the migration is done.\nMODEL = "gpt-4o"\n',
  'research/notes.md': '# Research notes\n\nWe compared against CohereForAI/c4ai-command-r-v01 (non-commercial licence).\n',
  'requirements.txt': 'openai==1.40.0\ntransformers\n',
  'Cargo.toml': '[package]\nname = "x"\nversion = "0.1.0"\n\n[dependencies]\ncandle-core = "0.8"\n',
  'package.json': '{ "dependencies": { "@anthropic-ai/claude-agent-sdk": "^0.1.0" } }\n',
};

let scanned: ScanResult | undefined;
async function workspace(): Promise<ScanResult> {
  scanned ??= await scanWorkspace('/ws', { engine, fs: new MemFs(FILES) });
  return scanned;
}

async function judge(policy: string, result?: ScanResult): Promise<PolicyResult> {
  const parsed = parsePolicy(policy, '.ai-openness.json', engine);
  assert.ok(parsed.policy, JSON.stringify(parsed.problems));
  return evaluatePolicy(engine, parsed.policy, result ?? (await workspace()));
}

/** `rule name` for each violation, sorted. */
const flagged = (r: PolicyResult, rule?: RuleId) =>
  r.violations
    .filter((v) => !rule || v.rule === rule)
    .map((v) => `${v.rule} ${v.finding.name}`)
    .sort();

function synthetic(over: Partial<Finding> & Pick<Finding, 'kind' | 'name' | 'license'>): ScanResult {
  const f: Finding = {
    id: over.name,
    locations: [{ path: 'x.txt', line: 1, column: 1 }],
    access: 'self-hostable',
    openness: { level: 'open-weights', osaid: 'unknown', reasons: [] },
    source: 'catalog',
    ...over,
  };
  return { root: '/ws', findings: [f], errors: [], summary: {} as ScanResult['summary'] };
}

test('the workspace has the findings these tests rely on', async () => {
  const r = await workspace();
  const byName = Object.fromEntries(r.findings.map((f) => [f.name, `${f.license.id} ${f.openness.level}`]));
  assert.deepEqual(byName, {
    'gpt-4o': 'LicenseRef-openai-terms api-only',
    'CohereForAI/c4ai-command-r-v01': 'CC-BY-NC-4.0 restricted-weights',
    'meta-llama/Meta-Llama-3-8B-Instruct': 'LicenseRef-llama3 restricted-weights',
    'mistralai/Mistral-7B-Instruct-v0.3': 'Apache-2.0 open-weights',
    'acme-corp/internal-model': 'unknown unknown',
    '@anthropic-ai/claude-agent-sdk': 'LicenseRef-anthropic-proprietary unknown',
    'candle-core': 'MIT OR Apache-2.0 open-source',
    openai: 'Apache-2.0 open-source',
    transformers: 'Apache-2.0 open-source',
  });
});

test('deny-license fires on a denied licence only, with a one-sentence message and the licence page as help', async () => {
  const r = await judge('{ "deny": { "licenses": ["llama3"] } }');
  assert.deepEqual(flagged(r), ['deny-license meta-llama/Meta-Llama-3-8B-Instruct']);
  const v = r.violations[0]!;
  assert.equal(v.severity, 'error');
  assert.equal(
    v.message,
    'meta-llama/Meta-Llama-3-8B-Instruct is under Meta Llama 3 Community License Agreement (LicenseRef-llama3), which the policy denies (.ai-openness.json: deny.licenses "llama3").',
  );
  assert.deepEqual(v.locations, [{ path: 'app.py', line: 3, column: 10 }]);
  assert.match(v.helpUri, /^https:\/\//);
  assert.equal(v.helpUri, v.finding.license.url);
  assert.deepEqual(flagged(await judge('{ "deny": { "licenses": ["GPL-3.0-only", "llama2"] } }')), [], 'does not fire on other licences');
  for (const spelling of ['LicenseRef-llama3', 'LICENSEREF-LLAMA3', 'Meta Llama 3 Community License Agreement']) {
    assert.equal((await judge(`{ "deny": { "licenses": ["${spelling}"] } }`)).violations.length, 1, spelling);
  }
});

test('deny-license on SPDX expressions: OR is denied only when every branch is, AND when any part is', async () => {
  assert.deepEqual(flagged(await judge('{ "deny": { "licenses": ["MIT"] } }')), [], 'MIT OR Apache-2.0 can be taken as Apache-2.0');
  const both = await judge('{ "deny": { "licenses": ["mit", "apache-2.0"] } }');
  assert.ok(flagged(both).includes('deny-license candle-core'));
  assert.match(both.violations.find((v) => v.finding.name === 'candle-core')!.message, /deny\.licenses "mit", "apache-2\.0"\)\.$/);
  assert.deepEqual(flagged(await judge('{ "deny": { "licenses": ["MIT OR Apache-2.0"] } }')), ['deny-license candle-core'], 'the whole expression as written');
  const and = synthetic({ kind: 'package', name: 'dual', ecosystem: 'npm', license: { id: 'MIT AND CC-BY-NC-4.0', name: 'MIT AND CC-BY-NC-4.0', url: '' } });
  assert.deepEqual(flagged(await judge('{ "deny": { "licenses": ["cc-by-nc-4.0"] } }', and)), ['deny-license dual']);
  assert.deepEqual(flagged(await judge('{ "forbidNonCommercial": true }', and)), ['non-commercial dual']);
});

test('license-not-allowed: anything outside the allow list, an unknown licence included; OR passes when either branch is allowed', async () => {
  const r = await judge('{ "allow": { "licenses": ["Apache-2.0", "MIT"], "severity": "warning" } }');
  assert.deepEqual(flagged(r), [
    'license-not-allowed @anthropic-ai/claude-agent-sdk',
    'license-not-allowed CohereForAI/c4ai-command-r-v01',
    'license-not-allowed acme-corp/internal-model',
    'license-not-allowed gpt-4o',
    'license-not-allowed meta-llama/Meta-Llama-3-8B-Instruct',
  ]);
  assert.ok(r.violations.every((v) => v.severity === 'warning'));
  const unknown = r.violations.find((v) => v.finding.name === 'acme-corp/internal-model')!;
  assert.match(unknown.message, /^acme-corp\/internal-model has an unknown licence .*not among the licences the policy allows \(\.ai-openness\.json: allow\.licenses\)\.$/);
  const pkg = r.violations.find((v) => v.finding.kind === 'package')!;
  assert.match(pkg.message, /^@anthropic-ai\/claude-agent-sdk \(npm package\) is under /);
  const onlyApache = await judge('{ "allow": { "licenses": ["apache-2.0"] } }');
  assert.ok(!flagged(onlyApache).includes('license-not-allowed candle-core'), 'MIT OR Apache-2.0 taken as Apache-2.0');
  assert.ok(flagged(await judge('{ "allow": { "licenses": ["GPL-3.0-only"] } }')).includes('license-not-allowed candle-core'));
});

test('minimum-openness: models below the level (unknown counts as below, and says so); packages are exempt', async () => {
  const r = await judge('{ "minimumOpenness": "open-weights" }');
  assert.deepEqual(flagged(r), [
    'minimum-openness CohereForAI/c4ai-command-r-v01',
    'minimum-openness acme-corp/internal-model',
    'minimum-openness gpt-4o',
    'minimum-openness meta-llama/Meta-Llama-3-8B-Instruct',
  ]);
  const gpt = r.violations.find((v) => v.finding.name === 'gpt-4o')!;
  assert.equal(gpt.message, 'gpt-4o is API only, below the minimum openness the policy requires, open weights (.ai-openness.json: minimumOpenness "open-weights").');
  assert.deepEqual(gpt.locations.map((l) => l.path), ['app.py', 'legacy/old.py']);
  assert.match(r.violations.find((v) => v.finding.name === 'acme-corp/internal-model')!.message, /unknown openness level, which counts as below the minimum/);
  assert.deepEqual(flagged(await judge('{ "minimumOpenness": { "level": "api-only" } }')), ['minimum-openness acme-corp/internal-model']);
  assert.deepEqual(flagged(await judge('{ "minimumOpenness": "restricted-weights" }')), [
    'minimum-openness acme-corp/internal-model',
    'minimum-openness gpt-4o',
  ]);
  const fully = await judge('{ "minimumOpenness": "fully-open" }');
  assert.ok(flagged(fully).includes('minimum-openness mistralai/Mistral-7B-Instruct-v0.3'));
  assert.ok(fully.violations.every((v) => v.finding.kind === 'model'));
});

test('non-commercial fires on a non-commercial licence profile only', async () => {
  const r = await judge('{ "forbidNonCommercial": "warning" }');
  assert.deepEqual(flagged(r), ['non-commercial CohereForAI/c4ai-command-r-v01']);
  assert.equal(r.violations[0]!.severity, 'warning');
  assert.match(r.violations[0]!.message, /CC-BY-NC-4\.0\), which does not allow commercial use, and the policy forbids non-commercial licences/);
});

test('api-only fires on API-only and hosted models only', async () => {
  const r = await judge('{ "forbidApiOnly": true }');
  assert.deepEqual(flagged(r), ['api-only gpt-4o']);
  assert.match(r.violations[0]!.message, /^gpt-4o is only reachable through a provider's API/);
  const hosted = synthetic({ kind: 'model', name: 'hosted-thing', license: { id: 'LicenseRef-x', name: 'X terms', url: 'http://example.com' }, openness: { level: 'hosted', osaid: 'no', reasons: [] } });
  const h = await judge('{ "forbidApiOnly": true }', hosted);
  assert.deepEqual(flagged(h), ['api-only hosted-thing']);
  assert.match(h.violations[0]!.message, /only offered as a hosted service/);
  assert.equal(h.violations[0]!.helpUri, POLICY_HELP_URI, 'no https licence page: the README section');
  assert.match(readFileSync(join(repoRoot(), 'README.md'), 'utf8'), /^## Policy$/m, 'the #policy anchor exists');
});

test('not-osi-approved: models with a non-OSI or unknown licence; packages only when their licence is known and not OSI', async () => {
  const r = await judge('{ "requireOsiApproved": true }');
  assert.deepEqual(flagged(r), [
    'not-osi-approved CohereForAI/c4ai-command-r-v01',
    'not-osi-approved acme-corp/internal-model',
    'not-osi-approved gpt-4o',
    'not-osi-approved meta-llama/Meta-Llama-3-8B-Instruct',
  ]);
  assert.match(r.violations.find((v) => v.finding.name === 'acme-corp/internal-model')!.message, /unknown licence .*cannot be shown to be OSI-approved/);
  const nc = synthetic({ kind: 'package', name: 'nc-pkg', ecosystem: 'pypi', license: { id: 'CC-BY-NC-4.0', name: 'CC BY-NC 4.0', url: '' } });
  assert.deepEqual(flagged(await judge('{ "requireOsiApproved": true }', nc)), ['not-osi-approved nc-pkg']);
});

test('a finding can break several rules, one violation each, in rule order', async () => {
  const r = await judge('{ "minimumOpenness": "open-weights", "forbidApiOnly": "warning", "requireOsiApproved": true }');
  const gpt = r.violations.filter((v) => v.finding.name === 'gpt-4o');
  assert.deepEqual(gpt.map((v) => `${v.rule}:${v.severity}`), ['minimum-openness:error', 'api-only:warning', 'not-osi-approved:error']);
  assert.equal(hasViolationAtOrAbove({ violations: gpt.filter((v) => v.severity === 'warning') }, 'error'), false);
  assert.equal(hasViolationAtOrAbove({ violations: gpt.filter((v) => v.severity === 'warning') }, 'warning'), true);
  assert.equal(hasViolationAtOrAbove({ violations: gpt }, 'error'), true);
  assert.equal(hasViolationAtOrAbove({ violations: [] }, 'warning'), false);
});

test('exception by path glob: lifts that location only, and the lifted location is reported with its reason', async () => {
  const r = await judge(`{ "forbidApiOnly": true, "exceptions": [{ "path": "legacy/**", "reason": "Legacy client, going away." }] }`);
  assert.deepEqual(r.violations.map((v) => v.locations.map((l) => l.path)), [['app.py']]);
  assert.deepEqual(
    r.excepted.map((x) => `${x.rule} ${x.finding.name} ${x.location.path}:${x.location.line} ${x.reason}`),
    ['api-only gpt-4o legacy/old.py:2 Legacy client, going away.'],
  );
  const all = await judge(`{ "forbidNonCommercial": true, "exceptions": [{ "path": "*.md", "reason": "Docs." }] }`);
  assert.deepEqual(all.violations, [], 'a violation with no location left is dropped');
  assert.equal(all.excepted.length, 1);
  const other = await judge(`{ "forbidNonCommercial": true, "exceptions": [{ "path": "src/**", "reason": "Docs." }] }`);
  assert.equal(other.violations.length, 1, 'a pattern that matches nothing lifts nothing');
});

test('exception by id with * wildcards: name as written, catalog id, ecosystem:name; case-insensitive', async () => {
  const base = '"deny": { "licenses": ["llama3"] }, "allow": { "licenses": ["Apache-2.0", "MIT"] }';
  for (const id of ['meta-llama/*', 'META-LLAMA/meta-llama-3-8b-instruct', 'meta-llama/Meta-Llama-3-8B', '*Llama-3*']) {
    const r = await judge(`{ ${base}, "exceptions": [{ "id": "${id}", "reason": "Approved by legal." }] }`);
    assert.ok(!r.violations.some((v) => v.finding.name.startsWith('meta-llama/')), id);
    assert.ok(r.excepted.some((x) => x.finding.name.startsWith('meta-llama/') && x.reason === 'Approved by legal.'), id);
    assert.ok(r.violations.some((v) => v.finding.name === 'gpt-4o'), `${id} lifts nothing else`);
  }
  const pkg = await judge(`{ ${base}, "exceptions": [{ "id": "npm:@anthropic-ai/*", "reason": "Vendor contract." }] }`);
  assert.ok(!pkg.violations.some((v) => v.finding.kind === 'package'));
  const none = await judge(`{ ${base}, "exceptions": [{ "id": "meta-llama", "reason": "Prefix without a wildcard." }] }`);
  assert.ok(none.violations.some((v) => v.finding.name.startsWith('meta-llama/')), 'ids match whole, not by prefix');
});

test('exception rules list: lifts only the rules named', async () => {
  const r = await judge(`{ "minimumOpenness": "open-weights", "forbidApiOnly": true,
    "exceptions": [{ "id": "gpt-4o", "rules": ["api-only"], "reason": "Chosen provider." }] }`);
  assert.deepEqual(flagged(r).filter((x) => x.endsWith('gpt-4o')), ['minimum-openness gpt-4o']);
  assert.deepEqual(r.excepted.map((x) => `${x.rule} ${x.location.path}`), ['api-only app.py', 'api-only legacy/old.py']);
  const both = await judge(`{ "forbidApiOnly": true, "exceptions": [{ "path": "app.py", "id": "gpt-4o", "reason": "r" }] }`);
  assert.deepEqual(both.violations[0]?.locations.map((l) => l.path), ['legacy/old.py'], 'path and id must both match');
});

test('precedence: deny beats allow; exceptions come first', async () => {
  const inBoth = await judge('{ "deny": { "licenses": ["llama3"] }, "allow": { "licenses": ["llama3", "Apache-2.0"] } }');
  assert.deepEqual(flagged(inBoth).filter((x) => x.includes('meta-llama')), ['deny-license meta-llama/Meta-Llama-3-8B-Instruct']);
  const notInAllow = await judge('{ "deny": { "licenses": ["llama3"] }, "allow": { "licenses": ["Apache-2.0"] } }');
  assert.deepEqual(flagged(notInAllow).filter((x) => x.includes('meta-llama')), ['deny-license meta-llama/Meta-Llama-3-8B-Instruct'], 'reported once, as denied');
  const liftDeny = await judge(`{ "deny": { "licenses": ["llama3"] }, "allow": { "licenses": ["Apache-2.0"] },
    "exceptions": [{ "id": "meta-llama/*", "rules": ["deny-license"], "reason": "Waiver for the denial." }] }`);
  assert.deepEqual(flagged(liftDeny).filter((x) => x.includes('meta-llama')), ['license-not-allowed meta-llama/Meta-Llama-3-8B-Instruct'], 'the allow list still applies');
  const liftAll = await judge(`{ "deny": { "licenses": ["llama3"] }, "allow": { "licenses": ["Apache-2.0"] },
    "exceptions": [{ "id": "meta-llama/*", "reason": "Approved." }] }`);
  assert.deepEqual(flagged(liftAll).filter((x) => x.includes('meta-llama')), []);
  // Lifted from the denial, the location is judged by the allow list too, and that is lifted as well: both reported.
  assert.deepEqual(liftAll.excepted.filter((x) => x.finding.name.startsWith('meta-llama')).map((x) => x.rule), ['deny-license', 'license-not-allowed']);
});

test('no rule fires on an empty scan, and problems are empty (they come from parsing)', async () => {
  const empty: ScanResult = { root: '/ws', findings: [], errors: [], summary: {} as ScanResult['summary'] };
  const r = await judge('{ "deny": { "licenses": ["llama3"] }, "forbidApiOnly": true, "requireOsiApproved": true }', empty);
  assert.deepEqual(r.violations, []);
  assert.deepEqual(r.problems, []);
  assert.equal(r.policy?.file, '.ai-openness.json');
});
