import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type * as Sarif from 'sarif';
import { createEngine } from '../../src/core/engine';
import { encodePath, rootLabels, toSarif } from '../../src/core/export/index';
import type { PolicyResult } from '../../src/core/policy/types';
import { scanWorkspace } from '../../src/core/scan';
import type { Finding, ScanResult } from '../../src/core/types';
import { fixture } from './helpers';

// The SARIF 2.1.0 schema (draft 2020-12) vendored from microsoft/sarif-sdk (MIT): see test/fixtures/schemas/README.md.
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
const validate = ajv.compile(JSON.parse(readFileSync(fixture('schemas', 'sarif-2.1.0.json'), 'utf8')) as object);

function schemaErrors(log: unknown): string | null {
  return validate(log) ? null : ajv.errorsText(validate.errors);
}

const engine = createEngine();
const OPTS = { toolName: 'ai-openness', toolVersion: '0.1.0', informationUri: 'https://github.com/example/ai-openness' };

function finding(over: Partial<Finding>): Finding {
  return {
    kind: 'model',
    name: 'meta-llama/Meta-Llama-3-8B-Instruct',
    id: 'meta-llama/Meta-Llama-3-8B',
    locations: [
      { path: 'src/app.py', line: 3, column: 10 },
      { path: 'src/app.py', line: 9, column: 4 },
    ],
    license: { id: 'LicenseRef-llama3', name: 'Meta Llama 3 Community License Agreement', url: 'https://www.llama.com/llama3/license/' },
    access: 'self-hostable',
    openness: { level: 'restricted-weights', osaid: 'no', reasons: [] },
    source: 'catalog',
    ...over,
  };
}

const llama = finding({});
const gpt = finding({
  name: 'gpt-4o',
  id: 'gpt-4o',
  locations: [{ path: 'my dir/ünï#code.ts', line: 12, column: 20 }],
  license: { id: 'LicenseRef-openai-terms', name: 'OpenAI Terms of Use', url: 'https://openai.com/policies/terms-of-use' },
  access: 'api',
  openness: { level: 'api-only', osaid: 'not-applicable', reasons: [] },
});
const openai = finding({
  kind: 'package',
  name: 'openai',
  id: 'openai',
  ecosystem: 'npm',
  locations: [{ path: 'package.json', line: 5, column: 6 }],
  license: { id: 'Apache-2.0', name: 'Apache License 2.0', url: 'https://spdx.org/licenses/Apache-2.0.html' },
  access: 'api',
  openness: { level: 'open-source', osaid: 'not-applicable', reasons: [] },
});

function scan(root: string, findings: Finding[]): ScanResult {
  return {
    root,
    findings,
    errors: [{ path: 'big.log', message: '60.0 MB exceeds the 5 MB limit; skipped' }],
    summary: { filesScanned: 3, bytesScanned: 10, findings: findings.length, models: 2, packages: 1, byAccess: {}, byLevel: {}, errors: 1, durationMs: 1 },
  };
}

const policy: PolicyResult = {
  policy: {
    file: '.ai-openness.json',
    minimumOpenness: { level: 'open-weights', severity: 'error' },
    forbidApiOnly: { severity: 'warning' },
    requireOsiApproved: { severity: 'warning' },
    exceptions: [{ path: 'src/app.py', rules: ['not-osi-approved'], reason: 'Approved by legal, ticket LEGAL-12' }],
  },
  problems: [{ file: '.ai-openness.json', line: 7, column: 3, message: 'Unknown key "denyLicences"', severity: 'warning' }],
  violations: [
    {
      rule: 'minimum-openness',
      severity: 'error',
      message: 'meta-llama/Meta-Llama-3-8B (restricted weights) is below the minimum openness open weights.',
      finding: llama,
      locations: llama.locations,
      helpUri: 'https://www.llama.com/llama3/license/',
    },
    {
      rule: 'api-only',
      severity: 'warning',
      message: 'gpt-4o is only reachable through a provider API.',
      finding: gpt,
      locations: gpt.locations,
      helpUri: 'https://github.com/example/ai-openness#policy',
    },
  ],
  excepted: [{ rule: 'not-osi-approved', finding: llama, location: llama.locations[0]!, reason: 'Approved by legal, ticket LEGAL-12' }],
};

function parse(text: string): Sarif.Log {
  return JSON.parse(text) as Sarif.Log;
}

function run(log: Sarif.Log): Sarif.Run {
  assert.equal(log.runs.length, 1);
  return log.runs[0]!;
}

