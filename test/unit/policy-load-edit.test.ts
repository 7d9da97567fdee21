import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse as parseYaml } from 'yaml';
import { createEngine } from '../../src/core/engine';
import { addException, newPolicyText } from '../../src/core/policy/edit';
import { checkPolicy, findPolicyFile, loadPolicy } from '../../src/core/policy/load';
import { parsePolicy } from '../../src/core/policy/parse';
import type { PolicyException } from '../../src/core/policy/types';
import { scanWorkspace } from '../../src/core/scan';
import { MemFs } from './memfs';

const engine = createEngine();
const DENY = '{ "deny": { "licenses": ["llama3"] } }\n';

test('findPolicyFile: none, then each name, in POLICY_FILE_NAMES order; folders of that name do not count', async () => {
  assert.equal(await findPolicyFile(new MemFs({ 'a.py': '' }), '/ws'), undefined);
  assert.equal(await findPolicyFile(new MemFs({ '.ai-openness.yml': 'x: 1' }), '/ws'), '/ws/.ai-openness.yml');
  assert.equal(await findPolicyFile(new MemFs({ '.ai-openness.yml': '', '.ai-openness.yaml': '' }), '/ws'), '/ws/.ai-openness.yaml');
  assert.equal(await findPolicyFile(new MemFs({ '.ai-openness.yaml': '', '.ai-openness.json': '' }), '/ws'), '/ws/.ai-openness.json');
  assert.equal(await findPolicyFile(new MemFs({ '.ai-openness.json/inner': '' }), '/ws'), undefined);
});

test('loadPolicy: no file gives nothing; a file gives the policy named relative to the root and its absolute path', async () => {
  assert.deepEqual(await loadPolicy(new MemFs({}), '/ws', engine), { problems: [] });
  const r = await loadPolicy(new MemFs({ '.ai-openness.yaml': 'deny:\n  licenses: [llama3]\nextra: 1\n' }), '/ws', engine);
  assert.equal(r.file, '/ws/.ai-openness.yaml');
  assert.equal(r.policy?.file, '.ai-openness.yaml');
  assert.deepEqual(r.problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.severity}`), ['.ai-openness.yaml:3:1: warning']);
});

test('two policy files: the first wins and a warning on the other names both', async () => {
  const fs = new MemFs({ '.ai-openness.json': DENY, '.ai-openness.yaml': 'forbidApiOnly: true\n' });
  const r = await loadPolicy(fs, '/ws', engine);
  assert.equal(r.policy?.file, '.ai-openness.json');
  assert.ok(r.policy?.denyLicenses && !r.policy.forbidApiOnly);
  assert.equal(r.problems.length, 1);
  const w = r.problems[0]!;
  assert.equal(w.severity, 'warning');
  assert.equal(w.file, '.ai-openness.yaml');
  assert.match(w.message, /\.ai-openness\.yaml is ignored: \.ai-openness\.json is also present/);
});

test('an explicit path: relative to the root or absolute; named as given', async () => {
  const fs = new MemFs({ 'config/policy.yaml': 'forbidApiOnly: true\n' }).file('/elsewhere/p.json', DENY);
  const rel = await loadPolicy(fs, '/ws', engine, 'config/policy.yaml');
  assert.equal(rel.file, '/ws/config/policy.yaml');
  assert.equal(rel.policy?.file, 'config/policy.yaml');
  const abs = await loadPolicy(fs, '/ws', engine, '/elsewhere/p.json');
  assert.equal(abs.policy?.file, '/elsewhere/p.json');
  assert.ok(abs.policy?.denyLicenses);
});

test('I/O errors are policy errors naming the file (missing explicit file, unreadable file, binary file)', async () => {
  const missing = await loadPolicy(new MemFs({}), '/ws', engine, 'nope.json');
  assert.equal(missing.policy, undefined);
  assert.deepEqual(missing.problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.severity}`), ['nope.json:1:1: error']);
  assert.match(missing.problems[0]!.message, /cannot read the policy file nope\.json: no such file/);
  const denied = await loadPolicy(new MemFs({ '.ai-openness.json': DENY }).fail('/ws/.ai-openness.json', 'readFile', 'EACCES'), '/ws', engine);
  assert.equal(denied.policy, undefined);
  assert.equal(denied.file, '/ws/.ai-openness.json');
  assert.match(denied.problems[0]!.message, /\.ai-openness\.json: permission denied/);
  const binary = await loadPolicy(new MemFs({ '.ai-openness.json': new Uint8Array([123, 0, 125]) }), '/ws', engine);
  assert.equal(binary.policy, undefined);
  assert.match(binary.problems[0]!.message, /binary/);
});

