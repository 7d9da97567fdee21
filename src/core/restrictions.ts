/**
 * Which findings carry licence restrictions worth a Problems entry (non-commercial terms, user or revenue thresholds,
 * EU restrictions), as plain data in English or Indonesian. The extension turns each into a vscode.Diagnostic.
 */
import type { LicenseResolver } from './licenses';
import type { Finding, LicenseProfile, ScanResult } from './types';

export type RestrictionCode = 'non-commercial' | 'user-threshold' | 'revenue-threshold' | 'eu-restriction';
export type RestrictionLang = 'en' | 'id';

export interface Restriction {
  code: RestrictionCode;
  /** One sentence naming the finding, the licence and the clause. */
  message: string;
}

export interface RestrictionDiagnostic extends Restriction {
  /** Absolute folder `path` is relative to. */
  root: string;
  path: string;
  /** 1-based, as in Location; the column counts UTF-16 code units. */
  line: number;
  column: number;
  /** Length of the name as written (the range to underline). */
  length: number;
  licenseId: string;
  /** The licence page ('' when unknown). */
  url: string;
  finding: Finding;
}

/** 700000000 → "700 million" / "700 juta"; 1000000 → "1 million" / "1 juta". */
export function formatCount(n: number, lang: RestrictionLang): string {
  const units: [number, string, string][] = [
    [1e9, 'billion', 'miliar'],
    [1e6, 'million', 'juta'],
  ];
  for (const [size, en, id] of units) {
    if (n >= size && n % (size / 10) === 0) {
      const v = n / size;
      return `${lang === 'id' ? String(v).replace('.', ',') : String(v)} ${lang === 'id' ? id : en}`;
    }
  }
  return n.toLocaleString(lang === 'id' ? 'id-ID' : 'en-US');
}

/** The restrictions one licence profile imposes, each as a sentence about `name`. */
export function licenseRestrictions(profile: LicenseProfile, name: string, lang: RestrictionLang): Restriction[] {
  const out: Restriction[] = [];
  const lic = profile.name;
  const en = lang === 'en';
  if (profile.commercialUse === 'no') {
    out.push({
      code: 'non-commercial',
      message: en
        ? `${name} is under ${lic}, which allows non-commercial use only.`
        : `${name} berada di bawah ${lic}, yang hanya mengizinkan penggunaan non-komersial.`,
    });
  }
  if (profile.userThreshold) {
    const n = formatCount(profile.userThreshold.monthlyActiveUsers, lang);
    out.push({
      code: 'user-threshold',
      message: en
        ? `${name} is under ${lic}: above ${n} monthly active users a separate licence is needed. ${profile.userThreshold.note}`
        : `${name} berada di bawah ${lic}: di atas ${n} pengguna aktif bulanan diperlukan lisensi terpisah dari pemberi lisensi.`,
    });
  }
  if (profile.revenueThreshold) {
    const n = `USD ${formatCount(profile.revenueThreshold.annualRevenueUsd, lang)}`;
    out.push({
      code: 'revenue-threshold',
      message: en
        ? `${name} is under ${lic}: above ${n} annual revenue, commercial use needs a separate licence. ${profile.revenueThreshold.note}`
        : `${name} berada di bawah ${lic}: dengan pendapatan tahunan di atas ${n}, penggunaan komersial memerlukan lisensi terpisah.`,
    });
  }
  if (profile.euRestriction) {
    out.push({
      code: 'eu-restriction',
      message: en
        ? `${name} is under ${lic}, which restricts some rights in the European Union. ${profile.euRestriction}`
        : `${name} berada di bawah ${lic}, yang membatasi sebagian hak di Uni Eropa (lihat lisensinya).`,
    });
  }
  return out;
}

/**
 * One entry per (location, restriction) of every finding whose licence restricts use — models and packages alike.
 * `licenses` resolves the finding's licence id to its catalog profile (`engine.licenses`).
 */
export function restrictionDiagnostics(
  results: readonly ScanResult[],
  licenses: Pick<LicenseResolver, 'resolve'>,
  lang: RestrictionLang,
): RestrictionDiagnostic[] {
  const out: RestrictionDiagnostic[] = [];
  for (const r of results) {
    for (const f of r.findings) {
      const resolved = licenses.resolve(f.license.id);
      if (!resolved.profile) continue;
      const restrictions = licenseRestrictions(resolved.profile, f.name, lang);
      for (const loc of f.locations) {
        for (const x of restrictions) {
          out.push({
            ...x,
            root: r.root,
            path: loc.path,
            line: loc.line,
            column: loc.column,
            length: f.name.length,
            licenseId: f.license.id,
            url: f.license.url || resolved.url,
            finding: f,
          });
        }
      }
    }
  }
  return out;
}