/** The fields GitHub code scanning relies on, checked on every result. */
function checkGitHubFields(r: Sarif.Run): void {
  const rules = r.tool.driver.rules ?? [];
  assert.equal(new Set(rules.map((x) => x.id)).size, rules.length, 'rule ids are unique');
  for (const res of r.results ?? []) {
    assert.equal(rules[res.ruleIndex!]?.id, res.ruleId, `ruleIndex ${res.ruleIndex} points at ${res.ruleId}`);
    assert.ok(res.message.text);
    const loc = res.locations?.[0]?.physicalLocation;
    assert.equal(loc?.artifactLocation?.uriBaseId, '%SRCROOT%');
    assert.ok(!/^\/|\\|^[a-z]+:/i.test(loc?.artifactLocation?.uri ?? ''), `relative uri: ${loc?.artifactLocation?.uri}`);
    assert.ok((loc?.region?.startLine ?? 0) >= 1);
    assert.ok((loc?.region?.startColumn ?? 0) >= 1);
    assert.ok(Object.values(res.partialFingerprints ?? {})[0]);
  }
}

test('SARIF without a policy: valid 2.1.0, one inventory note per finding location', () => {
  const text = toSarif(engine, [{ result: scan('/ws/proj', [llama, gpt, openai]) }], OPTS);
  const log = parse(text);
  assert.equal(schemaErrors(log), null);
  assert.equal(log.version, '2.1.0');
  assert.ok(log.$schema);
  const r = run(log);
  assert.deepEqual(
    { ...r.tool.driver, rules: undefined },
    { name: 'ai-openness', version: '0.1.0', semanticVersion: '0.1.0', informationUri: OPTS.informationUri, rules: undefined },
  );
  assert.deepEqual(r.tool.driver.rules?.map((x) => x.id), ['ai-dependency']);
  assert.equal(r.results?.length, 4);
  assert.ok(r.results?.every((x) => x.ruleId === 'ai-dependency' && x.level === 'note'));
  assert.equal(r.results?.[0]?.message.text, 'Uses meta-llama/Meta-Llama-3-8B (Meta Llama 3 Community License Agreement, restricted weights)');
  assert.equal(r.results?.[3]?.message.text, 'Uses openai (Apache-2.0, open source)');
  assert.deepEqual(r.originalUriBaseIds?.['%SRCROOT%'], { uri: 'file:///ws/proj/' });
  // Region: the id's start and end (exclusive end column, UTF-16 units).
  assert.deepEqual(r.results?.[0]?.locations?.[0]?.physicalLocation?.region, { startLine: 3, startColumn: 10, endColumn: 10 + llama.name.length });
  // Percent-encoded, '/'-separated path.
  assert.equal(r.results?.[2]?.locations?.[0]?.physicalLocation?.artifactLocation?.uri, 'my%20dir/%C3%BCn%C3%AF%23code.ts');
  // Two places in one file: distinct fingerprints.
  const fp = r.results!.slice(0, 2).map((x) => x.partialFingerprints?.['aiOpenness/v1']);
  assert.notEqual(fp[0], fp[1]);
  // Scan problems become execution notifications.
  assert.match(r.invocations?.[0]?.toolExecutionNotifications?.[0]?.message.text ?? '', /big\.log: 60\.0 MB/);
  checkGitHubFields(r);
  assert.equal(toSarif(engine, [{ result: scan('/ws/proj', [llama, gpt, openai]) }], OPTS), text, 'deterministic');
});

