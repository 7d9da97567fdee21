/**
 * Checks a catalog for the mistakes that would make the matcher wrong or the reports misleading. Pure: takes the data,
 * returns one human-readable sentence per problem (empty when the catalog is sound). test/unit/catalog.test.ts runs it
 * on the bundled catalog; contributors can run the same test after adding an entry.
 */
import type { Catalog, CatalogModel, Ecosystem } from '../types';

/** Strings that look like model ids but name a tool, library, family or plain word: no pattern may match them. */
export const NEAR_MISSES: readonly string[] = [
  'llama', 'llama-server', 'llama-cpp', 'llama.cpp', 'llama-cpp-python', 'node-llama-cpp', 'llamaindex', 'llama-index', 'ollama',
  'mistral', 'mistral-common', 'mistralai', 'gemini', 'gemini-cli', 'gemma', 'claude', 'claude-code', 'claude-desktop',
  'gpt', 'gpt-x', 'chatgpt', 'gpt3-tokenizer', 'gpt-tokenizer', 'gpt4all', 'autogpt', 'nanogpt',
  'phi', 'command', 'command-a', 'o1js', 'o1', 'o3', 'O1', 'O3', 'e5', 'bloom', 'sonar', 'sonarqube', 'sonar-scanner',
  'qwen', 'deepseek', 'grok', 'falcon', 'whisper', 'whisper.cpp', 'openai', 'anthropic', 'langchain', 'transformers',
  'stable-diffusion', 'stable-diffusion-webui',
];

const RELEASES = ['api-only', 'hosted', 'weights'];
const OSAID = ['yes', 'no', 'unknown'];
const LICENSE_KINDS = ['permissive', 'copyleft', 'responsible-ai', 'community', 'non-commercial', 'provider-terms', 'unknown'];
const COMMERCIAL = ['yes', 'no', 'conditional', 'unknown'];
const PACKAGE_KINDS = ['api-client', 'local-runtime', 'framework', 'model-hub'];
const ECOSYSTEMS: readonly Ecosystem[] = ['npm', 'pypi', 'conda', 'cargo', 'go', 'maven', 'nuget'];

/** Compiles a catalog pattern the way the matcher does: whole token, case-insensitive. */
export function compilePattern(source: string): RegExp {
  return new RegExp(`^(?:${source})$`, 'i');
}

/** Problems with a pattern's syntax that the matcher forbids: capturing groups and anchors (outside character classes). */
export function patternSyntaxProblems(source: string): string[] {
  const problems: string[] = [];
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (ch === '\\') {
      i++; // skip the escaped character
      continue;
    }
    if (inClass) {
      if (ch === ']') inClass = false;
      continue;
    }
    if (ch === '[') inClass = true;
    else if (ch === '(' && source[i + 1] !== '?') problems.push(`capturing group at offset ${i}`);
    else if (ch === '(' && source[i + 1] === '?' && source[i + 2] === '<' && source[i + 3] !== '=' && source[i + 3] !== '!')
      problems.push(`named capturing group at offset ${i}`);
    else if (ch === '^' || ch === '$') problems.push(`anchor "${ch}" at offset ${i}`);
  }
  return problems;
}

/** The token with leading gateway prefixes (`openrouter/`, `openai/`…) removed, as the matcher does. */
export function stripGatewayPrefixes(token: string, prefixes: readonly string[]): string {
  let t = token;
  for (let changed = true; changed; ) {
    changed = false;
    const lower = t.toLowerCase();
    for (const p of prefixes) {
      if (p && lower.startsWith(p) && t.length > p.length) {
        t = t.slice(p.length);
        changed = true;
        break;
      }
    }
  }
  return t;
}

