import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createEngine } from '../../src/core/engine';
import { MODEL_LEVELS, POLICY_KEYS, parsePolicy } from '../../src/core/policy/parse';
import { RULE_IDS, type Policy, type PolicyProblem } from '../../src/core/policy/types';
import { fixture, repoRoot } from './helpers';

const engine = createEngine();
const parse = (text: string, file = '.ai-openness.json') => parsePolicy(text, file, engine);
const at = (p: PolicyProblem) => `${p.line}:${p.column} ${p.severity}`;

test('the minimal form works: deny a Hugging Face licence tag, default severity error, nothing else on', () => {
  const r = parse('{ "deny": { "licenses": ["llama3"] } }');
  assert.deepEqual(r.problems, []);
  assert.deepEqual(r.policy, {
    file: '.ai-openness.json',
    denyLicenses: { licenses: [{ written: 'llama3', resolved: 'LicenseRef-llama3' }], severity: 'error' },
    exceptions: [],
  });
});

test('licences resolve through the engine in any case: tags, LicenseRef ids, SPDX ids; unknown ones warn and stay as written', () => {
  const line2 = '  "deny": { "licenses": ["LicenseRef-llama3", "apache-2.0", "APACHE-2.0", "mpl-2.0", "gemma", "no-such-licence"] }';
  const r = parse(`{\n${line2}\n}`);
  assert.ok(r.policy);
  assert.deepEqual(
    r.policy.denyLicenses?.licenses.map((l) => l.resolved),
    ['LicenseRef-llama3', 'Apache-2.0', 'Apache-2.0', 'MPL-2.0', 'LicenseRef-gemma', 'no-such-licence'],
  );
  assert.equal(r.problems.length, 1);
  assert.equal(at(r.problems[0]!), `2:${line2.indexOf('"no-such-licence"') + 1} warning`);
  assert.match(r.problems[0]!.message, /"no-such-licence" is not an SPDX id.*compared as written/);
});

test('JSON with comments and YAML give the same policy (every rule, severities, exceptions)', () => {
  const json = parse(readFileSync(fixture('policy', 'team.json'), 'utf8'), 'team.json');
  const yaml = parse(readFileSync(fixture('policy', 'team.yaml'), 'utf8'), 'team.yaml');
  assert.deepEqual(json.problems, []);
  assert.deepEqual(yaml.problems, []);
  const strip = (p: Policy | undefined) => ({ ...p, file: '' });
  assert.deepEqual(strip(json.policy), strip(yaml.policy));
  const p = json.policy!;
  assert.equal(p.allowLicenses?.severity, 'warning');
  assert.deepEqual(p.minimumOpenness, { level: 'restricted-weights', severity: 'error' });
  assert.deepEqual(p.forbidNonCommercial, { severity: 'error' });
  assert.deepEqual(p.forbidApiOnly, { severity: 'warning' });
  assert.equal(p.requireOsiApproved, undefined, 'false turns the rule off');
  assert.deepEqual(p.exceptions, [
    { path: 'legacy/**', rules: ['api-only'], reason: 'Legacy client, removed with the 2.0 migration.' },
    { id: 'CohereForAI/*', reason: 'Research comparison only; never shipped.' },
  ]);
});

test('minimumOpenness as a bare level; flags as true or a severity; .yml and an unknown extension are read too', () => {
  const r = parse('minimumOpenness: open-weights\nforbidApiOnly: true\nrequireOsiApproved: warning\n', 'policy.yml');
  assert.deepEqual(r.problems, []);
  assert.deepEqual(r.policy?.minimumOpenness, { level: 'open-weights', severity: 'error' });
  assert.deepEqual(r.policy?.forbidApiOnly, { severity: 'error' });
  assert.deepEqual(r.policy?.requireOsiApproved, { severity: 'warning' });
  assert.ok(parse('{"forbidApiOnly": true}', 'policy.txt').policy, 'JSON sniffed from the first character');
  assert.ok(parse('forbidApiOnly: true\n', 'policy.txt').policy, 'otherwise YAML');
});

