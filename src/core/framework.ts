/**
 * The live evidence for the Framework view: the workspace's findings read through the four parts of the framework
 * (access through open weights, dependence on closed APIs, the terms that bite and transparency, and the balance).
 * Plain data; every fact carries the URL it comes from (the licence page or the catalog entry's source).
 */
import type { Engine } from './engine';
import {
  balanceAnswer,
  frameworkLabels,
  levelLabel,
  osaidLabel,
  ruleLabel,
  type FrameworkLabels,
  type FrameworkLang,
  type BalanceNumbers,
  policyRuleLabel,
  type RuleKind,
} from './frameworkText';
import { policyCounts, policyFileLabel, type PolicyFolderStatus } from './status';
import type { Access, Finding, FindingLicense, LicenseProfile, OpennessLevel, OsaidStatus, PackageKind, ScanResult } from './types';

export type { FrameworkLabels, FrameworkLang } from './frameworkText';

/** The four parts, in order; each has an `<!-- evidence:PART -->` marker in media/framework/<lang>.md. */
export const FRAMEWORK_PARTS = ['access', 'lockin', 'implications', 'balance'] as const;
export type FrameworkPart = (typeof FRAMEWORK_PARTS)[number];

export const OSAID_URL = 'https://opensource.org/ai/open-source-ai-definition';
/** How many "path:line" places each entry lists; the rest is a count. */
const MAX_WHERE = 3;

export interface ModelEvidence {
  /** Canonical catalog id (what "Show in Findings" and "Look up" take). */
  id: string;
  name: string;
  /** The spellings found in the workspace. */
  writtenAs: string[];
  license: FindingLicense;
  level: OpennessLevel;
  levelLabel: string;
  osaid: OsaidStatus;
  access: Access;
  provider?: string;
  locations: number;
  /** Up to three places, "path:line" (prefixed with the folder name in multi-root workspaces). */
  where: string[];
  /** The catalog entry's source. */
  source: string;
}

export interface AlternativeEvidence {
  id: string;
  name: string;
  license: FindingLicense;
  levelLabel: string;
  source: string;
}

export interface ApiModelEvidence extends ModelEvidence {
  alternatives: AlternativeEvidence[];
}

export interface PackageEvidence {
  name: string;
  ecosystem: string;
  kind: PackageKind;
  provider?: string;
  license: FindingLicense;
  locations: number;
  where: string[];
  source: string;
}

export interface ProviderEvidence {
  provider: string;
  models: ApiModelEvidence[];
  packages: PackageEvidence[];
}

export interface RuleEvidence {
  kind: RuleKind;
  label: string;
  /** The catalog's note, in English (given for `en` only: the clauses carry the translation). */
  detail?: string;
  url: string;
}

export interface RestrictionEvidence {
  license: FindingLicense;
  rules: RuleEvidence[];
  /** The licence's clauses that matter, in the requested language where translated. */
  clauses: string[];
  /** Display names of the models it applies to. */
  models: string[];
  source: string;
}

export interface CountEvidence {
  key: string;
  label: string;
  count: number;
}

export interface FrameworkEvidence {
  lang: FrameworkLang;
  /** False until a scan has produced results. */
  scanned: boolean;
  labels: FrameworkLabels;
  totals: { models: number; packages: number; findings: number; errors: number };
  access: { models: ModelEvidence[]; runtimes: PackageEvidence[] };
  lockin: { providers: ProviderEvidence[] };
  implications: { restrictions: RestrictionEvidence[]; osaid: CountEvidence[]; levels: CountEvidence[]; osaidSource: string };
  /** The numbers behind part 4 and the one-line answer built from them. */
  balance: Omit<BalanceNumbers, 'onlyOnOthersProviders'> & { answer: string };
  /** One entry per workspace folder with a policy file (none: no policy block). */
  policy: PolicyFileEvidence[];
}

export interface PolicyFileEvidence {
  /** As shown: relative to its folder (prefixed with the folder's name in multi-root workspaces). */
  file: string;
  /** Absolute path: what the host opens when asked (it only opens policy files it knows). */
  path: string;
  status: 'ok' | 'violations' | 'invalid';
  violations: number;
  excepted: number;
  problems: number;
  /** Places in violation per rule (key: the rule id; label: its name). */
  byRule: CountEvidence[];
}

interface Placed {
  finding: Finding;
  folder: string | undefined;
}

function folderName(root: string): string {
  return root.split(/[\\/]/).filter(Boolean).pop() ?? root;
}

function whereOf(placed: readonly Placed[]): { locations: number; where: string[] } {
  const all = placed.flatMap(({ finding, folder }) =>
    finding.locations.map((l) => `${folder ? `${folder}/` : ''}${l.path}:${l.line}${l.cell ? ` (cell ${l.cell})` : ''}`),
  );
  return { locations: all.length, where: all.slice(0, MAX_WHERE) };
}

function byCountThenName<T extends { locations: number; name: string }>(a: T, b: T): number {
  return b.locations - a.locations || a.name.localeCompare(b.name);
}