test('SARIF with a policy: violations at error and warning, an excepted place as a suppressed result', () => {
  const log = parse(toSarif(engine, [{ result: scan('/ws/proj', [llama, gpt, openai]), policy }], OPTS));
  assert.equal(schemaErrors(log), null);
  const r = run(log);
  const rules = r.tool.driver.rules ?? [];
  // Only the rules that occur, in RULE_IDS order, after the inventory rule.
  assert.deepEqual(rules.map((x) => x.id), ['ai-dependency', 'minimum-openness', 'api-only', 'not-osi-approved']);
  const min = rules[1]!;
  assert.equal(min.name, 'MinimumOpenness');
  assert.equal(min.defaultConfiguration?.level, 'error');
  assert.equal(rules[2]?.defaultConfiguration?.level, 'warning');
  assert.ok(min.shortDescription?.text && min.fullDescription?.text && min.help?.text && min.help.markdown && min.helpUri);
  assert.deepEqual(min.properties?.tags, ['ai', 'license', 'policy']);

  const policyResults = (r.results ?? []).filter((x) => x.ruleId !== 'ai-dependency');
  const errors = policyResults.filter((x) => x.ruleId === 'minimum-openness');
  assert.equal(errors.length, 2);
  assert.ok(errors.every((x) => x.level === 'error' && x.message.text === policy.violations[0]!.message && !x.suppressions));
  const warn = policyResults.find((x) => x.ruleId === 'api-only');
  assert.equal(warn?.level, 'warning');
  const suppressed = policyResults.filter((x) => x.suppressions?.length);
  assert.equal(suppressed.length, 1);
  assert.equal(suppressed[0]?.ruleId, 'not-osi-approved');
  assert.deepEqual(suppressed[0]?.suppressions, [{ kind: 'external', status: 'accepted', justification: 'Approved by legal, ticket LEGAL-12' }]);
  assert.equal(suppressed[0]?.locations?.[0]?.physicalLocation?.region?.startLine, 3);
  // The policy file's problems become configuration notifications, at their place.
  const note = r.invocations?.[0]?.toolConfigurationNotifications?.[0];
  assert.equal(note?.level, 'warning');
  assert.equal(note?.locations?.[0]?.physicalLocation?.region?.startLine, 7);
  assert.equal(note?.locations?.[0]?.physicalLocation?.artifactLocation?.uri, '.ai-openness.json');
  // Inventory results are still there (one per place).
  assert.equal((r.results ?? []).filter((x) => x.ruleId === 'ai-dependency').length, 4);
  checkGitHubFields(r);
});

test('SARIF for several roots: one run, paths prefixed by the folder name, one rule table', () => {
  const a = scan('/ws/api', [llama]);
  const b = scan('/ws/web', [gpt, openai]);
  const c = scan('/other/web', [openai]);
  const log = parse(toSarif(engine, [{ result: a, policy }, { result: b }, { result: c }], OPTS));
  assert.equal(schemaErrors(log), null);
  const r = run(log);
  const uris = new Set((r.results ?? []).map((x) => x.locations?.[0]?.physicalLocation?.artifactLocation?.uri));
  assert.ok(uris.has('api/src/app.py'));
  assert.ok(uris.has('web/package.json'));
  assert.ok(uris.has('web-2/package.json'), [...uris].join(', '));
  // The roots share no parent: the base is described, not located.
  assert.equal(r.originalUriBaseIds?.['%SRCROOT%']?.uri, undefined);
  assert.ok(r.originalUriBaseIds?.['%SRCROOT%']?.description?.text);
  assert.deepEqual(r.tool.driver.rules?.map((x) => x.id), ['ai-dependency', 'minimum-openness', 'api-only', 'not-osi-approved']);
  checkGitHubFields(r);
  // Sibling roots: their parent is the base.
  const siblings = run(parse(toSarif(engine, [{ result: a }, { result: b }], OPTS)));
  assert.deepEqual(siblings.originalUriBaseIds?.['%SRCROOT%'], { uri: 'file:///ws/' });
});

test('SARIF for the fixture workspace scan is valid', async () => {
  const result = await scanWorkspace(fixture('workspace'), { engine });
  const log = parse(toSarif(engine, [{ result }], OPTS));
  assert.equal(schemaErrors(log), null);
  assert.equal(run(log).results?.length, result.findings.reduce((n, f) => n + f.locations.length, 0));
  checkGitHubFields(run(log));
});

test('SARIF schema check can fail: a broken document is rejected', () => {
  const log = parse(toSarif(engine, [{ result: scan('/ws/proj', [llama]), policy }], OPTS)) as unknown as { runs: { results: { level: string }[] }[] };
  log.runs[0]!.results[0]!.level = 'fatal';
  assert.match(schemaErrors(log) ?? '', /level/);
  const noVersion = parse(toSarif(engine, [{ result: scan('/ws/proj', [llama]) }], OPTS)) as unknown as Record<string, unknown>;
  delete noVersion.version;
  assert.notEqual(schemaErrors(noVersion), null);
});

test('SARIF helpers: unique root labels, encoded paths', () => {
  assert.deepEqual(rootLabels([{ root: '/a/app' }, { root: 'C:\\b\\app\\' }, { root: '/c/app-2' }]), ['app', 'app-2', 'app-2-2']);
  assert.equal(encodePath('a b/c%d/e.py'), 'a%20b/c%25d/e.py');
});
