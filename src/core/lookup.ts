/**
 * Look up one model id or package name in the catalog: the data behind the CLI's `lookup` and the editor's card.
 */
import type { Engine } from './engine';
import { modelFinding, packageFinding } from './findings';
import type { Catalog, Ecosystem, Finding, LicenseConflict, LicenseProfile, MofAssessment, OsaiAssessment, SourceRef } from './types';

/** Attribution each source asks for, carried with its figures. */
export const ATTRIBUTION = {
  osai: 'European Open Source AI Index (osai-index.eu), CC-BY 4.0, doi:10.5281/zenodo.15386042',
  mof: 'Model Openness Framework class computed from the LF AI & Data Model Openness Tool data (MIT licence)',
  fmti: 'Stanford CRFM Foundation Model Transparency Index, Dec 2025, CC-BY 4.0',
} as const;

/** Third-party gradings of a model (and its developer), each with its attribution. */
export interface LookupAssessments {
  osai?: OsaiAssessment & { attribution: string };
  mof?: MofAssessment & { attribution: string };
  /** Grades the developer (`publisher`), not this model. */
  fmti?: { developer: string; score: number; max: number; edition: string; url: string; attribution: string };
}

export interface LookupResult extends Omit<Finding, 'locations'> {
  displayName: string;
  publisher?: string;
  provider?: string;
  task?: string;
  description?: string;
  /** The licence profile's clauses that matter, when the catalog has a profile. */
  licenseProfile?: LicenseProfile;
  alternatives?: { id: string; name: string; license: string }[];
  /** Openness gradings from the EU Open Source AI Index, the Model Openness Framework and the FMTI (models only). */
  assessments?: LookupAssessments;
  /** Sources that state a different licence than `license` (both are kept). */
  licenseConflicts?: LicenseConflict[];
  catalogSource: SourceRef;
}

/** The gradings and licence conflicts the catalog holds for a model id and its publisher (gradings of `upstream`, the
 * weights a hosted id serves, fill in what the id itself lacks; licence conflicts are the id's own). */
export function assessmentsFor(
  catalog: Catalog,
  modelId: string,
  publisher: string | undefined,
  upstream?: string,
): { assessments?: LookupAssessments; licenseConflicts?: LicenseConflict[] } {
  const key = modelId.toLowerCase();
  const up = upstream?.toLowerCase();
  const out: LookupAssessments = {};
  // The model's own gradings first, then (for hosted ids) those of the upstream weights it serves.
  const mine = (catalog.assessments ?? []).filter((a) => a.model.toLowerCase() === key);
  const theirs = up ? (catalog.assessments ?? []).filter((a) => a.model.toLowerCase() === up) : [];
  for (const a of [...mine, ...theirs]) {
    if (a.osai && !out.osai) out.osai = { ...a.osai, attribution: ATTRIBUTION.osai };
    if (a.mof && !out.mof) out.mof = { ...a.mof, attribution: ATTRIBUTION.mof };
  }
  const dev = publisher ? (catalog.developerScores ?? []).find((d) => d.publisher === publisher) : undefined;
  if (dev) out.fmti = { ...dev.fmti, attribution: ATTRIBUTION.fmti };
  const conflicts = Object.entries(catalog.licenseConflicts ?? {}).find(([id]) => id.toLowerCase() === key)?.[1];
  return {
    ...(Object.keys(out).length ? { assessments: out } : {}),
    ...(conflicts?.length ? { licenseConflicts: conflicts } : {}),
  };
}

const ECOSYSTEMS = new Set<Ecosystem>(['npm', 'pypi', 'conda', 'cargo', 'go', 'maven', 'nuget']);

function withoutLocations(f: Finding): Omit<Finding, 'locations'> {
  const { locations: _unused, ...rest } = f;
  void _unused;
  return rest;
}

/**
 * `query` is a model id as people write it (`llama3.2:3b`, `openai/gpt-4o`) or a package name, optionally as
 * `ecosystem:name` (`pypi:openai`). Returns every match (a name can be a package in several ecosystems).
 */
export function lookup(engine: Engine, query: string): LookupResult[] {
  const q = query.trim();
  if (!q) return [];
  const results: LookupResult[] = [];
  const model = engine.model(q) ?? engine.matcher.matchToken(q);
  if (model) {
    const f = modelFinding(engine, model, q, []);
    const profile = engine.licenses.resolve(model.license).profile;
    const { assessments, licenseConflicts } = assessmentsFor(engine.catalog, model.id, model.publisher, model.upstream);
    const graded = assessments ? { assessments } : {};
    const conflicts = [...(model.licenseConflicts ?? []), ...(licenseConflicts ?? [])];
    results.push({
      ...withoutLocations(f),
      displayName: model.name,
      publisher: model.publisher,
      ...(model.provider ? { provider: model.provider } : {}),
      task: model.task,
      ...(profile ? { licenseProfile: profile } : {}),
      alternatives: (model.alternatives ?? []).flatMap((id) => {
        const alt = engine.model(id);
        return alt ? [{ id: alt.id, name: alt.name, license: engine.licenses.resolve(alt.license).id }] : [];
      }),
      ...graded,
      ...(conflicts.length ? { licenseConflicts: conflicts } : {}),
      catalogSource: model.source,
    });
  }
  const colon = q.indexOf(':');
  const eco = colon > 0 ? q.slice(0, colon).toLowerCase() : '';
  const pkgs = ECOSYSTEMS.has(eco as Ecosystem)
    ? [engine.packages.get(eco as Ecosystem, q.slice(colon + 1))].filter((p) => p !== undefined)
    : engine.packages.find(q);
  for (const pkg of pkgs) {
    const f = packageFinding(engine, pkg, pkg.name, []);
    const profile = engine.licenses.resolve(pkg.license).profile;
    results.push({
      ...withoutLocations(f),
      displayName: pkg.name,
      ...(pkg.provider ? { provider: pkg.provider } : {}),
      description: pkg.description,
      ...(profile ? { licenseProfile: profile } : {}),
      catalogSource: pkg.source,
    });
  }
  return results;
}
