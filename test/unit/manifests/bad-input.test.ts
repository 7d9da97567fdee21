import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCargoToml } from '../../../src/core/manifests/cargo';
import { parseCondaEnvironment } from '../../../src/core/manifests/conda';
import { parseGoMod } from '../../../src/core/manifests/gomod';
import { parseGradle } from '../../../src/core/manifests/gradle';
import { parsePom } from '../../../src/core/manifests/maven';
import { parsePackageJson } from '../../../src/core/manifests/npm';
import { parseMsbuildProject } from '../../../src/core/manifests/nuget';
import { parsePipfile } from '../../../src/core/manifests/pipfile';
import { parsePyproject } from '../../../src/core/manifests/pyproject';
import { parseRequirements } from '../../../src/core/manifests/requirements';
import { parseSetupCfg } from '../../../src/core/manifests/setupcfg';
import type { ManifestParser } from '../../../src/core/types';
import { manifest, names } from './util';

const ALL: [string, ManifestParser][] = [
  ['npm', parsePackageJson],
  ['requirements', parseRequirements],
  ['pyproject', parsePyproject],
  ['Pipfile', parsePipfile],
  ['setup.cfg', parseSetupCfg],
  ['conda', parseCondaEnvironment],
  ['cargo', parseCargoToml],
  ['go.mod', parseGoMod],
  ['pom', parsePom],
  ['gradle', parseGradle],
  ['msbuild', parseMsbuildProject],
];

test('invalid JSON package.json: errors with positions, the readable entries kept', () => {
  const r = parsePackageJson(manifest('bad', 'package.json'));
  assert.deepEqual(names(r), ['openai', 'langchain', 'typescript']);
  assert.equal(r.errors[0], 'line 5, column 5: invalid JSON: comma expected');
  assert.ok(r.errors.includes('line 7, column 3: invalid JSON: comments are not allowed in JSON'));
});

test('invalid TOML pyproject.toml: error with line and column, entries before it kept', () => {
  const r = parsePyproject(manifest('bad', 'pyproject.toml'));
  assert.deepEqual(names(r), ['openai', 'anthropic']);
  assert.equal(r.errors.length, 1);
  assert.match(r.errors[0] ?? '', /^line 9, column 18: invalid TOML: /);
});

test('invalid TOML Cargo.toml: error with line and column, entries before it kept', () => {
  const r = parseCargoToml(manifest('bad', 'Cargo.toml'));
  assert.deepEqual(names(r), ['async-openai']);
  assert.equal(r.errors.length, 1);
  assert.match(r.errors[0] ?? '', /^line 7, column 1: invalid TOML: /);
});

test('invalid TOML Pipfile: error reported', () => {
  const r = parsePipfile('[packages]\nopenai = "*"\nanthropic = \n');
  assert.deepEqual(names(r), ['openai']);
  assert.match(r.errors[0] ?? '', /^line 3, column \d+: invalid TOML: /);
});

test('invalid YAML environment.yml: errors with positions, what could be read kept', () => {
  const r = parseCondaEnvironment(manifest('bad', 'environment.yml'));
  assert.ok(names(r).includes('numpy'));
  assert.ok(r.errors.length >= 1);
  assert.match(r.errors[0] ?? '', /^line 4, column 5: invalid YAML: /);
});

test('malformed pom.xml: errors with line/column, both dependencies still read', () => {
  const r = parsePom(manifest('bad', 'pom.xml'));
  assert.deepEqual(names(r), ['com.theokanning.openai-gpt3-java:service', 'dev.langchain4j:langchain4j-open-ai']);
  assert.equal(r.packages[0]?.version, '0.18.2');
  assert.equal(r.errors[0], 'line 6, column 30: malformed XML: unexpected close tag.');
  assert.ok(r.errors.every((e) => /^line \d+, column \d+: malformed XML: /.test(e)));
});

test('truncated csproj: errors at the end, the complete references kept', () => {
  const r = parseMsbuildProject(manifest('bad', 'truncated.csproj'));
  assert.deepEqual(names(r), ['Azure.AI.OpenAI']);
  assert.ok(r.errors.length > 0);
  assert.ok(r.errors.every((e) => e.startsWith('line 4, column 62: malformed XML: ')));
});

test('empty files: no packages, never a throw; JSON and XML say the file is empty/invalid', () => {
  for (const [label, parse] of ALL) {
    for (const text of ['', '\n', '\uFEFF']) {
      const r = parse(text);
      assert.deepEqual(r.packages, [], label);
      const expectError = label === 'npm' || label === 'pom' || label === 'msbuild';
      assert.equal(r.errors.length > 0, expectError, `${label}: ${JSON.stringify(r.errors)}`);
    }
  }
});

test('garbage input never throws in any parser', () => {
  const samples = [
    '\u0000\u0001\uFFFF',
    '[[[[',
    '{"dependencies": {',
    '<a><b></a>',
    '"""',
    "'''",
    'dependencies:\n  - pip:\n    - [',
    'require (\n\t"unterminated\n',
    'implementation("',
    '\\\n\\\n',
    '[dependencies]\nx = {',
    '[options]\ninstall_requires =\n  ;\n',
    '😀 = "x"\n[dependencies]\n"😀" = "1"',
  ];
  for (const [label, parse] of ALL) {
    for (const s of samples) {
      assert.doesNotThrow(() => parse(s), `${label} on ${JSON.stringify(s)}`);
      const r = parse(s);
      assert.ok(Array.isArray(r.packages) && Array.isArray(r.errors));
    }
  }
});
