/**
 * The status bar's words, VS Code-free: how many models are open (self-hostable weights) and how many are reached
 * through a provider's API, with a breakdown by openness level. Localisation is passed in (vscode.l10n.t in the
 * extension), so the formatting is unit-tested in plain Node.
 */
import { policyRuleLabel } from './frameworkText';
import { RULE_IDS, type PolicyResult, type RuleId } from './policy/types';
import { levelLabel, type TreeLang } from './tree';
import type { OpennessLevel, ScanResult } from './types';

/** `t('{0} open', 3)` → translated template with `{n}` placeholders filled (vscode.l10n.t's contract). */
export type Translate = (message: string, ...args: (string | number)[]) => string;

/** Fills `{0}`, `{1}`… like vscode.l10n.t does for untranslated text. */
export const untranslated: Translate = (message, ...args) =>
  message.replace(/\{(\d+)\}/g, (m, i: string) => (args[Number(i)] !== undefined ? String(args[Number(i)]) : m));

export interface StatusCounts {
  /** Models whose weights can be self-hosted. */
  open: number;
  /** Models reached through a provider's API (API-only ones and provider-hosted open weights). */
  api: number;
  models: number;
  packages: number;
  /** Models per openness level, most closed first. */
  byLevel: [OpennessLevel, number][];
}

const LEVEL_ORDER: readonly OpennessLevel[] = ['api-only', 'hosted', 'restricted-weights', 'open-weights', 'fully-open'];

export function statusCounts(results: readonly ScanResult[]): StatusCounts {
  const levels = new Map<OpennessLevel, number>();
  const counts: StatusCounts = { open: 0, api: 0, models: 0, packages: 0, byLevel: [] };
  for (const r of results) {
    for (const f of r.findings) {
      if (f.kind === 'package') {
        counts.packages++;
        continue;
      }
      counts.models++;
      if (f.access === 'api') counts.api++;
      else counts.open++;
      levels.set(f.openness.level, (levels.get(f.openness.level) ?? 0) + 1);
    }
  }
  const rank = (l: OpennessLevel) => (LEVEL_ORDER.includes(l) ? LEVEL_ORDER.indexOf(l) : LEVEL_ORDER.length);
  counts.byLevel = [...levels.entries()].sort((a, b) => rank(a[0]) - rank(b[0]));
  return counts;
}

export interface StatusContent {
  text: string;
  tooltip: string;
}

/** E.g. text "$(circle-large-outline) AI: 3 open · 2 API" and a tooltip with one line per level. */
export function statusContent(results: readonly ScanResult[], lang: TreeLang, t: Translate = untranslated): StatusContent {
  const c = statusCounts(results);
  const icon = '$(circle-large-outline)';
  const text = c.models + c.packages === 0 ? `${icon} ${t('AI: none found')}` : `${icon} ${t('AI: {0} open · {1} API', c.open, c.api)}`;
  const lines = [t('AI Openness: {0} models, {1} packages', c.models, c.packages)];
  for (const [level, n] of c.byLevel) lines.push(`${levelLabel(level, lang)}: ${n}`);
  lines.push('', t('Click to show the findings.'));
  return { text, tooltip: lines.join('\n') };
}

/** One workspace folder's policy: the file found at its root (absolute path) and what it gives. */
export interface PolicyFolderStatus {
  root: string;
  file: string;
  result: PolicyResult;
}

export interface PolicyCounts {
  /** Places in violation (one Problems entry each), of which `errors` are errors and `warnings` warnings. */
  violations: number;
  errors: number;
  warnings: number;
  /** Places lifted by an exception. */
  excepted: number;
  /** Problems in the policy file itself. */
  problems: number;
  /** Whether the file could not be used (an error in it, no valid policy). */
  invalid: boolean;
  /** Places in violation per rule, in RULE_IDS order, rules without any left out. */
  byRule: [RuleId, number][];
}

export function policyCounts(result: PolicyResult): PolicyCounts {
  const rules = new Map<RuleId, number>();
  const counts: PolicyCounts = { violations: 0, errors: 0, warnings: 0, excepted: result.excepted.length, problems: result.problems.length, invalid: false, byRule: [] };
  for (const v of result.violations) {
    const n = v.locations.length;
    counts.violations += n;
    if (v.severity === 'error') counts.errors += n;
    else counts.warnings += n;
    rules.set(v.rule, (rules.get(v.rule) ?? 0) + n);
  }
  counts.invalid = !result.policy && result.problems.some((p) => p.severity === 'error');
  counts.byRule = RULE_IDS.filter((r) => rules.get(r)).map((r) => [r, rules.get(r)!]);
  return counts;
}

/** The policy file as shown: relative to its folder, prefixed with the folder's name when there are several folders. */
export function policyFileLabel(entry: PolicyFolderStatus, multiRoot: boolean): string {
  if (!entry.file.startsWith(entry.root)) return entry.file;
  const rel = entry.file.slice(entry.root.length).replace(/\\/g, '/').replace(/^\/+/, '');
  const folder = entry.root.split(/[\\/]/).filter(Boolean).pop() ?? entry.root;
  return multiRoot ? `${folder}/${rel}` : rel;
}

/**
 * The policy's status bar entry: "$(shield) policy: 2 violations", "$(pass) policy ok", or "$(error) policy: file has
 * errors"; undefined when no folder has a policy file (the entry is hidden).
 */
export function policyStatusContent(entries: readonly PolicyFolderStatus[], lang: TreeLang, t: Translate = untranslated): StatusContent | undefined {
  if (!entries.length) return undefined;
  const all = entries.map((e) => ({ e, c: policyCounts(e.result) }));
  const violations = all.reduce((n, x) => n + x.c.violations, 0);
  const text = all.some((x) => x.c.invalid)
    ? `$(error) ${t('policy: file has errors')}`
    : violations
      ? `$(shield) ${violations === 1 ? t('policy: 1 violation') : t('policy: {0} violations', violations)}`
      : `$(pass) ${t('policy ok')}`;
  const lines: string[] = [];
  for (const { e, c } of all) {
    const file = policyFileLabel(e, entries.length > 1);
    if (c.invalid) lines.push(t('{0}: has errors, not applied ({1} problems)', file, c.problems));
    else lines.push(t('{0}: {1} violations ({2} errors, {3} warnings)', file, c.violations, c.errors, c.warnings));
    for (const [rule, n] of c.byRule) lines.push(`  ${policyRuleLabel(lang, rule)} (${rule}): ${n}`);
    if (c.excepted) lines.push(`  ${t('lifted by exceptions: {0}', c.excepted)}`);
    if (c.problems && !c.invalid) lines.push(`  ${t('problems in the policy file: {0}', c.problems)}`);
  }
  lines.push('', t('Click to show the Problems.'));
  return { text, tooltip: lines.join('\n') };
}
