/**
 * A look-up result as plain text (CLI) — the same facts the editor's hover card shows.
 */
import type { LookupResult } from '../lookup';
import type { OnlineNote } from '../online/types';
import { LEVEL_LABEL, style as makeStyle, wrap } from './text';

export function renderCard(r: LookupResult, opts: { color: boolean; width?: number }): string {
  const s = makeStyle(opts.color);
  const width = opts.width ?? 80;
  const label = LEVEL_LABEL[r.openness.level] ?? r.openness.level;
  const head =
    r.kind === 'model'
      ? `${r.displayName} — ${r.publisher ?? ''}${r.provider && r.provider !== r.publisher ? ` (via ${r.provider})` : ''}`
      : `${r.displayName} (${r.ecosystem} package${r.provider ? `, ${r.provider} API client` : ''})`;
  const out: string[] = [s.bold(head)];
  if (r.kind === 'model') out.push(`  id:        ${r.id}`, `  task:      ${r.task ?? ''}`);
  else if (r.description) out.push(...wrap(r.description, width - 2, '  ').map((l) => '  ' + l));
  out.push(`  licence:   ${r.license.name} (${r.license.id})`);
  if (r.license.url) out.push(`             ${r.license.url}`);
  out.push(`  reached:   ${r.access}`, `  openness:  ${s.level(r.openness.level, label)} · OSAID ${r.openness.osaid}`);
  for (const reason of r.openness.reasons) out.push(...wrap(`- ${reason}`, width - 4, '  ').map((l) => '    ' + l));
  const clauses = r.licenseProfile?.clauses ?? [];
  if (clauses.length) {
    out.push('  clauses that matter:');
    for (const c of clauses) out.push(...wrap(`- ${c.en}`, width - 4, '  ').map((l) => '    ' + l));
  }
  const a = r.assessments;
  if (a) {
    out.push('  assessments:');
    const line = (text: string) => out.push(...wrap(text, width - 4, '  ').map((l) => '    ' + l));
    if (a.osai) line(`- EU Open Source AI Index: ${a.osai.score.toFixed(2)} (${a.osai.system}, graded ${a.osai.assessed}) ${a.osai.url} — ${a.osai.attribution}`);
    if (a.mof) line(`- MOF: ${a.mof.label} (${a.mof.model}) ${a.mof.url} — ${a.mof.attribution}`);
    if (a.fmti) line(`- FMTI (developer): ${a.fmti.developer} ${a.fmti.score}/${a.fmti.max} ${a.fmti.url} — ${a.fmti.attribution}`);
  }
  if (r.licenseConflicts?.length) {
    out.push(`  sources disagree (catalog: ${r.license.id}):`);
    for (const c of r.licenseConflicts) out.push(...wrap(`- ${c.source} says ${c.claim} ${c.url}`, width - 4, '  ').map((l) => '    ' + l));
  }
  if (r.alternatives?.length) {
    out.push('  open alternatives:');
    for (const a of r.alternatives) out.push(...wrap(`- ${a.name} (${a.id}, ${a.license})`, width - 4, '  ').map((l) => '    ' + l));
  }
  const online = (r as { online?: OnlineNote }).online;
  if (online) out.push(...wrap(onlineLine(online), width - 2, '  ').map((l) => '  ' + l));
  const src = `source: ${r.catalogSource.url} (checked ${r.catalogSource.checked}${r.catalogSource.verified ? '' : ', unverified'})`;
  out.push(...wrap(src, width - 2, '  ').map((l) => s.dim('  ' + l)));
  return out.join('\n') + '\n';
}

/** One line on what an online source said, for cards and tables. */
export function onlineLine(n: OnlineNote): string {
  if (n.error) return `online: ${n.error}`;
  const l = n.license;
  if (!l) return '';
  const what = l.name && l.license === 'other' ? `${l.name}${l.url ? ` (${l.url})` : ''}` : l.license;
  const inherited = l.inheritedFrom?.length ? `, inherited from ${l.inheritedFrom.join(' ← ')}` : '';
  const verdict = n.agreesWithCatalog === false ? ' — differs from the catalog: both shown' : n.agreesWithCatalog ? ' — agrees with the catalog' : '';
  return `online: ${l.source} says ${what}${inherited} (${l.fetchedAt.slice(0, 10)}${n.cached ? ', cached' : ''})${verdict}`;
}

/** The card for a name the catalog lacks but an online source knows. */
export function renderOnlineOnly(query: string, n: OnlineNote, opts: { color: boolean; width?: number }): string {
  const s = makeStyle(opts.color);
  const width = opts.width ?? 80;
  const out = [s.bold(`${query} — not in the catalog`)];
  out.push(...wrap(onlineLine(n), width - 2, '  ').map((l) => '  ' + l));
  if (n.license?.gated) out.push(`  gated on the Hub (${n.license.gated}): you must accept its terms there`);
  if (n.license?.note) out.push(...wrap(n.license.note, width - 2, '  ').map((l) => '  ' + l));
  out.push(s.dim(`  source: ${n.license?.from ?? ''}`));
  return out.join('\n') + '\n';
}
