/**
 * A look-up result as a short Markdown card: the editor's hover and the "Look Up Model or Package…" preview. Same
 * facts as the CLI's text card (report/card.ts), cut to what fits a hover, in English or Bahasa Indonesia. Every
 * string that comes from the catalog is escaped; links are https only.
 */
import type { LookupResult } from './lookup';
import { levelLabel as sharedLevelLabel, type Lang } from './labels';
import { escapeMarkdown, markdownLink as link, markdownUrl } from './report/markdown';
import type { LicenseProfile, OpennessLevel, PackageKind } from './types';

export type CardLanguage = Lang;

export interface CardOptions {
  /** Command id for a "Show in AI Openness" link (called with the result's id); none when omitted. */
  showInViewCommand?: string;
}

const KINDS: Record<CardLanguage, Record<PackageKind, string>> = {
  en: { 'api-client': 'API client', 'local-runtime': 'local runtime', framework: 'framework', 'model-hub': 'model hub' },
  id: { 'api-client': 'klien API', 'local-runtime': 'runtime lokal', framework: 'kerangka kerja', 'model-hub': 'hub model' },
};

interface Messages {
  via(provider: string): string;
  package(ecosystem: string): string;
  clientOf(provider: string): string;
  licence: string;
  openness: string;
  keyTerms: string;
  users(n: string): string;
  revenue(n: string): string;
  aup: string;
  nonCommercial: string;
  eu: string;
  outputs: string;
  naming: string;
  alternatives: string;
  source: string;
  checked(date: string): string;
  unverified: string;
  showInView: string;
  million: string;
  billion: string;
  assessments: string;
  mofClass(roman: string): string;
  unclassified: string;
  disagree: string;
  catalogSays(licence: string): string;
  says(claim: string): string;
  /** One-line reason per level (English uses the engine's own first reason instead). */
  reason(r: LookupResult, level: OpennessLevel, licence: string): string;
}

const EN: Messages = {
  via: (p) => `via ${p}`,
  package: (e) => `${e} package`,
  clientOf: (p) => `client for ${p}'s API`,
  licence: 'Licence',
  openness: 'Openness',
  keyTerms: 'Key terms',
  users: (n) => `limit of ${n} monthly active users`,
  revenue: (n) => `annual revenue limit of US$${n}`,
  aup: 'acceptable-use policy',
  nonCommercial: 'non-commercial use only',
  eu: 'restriction in the EU',
  outputs: 'rule on using outputs',
  naming: 'naming and attribution rule',
  alternatives: 'Open alternatives',
  source: 'Source',
  checked: (d) => `checked ${d}`,
  unverified: 'unverified',
  showInView: 'Show in AI Openness',
  million: 'million',
  billion: 'billion',
  assessments: 'Assessments',
  mofClass: (n) => `MOF Class ${n}`,
  unclassified: 'MOF: unclassified',
  disagree: 'Sources disagree',
  catalogSays: (l) => `catalog: ${l}`,
  says: (c) => `says ${c}`,
  reason: (r) => r.openness.reasons[0] ?? '',
};

