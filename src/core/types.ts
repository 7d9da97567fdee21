import type { OnlineNote } from './online/types';

/**
 * Shared vocabulary of the VS Code-free engine. Everything here is plain data so that the CLI, the extension and the
 * tests can exchange it (and so that `--format json` is just these shapes serialised).
 */

/** Package ecosystems whose manifests the engine reads. */
export type Ecosystem = 'npm' | 'pypi' | 'conda' | 'cargo' | 'go' | 'maven' | 'nuget';

/** A place in a file. `path` is relative to the scan root with '/' separators; line and column are 1-based and the
 * column counts UTF-16 code units, as VS Code does. `cell` is the 1-based notebook cell for `.ipynb` files. */
export interface Location {
  path: string;
  line: number;
  column: number;
  cell?: number;
}

/** One dependency declared in a manifest, as the manifest parser found it (before any catalog look-up). */
export interface DeclaredPackage {
  ecosystem: Ecosystem;
  /** The name exactly as written (for Maven: `groupId:artifactId`). */
  name: string;
  /** Version or requirement as written, when the manifest gives one. */
  version?: string;
  /** Dependency group: e.g. `dependencies`, `devDependencies`, `optional:gpu`, `dev`, `build`, `target.'cfg(unix)'`. */
  group?: string;
  line: number;
  column: number;
}

/** A problem with one input; the scan carries on. */
export interface ScanError {
  path: string;
  message: string;
}

/** What a manifest parser returns: the packages it could read and the problems it met. */
export interface ManifestResult {
  packages: DeclaredPackage[];
  /** Problems, each a sentence naming the problem and, where known, its line ("line 3: …"). */
  errors: string[];
  /** Other files this one pulls in (requirements `-r`/`-c`), as written, relative to this file's folder. */
  includes?: string[];
}

/** A manifest parser: pure, synchronous, never throws (bad input becomes `errors`). */
export type ManifestParser = (text: string) => ManifestResult;

// ---------------------------------------------------------------------------------------------------------------
// Catalog (data lives in /catalog/*.json; see CONTRIBUTING/README "Adding a catalog entry")

export interface SourceRef {
  /** Primary source: model card, publisher licence page, registry page. */
  url: string;
  /** ISO date (YYYY-MM-DD) the fact was checked against `url`. */
  checked: string;
  /** False when the entry could not be checked against a primary source yet. */
  verified: boolean;
  note?: string;
}

/** Text in the languages the product speaks. `id` is Bahasa Indonesia. */
export interface Localized {
  en: string;
  id?: string;
}

export type CommercialUse = 'yes' | 'no' | 'conditional' | 'unknown';

export interface LicenseProfile {
  /** SPDX id where one exists, `LicenseRef-…` otherwise. */
  id: string;
  name: string;
  url: string;
  /** Whether `id` is on the SPDX licence list. */
  spdx: boolean;
  osiApproved: boolean;
  /** Values of the Hugging Face `license:` metadata that mean this licence. */
  hfTags?: string[];
  /** Broad family, for grouping and policy. */
  kind: 'permissive' | 'copyleft' | 'responsible-ai' | 'community' | 'non-commercial' | 'provider-terms' | 'unknown';
  commercialUse: CommercialUse;
  /** e.g. 700 000 000 monthly active users (Llama). */
  userThreshold?: { monthlyActiveUsers: number; note: string };
  revenueThreshold?: { annualRevenueUsd: number; note: string };
  acceptableUsePolicy?: { url: string; note?: string };
  /** Rule on using the model's outputs to train or improve other models. */
  outputsRule?: string;
  /** Attribution / naming rule ("Built with Llama", names must begin with "Llama"). */
  namingRule?: string;
  /** Restriction that applies to people or companies in the EU. */
  euRestriction?: string;
  /** The clauses that matter, in plain words. */
  clauses: Localized[];
  source: SourceRef;
}

/** How a model is released (after Solaiman 2023's gradient of release). */
export type ReleaseType = 'api-only' | 'hosted' | 'weights';

export type OsaidStatus = 'yes' | 'no' | 'unknown';

export interface CatalogModel {
  /** Canonical id: the Hugging Face repo id where one exists, else the provider's API name. Unique. */
  id: string;
  name: string;
  publisher: string;
  family: string;
  /** Licence profile id (see licenses.json). For API-only models, the provider's terms profile. */
  license: string;
  release: ReleaseType;
  /** For downloadable models: are training code and training data published too? */
  openComponents?: { code: boolean; data: boolean };
  osaid?: { status: OsaidStatus; evidence?: string; note?: string };
  /** Task, e.g. chat, embedding, speech-to-text, text-to-image, code. */
  task: string;
  /** Lower-case literals; every id matched by `patterns` contains at least one of them (prefilter). */
  keywords: string[];
  /** Regular-expression sources (JS syntax, no flags, no anchors, no capture groups: use `(?:…)`). A candidate token
   * matches when a pattern matches the whole token, case-insensitively. */
  patterns: string[];
  /** Ids as people write them, each of which must match `patterns` (tested). */
  examples: string[];
  /** Canonical ids of open-weights alternatives (for API-only models). */
  alternatives?: string[];
  /** Provider whose API serves it, for API-only / hosted ids. */
  provider?: string;
  /** For derivatives / provider-hosted ids: the canonical id of the upstream weights. */
  upstream?: string;
  /** Other sources that state a different licence for this model (kept, not resolved). Model files leave this out:
   * the catalog keeps conflicts in catalog/assessments/conflicts.json, merged in at look-up. */
  licenseConflicts?: LicenseConflict[];
  source: SourceRef;
}