test('checkPolicy: loads and judges; a policy with errors judges nothing but keeps the problems', async () => {
  const fs = new MemFs({ 'app.py': 'M = "meta-llama/Meta-Llama-3-8B-Instruct"\n', '.ai-openness.json': DENY });
  const result = await scanWorkspace('/ws', { engine, fs });
  const r = await checkPolicy(engine, fs, '/ws', result);
  assert.deepEqual(r.violations.map((v) => `${v.rule} ${v.finding.name}`), ['deny-license meta-llama/Meta-Llama-3-8B-Instruct']);
  assert.deepEqual(r.problems, []);
  fs.file('/ws/.ai-openness.json', '{ "deny": { "licenses": "llama3" } }');
  const bad = await checkPolicy(engine, fs, '/ws', result);
  assert.equal(bad.policy, undefined);
  assert.deepEqual(bad.violations, []);
  assert.equal(bad.problems[0]?.severity, 'error');
  const none = await checkPolicy(engine, new MemFs({}), '/ws', result);
  assert.deepEqual(none, { problems: [], violations: [], excepted: [] });
});

const EXCEPTION: PolicyException = { path: 'legacy/**', id: 'gpt-4o', rules: ['api-only'], reason: 'Legacy client.' };

/** Every non-blank line of `before` is still in `after`, in order (a trailing comma may be added). */
function keepsEverything(before: string, after: string): void {
  const lines = after.split(/\r?\n/).map((l) => l.trim().replace(/,$/, ''));
  let at = 0;
  for (const line of before.split(/\r?\n/).map((l) => l.trim().replace(/,$/, '')).filter(Boolean)) {
    const found = lines.indexOf(line, at);
    assert.ok(found >= 0, `lost: ${line}\n--- after ---\n${after}`);
    at = found + 1;
  }
}

function exceptionsOf(text: string, file: string): PolicyException[] {
  const r = parsePolicy(text, file, engine);
  assert.ok(r.policy, JSON.stringify(r.problems));
  return r.policy.exceptions;
}

