/**
 * How online answers join the offline ones, for the CLI and the extension alike: the offline answer always stands;
 * the online one is added beside it (`online`), with its source and date, and a disagreement is shown, not hidden.
 */
import type { Engine } from '../engine';
import type { LookupResult } from '../lookup';
import { gradeModel } from '../openness';
import type { CatalogModel, Ecosystem, Finding, ScanResult } from '../types';
import { agreesWithCatalog, looksLikeHubId, looksLikeOllamaTag, onlineLicense, type OnlineOptions, type OnlineQuery } from './resolver';
import type { OnlineLicense, OnlineNote } from './types';

/**
 * What to ask for a finding: a model's Hub repo (the id as written when it is a repo id, e.g. a fine-tune or a GGUF
 * repo, else the catalog's canonical repo); nothing for API ids, which have no Hub page; a package's registry entry.
 */
export function queryOf(engine: Engine, kind: 'model' | 'package', id: string, ecosystem?: Ecosystem, written?: string): OnlineQuery | undefined {
  if (kind === 'package') return ecosystem ? { kind: 'package', ecosystem, name: written ?? id } : undefined;
  const model = engine.model(id);
  if (model && (model.release !== 'weights' || model.provider)) return undefined;
  if (written && looksLikeHubId(written)) return { kind: 'model', id: written };
  return looksLikeHubId(id) ? { kind: 'model', id } : undefined;
}

/** The online answer for one query, compared with the catalog's licence when there is one. */
export async function note(engine: Engine, q: OnlineQuery, catalogLicense: string | undefined, o: OnlineOptions): Promise<OnlineNote> {
  const a = await onlineLicense(q, o);
  if (!a.ok) return { error: a.error };
  const agree = catalogLicense ? agreesWithCatalog(engine, catalogLicense, a.license) : undefined;
  return { license: a.license, cached: a.cached, ...(agree === undefined ? {} : { agreesWithCatalog: agree }) };
}

/**
 * A discovered model (not in the catalog) whose licence the Hub states: its licence and grade come from that answer
 * (open weights on the Hub under that licence), and its reasons say where they come from. Unknown licence: unchanged.
 */
export function gradeDiscovered(engine: Engine, f: Finding, lic: OnlineLicense): void {
  const candidates = [lic.license, lic.name].filter((x): x is string => Boolean(x) && x !== 'other' && x !== 'unknown');
  const resolved = candidates.map((c) => engine.licenses.resolve(c)).find((r) => r.known);
  const date = lic.fetchedAt.slice(0, 10);
  const inherited = lic.inheritedFrom?.length ? `, inherited through base_model from ${lic.inheritedFrom.join(' → ')}` : '';
  const said = `Licence read from ${lic.source} (${lic.from}) on ${date}${inherited}; this model is not in the catalog.`;
  if (!resolved) {
    const shown = lic.name ?? lic.license;
    f.license = { id: lic.license, name: shown, url: lic.url ?? f.license.url };
    f.openness = { level: 'unknown', osaid: 'unknown', reasons: [said, `${shown} is not a licence the catalog or SPDX knows: read its terms before use.`] };
    return;
  }
  const model = { id: f.id, name: f.name, publisher: f.id.split('/')[0] ?? f.id, release: 'weights', license: resolved.id } as CatalogModel;
  const graded = gradeModel(model, resolved);
  f.license = { id: resolved.id, name: resolved.name, url: lic.url ?? resolved.url };
  f.access = 'self-hostable'; // weights on the Hub under that licence
  f.openness = { level: graded.level, osaid: 'unknown', reasons: [said, ...graded.reasons] };
}

/** Adds `online` to every finding that has an online source; returns the errors met (for one stderr message). */
export async function enrichScan(engine: Engine, result: ScanResult, o: OnlineOptions): Promise<string[]> {
  const errors: string[] = [];
  const seen = new Map<string, Promise<OnlineNote>>();
  await Promise.all(
    result.findings.map(async (f: Finding) => {
      // A local GGUF file's own header is the answer for that file: the Hub's would only replace it.
      if (f.online?.license?.source === 'gguf') return;
      const q = queryOf(engine, f.kind, f.id, f.ecosystem, f.name);
      if (!q) return;
      const key = JSON.stringify(q);
      if (!seen.has(key)) seen.set(key, note(engine, q, f.license.id, o));
      const n = await seen.get(key)!;
      f.online = n;
      if (f.source === 'discovered' && n.license) gradeDiscovered(engine, f, n.license);
      if (n.error) errors.push(`${f.id}: ${n.error}`);
    }),
  );
  return [...new Set(errors)];
}

/** Adds `online` to catalog results, or, when the catalog has nothing, asks the Hub or the registry directly. */
export async function enrichLookup(
  engine: Engine,
  query: string,
  results: (LookupResult & { online?: OnlineNote })[],
  o: OnlineOptions,
): Promise<{ online?: OnlineNote; errors: string[] }> {
  const errors: string[] = [];
  for (const r of results) {
    const q = queryOf(engine, r.kind, r.id, r.ecosystem);
    if (!q) continue;
    r.online = await note(engine, q, r.license.id, o);
    if (r.online.error) errors.push(`${r.id}: ${r.online.error}`);
  }
  // An Ollama tag: a local Ollama server, when one is configured, says which licence the pulled model carries.
  if (o.ollamaHost && looksLikeOllamaTag(query) && !looksLikeHubId(query) && results.every((r) => r.kind === 'model')) {
    const catalogLicense = results[0]?.license.id;
    const n = await note(engine, { kind: 'ollama', model: query }, catalogLicense, o);
    if (n.error && o.ollamaHostIsDefault) return { errors }; // no Ollama server running here: nothing to add
    if (n.error) errors.push(`${query} (Ollama): ${n.error}`);
    return { online: n, errors };
  }
  if (results.length) return { errors };
  const colon = query.indexOf(':');
  const eco = colon > 0 ? (query.slice(0, colon).toLowerCase() as Ecosystem) : undefined;
  const q: OnlineQuery | undefined = looksLikeHubId(query)
    ? { kind: 'model', id: query }
    : eco && ['npm', 'pypi', 'cargo', 'go', 'maven', 'nuget'].includes(eco)
      ? { kind: 'package', ecosystem: eco, name: query.slice(colon + 1) }
      : undefined;
  if (!q) return { errors };
  const n = await note(engine, q, undefined, o);
  if (n.error) errors.push(`${query}: ${n.error}`);
  return { online: n, errors };
}
