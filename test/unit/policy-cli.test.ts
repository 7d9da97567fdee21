import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliIo } from '../../src/cli/run';
import { runCliCaptured } from './cliRunner';
import { fixture } from './helpers';

const cli = (argv: string[], over: Partial<CliIo> = {}) => runCliCaptured(argv, { cwd: fixture('policy'), ...over });

/** A copy of the policy workspace with `files` added (policy files…), removed afterwards. */
async function withWorkspace(files: Record<string, string>, run: (dir: string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'aio-policy-'));
  try {
    cpSync(fixture('policy', 'workspace'), dir, { recursive: true });
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    await run(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const DENY_LLAMA = '{ "deny": { "licenses": ["llama3"] } }\n';

test('no policy file: the scan is as before (exit 0, no Policy section, no policy key)', async () => {
  const table = await cli(['scan', 'workspace']);
  assert.equal(table.code, 0, table.err);
  assert.doesNotMatch(table.out, /^Policy/m);
  const json = await cli(['scan', 'workspace', '--format', 'json']);
  assert.equal(json.code, 0);
  assert.deepEqual(Object.keys(JSON.parse(json.out)), ['root', 'findings', 'errors', 'summary']);
});

test('a clean policy exits 0 and says so; a violation exits 1 and is listed with rule, severity, name, place and message', async () => {
  await withWorkspace({ '.ai-openness.json': '{ "deny": { "licenses": ["GPL-3.0-only"] } }' }, async (dir) => {
    const r = await cli(['scan', dir]);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^Policy \(\.ai-openness\.json\): no violations$/m);
  });
  await withWorkspace({ '.ai-openness.json': DENY_LLAMA }, async (dir) => {
    const r = await cli(['scan', dir]);
    assert.equal(r.code, 1, r.err);
    assert.equal(r.err, '');
    assert.match(r.out, /Models you can self-host/, 'findings are printed as before');
    assert.match(r.out, /^Policy \(\.ai-openness\.json\): 1 error, 0 warnings$/m);
    assert.match(r.out, /^ {2}error {4}deny-license {2}meta-llama\/Meta-Llama-3-8B-Instruct {2}app\.py:3$/m);
    assert.match(r.out, /^ {4}meta-llama\/Meta-Llama-3-8B-Instruct is under Meta Llama 3 Community License/m);
    for (const line of r.out.split('\n')) assert.ok([...line].length <= 80, `too wide: ${line}`);
  });
});

test('scan --format json adds a top-level "policy" object; the other fields are unchanged', async () => {
  await withWorkspace({ '.ai-openness.yaml': 'deny:\n  licenses: [llama3]\nforbidApiOnly: warning\nexceptions:\n  - path: legacy/**\n    reason: Going away.\nextra: 1\n' }, async (dir) => {
    const plain = JSON.parse((await cli(['scan', dir, '--format', 'json', '--policy', fixture('policy', 'deny-llama.json')])).out);
    const r = await cli(['scan', '.', '--format', 'json'], { cwd: dir });
    assert.equal(r.code, 1, r.err);
    const json = JSON.parse(r.out);
    assert.deepEqual(Object.keys(json), ['root', 'findings', 'errors', 'summary', 'policy']);
    assert.deepEqual(json.findings, plain.findings);
    assert.equal(json.policy.file, '.ai-openness.yaml');
    assert.deepEqual(json.policy.problems, [
      { file: '.ai-openness.yaml', line: 7, column: 1, severity: 'warning', message: json.policy.problems[0].message },
    ]);
    assert.deepEqual(
      json.policy.violations.map((v: { rule: string; severity: string; name: string }) => `${v.rule} ${v.severity} ${v.name}`),
      ['api-only warning gpt-4o', 'deny-license error meta-llama/Meta-Llama-3-8B-Instruct'],
    );
    const v = json.policy.violations[1];
    assert.deepEqual(Object.keys(v), ['rule', 'severity', 'message', 'name', 'id', 'kind', 'locations', 'helpUri']);
    assert.equal(v.id, 'meta-llama/Meta-Llama-3-8B');
    assert.equal(v.kind, 'model');
    assert.deepEqual(v.locations, [{ path: 'app.py', line: 3, column: 10 }]);
    assert.deepEqual(json.policy.violations[0].locations.map((l: { path: string }) => l.path), ['app.py']);
    assert.deepEqual(json.policy.excepted, [
      { rule: 'api-only', name: 'gpt-4o', id: 'gpt-4o', kind: 'model', location: { path: 'legacy/old.py', line: 2, column: 10 }, reason: 'Going away.' },
    ]);
    assert.match(r.err, /^\.ai-openness\.yaml:7:1: warning: unknown key "extra"/m);
  });
});

test('warnings only exit 0 unless --fail-on warning; --fail-on takes error or warning', async () => {
  await withWorkspace({ '.ai-openness.json': '{ "forbidApiOnly": "warning" }' }, async (dir) => {
    const dflt = await cli(['scan', dir]);
    assert.equal(dflt.code, 0, dflt.err);
    assert.match(dflt.out, /^Policy \(\.ai-openness\.json\): 0 errors, 1 warning$/m);
    assert.equal((await cli(['scan', dir, '--fail-on', 'error'])).code, 0);
    assert.equal((await cli(['scan', dir, '--fail-on', 'warning'])).code, 1);
    const bad = await cli(['scan', dir, '--fail-on', 'note']);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /--fail-on must be error or warning/);
    assert.equal(bad.out, '');
  });
});