/** Package names as the registry compares them (PyPI: PEP 503; NuGet: case-insensitive). */
export function normalisePackageName(ecosystem: Ecosystem, name: string): string {
  if (ecosystem === 'pypi' || ecosystem === 'conda') return name.toLowerCase().replace(/[-_.]+/g, '-');
  if (ecosystem === 'nuget') return name.toLowerCase();
  return name;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
function isIsoDate(s: unknown): boolean {
  if (typeof s !== 'string') return false;
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

function sourceProblems(where: string, source: unknown): string[] {
  if (!source || typeof source !== 'object') return [`${where}: source is missing`];
  const s = source as { url?: unknown; checked?: unknown; verified?: unknown };
  const out: string[] = [];
  if (typeof s.url !== 'string' || !/^https?:\/\/\S+$/.test(s.url)) out.push(`${where}: source.url is not an http(s) URL`);
  if (!isIsoDate(s.checked)) out.push(`${where}: source.checked is not an ISO date (YYYY-MM-DD)`);
  if (typeof s.verified !== 'boolean') out.push(`${where}: source.verified must be true or false`);
  return out;
}

/** A licence expression made of ids joined by AND/OR/WITH (parentheses allowed). */
const LICENSE_EXPR = /^\(?[A-Za-z0-9.+-]+\)?(?: (?:AND|OR|WITH) \(?[A-Za-z0-9.+-]+\)?)*$/;

interface Compiled {
  model: CatalogModel;
  regexes: RegExp[];
}

/** Every problem found in `c`, one sentence each; an empty list means the catalog is sound. */
export function validateCatalog(c: Catalog): string[] {
  const problems: string[] = [];
  const licenseIds = new Set<string>();
  const hfTagOwner = new Map<string, string>();

  // -------------------------------------------------------------------------------------------------- licences
  for (const l of c.licenses) {
    const where = `licence ${l.id}`;
    if (licenseIds.has(l.id.toLowerCase())) problems.push(`${where}: duplicate licence id`);
    licenseIds.add(l.id.toLowerCase());
    const isRef = l.id.startsWith('LicenseRef-');
    if (isRef && !/^LicenseRef-[A-Za-z0-9.-]+$/.test(l.id)) problems.push(`${where}: LicenseRef ids may only use letters, digits, "." and "-"`);
    if (isRef && l.spdx) problems.push(`${where}: a LicenseRef id cannot be on the SPDX list (spdx must be false)`);
    if (!isRef && !l.spdx) problems.push(`${where}: ids without "LicenseRef-" must be SPDX ids (spdx true)`);
    if (l.osiApproved && !l.spdx) problems.push(`${where}: osiApproved is true but the licence is not an SPDX-listed licence`);
    if (!LICENSE_KINDS.includes(l.kind)) problems.push(`${where}: unknown kind "${l.kind}"`);
    if (!COMMERCIAL.includes(l.commercialUse)) problems.push(`${where}: unknown commercialUse "${l.commercialUse}"`);
    if (l.kind === 'provider-terms' && !l.outputsRule) problems.push(`${where}: provider terms need an outputsRule`);
    if (!/^https?:\/\//.test(l.url)) problems.push(`${where}: url is not an http(s) URL`);
    if (!Array.isArray(l.clauses) || l.clauses.length < 1 || l.clauses.length > 4)
      problems.push(`${where}: needs 1-4 clauses (has ${Array.isArray(l.clauses) ? l.clauses.length : 0})`);
    (l.clauses ?? []).forEach((cl, i) => {
      if (!cl.en?.trim()) problems.push(`${where}: clause ${i + 1} has no English text`);
      if (!cl.id?.trim()) problems.push(`${where}: clause ${i + 1} has no Bahasa Indonesia text`);
    });
    for (const tag of l.hfTags ?? []) {
      if (tag !== tag.toLowerCase()) problems.push(`${where}: hfTag "${tag}" must be lower-case`);
      const owner = hfTagOwner.get(tag);
      if (owner && owner !== l.id) problems.push(`${where}: hfTag "${tag}" is also claimed by ${owner}`);
      hfTagOwner.set(tag, l.id);
    }
    problems.push(...sourceProblems(where, l.source));
  }

  // -------------------------------------------------------------------------------------------------- models
  const modelIds = new Map<string, CatalogModel>();
  for (const m of c.models) {
    const key = m.id.toLowerCase();
    if (modelIds.has(key)) problems.push(`model ${m.id}: duplicate model id (case-insensitive)`);
    modelIds.set(key, m);
  }
  const compiled: Compiled[] = [];
  for (const m of c.models) {
    const where = `model ${m.id}`;
    if (!licenseIds.has((m.license ?? '').toLowerCase())) problems.push(`${where}: licence "${m.license}" is not in licenses.json`);
    if (!RELEASES.includes(m.release)) problems.push(`${where}: unknown release "${m.release}"`);
    if (m.osaid && !OSAID.includes(m.osaid.status)) problems.push(`${where}: unknown osaid status "${m.osaid.status}"`);
    if (m.osaid?.status === 'yes' && !(m.osaid.evidence && /^https?:\/\//.test(m.osaid.evidence)))
      problems.push(`${where}: osaid "yes" needs an evidence URL`);
    if (!m.task?.trim()) problems.push(`${where}: task is empty`);
    if (m.release === 'api-only') {
      if (!m.provider) problems.push(`${where}: api-only models need a provider`);
      const n = m.alternatives?.length ?? 0;
      if (n < 1 || n > 3) problems.push(`${where}: api-only models need 1-3 open-weights alternatives (has ${n})`);
    }
    for (const alt of m.alternatives ?? []) {
      const target = modelIds.get(alt.toLowerCase());
      if (!target) problems.push(`${where}: alternative "${alt}" is not a model id in the catalog`);
      else if (target.release === 'api-only') problems.push(`${where}: alternative "${alt}" is itself api-only`);
    }
    if (m.upstream && !modelIds.has(m.upstream.toLowerCase())) problems.push(`${where}: upstream "${m.upstream}" is not a model id in the catalog`);
    if (m.upstream && m.upstream.toLowerCase() === m.id.toLowerCase()) problems.push(`${where}: upstream points to itself`);

    if (!Array.isArray(m.keywords) || m.keywords.length === 0) problems.push(`${where}: needs at least one keyword`);
    for (const k of m.keywords ?? []) {
      if (k !== k.toLowerCase()) problems.push(`${where}: keyword "${k}" must be lower-case`);
      if (!k.trim()) problems.push(`${where}: empty keyword`);
    }
    if (!Array.isArray(m.patterns) || m.patterns.length === 0) problems.push(`${where}: needs at least one pattern`);
    const regexes: RegExp[] = [];
    for (const p of m.patterns ?? []) {
      for (const s of patternSyntaxProblems(p)) problems.push(`${where}: pattern /${p}/ has a ${s}`);
      try {
        regexes.push(compilePattern(p));
      } catch (e) {
        problems.push(`${where}: pattern /${p}/ does not compile (${(e as Error).message})`);
      }
    }
    if (!Array.isArray(m.examples) || m.examples.length === 0) problems.push(`${where}: needs at least one example`);
    compiled.push({ model: m, regexes });
    problems.push(...sourceProblems(where, m.source));
  }

  const forms = (token: string): string[] => {
    const stripped = stripGatewayPrefixes(token, c.gatewayPrefixes);
    return stripped === token ? [token] : [token, stripped];
  };
  const matches = (entry: Compiled, token: string): boolean => forms(token).some((f) => entry.regexes.some((r) => r.test(f)));

  for (const entry of compiled) {
    const m = entry.model;
    for (const ex of m.examples ?? []) {
      if (!matches(entry, ex)) problems.push(`model ${m.id}: example "${ex}" does not match its own patterns`);
      const lower = ex.toLowerCase();
      if (!(m.keywords ?? []).some((k) => lower.includes(k))) problems.push(`model ${m.id}: example "${ex}" contains none of its keywords`);
      for (const other of compiled) {
        if (other === entry) continue;
        if (matches(other, ex)) problems.push(`model ${m.id}: example "${ex}" also matches model ${other.model.id} (conflict)`);
      }
    }
  }
  for (const word of NEAR_MISSES) {
    for (const entry of compiled) {
      if (matches(entry, word)) problems.push(`model ${entry.model.id}: matches the near-miss "${word}", which is not a model id`);
    }
  }

  // -------------------------------------------------------------------------------------------------- packages
  const seen = new Set<string>();
  for (const p of c.packages) {
    const where = `package ${p.ecosystem}:${p.name}`;
    if (!ECOSYSTEMS.includes(p.ecosystem)) problems.push(`${where}: unknown ecosystem "${p.ecosystem}"`);
    const key = `${p.ecosystem}\u0000${normalisePackageName(p.ecosystem, p.name)}`;
    if (seen.has(key)) problems.push(`${where}: duplicate package`);
    seen.add(key);
    if (!PACKAGE_KINDS.includes(p.kind)) problems.push(`${where}: unknown kind "${p.kind}"`);
    if (p.kind === 'api-client' && !p.provider) problems.push(`${where}: api-client packages need a provider`);
    if (p.ecosystem === 'maven' && !/^[^:\s]+:[^:\s]+$/.test(p.name)) problems.push(`${where}: Maven names must be groupId:artifactId`);
    if (!p.description?.trim()) problems.push(`${where}: description is empty`);
    if (!LICENSE_EXPR.test(p.license ?? '')) problems.push(`${where}: licence "${p.license}" is not an SPDX id/expression or LicenseRef`);
    problems.push(...sourceProblems(where, p.source));
  }

  problems.push(...assessmentProblems(c, modelIds));

  // -------------------------------------------------------------------------------------------------- gateways
  const prefixes = new Set<string>();
  for (const g of c.gatewayPrefixes) {
    if (g !== g.toLowerCase()) problems.push(`gateway prefix "${g}" must be lower-case`);
    if (!g.endsWith('/')) problems.push(`gateway prefix "${g}" must end with "/"`);
    if (prefixes.has(g)) problems.push(`gateway prefix "${g}" is listed twice`);
    prefixes.add(g);
  }
  return problems;
}

const OSAI_CLASSES = ['open', 'partial', 'closed'];
const HTTPS = /^https:\/\/\S+$/;

/** Checks catalog/assessments: referenced model ids exist, scores in range, URLs https, one entry per model and source. */
function assessmentProblems(c: Catalog, modelIds: Map<string, CatalogModel>): string[] {
  const problems: string[] = [];
  const seen = { osai: new Set<string>(), mof: new Set<string>() };
  for (const a of c.assessments ?? []) {
    const where = `assessment of ${a.model}`;
    if (typeof a.model !== 'string' || !modelIds.has(a.model.toLowerCase())) {
      problems.push(`${where}: "${a.model}" is not a model id in the catalog`);
    }
    if (!a.osai && !a.mof) problems.push(`${where}: has neither osai nor mof`);
    const key = String(a.model).toLowerCase();
    if (a.osai) {
      const o = a.osai;
      if (seen.osai.has(key)) problems.push(`${where}: more than one OSAI index entry for this model`);
      seen.osai.add(key);
      if (typeof o.score !== 'number' || !(o.score >= 0 && o.score <= 1)) problems.push(`${where}: OSAI score ${o.score} is not in 0..1`);
      if (!HTTPS.test(o.url ?? '')) problems.push(`${where}: OSAI url is not an https URL`);
      if (!o.system?.trim() || !o.assessed?.trim() || !o.snapshot?.trim()) problems.push(`${where}: OSAI system, assessed and snapshot are required`);
      const classes = Object.values(o.parameters ?? {});
      if (classes.length === 0) problems.push(`${where}: OSAI parameters are missing`);
      for (const [k, v] of Object.entries(o.parameters ?? {})) {
        if (!OSAI_CLASSES.includes(v)) problems.push(`${where}: OSAI parameter ${k} is "${v}", not open/partial/closed`);
      }
      if (classes.length) {
        const mean = classes.reduce((t, v) => t + (v === 'open' ? 1 : v === 'partial' ? 0.5 : 0), 0) / classes.length;
        if (Math.abs(mean - o.score) > 0.001) problems.push(`${where}: OSAI score ${o.score} is not the mean of its parameters (${mean.toFixed(3)})`);
      }
    }
    if (a.mof) {
      const m = a.mof;
      if (seen.mof.has(key)) problems.push(`${where}: more than one MOF entry for this model`);
      seen.mof.add(key);
      if (!(m.class === null || m.class === 1 || m.class === 2 || m.class === 3)) problems.push(`${where}: MOF class ${m.class} is not 1, 2, 3 or null`);
      if (!HTTPS.test(m.url ?? '')) problems.push(`${where}: MOF url is not an https URL`);
      if (!m.model?.trim() || !m.label?.trim()) problems.push(`${where}: MOF model and label are required`);
    }
  }
  const publishers = new Set(c.models.map((m) => m.publisher));
  const devs = new Set<string>();
  for (const d of c.developerScores ?? []) {
    const where = `developer score of ${d.publisher}`;
    if (!publishers.has(d.publisher)) problems.push(`${where}: "${d.publisher}" is not a publisher in the catalog`);
    if (devs.has(d.publisher)) problems.push(`${where}: listed twice`);
    devs.add(d.publisher);
    const f = d.fmti;
    if (!f) {
      problems.push(`${where}: fmti is missing`);
      continue;
    }
    if (typeof f.score !== 'number' || !Number.isInteger(f.score) || f.score < 0 || f.score > 100) problems.push(`${where}: FMTI score ${f.score} is not an integer in 0..100`);
    if (!HTTPS.test(f.url ?? '')) problems.push(`${where}: FMTI url is not an https URL`);
  }
  for (const [id, list] of Object.entries(c.licenseConflicts ?? {})) {
    const where = `licence conflict for ${id}`;
    if (!modelIds.has(id.toLowerCase())) problems.push(`${where}: "${id}" is not a model id in the catalog`);
    if (!Array.isArray(list) || list.length === 0) {
      problems.push(`${where}: needs at least one conflicting claim`);
      continue;
    }
    for (const k of list) {
      if (!k.claim?.trim() || !k.source?.trim()) problems.push(`${where}: claim and source are required`);
      if (!HTTPS.test(k.url ?? '')) problems.push(`${where}: url is not an https URL`);
    }
  }
  return problems;
}
