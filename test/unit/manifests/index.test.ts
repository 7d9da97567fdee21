import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isLockfileName, isManifestFileName, manifestParserFor } from '../../../src/core/manifests/index';
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

test('manifestParserFor: each manifest name gets its parser (paths accepted)', () => {
  const expected: [string, unknown][] = [
    ['package.json', parsePackageJson],
    ['web/package.json', parsePackageJson],
    ['requirements.txt', parseRequirements],
    ['requirements-dev.txt', parseRequirements],
    ['requirements_test.in', parseRequirements],
    ['dev-requirements.txt', parseRequirements],
    ['Requirements.TXT', parseRequirements],
    ['requirements.in', parseRequirements],
    ['pyproject.toml', parsePyproject],
    ['Pipfile', parsePipfile],
    ['setup.cfg', parseSetupCfg],
    ['environment.yml', parseCondaEnvironment],
    ['environment.yaml', parseCondaEnvironment],
    ['Cargo.toml', parseCargoToml],
    ['go.mod', parseGoMod],
    ['pom.xml', parsePom],
    ['build.gradle', parseGradle],
    ['app\\build.gradle.kts', parseGradle],
    ['Chat.csproj', parseMsbuildProject],
    ['Lib.fsproj', parseMsbuildProject],
    ['Old.VBPROJ', parseMsbuildProject],
    ['Directory.Packages.props', parseMsbuildProject],
  ];
  for (const [name, parser] of expected) {
    assert.equal(manifestParserFor(name), parser, name);
    assert.ok(isManifestFileName(name), name);
    assert.ok(!isLockfileName(name), name);
  }
});

test('manifestParserFor: lockfiles and other files get no parser', () => {
  const lockfiles = [
    'package-lock.json',
    'npm-shrinkwrap.json',
    'yarn.lock',
    'pnpm-lock.yaml',
    'bun.lockb',
    'poetry.lock',
    'Pipfile.lock',
    'pdm.lock',
    'uv.lock',
    'pylock.toml',
    'pylock.dev.toml',
    'Cargo.lock',
    'go.sum',
    'gradle.lockfile',
    'buildscript-gradle.lockfile',
    'packages.lock.json',
    'conda-lock.yml',
    'linux.conda-lock.yml',
    'sub/dir/Cargo.lock',
  ];
  for (const name of lockfiles) {
    assert.ok(isLockfileName(name), name);
    assert.equal(manifestParserFor(name), undefined, name);
    assert.ok(!isManifestFileName(name), name);
  }
  for (const name of ['README.md', 'constraints.txt', 'myrequirements.txt', 'cargo.toml', 'toString', 'constructor', '', 'dir/']) {
    assert.equal(manifestParserFor(name), undefined, name);
  }
});