test('a malformed policy file: exit 2, file:line:column on stderr, and the findings still printed', async () => {
  for (const name of ['broken.json', 'broken.yaml']) {
    const target = name.endsWith('.json') ? '.ai-openness.json' : '.ai-openness.yaml';
    await withWorkspace({ [target]: readFileSync(fixture('policy', name), 'utf8') }, async (dir) => {
      const r = await cli(['scan', dir], { cwd: dir });
      assert.equal(r.code, 2, name);
      assert.match(r.out, /meta-llama\/Meta-Llama-3-8B-Instruct/, `${name}: findings printed`);
      assert.match(r.out, /^Policy \(\.ai-openness\.(json|yaml)\)\n {2}Not applied: the file has \d+ errors? /m);
      const where = name.endsWith('.json') ? '3:3' : '4:1';
      assert.match(r.err, new RegExp(`^\\${target}:${where}: error: invalid (JSON|YAML): `, 'm'), r.err);
      assert.match(r.err, /the policy was not applied/);
      const json = await cli(['scan', dir, '--format', 'json'], { cwd: dir });
      assert.equal(json.code, 2);
      const parsed = JSON.parse(json.out);
      assert.ok(parsed.findings.length > 0);
      assert.deepEqual(parsed.policy.violations, []);
      assert.equal(parsed.policy.problems[0].severity, 'error');
    });
  }
});

test('an exception without a reason is an error (exit 2); an unknown key only warns', async () => {
  await withWorkspace({ '.ai-openness.json': '{\n  "forbidApiOnly": true,\n  "exceptions": [{ "id": "gpt-4o" }]\n}' }, async (dir) => {
    const r = await cli(['scan', dir], { cwd: dir });
    assert.equal(r.code, 2);
    assert.match(r.err, /^\.ai-openness\.json:3:18: error: "exceptions\[0\]" has no "reason"/m);
  });
  await withWorkspace({ '.ai-openness.json': '{\n  "forbidNonCommercial": true,\n  "colour": "red"\n}' }, async (dir) => {
    const r = await cli(['scan', dir], { cwd: dir });
    assert.equal(r.code, 1, 'the policy is applied: CohereForAI is non-commercial');
    assert.match(r.err, /^\.ai-openness\.json:3:3: warning: unknown key "colour" is ignored/m);
    assert.match(r.out, /non-commercial {2}CohereForAI\/c4ai-command-r-v01/);
  });
});

test('--policy FILE is used instead of the root file; a missing one exits 2 naming it, before scanning', async () => {
  await withWorkspace({ '.ai-openness.json': '{ "deny": { "licenses": ["GPL-3.0-only"] } }' }, async (dir) => {
    const r = await cli(['scan', dir, '--policy', 'team.yaml', '--format', 'json']);
    assert.equal(r.code, 1, r.err);
    const json = JSON.parse(r.out);
    assert.equal(json.policy.file, fixture('policy', 'team.yaml'), 'outside the root: absolute');
    const rules = json.policy.violations.map((v: { rule: string; name: string }) => `${v.rule} ${v.name}`);
    assert.ok(rules.includes('deny-license meta-llama/Meta-Llama-3-8B-Instruct'), rules.join(', '));
    assert.ok(json.policy.excepted.some((x: { reason: string }) => x.reason === 'Research comparison only; never shipped.'));
    const missing = await cli(['scan', dir, '--policy', 'no-such-policy.json']);
    assert.equal(missing.code, 2);
    assert.equal(missing.out, '');
    assert.match(missing.err, /no-such-policy\.json: no such file/);
  });
});

