/**
 * Look up one model id or package name in the catalog: the data behind the CLI's `lookup` and the editor's card.
 */
import type { Engine } from './engine';
import { modelFinding, packageFinding } from './findings';
import type { Ecosystem, Finding, LicenseProfile, SourceRef } from './types';

export interface LookupResult extends Omit<Finding, 'locations'> {
  displayName: string;
  publisher?: string;
  provider?: string;
  task?: string;
  description?: string;
  /** The licence profile's clauses that matter, when the catalog has a profile. */
  licenseProfile?: LicenseProfile;
  alternatives?: { id: string; name: string; license: string }[];
  catalogSource: SourceRef;
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
