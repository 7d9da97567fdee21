/**
 * Words of the Framework evidence in English and Bahasa Indonesia: labels for the webview, names of openness levels
 * and licence rules, and the one-line balance built from the numbers. Data, not UI: the webview only lays it out.
 */
import { levelLabel as sharedLevelLabel, type Lang } from './labels';
import type { RuleId } from './policy/types';
import type { LicenseProfile, OpennessLevel, OsaidStatus } from './types';

export type FrameworkLang = Lang;

export interface FrameworkLabels {
  inWorkspace: string;
  notScanned: string;
  scanNow: string;
  noSelfHostable: string;
  noProviders: string;
  noRestrictions: string;
  license: string;
  level: string;
  selfHostable: string;
  yes: string;
  writtenAs: string;
  locations: string;
  more: string;
  source: string;
  runtimes: string;
  apiModels: string;
  apiPackages: string;
  alternatives: string;
  noAlternatives: string;
  showInFindings: string;
  lookUp: string;
  appliesTo: string;
  clauses: string;
  osaid: string;
  levels: string;
  distinctModels: string;
  models: string;
  providers: string;
  onlyOnOthers: string;
  viaProvider: string;
  yours: string;
  policy: string;
  policyFile: string;
  policyOk: string;
  policyViolations: string;
  policyInvalid: string;
  policyExcepted: string;
  policyProblems: string;
  openPolicy: string;
  showProblems: string;
}

const LABELS: Record<FrameworkLang, FrameworkLabels> = {
  en: {
    inWorkspace: 'In this workspace',
    notScanned: 'This workspace has not been scanned yet.',
    scanNow: 'Scan Workspace',
    noSelfHostable: 'No self-hostable model found: every model in use runs on someone else’s servers, or none is named.',
    noProviders: 'No API-only model and no API client found: nothing here depends on a provider’s servers.',
    noRestrictions: 'No model here comes with licence restrictions recorded in the catalog.',
    license: 'Licence',
    level: 'Openness',
    selfHostable: 'Self-hostable',
    yes: 'yes',
    writtenAs: 'Written as',
    locations: 'Locations',
    more: 'more',
    source: 'source',
    runtimes: 'Local runtimes (run models on your hardware)',
    apiModels: 'Models used through its API',
    apiPackages: 'API clients',
    alternatives: 'Open alternatives',
    noAlternatives: 'No open alternative recorded in the catalog.',
    showInFindings: 'Show in Findings',
    lookUp: 'Look up',
    appliesTo: 'Applies to',
    clauses: 'The clauses in plain words',
    osaid: 'Open Source AI Definition 1.0',
    levels: 'Openness levels',
    distinctModels: 'Counts are of distinct catalog models; one model written two ways counts once.',
    models: 'Models',
    providers: 'Providers you depend on',
    onlyOnOthers: 'Run only on a provider’s servers',
    viaProvider: 'Open weights reached through a provider’s API',
    yours: 'Can run on hardware you control',
    policy: 'Policy',
    policyFile: 'File',
    policyOk: 'No violations: everything here meets the policy.',
    policyViolations: 'Violations',
    policyInvalid: 'The policy file has errors and is not applied until they are fixed (see Problems).',
    policyExcepted: 'Lifted by exceptions',
    policyProblems: 'Problems in the policy file',
    openPolicy: 'Open policy file',
    showProblems: 'Show Problems',
  },
  id: {
    inWorkspace: 'Di workspace ini',
    notScanned: 'Workspace ini belum dipindai.',
    scanNow: 'Pindai Workspace',
    noSelfHostable: 'Tidak ada model yang bisa di-host sendiri: semua model yang dipakai berjalan di server pihak lain, atau tidak ada model yang disebut.',
    noProviders: 'Tidak ada model khusus API maupun klien API: tidak ada yang bergantung pada server penyedia.',
    noRestrictions: 'Tidak ada model di sini yang punya pembatasan lisensi tercatat di katalog.',
    license: 'Lisensi',
    level: 'Keterbukaan',
    selfHostable: 'Bisa di-host sendiri',
    yes: 'ya',
    writtenAs: 'Ditulis sebagai',
    locations: 'Lokasi',
    more: 'lagi',
    source: 'sumber',
    runtimes: 'Runtime lokal (menjalankan model di perangkat Anda)',
    apiModels: 'Model yang dipakai lewat API-nya',
    apiPackages: 'Klien API',
    alternatives: 'Alternatif terbuka',
    noAlternatives: 'Belum ada alternatif terbuka yang tercatat di katalog.',
    showInFindings: 'Tampilkan di Temuan',
    lookUp: 'Cari',
    appliesTo: 'Berlaku untuk',
    clauses: 'Pasal-pasalnya dalam bahasa sederhana',
    osaid: 'Definisi AI Open Source 1.0',
    levels: 'Tingkat keterbukaan',
    distinctModels: 'Yang dihitung adalah model katalog yang berbeda; satu model yang ditulis dua cara dihitung sekali.',
    models: 'Model',
    providers: 'Penyedia yang menjadi tumpuan',
    onlyOnOthers: 'Hanya berjalan di server penyedia',
    viaProvider: 'Bobot terbuka yang diakses lewat API penyedia',
    yours: 'Bisa dijalankan di perangkat yang Anda kendalikan',
    policy: 'Kebijakan',
    policyFile: 'Berkas',
    policyOk: 'Tidak ada pelanggaran: semua di sini memenuhi kebijakan.',
    policyViolations: 'Pelanggaran',
    policyInvalid: 'Berkas kebijakan berisi kesalahan dan tidak diterapkan sampai kesalahannya diperbaiki (lihat Problems).',
    policyExcepted: 'Dikecualikan oleh pengecualian',
    policyProblems: 'Masalah di berkas kebijakan',
    openPolicy: 'Buka berkas kebijakan',
    showProblems: 'Tampilkan Problems',
  },
};