test('malformed JSON: an error at the right line:column and no policy', () => {
  const r = parse(readFileSync(fixture('policy', 'broken.json'), 'utf8'));
  assert.equal(r.policy, undefined);
  assert.deepEqual(r.problems.map(at), ['3:3 error']);
  assert.match(r.problems[0]!.message, /invalid JSON: comma expected/);
});

test('malformed YAML: an error at the right line:column and no policy', () => {
  const r = parse(readFileSync(fixture('policy', 'broken.yaml'), 'utf8'), '.ai-openness.yaml');
  assert.equal(r.policy, undefined);
  assert.ok(r.problems.length >= 1);
  assert.equal(at(r.problems[0]!), '4:1 error');
  assert.match(r.problems[0]!.message, /^invalid YAML: /);
  assert.doesNotMatch(r.problems[0]!.message, /\n/);
  const dup = parse('deny:\n  licenses: [llama3]\ndeny:\n  licenses: [MIT]\n', 'x.yaml');
  assert.equal(dup.policy, undefined);
  assert.equal(at(dup.problems[0]!), '3:1 error');
});

test('unknown keys are warnings with their position (with a hint for a wrong case); the policy is still used', () => {
  const line2 = '  "deny": { "licenses": ["llama3"], "level": 1 },';
  const r = parse(`{\n${line2}\n  "forbidapionly": true\n}`);
  assert.ok(r.policy);
  assert.deepEqual(r.problems.map(at), [`2:${line2.indexOf('"level"') + 1} warning`, '3:3 warning']);
  assert.match(r.problems[0]!.message, /unknown key "deny.level"/);
  assert.match(r.problems[1]!.message, /did you mean "forbidApiOnly"/);
  const y = parse('deny:\n  licenses: [llama3]\nbogus: 1\n', 'p.yaml');
  assert.ok(y.policy);
  assert.deepEqual(y.problems.map(at), ['3:1 warning']);
});

test('wrong types and bad values are errors at the value, and there is no policy', () => {
  const cases: [string, string, RegExp][] = [
    ['{"deny": {"licenses": "llama3"}}', '1:23 error', /"deny.licenses" must be a list/],
    ['{"deny": ["llama3"]}', '1:10 error', /"deny" must be an object/],
    ['{"deny": {}}', '1:10 error', /needs a "licenses" list/],
    ['{"deny": {"licenses": [42]}}', '1:24 error', /"deny.licenses\[0\]" must be a licence id/],
    ['{"allow": {"licenses": ["MIT"], "severity": "fatal"}}', '1:45 error', /"allow.severity" must be "error" or "warning"/],
    ['{"minimumOpenness": "open"}', '1:21 error', /"minimumOpenness" must be one of "api-only"/],
    ['{"minimumOpenness": {"severity": "warning"}}', '1:21 error', /needs a "level"/],
    ['{"forbidApiOnly": "yes"}', '1:19 error', /"forbidApiOnly" must be true, false, "error" or "warning"/],
    ['{"forbidApiOnly": true, "exceptions": {}}', '1:39 error', /"exceptions" must be a list/],
    ['{"forbidApiOnly": true, "exceptions": [{"rules": ["api"], "reason": "r"}]}', '1:51 error', /"exceptions\[0\].rules\[0\]" must be one of "deny-license"/],
    ['{"forbidApiOnly": true, "exceptions": [{"path": "", "reason": "r"}]}', '1:49 error', /"exceptions\[0\].path" must be a non-empty/],
    ['{"$schema": 1, "forbidApiOnly": true}', '1:13 error', /"\$schema" must be a string/],
  ];
  for (const [text, where, message] of cases) {
    const r = parse(text);
    assert.equal(r.policy, undefined, text);
    const errors = r.problems.filter((p) => p.severity === 'error');
    assert.equal(errors.length, 1, `${text}: ${JSON.stringify(r.problems)}`);
    assert.equal(at(errors[0]!), where, text);
    assert.match(errors[0]!.message, message, text);
  }
});