test('addException (JSON): keeps comments and layout, appends to the list, or creates it', () => {
  const withList = [
    '{',
    '  // The team policy. Ask #platform before editing.',
    '  "deny": { "licenses": ["llama3"] }, /* trailing note */',
    '  "exceptions": [',
    '    // research only',
    '    { "id": "CohereForAI/*", "reason": "Research." }',
    '  ]',
    '}',
    '',
  ].join('\n');
  const added = addException(withList, '.ai-openness.json', EXCEPTION);
  keepsEverything(withList, added);
  assert.match(added, /\/\/ The team policy/);
  assert.match(added, /\/\* trailing note \*\//);
  assert.deepEqual(exceptionsOf(added, '.ai-openness.json'), [{ id: 'CohereForAI/*', reason: 'Research.' }, EXCEPTION]);
  assert.match(added, /\n {4}\{\n {6}"path": "legacy\/\*\*",\n {6}"id": "gpt-4o",/, 'two-space indentation');

  const noList = '{\n  // deny Llama 3\n  "deny": { "licenses": ["llama3"] }\n}\n';
  const created = addException(noList, '.ai-openness.json', { id: 'x', reason: 'y' });
  keepsEverything(noList, created);
  assert.deepEqual(exceptionsOf(created, '.ai-openness.json'), [{ id: 'x', reason: 'y' }]);
  const twice = addException(created, '.ai-openness.json', { path: 'a/**', reason: 'z' });
  assert.deepEqual(exceptionsOf(twice, '.ai-openness.json'), [{ id: 'x', reason: 'y' }, { path: 'a/**', reason: 'z' }]);
  const crlf = addException(noList.replace(/\n/g, '\r\n'), '.ai-openness.json', { id: 'x', reason: 'y' });
  assert.doesNotMatch(crlf.replace(/\r\n/g, ''), /\n/, 'keeps CRLF line ends');
});

test('addException (YAML): keeps comments, appends to the list, or creates it', () => {
  const withList = [
    '# The team policy. Ask #platform before editing.',
    'deny:',
    '  licenses: [llama3] # Meta Llama 3',
    '',
    'exceptions:',
    '  # research only',
    '  - id: CohereForAI/*',
    '    reason: Research.',
    '',
  ].join('\n');
  const added = addException(withList, '.ai-openness.yaml', EXCEPTION);
  keepsEverything(withList, added);
  assert.deepEqual(exceptionsOf(added, '.ai-openness.yaml'), [{ id: 'CohereForAI/*', reason: 'Research.' }, EXCEPTION]);
  const noList = '# deny Llama 3\ndeny:\n  licenses: [llama3]  # the only rule\n';
  const created = addException(noList, '.ai-openness.yml', { id: 'x', reason: 'y' });
  keepsEverything(noList, created);
  assert.deepEqual(parseYaml(created).exceptions, [{ id: 'x', reason: 'y' }]);
});

test('addException on an empty (or comments-only) file writes a new policy; on a broken one it throws', () => {
  assert.deepEqual(exceptionsOf(addException('', '.ai-openness.json', EXCEPTION), '.ai-openness.json'), [EXCEPTION]);
  const commented = addException('// to do\n', '.ai-openness.json', EXCEPTION);
  assert.match(commented, /^\/\/ to do\n/);
  assert.deepEqual(exceptionsOf(commented, '.ai-openness.json'), [EXCEPTION]);
  const yamlCommented = addException('# to do\n', '.ai-openness.yaml', EXCEPTION);
  assert.match(yamlCommented, /^# to do\n/);
  assert.deepEqual(exceptionsOf(yamlCommented, '.ai-openness.yaml'), [EXCEPTION]);
  assert.throws(() => addException('[1, 2]', '.ai-openness.json', EXCEPTION), /not a JSON object/);
  assert.throws(() => addException('{ "exceptions": 3 }', '.ai-openness.json', EXCEPTION), /not a list/);
  assert.throws(() => addException('deny: [\n', '.ai-openness.yaml', EXCEPTION), /not valid YAML/);
  assert.throws(() => addException('exceptions: nope\n', '.ai-openness.yaml', EXCEPTION), /not a list/);
});

test('newPolicyText: JSON by default, YAML for .yaml names; both parse back to the exception', () => {
  const json = newPolicyText(EXCEPTION);
  assert.equal(json, JSON.stringify({ exceptions: [EXCEPTION] }, null, 2) + '\n');
  assert.deepEqual(exceptionsOf(json, '.ai-openness.json'), [EXCEPTION]);
  const yaml = newPolicyText({ reason: 'Everything, for now.' }, '.ai-openness.yaml');
  assert.deepEqual(exceptionsOf(yaml, '.ai-openness.yaml'), [{ reason: 'Everything, for now.' }]);
});

test('addException keeps everything in other layouts too: one-line JSON, comments after the last item, empty lists, flow YAML', () => {
  const cases: [string, string, PolicyException[]][] = [
    ['{ "deny": { "licenses": ["llama3"] } }', 'p.json', []],
    ['{\n  "deny": { "licenses": ["llama3"] } // only rule\n}\n', 'p.json', []],
    ['{\n  "exceptions": [\n    { "id": "a", "reason": "b" }, // first\n  ],\n}\n', 'p.json', [{ id: 'a', reason: 'b' }]],
    ['{\n  "exceptions": [{ "id": "a", "reason": "b" }]\n}\n', 'p.json', [{ id: 'a', reason: 'b' }]],
    ['{\n  "forbidApiOnly": true,\n  "exceptions": []\n}\n', 'p.json', []],
    ['forbidApiOnly: true\nexceptions:\n# to fill in\n', 'p.yaml', []],
    ['forbidApiOnly: true\nexceptions:\n- id: a\n  reason: b # why\n# tail\nrequireOsiApproved: true', 'p.yaml', [{ id: 'a', reason: 'b' }]],
    ['forbidApiOnly: true\nexceptions: [{id: a, reason: b}] # flow\n', 'p.yaml', [{ id: 'a', reason: 'b' }]],
    ['{forbidApiOnly: true}', 'p.yaml', []],
  ];
  for (const [before, file, existing] of cases) {
    const after = addException(before, file, EXCEPTION);
    const got = exceptionsOf(after, file);
    assert.deepEqual(got, [...existing, EXCEPTION], `${before}\n--- gave ---\n${after}`);
    for (const comment of before.match(/(\/\/|#) [^\n]*/g) ?? []) assert.ok(after.includes(comment), `lost "${comment}" in\n${after}`);
    for (const key of ['forbidApiOnly', 'requireOsiApproved', 'deny']) {
      if (before.includes(key)) assert.ok(after.includes(key), `lost ${key}`);
    }
  }
});