export function frameworkLabels(lang: FrameworkLang): FrameworkLabels {
  return LABELS[lang];
}

export function levelLabel(lang: FrameworkLang, level: OpennessLevel): string {
  return sharedLevelLabel(level, lang);
}

const OSAID: Record<FrameworkLang, Record<OsaidStatus, string>> = {
  en: { yes: 'meets it (with published evidence)', no: 'cannot meet it', unknown: 'not evaluated' },
  id: { yes: 'memenuhi (dengan bukti terbit)', no: 'tidak dapat memenuhi', unknown: 'belum dievaluasi' },
};

export function osaidLabel(lang: FrameworkLang, status: OsaidStatus): string {
  return OSAID[lang][status];
}

const POLICY_RULES: Record<FrameworkLang, Record<RuleId, string>> = {
  en: {
    'deny-license': 'Denied licence',
    'license-not-allowed': 'Licence not on the allowed list',
    'minimum-openness': 'Below the minimum openness',
    'non-commercial': 'Non-commercial licence',
    'api-only': 'API-only model',
    'not-osi-approved': 'Licence not OSI-approved',
  },
  id: {
    'deny-license': 'Lisensi yang ditolak',
    'license-not-allowed': 'Lisensi tidak ada di daftar yang diizinkan',
    'minimum-openness': 'Di bawah keterbukaan minimum',
    'non-commercial': 'Lisensi non-komersial',
    'api-only': 'Model khusus API',
    'not-osi-approved': 'Lisensi tidak disetujui OSI',
  },
};

/** The short name of a policy rule (the rule id itself is the diagnostic code and the SARIF rule id). */
export function policyRuleLabel(lang: FrameworkLang, rule: RuleId): string {
  return POLICY_RULES[lang][rule] ?? rule;
}

export type RuleKind = 'user-threshold' | 'revenue-threshold' | 'acceptable-use' | 'non-commercial' | 'outputs' | 'eu';

function formatNumber(lang: FrameworkLang, n: number): string {
  return new Intl.NumberFormat(lang === 'id' ? 'id-ID' : 'en-US').format(n);
}