test('an exception without a reason (or with a blank one) is an error', () => {
  const missing = parse('forbidApiOnly: true\nexceptions:\n  - id: gpt-4o\n    rules: [api-only]\n', 'p.yaml');
  assert.equal(missing.policy, undefined);
  assert.deepEqual(missing.problems.map(at), ['3:5 error']);
  assert.match(missing.problems[0]!.message, /"exceptions\[0\]" has no "reason"/);
  const blank = parse('{"forbidApiOnly": true, "exceptions": [{"id": "gpt-4o", "reason": "  "}]}');
  assert.equal(blank.policy, undefined);
  assert.deepEqual(blank.problems.map(at), ['1:67 error']);
  const everything = parse('{"forbidApiOnly": true, "exceptions": [{"reason": "all of it"}]}');
  assert.ok(everything.policy, 'an exception with only a reason is allowed…');
  assert.match(everything.problems[0]!.message, /lifts every rule for every finding/, '…with a warning');
});

test('an empty file, or a file of comments only, is an error at 1:1; a policy that is not an object too; {} only warns', () => {
  for (const [text, file] of [['', 'a.json'], ['  \n', 'a.json'], ['// nothing yet\n', 'a.json'], ['', 'a.yaml'], ['# nothing yet\n', 'a.yaml']] as const) {
    const r = parse(text, file);
    assert.equal(r.policy, undefined, JSON.stringify(text));
    assert.deepEqual(r.problems.map(at), ['1:1 error'], JSON.stringify(text));
    assert.match(r.problems[0]!.message, /empty/);
  }
  assert.match(parse('[]').problems[0]!.message, /must be an object/);
  assert.equal(parse('- llama3\n', 'a.yaml').policy, undefined);
  const empty = parse('{}');
  assert.ok(empty.policy);
  assert.match(empty.problems[0]!.message, /turns on no rule/);
});

test('a key given twice in JSON warns and the last wins; a byte-order mark is not part of line 1', () => {
  const r = parse('\uFEFF{"deny": {"licenses": ["MIT"]},\n "deny": {"licenses": ["llama3"]}}');
  assert.deepEqual(r.problems.map(at), ['2:2 warning']);
  assert.deepEqual(r.policy?.denyLicenses?.licenses.map((l) => l.written), ['llama3']);
});

test('problems come sorted by position and name the file as given', () => {
  const r = parse('bogus: 1\ndeny:\n  licenses: [no-such]\nzz: 2\n', 'config/policy.yaml');
  assert.deepEqual(r.problems.map(at), ['1:1 warning', '3:14 warning', '4:1 warning']);
  assert.ok(r.problems.every((p) => p.file === 'config/policy.yaml'));
  assert.equal(r.policy?.file, 'config/policy.yaml');
});

test('the JSON Schema matches the parser: keys, levels, rules, severities, a required reason', () => {
  const schema = JSON.parse(readFileSync(`${repoRoot()}/schemas/ai-openness-policy.schema.json`, 'utf8'));
  assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
  assert.deepEqual(Object.keys(schema.properties).sort(), [...POLICY_KEYS].sort());
  assert.deepEqual(schema.definitions.level.enum, [...MODEL_LEVELS]);
  assert.deepEqual(schema.definitions.rule.enum, [...RULE_IDS]);
  assert.deepEqual(schema.definitions.severity.enum, ['error', 'warning']);
  assert.deepEqual(schema.definitions.flag.enum, [true, false, 'error', 'warning']);
  assert.deepEqual(schema.properties.exceptions.items.required, ['reason']);
  assert.deepEqual(Object.keys(schema.properties.exceptions.items.properties).sort(), ['id', 'path', 'reason', 'rules']);
  assert.deepEqual(schema.definitions.licenseList.required, ['licenses']);
  for (const key of POLICY_KEYS) assert.ok(schema.properties[key].description, `${key} has a description`);
});
