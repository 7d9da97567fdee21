import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bundledCatalog } from '../../src/core/catalog/index';
import { compilePattern, validateCatalog } from '../../src/core/catalog/validate';
import { cardMarkdown } from '../../src/core/card';
import { createEngine } from '../../src/core/engine';
import { lookup, type LookupResult } from '../../src/core/lookup';
import { renderCard } from '../../src/core/report/card';
import type { Catalog } from '../../src/core/types';

const engine = createEngine();

function one(query: string): LookupResult {
  const [r] = lookup(engine, query);
  assert.ok(r, `${query} is in the catalog`);
  return r;
}

test('the assessment data validates and is present', () => {
  const c = bundledCatalog();
  const problems = validateCatalog(c).filter((p) => /^(assessment|developer score|licence conflict)/.test(p));
  assert.deepEqual(problems, []);
  assert.ok((c.assessments ?? []).some((a) => a.osai), 'OSAI index entries');
  assert.ok((c.assessments ?? []).some((a) => a.mof), 'MOF entries');
  assert.ok((c.developerScores ?? []).length >= 5, 'FMTI scores');
});

test('each OSAI system is shown on the catalog entry that covers the model the index graded', () => {
  const c = bundledCatalog();
  for (const a of c.assessments ?? []) {
    if (!a.osai) continue;
    const hits = c.models.filter((m) => m.patterns.some((p) => compilePattern(p).test(a.osai!.assessed))).map((m) => m.id);
    // a name written with spaces or sizes ("Grok 2", "Mistral-NeMo-12B-Instruct") may match no pattern; it must not match another entry
    assert.ok(hits.length === 0 || (hits.length === 1 && hits[0] === a.model), `${a.osai.assessed} -> ${hits.join(', ')} (mapped to ${a.model})`);
  }
});

test('Llama 3.1: OSAI score and parameters as in the index file, MOF unclassified', () => {
  const r = one('meta-llama/Llama-3.1-8B-Instruct');
  const o = r.assessments?.osai;
  assert.ok(o);
  // llama-3.1.yaml: 1 open (preprint), 5 partial, 6 closed of 12 → 3.5 / 12
  assert.equal(o.score, 0.292);
  assert.equal(o.parameters.preprint, 'open');
  assert.equal(o.parameters.weights_basemodel, 'partial');
  assert.equal(o.parameters.licenses, 'closed');
  assert.equal(Object.keys(o.parameters).length, 12);
  assert.equal(o.url, 'https://osai-index.eu/model/llama-3.1');
  assert.match(o.attribution, /CC-BY 4\.0.*10\.5281\/zenodo\.15386042/);
  assert.equal(r.assessments?.mof?.class, null);
  assert.equal(r.assessments?.mof?.label, 'Unclassified');
});

test('Llama 3.3 and gpt-oss: OSAI scores from the index; gpt-oss is MOF Class III', () => {
  assert.equal(one('meta-llama/Llama-3.3-70B-Instruct').assessments?.osai?.score, 0.208);
  const oss = one('openai/gpt-oss-120b');
  assert.equal(oss.assessments?.osai?.score, 0.458);
  assert.equal(oss.assessments?.mof?.class, 3);
  assert.equal(oss.assessments?.mof?.label, 'Class III - Open Model');
});

test("Meta's FMTI Dec 2025 score is 31/100, with attribution", () => {
  const f = one('llama3.3:70b').assessments?.fmti;
  assert.ok(f);
  assert.equal(f.developer, 'Meta');
  assert.equal(f.score, 31);
  assert.equal(f.edition, 'Dec 2025');
  assert.match(f.attribution, /Foundation Model Transparency Index.*CC-BY 4\.0/);
});

test('a hosted id shows the gradings of the upstream weights it serves', () => {
  const r = one('llama-3.3-70b-versatile');
  assert.notEqual(r.id, 'meta-llama/Llama-3.3-70B-Instruct');
  assert.equal(r.assessments?.osai?.score, 0.208);
});

