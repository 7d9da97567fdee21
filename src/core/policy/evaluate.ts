/**
 * Judging a scan against a policy. Each rule is checked on each finding (models and packages; `minimum-openness` and
 * `api-only` on models only); each broken rule is one Violation over the finding's locations; exceptions then lift
 * locations (kept in `excepted` with their reason), and a violation left with no location is dropped.
 *
 * Licence rules on SPDX expressions: an expression breaks a licence rule only when every way of taking it does —
 * for `A OR B` both branches must break it, for `A AND B` one part is enough. So `MIT OR Apache-2.0` is denied only
 * when both MIT and Apache-2.0 are denied, is allowed when either is allowed, and is non-commercial only when both
 * are. A policy entry equal to the whole expression as written also matches it.
 *
 * Locations in the policy file itself (any of POLICY_FILE_NAMES at the root, or `policy.file`) are not judged.
 *
 * Precedence: exceptions lift violations first; deny beats allow (where `deny-license` holds at a location,
 * `license-not-allowed` is not reported there too, so a licence in both lists is denied); the other rules apply
 * independently, so one finding can break several rules.
 */
import ignore from 'ignore';
import parseSpdx from 'spdx-expression-parse';
import type { Engine } from '../engine';
import { LEVEL_LABEL } from '../report/text';
import type { Finding, Location, OpennessLevel, ScanResult } from '../types';
import { MODEL_LEVELS } from './parse';
import { POLICY_FILE_NAMES, type Policy, type PolicyException, type PolicyLicense, type PolicyResult, type PolicySeverity, type RuleId, type Violation } from './types';

/** Where the README explains the policy (the help link of violations whose licence has no https page). */
export const POLICY_HELP_URI = 'https://github.com/ai-openness/ai-openness#policy';

type SpdxNode = ReturnType<typeof parseSpdx>;

/**
 * Whether a licence id (or SPDX expression) "breaks" a licence test, with the ids that decided it. `leaf` tests one
 * id; an expression breaks it when every OR branch does or any AND part does (see the file comment).
 */
function judge(id: string, leaf: (id: string) => string[] | undefined): string[] | undefined {
  let tree: SpdxNode;
  try {
    tree = parseSpdx(id);
  } catch {
    return leaf(id); // not SPDX syntax (a catalog LicenseRef, "unknown"): one id
  }
  if (!('conjunction' in tree)) return leaf(id);
  const walk = (n: SpdxNode): string[] | undefined => {
    if ('license' in n) return leaf(n.license);
    const l = walk(n.left);
    const r = walk(n.right);
    if (n.conjunction === 'or') return l && r ? [...l, ...r] : undefined;
    return l || r ? [...(l ?? []), ...(r ?? [])] : undefined;
  };
  return walk(tree);
}

/** The entries of a policy licence list that name `id` (compared case-insensitively, by resolved id and as written). */
function entriesFor(engine: Engine, list: readonly PolicyLicense[], id: string, name?: string): PolicyLicense[] {
  const keys = new Set([id.toLowerCase(), engine.licenses.resolve(id).id.toLowerCase()]);
  if (name) keys.add(name.toLowerCase());
  return list.filter((l) => keys.has(l.resolved.toLowerCase()) || keys.has(l.written.toLowerCase()));
}

function isNonCommercial(engine: Engine, id: string): boolean {
  const p = engine.licenses.resolve(id).profile;
  return p?.kind === 'non-commercial' || p?.commercialUse === 'no';
}

const LEVEL_RANK = new Map<string, number>(MODEL_LEVELS.map((l, i) => [l, i]));

function label(level: OpennessLevel): string {
  return LEVEL_LABEL[level] ?? level;
}

function who(f: Finding): string {
  return f.kind === 'package' ? `${f.name} (${f.ecosystem ?? 'unknown'} package)` : f.name;
}

function licenceText(f: Finding): string {
  return f.license.name && f.license.name !== f.license.id ? `${f.license.name} (${f.license.id})` : f.license.id;
}