const ID: Messages = {
  via: (p) => `melalui ${p}`,
  package: (e) => `paket ${e}`,
  clientOf: (p) => `klien API ${p}`,
  licence: 'Lisensi',
  openness: 'Keterbukaan',
  keyTerms: 'Ketentuan utama',
  users: (n) => `batas ${n} pengguna aktif bulanan`,
  revenue: (n) => `batas pendapatan tahunan US$${n}`,
  aup: 'kebijakan penggunaan yang dapat diterima',
  nonCommercial: 'hanya untuk penggunaan nonkomersial',
  eu: 'pembatasan di Uni Eropa',
  outputs: 'aturan pemakaian keluaran',
  naming: 'aturan penamaan dan atribusi',
  alternatives: 'Alternatif terbuka',
  source: 'Sumber',
  checked: (d) => `diperiksa ${d}`,
  unverified: 'belum diverifikasi',
  showInView: 'Tampilkan di AI Openness',
  million: 'juta',
  billion: 'miliar',
  assessments: 'Penilaian',
  mofClass: (n) => `MOF Kelas ${n}`,
  unclassified: 'MOF: tidak terklasifikasi',
  disagree: 'Sumber tidak sepakat',
  catalogSays: (l) => `katalog: ${l}`,
  says: (c) => `menyebut ${c}`,
  reason: (r, level, licence) => {
    const who = r.provider ?? r.publisher ?? '';
    if (r.kind === 'package') {
      if (r.access === 'api') return `Klien untuk API ${who || 'penyedia'}: prompt dan data dikirim ke ${who || 'penyedia tersebut'}.`;
      if (r.access === 'self-hostable') return 'Menjalankan model di perangkat keras Anda sendiri.';
      if (r.access === 'framework') return 'Kerangka kerja: model yang dijangkaunya bergantung pada konfigurasi Anda.';
      return 'Mengunduh model dan data dari hub model.';
    }
    if (r.access === 'api' && level !== 'api-only' && level !== 'hosted') {
      return `${r.displayName} adalah API terkelola ${who} untuk bobot terbuka; bobotnya sendiri dapat di-host sendiri.`;
    }
    switch (level) {
      case 'api-only':
        return `${r.displayName} hanya tersedia melalui API ${who}; bobotnya tidak dipublikasikan.`;
      case 'hosted':
        return `${r.displayName} hanya ditawarkan sebagai layanan terkelola oleh ${who}; bobotnya tidak dipublikasikan.`;
      case 'restricted-weights':
        return `Bobot dapat diunduh di bawah ${licence}, yang bukan lisensi yang disetujui OSI: bobot terbuka, bukan sumber terbuka.`;
      case 'open-weights':
        return `Bobot berlisensi ${licence} (disetujui OSI), tetapi kode atau data pelatihannya tidak dipublikasikan.`;
      case 'fully-open':
        return `Bobot berlisensi ${licence} (disetujui OSI), dengan kode dan data pelatihan yang dipublikasikan.`;
      default:
        return '';
    }
  },
};

const MESSAGES: Record<CardLanguage, Messages> = { en: EN, id: ID };

/** The openness level's label in a language (also used by the extension's pickers). */
export function levelLabel(level: OpennessLevel, lang: CardLanguage): string {
  return sharedLevelLabel(level, lang);
}

/** A package kind's label in a language. */
export function packageKindLabel(kind: PackageKind, lang: CardLanguage): string {
  return KINDS[lang][kind] ?? kind;
}

/** An inline code span (cannot be broken out of: backticks become quotes). */
function code(s: string): string {
  return `\`${s.replace(/`/g, "'").replace(/\r?\n/g, ' ')}\``;
}

/** 700000000 → "700 million" / "700 juta"; 1500000 → "1.5 million" / "1,5 juta"; other numbers digit-grouped. (No
 * Intl: its first use costs milliseconds, too much inside a hover.) */
function bigNumber(n: number, m: Messages, lang: CardLanguage): string {
  const [group, decimal] = lang === 'id' ? ['.', ','] : [',', '.'];
  const plain = (x: number) => {
    const [int, frac] = String(Math.round(x * 10) / 10).split('.');
    return int!.replace(/\B(?=(\d{3})+$)/g, group) + (frac ? decimal + frac : '');
  };
  if (n >= 1e9 && n % 1e8 === 0) return `${plain(n / 1e9)} ${m.billion}`;
  if (n >= 1e6 && n % 1e5 === 0) return `${plain(n / 1e6)} ${m.million}`;
  return plain(n);
}

/** The structured facts of a licence, as short localised phrases (the AUP linked). */
function keyTerms(p: LicenseProfile, m: Messages, lang: CardLanguage): string[] {
  const out: string[] = [];
  if (p.userThreshold) out.push(escapeMarkdown(m.users(bigNumber(p.userThreshold.monthlyActiveUsers, m, lang))));
  if (p.revenueThreshold) out.push(escapeMarkdown(m.revenue(bigNumber(p.revenueThreshold.annualRevenueUsd, m, lang))));
  if (p.acceptableUsePolicy) out.push(link(m.aup, p.acceptableUsePolicy.url));
  if (p.commercialUse === 'no') out.push(escapeMarkdown(m.nonCommercial));
  if (p.euRestriction) out.push(escapeMarkdown(m.eu));
  if (p.outputsRule) out.push(escapeMarkdown(m.outputs));
  if (p.namingRule) out.push(escapeMarkdown(m.naming));
  return out;
}

