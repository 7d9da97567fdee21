import { test } from 'node:test';
import assert from 'node:assert/strict';
import { discoveredCardMarkdown, onlineMarkdown } from '../../src/core/cardOnline';
import { cardMarkdown, levelLabel } from '../../src/core/card';
import { createEngine } from '../../src/core/engine';
import { lookup, type LookupResult } from '../../src/core/lookup';
import { LEVEL_LABEL } from '../../src/core/report/text';
import type { OpennessLevel } from '../../src/core/types';

const engine = createEngine();

function one(query: string): LookupResult {
  const [r] = lookup(engine, query);
  assert.ok(r, `${query} is in the catalog`);
  return r;
}

test('Llama 3 card in English: licence, level, 700 million clause, AUP link, source', () => {
  const md = cardMarkdown(one('meta-llama/Meta-Llama-3-8B-Instruct'), 'en');
  assert.match(md, /\*\*Llama 3[^*]*\*\* — Meta/);
  assert.match(md, /\[Meta Llama 3 Community License Agreement\]\(https:\/\/www\.llama\.com\/llama3\/license\/\)/);
  assert.match(md, /restricted weights — Weights are downloadable/);
  assert.match(md, /700 million monthly active users/);
  assert.match(md, /\[acceptable-use policy\]\(https:\/\/llama\.meta\.com\/llama3\/use-policy\)/);
  assert.match(md, /checked \d{4}-\d\d-\d\d/);
  assert.doesNotMatch(md, /command:/, 'no command link unless asked for');
  const terms = md.split('\n').filter((l) => l.startsWith('- '));
  assert.ok(terms.length >= 2 && terms.length <= 4, `2–4 term lines, got ${terms.length}`);
});

test('Llama 3 card in Bahasa Indonesia: localised labels, clauses and 700 juta', () => {
  const md = cardMarkdown(one('meta-llama/Meta-Llama-3-8B-Instruct'), 'id', { showInViewCommand: 'aiOpenness.showInView' });
  assert.match(md, /\*\*Lisensi:\*\*/);
  assert.match(md, /\*\*Keterbukaan:\*\* bobot terbatas — Bobot dapat diunduh/);
  assert.match(md, /700 juta pengguna aktif bulanan/);
  assert.match(md, /\[kebijakan penggunaan yang dapat diterima\]\(https:\/\/llama\.meta\.com\/llama3\/use-policy\)/);
  assert.match(md, /diperiksa \d{4}-\d\d-\d\d/);
  assert.match(md, /\[Tampilkan di AI Openness\]\(command:aiOpenness\.showInView\?%5B%22meta-llama%2FMeta-Llama-3-8B%22%5D\)/);
  assert.doesNotMatch(md, /Licence:|Openness:/);
});

