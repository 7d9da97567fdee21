/**
 * From raw mentions (a model id or a declared package at a location) to findings: one per (kind, ecosystem, name as
 * written), with every location, the licence, how it is reached and how open it is. GGUF model files add what their
 * header says (ggufFiles.ts).
 */
import type { DiscoveryContext } from './discover';
import type { Engine } from './engine';
import { annotateCatalogGguf, ggufFinding, type GgufFileInfo } from './ggufFiles';
import type { Mention } from './mentions';
import { gradeModel, gradePackage, modelAccess, osaidReason, packageAccess } from './openness';
import type { CatalogModel, CatalogPackage, Finding, Location, SourceRef } from './types';

function compareLocations(a: Location, b: Location): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line || a.column - b.column;
}

const ACCESS_ORDER: Record<Finding['access'], number> = { api: 0, 'self-hostable': 1, framework: 2, hub: 3 };

/** Findings sorted: models before packages, then by how they are reached, then by name. */
export function compareFindings(a: Finding, b: Finding): number {
  if (a.kind !== b.kind) return a.kind === 'model' ? -1 : 1;
  return (
    ACCESS_ORDER[a.access] - ACCESS_ORDER[b.access] ||
    a.name.toLowerCase().localeCompare(b.name.toLowerCase()) ||
    (a.ecosystem ?? '').localeCompare(b.ecosystem ?? '')
  );
}

/** A catalog entry not yet checked against its primary source says so in its reasons. */
function unverifiedReason(source: SourceRef): string[] {
  return source.verified ? [] : [`Catalog entry not yet verified against its source (${source.url})${source.note ? `: ${source.note}` : '.'}`];
}

export function modelFinding(engine: Engine, model: CatalogModel, name: string, locations: Location[]): Finding {
  const license = engine.licenses.resolve(model.license);
  const upstreamModel = model.upstream ? engine.model(model.upstream) : undefined;
  const upstream = upstreamModel ? { model: upstreamModel, license: engine.licenses.resolve(upstreamModel.license) } : undefined;
  const openness = gradeModel(model, license, upstream);
  openness.reasons.push(osaidReason(upstream && model.provider ? upstream.model : model, openness.osaid));
  openness.reasons.push(...unverifiedReason(model.source));
  return {
    kind: 'model',
    name,
    id: model.id,
    locations,
    license: { id: license.id, name: license.name, url: license.url },
    access: modelAccess(model),
    openness,
    source: 'catalog',
  };
}

export function packageFinding(engine: Engine, pkg: CatalogPackage, name: string, locations: Location[]): Finding {
  const license = engine.licenses.resolve(pkg.license);
  return {
    kind: 'package',
    name,
    id: pkg.name,
    ecosystem: pkg.ecosystem,
    locations,
    license: { id: license.id, name: license.name, url: license.url },
    access: packageAccess(pkg),
    openness: (() => {
      const o = gradePackage(pkg, license);
      o.reasons.push(...unverifiedReason(pkg.source));
      return o;
    })(),
    source: 'catalog',
  };
}

const CONTEXT_WORDS: Record<DiscoveryContext, string> = {
  call: 'a model-loading call',
  key: 'a Hugging Face config key',
  command: 'a download or serve command',
  url: 'a Hugging Face URL',
};

/**
 * A Hub model id the catalog lacks, found in a context that names a Hub model (discover.ts). Its licence is unknown
 * offline; an online look-up (enrich.ts) reads it from the Hub and grades it.
 */
export function discoveredFinding(name: string, locations: Location[], contexts: readonly DiscoveryContext[]): Finding {
  const where = [...new Set(contexts)].map((c) => CONTEXT_WORDS[c]).join(', ');
  return {
    kind: 'model',
    name,
    id: name,
    locations,
    license: { id: 'unknown', name: 'Unknown (not in the catalog)', url: `https://huggingface.co/${name}` },
    access: 'hub',
    openness: {
      level: 'unknown',
      osaid: 'unknown',
      reasons: [
        `${name} is not in the AI Openness catalog; it is named as a Hugging Face model in ${where}.`,
        'Its licence is unknown offline: turn on online look-ups (setting aiOpenness.online, or --online) to read it from the Hub, or check its model card.',
      ],
    },
    source: 'discovered',
  };
}

interface Group {
  make: (locs: Location[], g: Group) => Finding;
  locations: Location[];
  /** The GGUF files among the locations: what each header says, and where (ggufFiles.ts). */
  gguf: GgufFileInfo[];
  ggufPaths: string[];
}

export function buildFindings(engine: Engine, mentions: readonly Mention[]): Finding[] {
  const groups = new Map<string, Group>();
  const discovered = new Map<string, DiscoveryContext[]>();
  for (const m of mentions) {
    let key: string;
    let make: Group['make'];
    if (m.kind === 'model' && m.modelId === undefined) {
      key = `model\u0000${m.name}`;
      const contexts = (discovered.get(m.name) ?? discovered.set(m.name, []).get(m.name)!);
      if (m.discovered) contexts.push(m.discovered);
      make = (locs, g) => (g.gguf.length ? ggufFinding(engine, m.name, locs, g.gguf, g.ggufPaths) : discoveredFinding(m.name, locs, contexts));
    } else if (m.kind === 'model') {
      const model = engine.model(m.modelId!);
      if (!model) continue;
      key = `model\u0000${m.name}`;
      make = (locs, g) => {
        const f = modelFinding(engine, model, m.name, locs);
        if (g.gguf.length) annotateCatalogGguf(engine, f, g.gguf, g.ggufPaths);
        return f;
      };
    } else {
      const pkg = engine.packages.get(m.pkg.ecosystem, m.pkg.name);
      if (!pkg) continue; // not an AI package
      key = `package\u0000${m.pkg.ecosystem}\u0000${m.pkg.name}`;
      const ecosystem = m.pkg.ecosystem;
      make = (locs) => ({ ...packageFinding(engine, pkg, m.pkg.name, locs), ecosystem });
    }
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { make, locations: [], gguf: [], ggufPaths: [] }));
    g.locations.push(m.location);
    if (m.kind === 'model' && m.gguf) {
      g.gguf.push(m.gguf);
      g.ggufPaths.push(m.location.path);
    }
  }
  const findings = [...groups.values()].map((g) => g.make(g.locations.sort(compareLocations), g));
  // Other spellings of the same canonical id in this workspace become aliases.
  const spellings = new Map<string, string[]>();
  for (const f of findings) {
    const k = `${f.kind}\u0000${f.ecosystem ?? ''}\u0000${f.id.toLowerCase()}`;
    spellings.set(k, [...(spellings.get(k) ?? []), f.name]);
  }
  for (const f of findings) {
    const others = (spellings.get(`${f.kind}\u0000${f.ecosystem ?? ''}\u0000${f.id.toLowerCase()}`) ?? []).filter((n) => n !== f.name);
    if (others.length) f.aliases = others.sort();
  }
  return findings.sort(compareFindings);
}