/** A source that states a different licence than the catalog's (e.g. a Hub card tag against the GitHub LICENSE). */
export interface LicenseConflict {
  /** The licence as that source states it. */
  claim: string;
  /** Who says so, e.g. "Hugging Face model card (license: apache-2.0)". */
  source: string;
  url: string;
  /** What is and is not confirmed about the claim. */
  note?: string;
}

export type OsaiClass = 'open' | 'partial' | 'closed';

/** European Open Source AI Index grading of one system (CC-BY 4.0, doi:10.5281/zenodo.15386042). */
export interface OsaiAssessment {
  /** The system as the index names it ("Llama 3.1"). */
  system: string;
  /** The model the index graded (its `endmodelname`), which the catalog id covers. */
  assessed: string;
  /** Mean of the parameters, open = 1, partial = 0.5, closed (or not graded) = 0; 0..1. */
  score: number;
  parameters: Record<string, OsaiClass>;
  /** The system's page on osai-index.eu. */
  url: string;
  /** Which copy of the index the figures come from. */
  snapshot: string;
  /** The licence as the index states it (`endmodellicense`). */
  licenseAsStated?: string;
}

/** Model Openness Framework class from the LF AI & Data Model Openness Tool (MIT). 1 is the most open. */
export interface MofAssessment {
  /** The tool's model name (its models/<name>.yml). */
  model: string;
  /** Null when the model meets none of the three classes ("Unclassified"). */
  class: 1 | 2 | 3 | null;
  label: string;
  url: string;
  note?: string;
}

/** Third-party openness gradings of one catalog model. */
export interface Assessment {
  /** Catalog model id. */
  model: string;
  osai?: OsaiAssessment;
  mof?: MofAssessment;
}

/** A developer's Foundation Model Transparency Index score, keyed by the catalog's `publisher` string. */
export interface DeveloperScore {
  publisher: string;
  fmti: { developer: string; score: number; max: 100; edition: 'Dec 2025'; url: string };
}

export type PackageKind = 'api-client' | 'local-runtime' | 'framework' | 'model-hub';

export interface CatalogPackage {
  ecosystem: Ecosystem;
  /** Registry name (npm: exact; PyPI: any spelling, compared PEP 503-normalised; Maven: groupId:artifactId). */
  name: string;
  kind: PackageKind;
  /** For api-client packages: whose API it talks to. */
  provider?: string;
  description: string;
  /** SPDX id (or LicenseRef) of the package's own licence. */
  license: string;
  source: SourceRef;
}

export interface Catalog {
  models: CatalogModel[];
  packages: CatalogPackage[];
  licenses: LicenseProfile[];
  /** Gateway / provider prefixes that may precede a model id (`openai/`, `openrouter/`, `bedrock/`…), lower-case. */
  gatewayPrefixes: string[];
  /** Third-party openness gradings (catalog/assessments/osai.json, mof.json), one entry per model and source file. */
  assessments?: Assessment[];
  /** Developer transparency scores (catalog/assessments/fmti.json). */
  developerScores?: DeveloperScore[];
  /** Licence conflicts by model id (catalog/assessments/conflicts.json). */
  licenseConflicts?: Record<string, LicenseConflict[]>;
}

// ---------------------------------------------------------------------------------------------------------------
// Findings

/** How this finding is reached: a provider's API, self-hostable weights or runtime, a framework, or a model hub. */
export type Access = 'api' | 'self-hostable' | 'framework' | 'hub';

/** Release level, from closed to open. Packages use `open-source`/`proprietary`/`unknown` for their own licence. */
export type OpennessLevel =
  | 'api-only'
  | 'hosted'
  | 'restricted-weights'
  | 'open-weights'
  | 'fully-open'
  | 'open-source'
  | 'proprietary'
  | 'unknown';

export interface Openness {
  level: OpennessLevel;
  /** Open Source AI Definition 1.0 eligibility: `yes` only with published evidence. */
  osaid: OsaidStatus | 'not-applicable';
  reasons: string[];
}

export interface FindingLicense {
  id: string;
  name: string;
  url: string;
}

export interface Finding {
  kind: 'model' | 'package';
  /** As written in the workspace. */
  name: string;
  /** Canonical catalog id (for a discovered model: the id as written). */
  id: string;
  aliases?: string[];
  ecosystem?: Ecosystem;
  locations: Location[];
  license: FindingLicense;
  access: Access;
  openness: Openness;
  /** `catalog`: an entry of the bundled catalog; `discovered`: a Hugging Face id the catalog lacks (licence unknown
   * offline; `online` may tell it), or a local GGUF file the catalog lacks (licence from its header, if it states one). */
  source: 'catalog' | 'discovered';
  /** With `--online` / the online setting: what the Hub or the registry says, with its source and date. For a local
   * GGUF file of a catalog model, offline too: what its header says (source `gguf`). */
  online?: OnlineNote;
}

export interface ScanSummary {
  filesScanned: number;
  bytesScanned: number;
  findings: number;
  models: number;
  packages: number;
  byAccess: Record<string, number>;
  byLevel: Record<string, number>;
  errors: number;
  durationMs: number;
}

export interface ScanResult {
  root: string;
  findings: Finding[];
  errors: ScanError[];
  summary: ScanSummary;
}