test('an API-only model lists its open alternatives with their licences, and says unverified', () => {
  const r = one('gpt-4o');
  const md = cardMarkdown(r, 'en');
  assert.match(md, /API only — GPT-4o is only available through OpenAI's API/);
  assert.match(md, /\*\*Open alternatives:\*\* .*Llama 3\.3 70B \(`LicenseRef-llama3\.3`\)/);
  assert.match(md, /`Apache-2\.0`/);
  assert.match(md, /\(unverified\)/);
  assert.match(cardMarkdown(r, 'id'), /\*\*Alternatif terbuka:\*\*.*\(belum diverifikasi\)/s);
  // Models with open weights list no alternatives.
  assert.doesNotMatch(cardMarkdown(one('meta-llama/Meta-Llama-3-8B'), 'en'), /alternatives/);
});

test('a package card names the ecosystem, the provider and the package licence', () => {
  const md = cardMarkdown(one('pypi:openai'), 'en');
  assert.match(md, /\*\*openai\*\* — pypi package, client for OpenAI's API/);
  assert.match(md, /open source — Client for OpenAI's API/);
  assert.match(cardMarkdown(one('pypi:openai'), 'id'), /sumber terbuka — Klien untuk API OpenAI/);
});

test('hostile catalog text is escaped and non-https links are not links', () => {
  const base = one('meta-llama/Meta-Llama-3-8B-Instruct');
  const hostile = '<img src=x onerror=alert(1)> [click](javascript:alert(1)) `code` *bold* | _x_';
  const r: LookupResult = {
    ...base,
    displayName: hostile,
    publisher: '<script>alert(1)</script>',
    license: { ...base.license, name: hostile, url: 'javascript:alert(1)' },
    licenseProfile: {
      ...base.licenseProfile!,
      clauses: [{ en: hostile, id: hostile }],
      acceptableUsePolicy: { url: 'https://example.org/a)[x](javascript:alert(1)' },
    },
    catalogSource: { url: 'https://example.org/<b>', checked: '2026-01-01', verified: true },
  };
  for (const lang of ['en', 'id'] as const) {
    const md = cardMarkdown(r, lang, { showInViewCommand: 'aiOpenness.showInView' });
    assert.doesNotMatch(md, /<img|<script|<b>/, 'no raw HTML');
    assert.doesNotMatch(md, /(?<!\\)\]\(javascript:/, "no javascript: link");
    assert.match(md, /&lt;img src=x onerror=alert\(1\)&gt; \\\[click\\\]\(javascript:alert\(1\)\) \\`code\\` \\\*bold\\\* \\\| \\_x\\_/);
    assert.match(md, /\(https:\/\/example\.org\/a%29%5Bx%5D%28javascript:alert%281%29\)/, 'link destination cannot be closed early');
  }
  assert.doesNotMatch(cardMarkdown(r, 'en', { showInViewCommand: 'x) [y](javascript:1' }), /command:/, 'bad command id ignored');
  const odd = cardMarkdown({ ...r, id: 'a)b"c' }, 'en', { showInViewCommand: 'aiOpenness.showInView' });
  assert.match(odd, /\(command:aiOpenness\.showInView\?%5B%22a%29b%5C%22c%22%5D\)\n$/, 'command arguments JSON-encoded, then URI-encoded');
});

test("English level labels are the report's; every level has an Indonesian label", () => {
  for (const [level, label] of Object.entries(LEVEL_LABEL)) {
    assert.equal(levelLabel(level as OpennessLevel, 'en'), label);
    assert.ok(levelLabel(level as OpennessLevel, 'id').length > 0 && levelLabel(level as OpennessLevel, 'id') !== label);
  }
});

test('hover: a discovered Hub id says it is not in the catalog, and what the Hub said (escaped, https links only)', () => {
  const off = discoveredCardMarkdown('acme/my_model', { state: 'off' }, 'en');
  assert.match(off, /^\*\*acme\/my_model\*\* — not in the AI Openness catalog · \[model card\]\(https:\/\/huggingface\.co\/acme\/my_model\)/);
  assert.match(off, /Turn on \*\*aiOpenness\.online\*\*/);
  assert.match(discoveredCardMarkdown('acme/x', { state: 'pending' }, 'id'), /Menanyakan Hugging Face Hub/);
  const note = {
    license: { license: 'other', name: 'Acme *Bold* Licence', url: 'javascript:alert(1)', source: 'huggingface', from: 'https://hub.example/api/models/acme/x', fetchedAt: '2026-11-27T10:00:00Z', gated: 'manual' as const, inheritedFrom: ['acme/base'] },
    cached: true,
    agreesWithCatalog: false,
  };
  const done = discoveredCardMarkdown('acme/x', { state: 'done', note }, 'en');
  assert.match(done, /huggingface says \*\*Acme \\\*Bold\\\* Licence\*\*/);
  assert.doesNotMatch(done, /javascript:/, 'a non-https licence link is left out');
  assert.match(done, /inherited through base_model from acme\/base · fetched 2026-11-27, from the cache \(\[source\]\(https:\/\/hub\.example/);
  assert.match(done, /⚠ differs from the catalog/);
  assert.match(done, /gated on the Hub \(manual\)/);
  assert.equal(onlineMarkdown({ error: 'HTTP 503' }, 'en'), '**Online:** look-up failed: HTTP 503. The offline answer stands.');
});
