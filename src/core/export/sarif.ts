/**
 * The scan (and the policy's verdict) as SARIF 2.1.0 for GitHub code scanning and other SARIF viewers: an inventory
 * result (`ai-dependency`, level note) for every place a model or AI package is used, a result per policy violation
 * (error / warning), excepted places as suppressed results, and problems of the policy file as notifications.
 */
import { createHash } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import type * as Sarif from 'sarif';
import type { Engine } from '../engine';
import type { Policy, PolicyResult, PolicySeverity, RuleId } from '../policy/types';
import { RULE_IDS } from '../policy/types';
import { LEVEL_LABEL } from '../report/text';
import type { Finding, Location, ScanResult } from '../types';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const INVENTORY_RULE = 'ai-dependency';
const BASE = '%SRCROOT%';
const FINGERPRINT = 'aiOpenness/v1';

interface RuleText {
  name: string;
  short: string;
  full: string;
  help: string;
}

const RULES: Record<RuleId | typeof INVENTORY_RULE, RuleText> = {
  'deny-license': {
    name: 'DenyLicense',
    short: 'Licence on the policy deny list',
    full: 'A model or AI package is used under a licence that the policy lists in denyLicenses.',
    help: 'Replace the model or package with one under an accepted licence, or add an exception with a reason to the policy.',
  },
  'license-not-allowed': {
    name: 'LicenseNotAllowed',
    short: 'Licence not on the policy allow list',
    full: 'A model or AI package is used under a licence that is not among the policy allowLicenses.',
    help: 'Use a model or package under an allowed licence, extend allowLicenses after a licence review, or add an exception with a reason.',
  },
  'minimum-openness': {
    name: 'MinimumOpenness',
    short: 'Model below the minimum openness level',
    full: 'A model is less open than the policy minimumOpenness level (API only < hosted < restricted weights < open weights < fully open).',
    help: 'Choose a more open model (the look-up lists open alternatives for API-only models), or add an exception with a reason.',
  },
  'non-commercial': {
    name: 'NonCommercial',
    short: 'Licence forbids commercial use',
    full: 'A model or AI package is under a licence that does not allow commercial use, and the policy sets forbidNonCommercial.',
    help: 'Use a model or package whose licence allows commercial use, or add an exception with a reason (e.g. research-only code).',
  },
  'api-only': {
    name: 'ApiOnly',
    short: 'Model only reachable through a provider API',
    full: 'A model is only available through a provider API (its weights cannot be self-hosted), and the policy sets forbidApiOnly.',
    help: 'Use a model with downloadable weights (see the open alternatives the look-up lists), or add an exception with a reason.',
  },
  'not-osi-approved': {
    name: 'NotOsiApproved',
    short: 'Licence not OSI-approved',
    full: 'A model or AI package is under a licence that is not approved by the Open Source Initiative, and the policy sets requireOsiApproved.',
    help: 'Use a model or package under an OSI-approved licence, or add an exception with a reason.',
  },
  [INVENTORY_RULE]: {
    name: 'AiDependency',
    short: 'AI model or AI package in use',
    full: 'An AI model id or an AI package is used here; the message names its licence and how open it is. Informational.',
    help: 'Inventory only: the AI Openness scan lists every model and AI package with its licence and openness level.',
  },
};

/** Which policy setting turns each rule on (for its configured severity). */
const RULE_SETTING: Record<RuleId, keyof Omit<Policy, 'file' | 'exceptions'>> = {
  'deny-license': 'denyLicenses',
  'license-not-allowed': 'allowLicenses',
  'minimum-openness': 'minimumOpenness',
  'non-commercial': 'forbidNonCommercial',
  'api-only': 'forbidApiOnly',
  'not-osi-approved': 'requireOsiApproved',
};

