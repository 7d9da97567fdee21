import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LicenseResolver } from '../../src/core/licenses';
import { normalizePackageName, PackageIndex } from '../../src/core/packages';
import type { LicenseProfile } from '../../src/core/types';

const llama3: LicenseProfile = {
  id: 'LicenseRef-llama3',
  name: 'Meta Llama 3 Community License',
  url: 'https://example.test/llama3',
  spdx: false,
  osiApproved: false,
  hfTags: ['llama3'],
  kind: 'community',
  commercialUse: 'conditional',
  clauses: [{ en: 'x', id: 'y' }],
  source: { url: 'https://example.test', checked: '2026-11-27', verified: true },
};

test('licence resolver: profiles by id and by Hugging Face tag, case-insensitive', () => {
  const r = new LicenseResolver({ licenses: [llama3] });
  assert.equal(r.resolve('llama3').id, 'LicenseRef-llama3');
  assert.equal(r.resolve('LICENSEREF-LLAMA3').name, 'Meta Llama 3 Community License');
  assert.equal(r.resolve('llama3').osiApproved, false);
  assert.ok(r.resolve('llama3').profile);
});

test('licence resolver: SPDX ids and expressions', () => {
  const r = new LicenseResolver({ licenses: [] });
  assert.deepEqual(
    { ...r.resolve('MIT'), profile: undefined },
    { id: 'MIT', name: 'MIT License', url: 'https://spdx.org/licenses/MIT.html', osiApproved: true, known: true, profile: undefined },
  );
  assert.equal(r.resolve('CC-BY-NC-4.0').osiApproved, false);
  assert.equal(r.resolve('MIT OR Apache-2.0').osiApproved, true);
  assert.equal(r.resolve('MIT OR CC-BY-NC-4.0').osiApproved, true, 'OR: one open branch suffices');
  assert.equal(r.resolve('MIT AND CC-BY-NC-4.0').osiApproved, false, 'AND: every part must be open');
  const unknown = r.resolve('Some Custom Terms');
  assert.equal(unknown.known, false);
  assert.equal(unknown.osiApproved, false);
});

test('package names compare by each ecosystem’s rules', () => {
  assert.equal(normalizePackageName('pypi', 'Llama_CPP.Python'), 'llama-cpp-python');
  assert.equal(normalizePackageName('cargo', 'async_openai'), 'async-openai');
  assert.equal(normalizePackageName('go', 'github.com/openai/openai-go/v2'), 'github.com/openai/openai-go');
  assert.equal(normalizePackageName('nuget', 'Azure.AI.OpenAI'), 'azure.ai.openai');
  assert.equal(normalizePackageName('npm', 'OpenAI'), 'OpenAI', 'npm names are exact');
  const idx = new PackageIndex([
    { ecosystem: 'pypi', name: 'llama-cpp-python', kind: 'local-runtime', description: '', license: 'MIT', source: { url: 'u', checked: '2026-11-27', verified: true } },
  ]);
  assert.equal(idx.get('pypi', 'llama_cpp_python')?.name, 'llama-cpp-python');
  assert.equal(idx.get('conda', 'llama-cpp-python')?.name, 'llama-cpp-python', 'conda falls back to PyPI names');
  assert.equal(idx.get('npm', 'llama-cpp-python'), undefined);
  assert.deepEqual(idx.find('llama_cpp_python').map((p) => p.ecosystem), ['pypi']);
});
