/**
 * The status bar's words, VS Code-free: how many models are open (self-hostable weights) and how many are reached
 * through a provider's API, with a breakdown by openness level. Localisation is passed in (vscode.l10n.t in the
 * extension), so the formatting is unit-tested in plain Node.
 */
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