/** Folder names of the roots, made unique (`app`, `app-2`); shared with the CycloneDX export. */
export function rootLabels(results: readonly { root: string }[]): string[] {
  const used = new Set<string>();
  return results.map((r) => {
    const base = r.root.split(/[\\/]+/).filter(Boolean).pop() ?? 'workspace';
    let label = base;
    for (let n = 2; used.has(label); n++) label = `${base}-${n}`;
    used.add(label);
    return label;
  });
}

/** A relative `/`-separated path as a URI reference: every segment percent-encoded. */
export function encodePath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

function isAbsolute(path: string): boolean {
  return path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path) || path.startsWith('\\\\');
}

function artifact(path: string): Sarif.ArtifactLocation {
  return isAbsolute(path) ? { uri: pathToFileURL(path).href } : { uri: encodePath(path), uriBaseId: BASE };
}

function location(path: string, line: number, column: number, length?: number): Sarif.Location {
  const artifactLocation = artifact(path);
  const startColumn = Math.max(1, column);
  const region: Sarif.Region = { startLine: Math.max(1, line), startColumn, ...(length ? { endColumn: startColumn + length } : {}) };
  return { physicalLocation: { artifactLocation, region } };
}

function licenceText(f: Finding): string {
  if (f.license.id === 'unknown') return 'licence unknown';
  return /^LicenseRef-/i.test(f.license.id) ? f.license.name : f.license.id;
}

function levelText(f: Finding): string {
  return LEVEL_LABEL[f.openness.level] ?? f.openness.level;
}

function ruleDescriptor(id: RuleId | typeof INVENTORY_RULE, level: Sarif.ReportingConfiguration.level, helpUri: string): Sarif.ReportingDescriptor {
  const t = RULES[id];
  return {
    id,
    name: t.name,
    shortDescription: { text: t.short },
    fullDescription: { text: t.full },
    help: { text: `${t.full} ${t.help}`, markdown: `**${t.short}.** ${t.full}\n\n${t.help}` },
    helpUri,
    defaultConfiguration: { level },
    properties: { tags: id === INVENTORY_RULE ? ['ai', 'license', 'inventory'] : ['ai', 'license', 'policy'] },
  };
}

/** The severity a policy gives a rule, if any of the policies turns it on. */
function configured(entries: readonly { policy?: PolicyResult }[], rule: RuleId): PolicySeverity | undefined {
  for (const e of entries) {
    const setting = e.policy?.policy?.[RULE_SETTING[rule]];
    if (setting) return setting.severity;
  }
  return undefined;
}

/** A `file://` URI (with a trailing slash) for the roots' base: the root itself, or the shared parent of sibling roots. */
function baseUri(results: readonly ScanResult[]): Sarif.ArtifactLocation {
  const dirs = results.map((r) => (results.length === 1 ? r.root : r.root.replace(/[\\/]+$/, '').replace(/[\\/][^\\/]*$/, '')));
  const dir = dirs[0];
  if (dir && isAbsolute(dir) && dirs.every((d) => d === dir)) {
    const href = pathToFileURL(dir).href;
    return { uri: href.endsWith('/') ? href : `${href}/` };
  }
  return { description: { text: `The scanned folders: ${rootLabels(results).join(', ')}` } };
}

/**
 * SARIF 2.1.0 (one run) for one or more roots, each with the policy verdict when a policy was evaluated. Several
 * roots: paths are prefixed by each root's folder name.
 */