/** Findings grouped by canonical id (models) or ecosystem + id (packages), across every scanned folder. */
function group(results: readonly ScanResult[], kind: Finding['kind']): Placed[][] {
  const groups = new Map<string, Placed[]>();
  for (const r of results) {
    const folder = results.length > 1 ? folderName(r.root) : undefined;
    for (const finding of r.findings) {
      if (finding.kind !== kind) continue;
      const key = `${finding.ecosystem ?? ''}\u0000${finding.id.toLowerCase()}`;
      groups.set(key, [...(groups.get(key) ?? []), { finding, folder }]);
    }
  }
  return [...groups.values()];
}

function modelEvidence(engine: Engine, lang: FrameworkLang, placed: Placed[]): ModelEvidence {
  const first = placed[0]!.finding;
  const model = engine.model(first.id);
  const osaid = first.openness.osaid === 'not-applicable' ? 'unknown' : first.openness.osaid;
  return {
    id: first.id,
    name: model?.name ?? first.name,
    writtenAs: [...new Set(placed.map((p) => p.finding.name))].sort(),
    license: first.license,
    level: first.openness.level,
    levelLabel: levelLabel(lang, first.openness.level),
    osaid,
    access: first.access,
    ...(model?.provider ? { provider: model.provider } : {}),
    ...whereOf(placed),
    source: model?.source.url ?? first.license.url,
  };
}

function alternativesOf(engine: Engine, lang: FrameworkLang, id: string): AlternativeEvidence[] {
  const model = engine.model(id);
  // A provider's API for open weights: the weights themselves are the alternative.
  const ids = [...(model?.alternatives ?? []), ...(model?.upstream && model.upstream !== model.id ? [model.upstream] : [])];
  return [...new Set(ids)].flatMap((altId) => {
    const alt = engine.model(altId);
    if (!alt) return [];
    const license = engine.licenses.resolve(alt.license);
    const level: OpennessLevel = !license.osiApproved
      ? 'restricted-weights'
      : alt.openComponents?.code && alt.openComponents.data
        ? 'fully-open'
        : 'open-weights';
    return [
      {
        id: alt.id,
        name: alt.name,
        license: { id: license.id, name: license.name, url: license.url },
        levelLabel: levelLabel(lang, level),
        source: alt.source.url,
      },
    ];
  });
}

function packageEvidence(engine: Engine, placed: Placed[]): PackageEvidence {
  const first = placed[0]!.finding;
  const pkg = first.ecosystem ? engine.packages.get(first.ecosystem, first.name) : undefined;
  return {
    name: first.name,
    ecosystem: first.ecosystem ?? '',
    kind: pkg?.kind ?? 'framework',
    ...(pkg?.provider ? { provider: pkg.provider } : {}),
    license: first.license,
    ...whereOf(placed),
    source: pkg?.source.url ?? first.license.url,
  };
}

function rulesOf(lang: FrameworkLang, profile: LicenseProfile): RuleEvidence[] {
  const rules: RuleEvidence[] = [];
  const add = (kind: RuleKind, url: string, detail?: string) =>
    rules.push({ kind, label: ruleLabel(lang, kind, profile), url, ...(lang === 'en' && detail ? { detail } : {}) });
  if (profile.userThreshold) add('user-threshold', profile.url, profile.userThreshold.note);
  if (profile.revenueThreshold) add('revenue-threshold', profile.url, profile.revenueThreshold.note);
  if (profile.commercialUse === 'no') add('non-commercial', profile.url);
  if (profile.acceptableUsePolicy) add('acceptable-use', profile.acceptableUsePolicy.url, profile.acceptableUsePolicy.note);
  if (profile.outputsRule) add('outputs', profile.url, profile.outputsRule);
  if (profile.euRestriction) add('eu', profile.url, profile.euRestriction);
  return rules;
}

function restrictionsOf(engine: Engine, lang: FrameworkLang, models: readonly ModelEvidence[]): RestrictionEvidence[] {
  const byLicense = new Map<string, RestrictionEvidence>();
  for (const m of models) {
    const profile = engine.licenses.resolve(m.license.id).profile;
    if (!profile) continue;
    let entry = byLicense.get(profile.id);
    if (!entry) {
      const rules = rulesOf(lang, profile);
      if (!rules.length) continue;
      entry = {
        license: { id: profile.id, name: profile.name, url: profile.url },
        rules,
        clauses: profile.clauses.map((c) => (lang === 'id' ? (c.id ?? c.en) : c.en)),
        models: [],
        source: profile.source.url,
      };
      byLicense.set(profile.id, entry);
    }
    if (!entry.models.includes(m.name)) entry.models.push(m.name);
  }
  // Weights licences first (the article's subject), then provider terms; within each, the most used first.
  const isTerms = (r: RestrictionEvidence) => engine.licenses.profile(r.license.id)?.kind === 'provider-terms';
  const uses = new Map<string, number>();
  for (const m of models) uses.set(m.license.id, (uses.get(m.license.id) ?? 0) + m.locations);
  const used = (r: RestrictionEvidence) => uses.get(r.license.id) ?? 0;
  return [...byLicense.values()].sort(
    (a, b) => Number(isTerms(a)) - Number(isTerms(b)) || used(b) - used(a) || a.license.name.localeCompare(b.license.name),
  );
}

