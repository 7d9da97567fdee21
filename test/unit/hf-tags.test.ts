import { test } from 'node:test';
import assert from 'node:assert/strict';
import spdxList from 'spdx-license-list';
import { bundledCatalog } from '../../src/core/catalog/index';
import { LicenseResolver } from '../../src/core/licenses';
import type { LicenseProfile } from '../../src/core/types';

/**
 * Every value of the Hugging Face `license:` card metadata, copied as data from the Hub's licence list
 * (huggingface/hub-docs docs/hub/repositories-licenses.md, HEAD 242f4a1, 2026-08-22, "License identifier" column).
 * Kept here, not read from disk, so that the test needs nothing outside the repository. When the Hub adds a tag,
 * add it here and give it a profile (see CONTRIBUTING.md, "Adding a licence").
 */
const HUB_LICENSE_TAGS: readonly string[] = [
  'apache-2.0', 'mit', 'openrail', 'bigscience-openrail-m', 'creativeml-openrail-m', 'bigscience-bloom-rail-1.0', 'bigcode-openrail-m', 'afl-3.0',
  'artistic-2.0', 'bsl-1.0', 'bsd', 'bsd-2-clause', 'bsd-3-clause', 'bsd-3-clause-clear', 'c-uda', 'cc',
  'cc0-1.0', 'cc-by-2.0', 'cc-by-2.5', 'cc-by-3.0', 'cc-by-4.0', 'cc-by-sa-3.0', 'cc-by-sa-4.0', 'cc-by-nc-2.0',
  'cc-by-nc-3.0', 'cc-by-nc-4.0', 'cc-by-nd-4.0', 'cc-by-nc-nd-3.0', 'cc-by-nc-nd-4.0', 'cc-by-nc-sa-2.0', 'cc-by-nc-sa-3.0', 'cc-by-nc-sa-4.0',
  'cdla-sharing-1.0', 'cdla-permissive-1.0', 'cdla-permissive-2.0', 'wtfpl', 'ecl-2.0', 'epl-1.0', 'epl-2.0', 'etalab-2.0',
  'eupl-1.1', 'eupl-1.2', 'agpl-3.0', 'gfdl', 'gpl', 'gpl-2.0', 'gpl-3.0', 'lgpl',
  'lgpl-2.1', 'lgpl-3.0', 'isc', 'h-research', 'intel-research', 'lppl-1.3c', 'ms-pl', 'apple-ascl',
  'apple-amlr', 'mpl-2.0', 'odc-by', 'odbl', 'openmdw-1.0', 'openmdw-1.1', 'openrail++', 'osl-3.0',
  'postgresql', 'ofl-1.1', 'ncsa', 'unlicense', 'zlib', 'pddl', 'lgpl-lr', 'deepfloyd-if-license',
  'fair-noncommercial-research-license', 'llama2', 'llama3', 'llama3.1', 'llama3.2', 'llama3.3', 'llama4', 'grok2-community',
  'gemma',
];

/** `other` and `unknown` mean "see license_name / no licence stated": they name no licence, so no profile claims them. */
const NO_PROFILE_TAGS: readonly string[] = ['other', 'unknown'];

const squash = (s: string): string => s.toLowerCase().replace(/[^a-z0-9.*]/g, '');

/** The profiles that answer to `tag`: by its `hfTags` or by an id equal to it (the resolver matches both, ignoring case). */
function claimants(licenses: readonly LicenseProfile[], tag: string): string[] {
  const t = tag.toLowerCase();
  return licenses.filter((p) => p.id.toLowerCase() === t || (p.hfTags ?? []).some((h) => h.toLowerCase() === t)).map((p) => p.id);
}

test('the embedded Hub tag list has no duplicates and is lower-case', () => {
  assert.equal(new Set(HUB_LICENSE_TAGS).size, HUB_LICENSE_TAGS.length);
  for (const t of HUB_LICENSE_TAGS) assert.equal(t, t.toLowerCase(), t);
  for (const t of NO_PROFILE_TAGS) assert.ok(!HUB_LICENSE_TAGS.includes(t), t);
});