/** The source's host and path, short enough for a card line. */
function shortUrl(url: string): string {
  const s = url.replace(/^https?:\/\//i, '').replace(/\/$/, '');
  return s.length > 60 ? `${s.slice(0, 59)}…` : s;
}

const ROMAN: Record<number, string> = { 1: 'I', 2: 'II', 3: 'III' };

/** One compact line of third-party gradings, each linked to its source and carrying its licence. */
function assessmentLine(r: LookupResult, m: Messages, lang: CardLanguage): string | undefined {
  const a = r.assessments;
  if (!a) return undefined;
  const parts: string[] = [];
  if (a.osai) {
    const score = a.osai.score.toFixed(2).replace('.', lang === 'id' ? ',' : '.');
    parts.push(`${link(`EU OSAI ${score}`, a.osai.url)} (CC-BY 4.0)`);
  }
  if (a.mof) parts.push(link(a.mof.class ? m.mofClass(ROMAN[a.mof.class]!) : m.unclassified, a.mof.url));
  if (a.fmti) parts.push(`${link(`FMTI ${a.fmti.developer} ${a.fmti.score}/${a.fmti.max}`, a.fmti.url)} (${escapeMarkdown(a.fmti.edition)})`);
  return parts.length ? `**${m.assessments}:** ${parts.join(' · ')}` : undefined;
}

/** "Sources disagree: catalog: MIT · <source> says …", when another source states a different licence. */
function conflictLine(r: LookupResult, m: Messages): string | undefined {
  const list = r.licenseConflicts ?? [];
  if (!list.length) return undefined;
  const claims = list.slice(0, 3).map((c) => `${link(c.source, c.url)} ${escapeMarkdown(m.says(c.claim))}`);
  return `**${m.disagree}:** ${escapeMarkdown(m.catalogSays(r.license.id))} · ${claims.join(' · ')}`;
}

/**
 * The card: name and publisher, licence (linked), openness with its one-line reason, up to four lines of the terms
 * that matter, open alternatives of API-only models, the source with its checked date, and optionally a command link.
 */
export function cardMarkdown(r: LookupResult, lang: CardLanguage, opts: CardOptions = {}): string {
  const m = MESSAGES[lang] ?? EN;
  const blocks: string[] = [];
  if (r.kind === 'model') {
    const who = [r.publisher, r.provider && r.provider !== r.publisher ? m.via(r.provider) : '']
      .filter(Boolean)
      .map((s) => escapeMarkdown(s!));
    blocks.push(`**${escapeMarkdown(r.displayName)}**${who.length ? ` — ${who.join(', ')}` : ''}  \n${code(r.id)}${r.task ? ` · ${escapeMarkdown(r.task)}` : ''}`);
  } else {
    const what = [m.package(r.ecosystem ?? ''), r.provider ? m.clientOf(r.provider) : ''].filter(Boolean).map(escapeMarkdown);
    blocks.push(`**${escapeMarkdown(r.displayName)}** — ${what.join(', ')}${r.description ? `  \n${escapeMarkdown(r.description)}` : ''}`);
  }
  const level = levelLabel(r.openness.level, lang);
  const reason = m.reason(r, r.openness.level, r.license.name);
  blocks.push(
    `**${m.licence}:** ${link(r.license.name, r.license.url)} (${code(r.license.id)})  \n` +
      `**${m.openness}:** ${escapeMarkdown(level)}${reason ? ` — ${escapeMarkdown(reason)}` : ''}`,
  );
  const graded = [assessmentLine(r, m, lang), conflictLine(r, m)].filter((l): l is string => !!l);
  if (graded.length) blocks.push(graded.join('  \n'));
  const profile = r.licenseProfile;
  if (profile) {
    const facts = keyTerms(profile, m, lang);
    const room = facts.length ? 3 : 4;
    const clauses = profile.clauses.slice(0, room).map((c) => `- ${escapeMarkdown((lang === 'id' && c.id) || c.en)}`);
    if (facts.length) clauses.push(`- **${m.keyTerms}:** ${facts.join(' · ')}`);
    if (clauses.length) blocks.push(clauses.join('\n'));
  }
  if (r.openness.level === 'api-only' && r.alternatives?.length) {
    const alts = r.alternatives.slice(0, 4).map((a) => `${escapeMarkdown(a.name)} (${code(a.license)})`);
    blocks.push(`**${m.alternatives}:** ${alts.join(' · ')}`);
  }
  const src = r.catalogSource;
  blocks.push(
    `${m.source}: ${link(shortUrl(src.url), src.url)}, ${escapeMarkdown(m.checked(src.checked))}${src.verified ? '' : ` (${m.unverified})`}`,
  );
  if (opts.showInViewCommand && /^[\w.-]+$/.test(opts.showInViewCommand)) {
    const args = markdownUrl(encodeURIComponent(JSON.stringify([r.id])));
    blocks.push(`[${m.showInView}](command:${opts.showInViewCommand}?${args})`);
  }
  return blocks.join('\n\n') + '\n';
}