const MODEL_LEVELS: OpennessLevel[] = ['api-only', 'hosted', 'restricted-weights', 'open-weights', 'fully-open'];
const OSAID_STATUSES: OsaidStatus[] = ['yes', 'no', 'unknown'];

function policyEvidence(lang: FrameworkLang, entries: readonly PolicyFolderStatus[]): PolicyFileEvidence[] {
  return entries.map((entry) => {
    const c = policyCounts(entry.result);
    return {
      file: policyFileLabel(entry, entries.length > 1),
      path: entry.file,
      status: c.invalid ? 'invalid' : c.violations ? 'violations' : 'ok',
      violations: c.violations,
      excepted: c.excepted,
      problems: c.problems,
      byRule: c.byRule.map(([rule, count]) => ({ key: rule, label: policyRuleLabel(lang, rule), count })),
    };
  });
}

/**
 * The evidence for each part of the framework, from the latest scan of every workspace folder. `results` empty means
 * "not scanned yet" (`scanned: false`, every count zero). `policy`: each folder's policy file and its result.
 */
export function frameworkEvidence(
  engine: Engine,
  results: readonly ScanResult[],
  lang: FrameworkLang,
  policy: readonly PolicyFolderStatus[] = [],
): FrameworkEvidence {
  const models = group(results, 'model').map((g) => modelEvidence(engine, lang, g));
  const packageGroups = group(results, 'package').map((g) => ({ placed: g, evidence: packageEvidence(engine, g) }));
  const packages = packageGroups.map((p) => p.evidence);

  const selfHostable = models.filter((m) => m.access === 'self-hostable').sort(byCountThenName);
  const runtimes = packages.filter((p) => p.kind === 'local-runtime').sort(byCountThenName);

  const providers = new Map<string, ProviderEvidence>();
  const providerOf = (name: string) => {
    let p = providers.get(name);
    if (!p) providers.set(name, (p = { provider: name, models: [], packages: [] }));
    return p;
  };
  for (const m of models.filter((x) => x.access === 'api')) {
    providerOf(m.provider ?? m.name).models.push({ ...m, alternatives: alternativesOf(engine, lang, m.id) });
  }
  for (const p of packages.filter((x) => x.kind === 'api-client')) providerOf(p.provider ?? p.name).packages.push(p);
  const providerList = [...providers.values()]
    .map((p) => ({ ...p, models: p.models.sort(byCountThenName), packages: p.packages.sort(byCountThenName) }))
    .sort((a, b) => b.models.length + b.packages.length - (a.models.length + a.packages.length) || a.provider.localeCompare(b.provider));

  const count = <K extends string>(keys: readonly K[], of: (m: ModelEvidence) => K, label: (k: K) => string): CountEvidence[] =>
    keys.map((key) => ({ key, label: label(key), count: models.filter((m) => of(m) === key).length }));

  const closed = models.filter((m) => m.level === 'api-only' || m.level === 'hosted');
  const viaProvider = models.filter((m) => m.access === 'api' && !closed.includes(m));
  const numbers = {
    models: models.length,
    onlyOnOthers: closed.length,
    viaProvider: viaProvider.length,
    yours: selfHostable.length,
    yoursOsi: selfHostable.filter((m) => m.level === 'open-weights' || m.level === 'fully-open').length,
    apiPackages: packages.filter((p) => p.kind === 'api-client').length,
    providers: providerList.map((p) => p.provider),
    onlyOnOthersProviders: [...new Set(closed.map((m) => m.provider ?? m.name))].sort(),
  };

  return {
    lang,
    scanned: results.length > 0,
    labels: frameworkLabels(lang),
    totals: {
      models: models.length,
      packages: packages.length,
      findings: results.reduce((n, r) => n + r.findings.length, 0),
      errors: results.reduce((n, r) => n + r.errors.length, 0),
    },
    access: { models: selfHostable, runtimes },
    lockin: { providers: providerList },
    implications: {
      restrictions: restrictionsOf(engine, lang, models),
      osaid: count(OSAID_STATUSES, (m) => m.osaid, (k) => osaidLabel(lang, k)),
      levels: count(MODEL_LEVELS, (m) => m.level, (k) => levelLabel(lang, k)),
      osaidSource: OSAID_URL,
    },
    balance: {
      models: numbers.models,
      onlyOnOthers: numbers.onlyOnOthers,
      viaProvider: numbers.viaProvider,
      yours: numbers.yours,
      yoursOsi: numbers.yoursOsi,
      apiPackages: numbers.apiPackages,
      providers: numbers.providers,
      answer: balanceAnswer(lang, numbers),
    },
    policy: policyEvidence(lang, policy),
  };
}