test('two policy files: a warning names the ignored one; the first (JSON) is used', async () => {
  await withWorkspace({ '.ai-openness.json': DENY_LLAMA, '.ai-openness.yml': 'forbidApiOnly: true\n' }, async (dir) => {
    const r = await cli(['scan', dir, '--format', 'json'], { cwd: dir });
    assert.equal(r.code, 1);
    assert.match(r.err, /^\.ai-openness\.yml:1:1: warning: \.ai-openness\.yml is ignored: \.ai-openness\.json is also present/m);
    const json = JSON.parse(r.out);
    assert.deepEqual(json.policy.violations.map((v: { rule: string }) => v.rule), ['deny-license']);
  });
});

test('the policy file is not scanned as a use of what it names', async () => {
  await withWorkspace({ '.ai-openness.json': '{ "deny": { "licenses": ["llama3"] }, "exceptions": [{ "id": "llama3.2", "reason": "x" }] }' }, async (dir) => {
    const r = await cli(['scan', dir, '--format', 'json']);
    const json = JSON.parse(r.out);
    assert.ok(!json.findings.some((f: { locations: { path: string }[] }) => f.locations.some((l) => l.path === '.ai-openness.json')));
  });
});

test('export: cyclonedx, sarif (with the policy verdict) and markdown; it reports, it does not gate', async () => {
  await withWorkspace({ '.ai-openness.json': DENY_LLAMA }, async (dir) => {
    const sarif = await cli(['export', dir, '--format', 'sarif']);
    assert.equal(sarif.code, 0, sarif.err);
    const log = JSON.parse(sarif.out);
    assert.equal(log.version, '2.1.0');
    assert.equal(log.runs[0].tool.driver.name, 'ai-openness');
    assert.equal(log.runs[0].tool.driver.version, JSON.parse(readFileSync(join(fixture('policy'), '..', '..', '..', 'package.json'), 'utf8')).version);
    assert.ok(log.runs[0].results.some((x: { ruleId: string }) => x.ruleId === 'deny-license'));
    const bom = await cli(['export', dir, '--format', 'cyclonedx']);
    assert.equal(bom.code, 0, bom.err);
    assert.equal(JSON.parse(bom.out).bomFormat, 'CycloneDX');
    const file = join(dir, 'report.md');
    const md = await cli(['export', dir, '--format', 'markdown', '--output', file]);
    assert.equal(md.code, 0, md.err);
    assert.equal(md.out, '');
    const text = readFileSync(file, 'utf8');
    assert.match(text, /^# AI Openness report/);
    assert.match(text, /deny-license/);
  });
  await withWorkspace({ '.ai-openness.json': '{ "deny": ' }, async (dir) => {
    const r = await cli(['export', dir, '--format', 'sarif']);
    assert.equal(r.code, 2, 'a policy file with errors still exits 2');
    assert.ok(JSON.parse(r.out).runs, 'the export is still written');
  });
});

test('scan --format markdown carries the policy section', async () => {
  await withWorkspace({ '.ai-openness.json': DENY_LLAMA }, async (dir) => {
    const r = await cli(['scan', dir, '--format', 'markdown']);
    assert.equal(r.code, 1);
    assert.match(r.out, /deny-license/);
  });
});

test('usage errors: export needs a valid --format; options belong to their commands', async () => {
  for (const argv of [
    ['export', 'workspace'],
    ['export', 'workspace', '--format', 'xml'],
    ['export', 'workspace', '--format', 'json'],
    ['export', 'workspace', '--format', 'sarif', '--fail-on', 'warning'],
    ['export', 'a', 'b', '--format', 'sarif'],
    ['lookup', 'gpt-4o', '--policy', 'x.json'],
    ['catalog', '--fail-on', 'error'],
    ['scan', 'workspace', '--policy', ''],
  ]) {
    const r = await cli(argv);
    assert.equal(r.code, 2, argv.join(' '));
    assert.match(r.err, /^ai-openness: /, argv.join(' '));
    assert.equal(r.out, '', argv.join(' '));
  }
});

test('--help documents the policy options and export, within 80 columns', async () => {
  const help = await cli(['--help']);
  for (const option of ['--policy FILE', '--fail-on S', 'export [DIR]', 'cyclonedx', 'sarif']) assert.ok(help.out.includes(option), option);
  for (const line of help.out.split('\n')) assert.ok([...line].length <= 80, `too wide: ${line}`);
});