test('every Hugging Face licence tag resolves to exactly one profile', () => {
  const c = bundledCatalog();
  const resolver = new LicenseResolver(c);
  const missing: string[] = [];
  for (const tag of HUB_LICENSE_TAGS) {
    const p = resolver.profile(tag);
    if (!p) {
      missing.push(tag);
      continue;
    }
    const who = claimants(c.licenses, tag);
    assert.deepEqual(who, [p.id], `tag "${tag}" is claimed by ${who.join(', ')}`);
    assert.ok((p.hfTags ?? []).includes(tag), `tag "${tag}" reaches ${p.id} by its id only: list it in hfTags`);
    assert.equal(resolver.resolve(tag).id, p.id);
    assert.equal(resolver.resolve(tag).known, true);
  }
  assert.deepEqual(missing, [], `Hub tags without a profile: ${missing.join(', ')}`);
});

test('"other" and "unknown" map to no profile (the licence is in license_name, or not stated)', () => {
  const c = bundledCatalog();
  const resolver = new LicenseResolver(c);
  for (const tag of NO_PROFILE_TAGS) {
    assert.equal(resolver.profile(tag), undefined, tag);
    assert.deepEqual(claimants(c.licenses, tag), [], tag);
  }
});

test('no two profiles claim the same tag, and no tag shadows another profile id', () => {
  const c = bundledCatalog();
  const owner = new Map<string, string>();
  for (const p of c.licenses) owner.set(p.id.toLowerCase(), p.id);
  for (const p of c.licenses) {
    for (const tag of p.hfTags ?? []) {
      const prev = owner.get(tag.toLowerCase());
      assert.ok(prev === undefined || prev === p.id, `${p.id}: hfTag "${tag}" also names ${prev}`);
      owner.set(tag.toLowerCase(), p.id);
    }
  }
});

test('SPDX profiles agree with the SPDX licence list (id listed, name, OSI flag)', () => {
  const c = bundledCatalog();
  for (const p of c.licenses) {
    const entry = spdxList[p.id];
    if (p.spdx) {
      assert.ok(entry, `${p.id}: spdx is true but the id is not on the SPDX list`);
      assert.equal(p.osiApproved, entry.osiApproved, `${p.id}: osiApproved disagrees with the SPDX list`);
      // Compared without case, spaces and hyphens: "Attribution-NonCommercial" (Creative Commons' spelling) is SPDX's
      // "Attribution Non Commercial".
      assert.equal(squash(p.name), squash(entry.name), `${p.id}: name "${p.name}" disagrees with the SPDX list ("${entry.name}")`);
    } else {
      assert.ok(p.id.startsWith('LicenseRef-'), `${p.id}: not on the SPDX list, so it needs a LicenseRef- id`);
      assert.equal(entry, undefined, `${p.id}: a LicenseRef id shadows an SPDX id`);
      assert.equal(p.osiApproved, false, `${p.id}: only SPDX-listed licences can be flagged OSI-approved`);
    }
  }
});

test('the Llama outputs rule follows the licence texts: 2 and 3 forbid improving other LLMs, 3.1 and later do not', () => {
  const resolver = new LicenseResolver(bundledCatalog());
  for (const tag of ['llama2', 'llama3']) assert.match(resolver.profile(tag)?.outputsRule ?? '', /may not use .* outputs to improve any other large language model/i, tag);
  for (const tag of ['llama3.1', 'llama3.2', 'llama3.3', 'llama4']) assert.match(resolver.profile(tag)?.outputsRule ?? '', /^No clause forbids/, tag);
  for (const tag of ['llama2', 'llama3', 'llama3.1']) assert.equal(resolver.profile(tag)?.euRestriction, undefined, tag);
  for (const tag of ['llama3.2', 'llama3.3', 'llama4']) assert.ok(resolver.profile(tag)?.euRestriction, tag);
  for (const tag of ['llama2', 'llama3', 'llama3.1', 'llama3.2', 'llama3.3', 'llama4']) {
    assert.equal(resolver.profile(tag)?.userThreshold?.monthlyActiveUsers, 700_000_000, tag);
  }
});