function unknownLicence(engine: Engine, f: Finding): boolean {
  return f.license.id.toLowerCase() === 'unknown' || !engine.licenses.resolve(f.license.id).known;
}

function helpUri(f: Finding): string {
  return /^https:\/\/\S+$/i.test(f.license.url) ? f.license.url : POLICY_HELP_URI;
}

interface Broken {
  rule: RuleId;
  severity: PolicySeverity;
  message: string;
}

/** The rules a finding breaks, before exceptions, in RULE_IDS order. */
function brokenRules(engine: Engine, policy: Policy, f: Finding): Broken[] {
  const out: Broken[] = [];
  const file = policy.file;
  const model = f.kind === 'model';
  const unknown = unknownLicence(engine, f);
  const deny = policy.denyLicenses;
  if (deny) {
    const named = (id: string) => {
      const e = entriesFor(engine, deny.licenses, id, id === f.license.id ? f.license.name : undefined);
      return e.length ? e.map((x) => `"${x.written}"`) : undefined;
    };
    const hit = named(f.license.id) ?? judge(f.license.id, named);
    if (hit) {
      const entries = [...new Set(hit)].join(', ');
      out.push({ rule: 'deny-license', severity: deny.severity, message: `${who(f)} is under ${licenceText(f)}, which the policy denies (${file}: deny.licenses ${entries}).` });
    }
  }
  const allow = policy.allowLicenses;
  if (allow) {
    const allowed = (id: string) => entriesFor(engine, allow.licenses, id, id === f.license.id ? f.license.name : undefined).length > 0;
    if (!allowed(f.license.id) && judge(f.license.id, (id) => (allowed(id) ? undefined : [id]))) {
      out.push({
        rule: 'license-not-allowed',
        severity: allow.severity,
        message:
          f.license.id.toLowerCase() === 'unknown'
            ? `${who(f)} has an unknown licence (${f.license.name}), so it is not among the licences the policy allows (${file}: allow.licenses).`
            : `${who(f)} is under ${licenceText(f)}, which is not among the licences the policy allows (${file}: allow.licenses).`,
      });
    }
  }
  const min = policy.minimumOpenness;
  if (min && model) {
    const rank = LEVEL_RANK.get(f.openness.level);
    const need = LEVEL_RANK.get(min.level) ?? 0;
    if (rank === undefined) {
      out.push({
        rule: 'minimum-openness',
        severity: min.severity,
        message: `${who(f)} has an unknown openness level, which counts as below the minimum the policy requires, ${label(min.level)} (${file}: minimumOpenness "${min.level}").`,
      });
    } else if (rank < need) {
      out.push({
        rule: 'minimum-openness',
        severity: min.severity,
        message: `${who(f)} is ${label(f.openness.level)}, below the minimum openness the policy requires, ${label(min.level)} (${file}: minimumOpenness "${min.level}").`,
      });
    }
  }
  const nc = policy.forbidNonCommercial;
  if (nc && judge(f.license.id, (id) => (isNonCommercial(engine, id) ? [id] : undefined))) {
    out.push({
      rule: 'non-commercial',
      severity: nc.severity,
      message: `${who(f)} is under ${licenceText(f)}, which does not allow commercial use, and the policy forbids non-commercial licences (${file}: forbidNonCommercial).`,
    });
  }
  const api = policy.forbidApiOnly;
  if (api && model && (f.openness.level === 'api-only' || f.openness.level === 'hosted')) {
    const how = f.openness.level === 'api-only' ? "only reachable through a provider's API" : 'only offered as a hosted service';
    out.push({
      rule: 'api-only',
      severity: api.severity,
      message: `${who(f)} is ${how} (its weights are not published), and the policy forbids API-only models (${file}: forbidApiOnly).`,
    });
  }
  const osi = policy.requireOsiApproved;
  if (osi) {
    const resolved = engine.licenses.resolve(f.license.id);
    // Models: an unknown licence cannot be shown to be OSI-approved. Packages: only a known, non-OSI licence counts.
    if (model && unknown) {
      out.push({
        rule: 'not-osi-approved',
        severity: osi.severity,
        message: `${who(f)} has an unknown licence (${f.license.name}), so it cannot be shown to be OSI-approved as the policy requires (${file}: requireOsiApproved).`,
      });
    } else if (!unknown && !resolved.osiApproved) {
      out.push({
        rule: 'not-osi-approved',
        severity: osi.severity,
        message: `${who(f)} is under ${licenceText(f)}, which is not OSI-approved, and the policy requires OSI-approved licences (${file}: requireOsiApproved).`,
      });
    }
  }
  return out;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
}

