import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LicenseResolver } from '../../src/core/licenses';
import { gradeModel, gradePackage, modelAccess, osaidReason } from '../../src/core/openness';
import type { CatalogModel, LicenseProfile } from '../../src/core/types';

const src = { url: 'https://example.test', checked: '2026-11-27', verified: true };
const community: LicenseProfile = {
  id: 'LicenseRef-test-community',
  name: 'Test Community Licence',
  url: 'https://example.test/l',
  spdx: false,
  osiApproved: false,
  kind: 'community',
  commercialUse: 'conditional',
  userThreshold: { monthlyActiveUsers: 700_000_000, note: 'More than 700 million monthly active users need a separate licence.' },
  acceptableUsePolicy: { url: 'https://example.test/aup' },
  euRestriction: 'EU-domiciled companies get no rights to the multimodal models.',
  clauses: [{ en: 'c', id: 'c' }],
  source: src,
};
const resolver = new LicenseResolver({ licenses: [community] });

function model(over: Partial<CatalogModel>): CatalogModel {
  return {
    id: 'org/m', name: 'M', publisher: 'Org', family: 'm', license: 'MIT', release: 'weights', task: 'chat',
    keywords: ['m'], patterns: ['m'], examples: ['m'], source: src, ...over,
  };
}

test('API-only models: level api-only, reached through an API, OSAID no', () => {
  const m = model({ release: 'api-only', license: 'LicenseRef-test-community', provider: 'Acme' });
  const o = gradeModel(m, resolver.resolve(m.license));
  assert.equal(o.level, 'api-only');
  assert.equal(o.osaid, 'no');
  assert.match(o.reasons[0] ?? '', /Acme's API/);
  assert.equal(modelAccess(m), 'api');
});

test('custom-licence weights are restricted weights, with the restrictions spelled out', () => {
  const m = model({ license: 'LicenseRef-test-community' });
  const o = gradeModel(m, resolver.resolve(m.license));
  assert.equal(o.level, 'restricted-weights');
  assert.equal(o.osaid, 'no');
  const text = o.reasons.join(' ');
  assert.match(text, /not an OSI-approved licence: open weights, not open source/);
  assert.match(text, /700 million/);
  assert.match(text, /acceptable-use policy/);
  assert.match(text, /EU/);
  assert.equal(modelAccess(m), 'self-hostable');
});

test('OSI weights: open weights unless code and data are open too', () => {
  const open = gradeModel(model({}), resolver.resolve('MIT'));
  assert.equal(open.level, 'open-weights');
  assert.match(open.reasons[0] ?? '', /training code and training data not published/);
  const full = gradeModel(model({ openComponents: { code: true, data: true } }), resolver.resolve('Apache-2.0'));
  assert.equal(full.level, 'fully-open');
});

test('OSAID "yes" needs evidence; without it the answer is unknown', () => {
  const withEvidence = model({ openComponents: { code: true, data: true }, osaid: { status: 'yes', evidence: 'https://opensource.org/ai' } });
  assert.equal(gradeModel(withEvidence, resolver.resolve('Apache-2.0')).osaid, 'yes');
  assert.match(osaidReason(withEvidence, 'yes'), /opensource\.org\/ai/);
  const bare = model({ osaid: { status: 'yes' } });
  assert.equal(gradeModel(bare, resolver.resolve('Apache-2.0')).osaid, 'unknown');
});

test('provider-hosted ids of open weights are reached through an API and graded by their weights', () => {
  const weights = model({ id: 'meta-llama/Llama-3.3-70B-Instruct', name: 'Llama 3.3 70B', license: 'LicenseRef-test-community' });
  const sameTerms = model({ id: 'llama-3.3-70b-versatile', provider: 'Groq', upstream: weights.id, license: 'LicenseRef-test-community' });
  assert.equal(modelAccess(sameTerms), 'api');
  const o = gradeModel(sameTerms, resolver.resolve(sameTerms.license), { model: weights, license: resolver.resolve(weights.license) });
  assert.equal(o.level, 'restricted-weights');
  assert.match(o.reasons[0] ?? '', /Groq's hosted API for the open weights meta-llama\/Llama-3.3-70B-Instruct; the weights' licence, Test Community Licence, still applies/);
  assert.match(o.reasons.join(' '), /700 million/);

  const mitWeights = model({ id: 'org/open', license: 'MIT' });
  const apiTerms = model({ id: 'open-chat', provider: 'Acme', upstream: mitWeights.id, license: 'LicenseRef-test-community' });
  const p = gradeModel(apiTerms, resolver.resolve(apiTerms.license), { model: mitWeights, license: resolver.resolve('MIT') });
  assert.equal(p.level, 'open-weights', 'the level is the weights\' level');
  assert.match(p.reasons[0] ?? '', /calling it is governed by Test Community Licence, while the weights themselves are under MIT License/);
});

test('packages: level from the package licence, role from its kind', () => {
  const pkg = { ecosystem: 'npm' as const, name: 'x', kind: 'api-client' as const, provider: 'Acme', description: '', license: 'Apache-2.0', source: src };
  const o = gradePackage(pkg, resolver.resolve(pkg.license));
  assert.equal(o.level, 'open-source');
  assert.equal(o.osaid, 'not-applicable');
  assert.match(o.reasons[0] ?? '', /Acme's API/);
  assert.equal(gradePackage({ ...pkg, license: 'LicenseRef-Proprietary-X' }, resolver.resolve('LicenseRef-Proprietary-X')).level, 'unknown');
  assert.equal(gradePackage({ ...pkg, license: 'CC-BY-NC-4.0' }, resolver.resolve('CC-BY-NC-4.0')).level, 'proprietary');
});