export function toSarif(
  engine: Engine,
  results: readonly { result: ScanResult; policy?: PolicyResult }[],
  opts: { toolName: string; toolVersion: string; informationUri: string },
): string {
  const helpUri = `${opts.informationUri.replace(/#.*$/, '')}#policy`;
  const used = new Set<RuleId>();
  for (const e of results) {
    for (const v of e.policy?.violations ?? []) used.add(v.rule);
    for (const x of e.policy?.excepted ?? []) used.add(x.rule);
  }
  const ruleIds = [INVENTORY_RULE, ...RULE_IDS.filter((r) => used.has(r))] as const;
  const levelOf = (rule: RuleId): PolicySeverity => {
    const first = results.flatMap((e) => e.policy?.violations ?? []).find((v) => v.rule === rule);
    return configured(results, rule) ?? first?.severity ?? 'warning';
  };
  const rules = ruleIds.map((id) =>
    id === INVENTORY_RULE ? ruleDescriptor(id, 'note', opts.informationUri) : ruleDescriptor(id, levelOf(id as RuleId), helpUri),
  );
  const index = new Map<string, number>(ruleIds.map((id, i) => [id, i]));

  const labels = rootLabels(results.map((e) => e.result));
  const seen = new Map<string, number>();
  const fingerprint = (rule: string, id: string, path: string): Record<string, string> => {
    const key = `${rule}:${id}:${path}`;
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    return { [FINGERPRINT]: createHash('sha256').update(`${key}:${n}`).digest('hex') };
  };

  const out: Sarif.Result[] = [];
  const configNotes: Sarif.Notification[] = [];
  const execNotes: Sarif.Notification[] = [];
  results.forEach(({ result, policy }, i) => {
    const prefix = results.length > 1 ? `${labels[i]}/` : '';
    const at = (f: Finding, l: Location) => location(prefix + l.path, l.line, l.column, f.name.length);
    const make = (rule: string, level: Sarif.Result.level, f: Finding, l: Location, text: string, extra: Partial<Sarif.Result> = {}): Sarif.Result => ({
      ruleId: rule,
      ruleIndex: index.get(rule) ?? -1,
      level,
      message: { text },
      locations: [at(f, l)],
      partialFingerprints: fingerprint(rule, f.id, prefix + l.path),
      ...extra,
    });
    for (const f of result.findings) {
      const model = f.kind === 'model' ? engine.model(f.id) : undefined;
      const properties = {
        kind: f.kind,
        id: f.id,
        license: f.license.id,
        openness: f.openness.level,
        access: f.access,
        ...(f.ecosystem ? { ecosystem: f.ecosystem } : {}),
        ...(model ? { publisher: model.publisher } : {}),
      };
      for (const l of f.locations) {
        out.push(make(INVENTORY_RULE, 'note', f, l, `Uses ${f.id} (${licenceText(f)}, ${levelText(f)})`, { properties }));
      }
    }
    for (const v of policy?.violations ?? []) {
      for (const l of v.locations) out.push(make(v.rule, v.severity, v.finding, l, v.message, { properties: { helpUri: v.helpUri } }));
    }
    for (const x of policy?.excepted ?? []) {
      const text = `${x.finding.id} (${licenceText(x.finding)}, ${levelText(x.finding)}) breaks rule ${x.rule}; excepted by the policy: ${x.reason}`;
      out.push(make(x.rule, levelOf(x.rule), x.finding, x.location, text, { suppressions: [{ kind: 'external', status: 'accepted', justification: x.reason }] }));
    }
    for (const p of policy?.problems ?? []) {
      const file = isAbsolute(p.file) ? p.file : prefix + p.file;
      configNotes.push({ level: p.severity, message: { text: p.message }, locations: [location(file, p.line, p.column)] });
    }
    for (const e of result.errors) {
      execNotes.push({
        level: 'warning',
        message: { text: `${e.path}: ${e.message}` },
        ...(e.path ? { locations: [{ physicalLocation: { artifactLocation: artifact(isAbsolute(e.path) ? e.path : prefix + e.path) } }] } : {}),
      });
    }
  });

  const invocation: Sarif.Invocation = {
    executionSuccessful: true,
    ...(configNotes.length ? { toolConfigurationNotifications: configNotes } : {}),
    ...(execNotes.length ? { toolExecutionNotifications: execNotes } : {}),
  };
  const log: Sarif.Log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: { name: opts.toolName, version: opts.toolVersion, semanticVersion: opts.toolVersion, informationUri: opts.informationUri, rules },
        },
        invocations: [invocation],
        originalUriBaseIds: { [BASE]: baseUri(results.map((e) => e.result)) },
        columnKind: 'utf16CodeUnits',
        results: out,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