/** Whether an exception covers one rule at one location of a finding. */
export type ExceptionMatcher = (rule: RuleId, f: Finding, location: Location | undefined) => boolean;

/**
 * Compiles an exception: `path` is a gitignore-style pattern tested on the location's path (relative to the root);
 * `id` is tested, `*` matching any run of characters and case-insensitively, on the finding's name as written, its
 * catalog id, its aliases and, for packages, `ecosystem:name`; `rules` limits it to those rules.
 */
export function exceptionMatcher(e: PolicyException): ExceptionMatcher {
  const paths = e.path ? ignore().add(e.path) : undefined;
  const id = e.id ? new RegExp(`^${e.id.split('*').map(escapeRegExp).join('.*')}$`, 'i') : undefined;
  return (rule, f, location) => {
    if (e.rules && !e.rules.includes(rule)) return false;
    if (id) {
      const names = [f.name, f.id, ...(f.aliases ?? []), ...(f.ecosystem ? [`${f.ecosystem}:${f.name}`, `${f.ecosystem}:${f.id}`] : [])];
      if (!names.some((n) => id.test(n))) return false;
    }
    if (paths) {
      if (!location) return false;
      try {
        if (!paths.ignores(location.path.replace(/^\.?\/+/, ''))) return false;
      } catch {
        return false; // not a relative path: no pattern can match it
      }
    }
    return true;
  };
}

/** Judges every finding of a scan against a valid policy. `problems` is empty (policy problems come from parsing). */
export function evaluatePolicy(engine: Engine, policy: Policy, result: ScanResult): PolicyResult {
  const exceptions = policy.exceptions.map((e) => ({ reason: e.reason, matches: exceptionMatcher(e) }));
  const violations: Violation[] = [];
  const excepted: PolicyResult['excepted'] = [];
  // The policy file names licences and model ids; that is configuring this tool, not using them.
  const own = new Set<string>([...POLICY_FILE_NAMES, policy.file]);
  for (const f of result.findings) {
    const judged = f.locations.filter((l) => !own.has(l.path));
    if (f.locations.length && !judged.length) continue;
    const denied = new Set<Location>();
    for (const b of brokenRules(engine, policy, f)) {
      const kept: Location[] = [];
      for (const location of judged) {
        if (b.rule === 'license-not-allowed' && denied.has(location)) continue; // deny beats allow
        const ex = exceptions.find((e) => e.matches(b.rule, f, location));
        if (ex) excepted.push({ rule: b.rule, finding: f, location, reason: ex.reason });
        else kept.push(location);
      }
      if (b.rule === 'deny-license') for (const l of kept) denied.add(l);
      // A finding without locations (not produced by scans) cannot be lifted by location; it keeps its violation.
      if (kept.length || !f.locations.length) {
        violations.push({ rule: b.rule, severity: b.severity, message: b.message, finding: f, locations: kept, helpUri: helpUri(f) });
      }
    }
  }
  return { policy, problems: [], violations, excepted };
}

/** Whether any violation is at or above `failOn` (`warning` counts errors and warnings; `error` only errors). */
export function hasViolationAtOrAbove(result: Pick<PolicyResult, 'violations'>, failOn: PolicySeverity): boolean {
  return result.violations.some((v) => failOn === 'warning' || v.severity === 'error');
}