/** The short, localised name of one restriction of a licence profile (the catalog's own notes are English). */
export function ruleLabel(lang: FrameworkLang, kind: RuleKind, profile: LicenseProfile): string {
  const mau = formatNumber(lang, profile.userThreshold?.monthlyActiveUsers ?? 0);
  const revenue = formatNumber(lang, profile.revenueThreshold?.annualRevenueUsd ?? 0);
  const en: Record<RuleKind, string> = {
    'user-threshold': `Products with more than ${mau} monthly active users need a separate licence`,
    'revenue-threshold': `Conditions apply above US$${revenue} annual revenue`,
    'acceptable-use': 'Every use is bound by an acceptable-use policy',
    'non-commercial': 'Non-commercial use only',
    outputs: 'A rule on using outputs to train or improve other models',
    eu: 'Restriction for people or companies in the EU',
  };
  const id: Record<RuleKind, string> = {
    'user-threshold': `Produk dengan lebih dari ${mau} pengguna aktif bulanan perlu lisensi terpisah`,
    'revenue-threshold': `Ada syarat tambahan bila pendapatan tahunan di atas US$${revenue}`,
    'acceptable-use': 'Setiap penggunaan terikat kebijakan penggunaan yang dapat diterima',
    'non-commercial': 'Hanya untuk penggunaan non-komersial',
    outputs: 'Aturan tentang memakai keluaran untuk melatih atau meningkatkan model lain',
    eu: 'Pembatasan bagi orang atau perusahaan di Uni Eropa',
  };
  return (lang === 'id' ? id : en)[kind];
}

export interface BalanceNumbers {
  models: number;
  onlyOnOthers: number;
  viaProvider: number;
  yours: number;
  yoursOsi: number;
  apiPackages: number;
  providers: readonly string[];
  onlyOnOthersProviders: readonly string[];
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** One line that answers "whom does it serve?" for this workspace, from the numbers alone. */
export function balanceAnswer(lang: FrameworkLang, b: BalanceNumbers): string {
  const list = (xs: readonly string[]) => xs.join(', ');
  if (lang === 'id') {
    if (!b.models && !b.apiPackages) return 'Belum ada model AI atau SDK AI yang ditemukan di workspace ini.';
    const out: string[] = [];
    if (b.models) {
      let s = `${b.onlyOnOthers} dari ${b.models} model hanya berjalan di server pihak lain`;
      if (b.onlyOnOthersProviders.length) s += ` (${list(b.onlyOnOthersProviders)})`;
      s += `; ${b.yours} bisa dijalankan di perangkat yang Anda kendalikan`;
      if (b.yours) s += `, ${b.yoursOsi} di antaranya dengan lisensi yang disetujui OSI`;
      if (b.viaProvider) s += `; ${b.viaProvider} memakai bobot terbuka lewat API penyedia`;
      out.push(s + '.');
    }
    if (b.apiPackages) out.push(`${b.apiPackages} paket klien API mengirim prompt dan data ke ${b.providers.length} penyedia.`);
    return out.join(' ');
  }
  if (!b.models && !b.apiPackages) return 'No AI model or AI SDK found in this workspace yet.';
  const out: string[] = [];
  if (b.models) {
    let s = `${b.onlyOnOthers} of ${plural(b.models, 'model', 'models')} ${b.onlyOnOthers === 1 ? 'runs' : 'run'} only on others’ servers`;
    if (b.onlyOnOthersProviders.length) s += ` (${list(b.onlyOnOthersProviders)})`;
    s += `; ${b.yours} can run on hardware you control`;
    if (b.yours) s += `, ${b.yoursOsi} of them under OSI-approved licences`;
    if (b.viaProvider) s += `; ${b.viaProvider} reach open weights through a provider’s API`;
    out.push(s + '.');
  }
  if (b.apiPackages) {
    out.push(`${plural(b.apiPackages, 'API client package sends', 'API client packages send')} prompts and data to ${plural(b.providers.length, 'provider', 'providers')}.`);
  }
  return out.join(' ');
}
