import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePipfile } from '../../../src/core/manifests/pipfile';
import { parseSetupCfg } from '../../../src/core/manifests/setupcfg';
import { parseCondaEnvironment } from '../../../src/core/manifests/conda';
import { assertAt, manifest, names, pkg } from './util';

test('Pipfile: [packages] and [dev-packages]; [source] and [requires] are not packages', () => {
  const text = manifest('python', 'Pipfile');
  const r = parsePipfile(text);
  assert.deepEqual(r.errors, []);
  assert.deepEqual(
    r.packages.map((p) => `${p.group} ${p.name} ${p.version ?? '-'}`),
    ['packages openai *', 'packages anthropic ==0.34.2', 'packages transformers >=4.44', 'packages ollama -', 'dev-packages pytest *'],
  );
  assert.deepEqual([pkg(r, 'openai').line, pkg(r, 'openai').column], [7, 1]);
  assertAt(text, pkg(r, 'pytest'), 'pytest');
});

test('setup.cfg: install_requires (multi-line), setup_requires (;-separated), tests_require, extras', () => {
  const text = manifest('python', 'setup.cfg');
  const r = parseSetupCfg(text);
  assert.deepEqual(r.errors, []);
  assert.deepEqual(
    r.packages.map((p) => `${p.group} ${p.name} ${p.version ?? '-'}`),
    [
      'dependencies openai >=1.40',
      'dependencies langchain >=0.2',
      'dependencies requests -',
      'setup_requires setuptools_scm -',
      'setup_requires wheel -',
      'tests_require pytest -',
      'optional:local transformers >=4.44',
      'optional:local torch -',
      'optional:ollama ollama >=0.3',
    ],
  );
  assert.deepEqual([pkg(r, 'openai').line, pkg(r, 'openai').column], [9, 5]);
  assertAt(text, pkg(r, 'langchain'), 'langchain[openai]');
  assertAt(text, pkg(r, 'wheel'), 'wheel');
  assertAt(text, pkg(r, 'ollama'), 'ollama>=0.3');
});

test('setup.cfg: file: directives become includes; unreadable lines are errors', () => {
  const r = parseSetupCfg('[options]\ninstall_requires = file: requirements.txt, extra.txt\n[options.extras_require]\nx =\n    ok\n    !!bad\n');
  assert.deepEqual(r.includes, ['requirements.txt', 'extra.txt']);
  assert.deepEqual(names(r), ['ok']);
  assert.deepEqual(r.errors, ['line 6, column 5: could not read requirement "!!bad"']);
});

test('environment.yml: conda specs (channel, =, space-separated build), skips python and pip, pip section', () => {
  const text = manifest('python', 'environment.yml');
  const r = parseCondaEnvironment(text);
  assert.deepEqual(r.errors, []);
  assert.deepEqual(
    r.packages.map((p) => `${p.ecosystem} ${p.name} ${p.version ?? '-'} ${p.group ?? '-'}`),
    [
      'conda numpy =1.26 -',
      'conda pytorch >=2.3 -',
      'conda transformers >=4.44 -',
      'conda cudatoolkit 11.8 h4ba93d1_12 -',
      'pypi openai >=1.40 pip',
      'pypi anthropic ==0.34.2 pip',
      'pypi llama-cpp-python - pip',
    ],
  );
  assert.deepEqual(r.includes, ['requirements-extra.txt']);
  assert.deepEqual([pkg(r, 'numpy').line, pkg(r, 'numpy').column], [8, 5]);
  assertAt(text, pkg(r, 'pytorch'), 'pytorch>=2.3');
  assertAt(text, pkg(r, 'transformers'), '"transformers', 1);
  assertAt(text, pkg(r, 'openai'), 'openai>=1.40');
  assertAt(text, pkg(r, 'llama-cpp-python'), 'llama-cpp-python');
});

test('environment.yml: no dependencies key, or a scalar document, is not an error', () => {
  assert.deepEqual(parseCondaEnvironment('name: empty\n'), { packages: [], errors: [] });
  assert.deepEqual(parseCondaEnvironment('dependencies:\n'), { packages: [], errors: [] });
  const r = parseCondaEnvironment('dependencies: numpy\n');
  assert.deepEqual(r.errors, ['line 1, column 15: "dependencies" should be a list']);
});