test('a licence conflict is shown on the card (en, id) and the CLI card, not hidden', () => {
  const r = one('deepseek-ai/DeepSeek-R1');
  assert.equal(r.license.id, 'MIT');
  assert.ok(r.licenseConflicts?.some((c) => c.claim === 'DeepSeek License Agreement'));
  const en = cardMarkdown(r, 'en');
  assert.match(en, /\*\*Sources disagree:\*\* catalog: MIT · \[European Open Source AI Index[^\]]*\]\(https:\/\/osai-index\.eu\/model\/deepseek-R1\) says DeepSeek License Agreement/);
  assert.match(en, /\*\*Assessments:\*\* \[EU OSAI 0\.42\]\(https:\/\/osai-index\.eu\/model\/deepseek-R1\) \(CC-BY 4\.0\) · \[MOF Class III\]\(https:\/\/github\.com\/lfai\/model_openness_tool\/blob\/main\/models\/DeepSeek-R1\.yml\) · \[FMTI DeepSeek 32\/100\]\(https:\/\/crfm\.stanford\.edu\/fmti\/\)/);
  const id = cardMarkdown(r, 'id');
  assert.match(id, /\*\*Sumber tidak sepakat:\*\* katalog: MIT/);
  assert.match(id, /\*\*Penilaian:\*\* \[EU OSAI 0,42\]/);
  const cli = renderCard(r, { color: false, width: 100 });
  assert.match(cli, /sources disagree \(catalog: MIT\):/);
  assert.match(cli, /says\s+DeepSeek\s+License\s+Agreement/);
  assert.match(cli, /EU Open Source AI Index: 0\.42/);
});

test('models without gradings get no assessment line; packages get none', () => {
  const pkg = lookup(engine, 'pypi:openai')[0];
  assert.ok(pkg);
  assert.equal(pkg.assessments, undefined);
  assert.doesNotMatch(cardMarkdown(pkg, 'en'), /Assessments:|Sources disagree/);
});

// ------------------------------------------------------------------------------------------ the validator

function withAssessments(extra: Partial<Catalog>): Catalog {
  const c = bundledCatalog();
  return { ...c, assessments: [], developerScores: [], licenseConflicts: {}, ...extra };
}

const PARAMS = {
  datasources_basemodel: 'open', datasources_endmodel: 'open', weights_basemodel: 'open', weights_endmodel: 'open',
  trainingcode: 'open', code: 'open', hardware_architecture: 'open', preprint: 'open', paper: 'open', modelcard: 'open',
  datasheet: 'open', licenses: 'open',
} as const;
const osai = (score: number) => ({
  system: 'X', assessed: 'X', score, parameters: { ...PARAMS }, url: 'https://osai-index.eu/model/x', snapshot: 's',
});

test('validator rejects an assessment of a model id that is not in the catalog', () => {
  const problems = validateCatalog(withAssessments({ assessments: [{ model: 'nobody/no-such-model', osai: osai(1) }] }));
  assert.ok(problems.some((p) => /no-such-model.*not a model id/.test(p)), problems.join('\n'));
  const conflicts = validateCatalog(withAssessments({ licenseConflicts: { 'nobody/no-such-model': [{ claim: 'MIT', source: 'x', url: 'https://x.org' }] } }));
  assert.ok(conflicts.some((p) => /licence conflict for nobody\/no-such-model/.test(p)));
});

test('validator rejects scores out of range, http URLs and duplicates in one source', () => {
  const bad = validateCatalog(
    withAssessments({
      assessments: [
        { model: 'openai/gpt-oss-120b', osai: osai(1.5) },
        { model: 'openai/gpt-oss-120b', osai: { ...osai(1), url: 'http://osai-index.eu/model/x' } },
      ],
      developerScores: [{ publisher: 'Meta', fmti: { developer: 'Meta', score: 131, max: 100, edition: 'Dec 2025', url: 'https://crfm.stanford.edu/fmti/' } }],
    }),
  );
  assert.ok(bad.some((p) => /OSAI score 1\.5 is not in 0\.\.1/.test(p)), bad.join('\n'));
  assert.ok(bad.some((p) => /OSAI url is not an https URL/.test(p)));
  assert.ok(bad.some((p) => /more than one OSAI index entry/.test(p)));
  assert.ok(bad.some((p) => /FMTI score 131/.test(p)));
  const ok = validateCatalog(withAssessments({ assessments: [{ model: 'openai/gpt-oss-120b', osai: osai(1) }] }));
  assert.deepEqual(ok.filter((p) => p.startsWith('assessment')), []);
});
