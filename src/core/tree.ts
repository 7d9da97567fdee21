/**
 * The Findings view's data, VS Code-free: scan results grouped by how they are reached, by licence or by provider,
 * with labels in English or Indonesian. The extension only turns these plain nodes into TreeItems.
 */
import type { Engine } from './engine';
import { levelTitle, type Lang } from './labels';
import { onlineLine } from './report/card';
import type { Access, Finding, OpennessLevel, ScanResult } from './types';

export type GroupBy = 'access' | 'license' | 'provider';
export type TreeLang = Lang;

export const GROUP_BYS: readonly GroupBy[] = ['access', 'license', 'provider'];

export interface TreeLocation {
  /** `path:line` (with the notebook cell when there is one). */
  label: string;
  /** Absolute folder the path is relative to. */
  root: string;
  path: string;
  line: number;
  column: number;
  cell?: number;
  /** Length of the name as written, for the selection / diagnostic range. */
  length: number;
}

export interface TreeFinding {
  /** Unique within the tree: root, kind, ecosystem and name as written. */
  key: string;
  /** The name as written. */
  label: string;
  /** Licence id · openness label (packages lead with their ecosystem). */
  description: string;
  /** Plain text: licence name, the openness reasons, OSAID status. */
  tooltip: string;
  /** True when the licence has an https page to open. */
  url: boolean;
  root: string;
  finding: Finding;
  locations: TreeLocation[];
}

export interface TreeGroup {
  key: string;
  label: string;
  count: number;
  findings: TreeFinding[];
}

type Labels = Record<string, string>;

const ACCESS_LABELS: Record<TreeLang, Record<Access, string>> = {
  en: { api: 'Provider API', 'self-hostable': 'Self-hostable', framework: 'Frameworks', hub: 'Model hubs' },
  id: { api: 'API penyedia', 'self-hostable': 'Dapat di-host sendiri', framework: 'Kerangka kerja', hub: 'Hub model' },
};

const TEXT: Record<TreeLang, Labels> = {
  en: {
    local: 'Local / self-hosted',
    license: 'Licence',
    osaid: 'Open Source AI Definition 1.0',
    yes: 'yes',
    no: 'no',
    unknown: 'unknown',
    'not-applicable': 'not applicable',
    cell: 'cell',
    package: 'package',
    model: 'model',
  },
  id: {
    local: 'Lokal / di-host sendiri',
    license: 'Lisensi',
    osaid: 'Open Source AI Definition 1.0',
    yes: 'ya',
    no: 'tidak',
    unknown: 'tidak diketahui',
    'not-applicable': 'tidak berlaku',
    cell: 'sel',
    package: 'paket',
    model: 'model',
  },
};

export function accessLabel(access: Access, lang: TreeLang): string {
  return ACCESS_LABELS[lang][access];
}

export function levelLabel(level: OpennessLevel, lang: TreeLang): string {
  return levelTitle(level, lang);
}

/** The label of the group for findings no provider serves (self-hosted models, local runtimes, frameworks). */
export function localProviderLabel(lang: TreeLang): string {
  return TEXT[lang]['local']!;
}

/** Who serves a finding: the model's provider (else its publisher), the API client's provider, else undefined. */
export type ProviderOf = (f: Finding) => string | undefined;

export function providerResolver(engine: Pick<Engine, 'model' | 'packages'>): ProviderOf {
  return (f) => {
    if (f.kind === 'model') {
      const m = engine.model(f.id);
      return m?.provider ?? m?.publisher;
    }
    return f.ecosystem ? engine.packages.get(f.ecosystem, f.id)?.provider : undefined;
  };
}

export function findingKey(root: string, f: Finding): string {
  return `${root}\u0000${f.kind}\u0000${f.ecosystem ?? ''}\u0000${f.name}`;
}

function treeFinding(root: string, f: Finding, lang: TreeLang): TreeFinding {
  const t = TEXT[lang];
  const level = levelLabel(f.openness.level, lang);
  const description = `${f.ecosystem ? `${f.ecosystem} · ` : ''}${f.license.id} · ${level}`;
  const tooltip = [
    `${f.name} (${f.kind === 'package' ? `${f.ecosystem ?? ''} ${t['package']}` : `${t['model']} ${f.id}`})`,
    `${t['license']}: ${f.license.name}${f.license.url ? ` — ${f.license.url}` : ''}`,
    `${level} · ${accessLabel(f.access, lang)}`,
    ...f.openness.reasons.map((r) => `• ${r}`),
    `${t['osaid']}: ${t[f.openness.osaid] ?? f.openness.osaid}`,
    ...(f.online ? [onlineLine(f.online)] : []),
  ].join('\n');
  const locations = f.locations.map<TreeLocation>((l) => ({
    label: `${l.path}:${l.line}${l.cell ? ` (${t['cell']} ${l.cell})` : ''}`,
    root,
    path: l.path,
    line: l.line,
    column: l.column,
    ...(l.cell ? { cell: l.cell } : {}),
    length: f.name.length,
  }));
  return {
    key: findingKey(root, f),
    label: f.name,
    description,
    tooltip,
    url: /^https:\/\//i.test(f.license.url),
    root,
    finding: f,
    locations,
  };
}

const ACCESS_ORDER: readonly Access[] = ['api', 'self-hostable', 'framework', 'hub'];

/**
 * Groups every finding of every scanned folder. Access groups come in a fixed order (API first); licence and provider
 * groups by size, then name, with "Local / self-hosted" last. Findings keep the scan's order (models first).
 * `providerOf` is needed for provider grouping (pass `providerResolver(engine)`); without it every finding is local.
 */
export function findingGroups(
  results: readonly ScanResult[],
  by: GroupBy,
  lang: TreeLang,
  providerOf: ProviderOf = () => undefined,
): TreeGroup[] {
  const groups = new Map<string, TreeGroup>();
  const localKey = '\u0000local';
  for (const r of results) {
    for (const f of r.findings) {
      let key: string;
      let label: string;
      if (by === 'access') {
        key = f.access;
        label = accessLabel(f.access, lang);
      } else if (by === 'license') {
        key = f.license.id;
        label = f.license.name || f.license.id;
      } else {
        const provider = providerOf(f);
        key = provider ?? localKey;
        label = provider ?? localProviderLabel(lang);
      }
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { key, label, count: 0, findings: [] }));
      g.findings.push(treeFinding(r.root, f, lang));
      g.count++;
    }
  }
  const list = [...groups.values()];
  if (by === 'access') return list.sort((a, b) => ACCESS_ORDER.indexOf(a.key as Access) - ACCESS_ORDER.indexOf(b.key as Access));
  return list.sort(
    (a, b) =>
      Number(a.key === localKey) - Number(b.key === localKey) || b.count - a.count || a.label.localeCompare(b.label),
  );
}

/** The finding with this canonical id, name as written or alias (case-insensitive); an exact name wins. */
export function findInGroups(groups: readonly TreeGroup[], idOrName: string): { group: TreeGroup; node: TreeFinding } | undefined {
  const q = idOrName.trim().toLowerCase();
  let fallback: { group: TreeGroup; node: TreeFinding } | undefined;
  for (const group of groups) {
    for (const node of group.findings) {
      const f = node.finding;
      if (f.name.toLowerCase() === q) return { group, node };
      if (!fallback && (f.id.toLowerCase() === q || f.aliases?.some((a) => a.toLowerCase() === q))) fallback = { group, node };
    }
  }
  return fallback;
}
