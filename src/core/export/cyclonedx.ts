/**
 * The scan as a CycloneDX 1.6 JSON ML-BOM: each model a `machine-learning-model` component (with a `modelCard` built
 * from what the catalog knows), each AI package a `library`, every AI Openness fact an `ai-openness:` property.
 * Built with @cyclonedx/cyclonedx-library's models and JSON normaliser; the validator is not needed at run time.
 */
import { randomUUID } from 'node:crypto';
// Subpath imports: the package root also loads the JSON validator (ajv), which the export does not need.
import * as Enums from '@cyclonedx/cyclonedx-library/Enums';
import * as Models from '@cyclonedx/cyclonedx-library/Models';
import * as Serialize from '@cyclonedx/cyclonedx-library/Serialize';
import * as Spec from '@cyclonedx/cyclonedx-library/Spec';
import * as SPDX from '@cyclonedx/cyclonedx-library/SPDX';
import { PackageURL } from 'packageurl-js';
import parseSpdx from 'spdx-expression-parse';
import type { Engine } from '../engine';
import { looksLikeHubId, plausibleHubId } from '../discover';
import type { CatalogModel, Ecosystem, Finding, LicenseProfile, ScanResult } from '../types';
import { rootLabels } from './sarif';

export interface CycloneDxOptions {
  toolName: string;
  toolVersion: string;
  /** metadata.timestamp; now when absent. */
  timestamp?: Date;
  /** A UUID (with or without `urn:uuid:`); a random one when absent. */
  serialNumber?: string;
}

/** Property names all start with this namespace (CycloneDX property taxonomy convention). */
export const PROPERTY_PREFIX = 'ai-openness:';

/** The part of the CycloneDX 1.6 `modelCard` object this export fills in. */
export interface ModelCard {
  modelParameters?: { task?: string };
  considerations?: {
    useCases?: string[];
    ethicalConsiderations?: { name: string; mitigationStrategy?: string }[];
  };
  properties?: { name: string; value: string }[];
}

const PURL_TYPE: Record<Ecosystem, string> = {
  npm: 'npm',
  pypi: 'pypi',
  conda: 'conda',
  cargo: 'cargo',
  go: 'golang',
  maven: 'maven',
  nuget: 'nuget',
};

/** One component: the findings (from one or more roots) that share a canonical id. */
interface Group {
  /** The component's id: the catalog id, or the Hub id as written when the catalog entry covers a sibling repo. */
  id: string;
  finding: Finding;
  names: Set<string>;
  locations: string[];
}

function isHttpUrl(url: string | undefined): url is string {
  if (!url || !/^https?:\/\//i.test(url)) return false;
  try {
    new URL(url);
    return true;
  } catch {
    return false;
  }
}

/** A Hugging Face repo id (weights without a hosting provider, or a discovered Hub id), not a provider's API name. */
function isHubModel(f: Finding, model: CatalogModel | undefined): boolean {
  if (f.source === 'discovered') return looksLikeHubId(f.id) || /^[A-Za-z0-9][\w.-]*$/.test(f.id);
  return model !== undefined && model.release === 'weights' && !model.provider && looksLikeHubId(model.id);
}

function modelPurl(id: string): string {
  const slash = id.indexOf('/');
  const ns = slash > 0 ? id.slice(0, slash) : undefined;
  return new PackageURL('huggingface', ns, slash > 0 ? id.slice(slash + 1) : id, undefined, undefined, undefined).toString();
}

/** `{ group, name, purl }` of a package: Maven `groupId:artifactId` and npm `@scope/name` are split (purl namespace). */
function packageCoordinates(ecosystem: Ecosystem, id: string): { group?: string; name: string; purl: string } {
  let group: string | undefined;
  let name = id;
  if (ecosystem === 'maven' && id.includes(':')) [group, name] = [id.slice(0, id.indexOf(':')), id.slice(id.indexOf(':') + 1)];
  else if (ecosystem === 'npm' && id.startsWith('@') && id.includes('/')) [group, name] = [id.slice(0, id.indexOf('/')), id.slice(id.indexOf('/') + 1)];
  else if (ecosystem === 'go' && id.includes('/')) {
    // purl golang: the module path's last segment is the name, the rest the namespace. The component name stays whole.
    const cut = id.lastIndexOf('/');
    return { name: id, purl: new PackageURL('golang', id.slice(0, cut), id.slice(cut + 1), undefined, undefined, undefined).toString() };
  }
  return { group, name, purl: new PackageURL(PURL_TYPE[ecosystem], group, name, undefined, undefined, undefined).toString() };
}

function isSpdxExpression(id: string): boolean {
  if (!/\s(?:AND|OR|WITH)\s/.test(id) || /LicenseRef-/i.test(id)) return false;
  try {
    parseSpdx(id);
    return true;
  } catch {
    return false;
  }
}

/** The finding's licence: an SPDX id, an SPDX expression, or a named licence with its URL; none when unknown. */
function licenses(f: Finding): Models.LicenseRepository {
  const repo = new Models.LicenseRepository();
  const { id, name, url } = f.license;
  if (id === 'unknown') return repo;
  if (SPDX.isSupportedSpdxId(id)) repo.add(new Models.SpdxLicense(id));
  else if (isSpdxExpression(id)) repo.add(new Models.LicenseExpression(id));
  else repo.add(new Models.NamedLicense(name || id, isHttpUrl(url) ? { url } : {}));
  return repo;
}

function references(engine: Engine, f: Finding, id: string, model: CatalogModel | undefined, hub: boolean): Models.ExternalReferenceRepository {
  const T = Enums.ExternalReferenceType;
  const refs = new Map<string, Models.ExternalReference>();
  const add = (url: string | undefined, type: Enums.ExternalReferenceType, comment?: string) => {
    if (isHttpUrl(url) && !refs.has(`${type} ${url}`)) refs.set(`${type} ${url}`, new Models.ExternalReference(url, type, comment ? { comment } : {}));
  };
  if (hub) add(`https://huggingface.co/${id}`, T.ModelCard, 'Hugging Face model card');
  if (f.license.id !== 'unknown') add(f.license.url, T.License, f.license.name);
  const profile = f.license.id !== 'unknown' ? engine.licenses.profile(f.license.id) : undefined;
  if (profile?.acceptableUsePolicy) add(profile.acceptableUsePolicy.url, T.License, 'Acceptable use policy (part of the licence)');
  const source = model?.source ?? (f.kind === 'package' && f.ecosystem ? engine.packages.get(f.ecosystem, f.id)?.source : undefined);
  if (source) add(source.url, source.url.startsWith('https://huggingface.co/') ? T.ModelCard : T.Evidence, `AI Openness catalog source, checked ${source.checked}`);
  const online = f.online?.license;
  if (online) add(online.from, T.Evidence, `Online look-up (${online.source}), ${online.fetchedAt}`);
  return new Models.ExternalReferenceRepository(refs.values());
}

function properties(engine: Engine, g: Group, model: CatalogModel | undefined): Models.PropertyRepository {
  const f = g.finding;
  const out: [string, string | number | boolean | undefined][] = [
    ['source', f.source],
    ['catalog.id', g.id !== f.id ? f.id : undefined],
    ['access', f.access],
    ['openness.level', f.openness.level],
    ['openness.osaid', f.openness.osaid],
    ['license', f.license.id],
    ['locations', g.locations.length],
    ['location', [...g.locations].sort()[0]],
  ];
  for (const n of [...g.names].sort()) out.push(['name', n]);
  const source = model?.source ?? (f.kind === 'package' && f.ecosystem ? engine.packages.get(f.ecosystem, f.id)?.source : undefined);
  if (f.source === 'catalog' && source) out.push(['catalog.checked', source.checked], ['catalog.verified', source.verified]);
  if (model) {
    out.push(['release', model.release], ['family', model.family], ['provider', model.provider], ['upstream', model.upstream]);
    if (model.openComponents) out.push(['openComponents.code', model.openComponents.code], ['openComponents.data', model.openComponents.data]);
  }
  if (f.kind === 'package') {
    out.push(['ecosystem', f.ecosystem]);
    if (f.ecosystem) out.push(['package.kind', engine.packages.get(f.ecosystem, f.id)?.kind]);
  }
  const o = f.online;
  if (o?.license) {
    const l = o.license;
    out.push(['online.license', l.license], ['online.license.name', l.name], ['online.license.url', l.url], ['online.source', l.source]);
    out.push(['online.from', l.from], ['online.fetchedAt', l.fetchedAt], ['online.task', l.task]);
    if (l.gated) out.push(['online.gated', l.gated]);
    if (l.inheritedFrom?.length) out.push(['online.inheritedFrom', l.inheritedFrom.join(' > ')]);
    if (l.note) out.push(['online.note', l.note]);
  }
  if (o?.agreesWithCatalog !== undefined) out.push(['online.agreesWithCatalog', o.agreesWithCatalog]);
  if (o?.error) out.push(['online.error', o.error]);
  return new Models.PropertyRepository(
    out.filter(([, v]) => v !== undefined && v !== '').map(([k, v]) => new Models.Property(PROPERTY_PREFIX + k, String(v))),
  );
}

const COMMERCIAL: Record<LicenseProfile['commercialUse'], string | undefined> = {
  yes: 'Commercial use is allowed by the licence.',
  no: 'Commercial use is not allowed by the licence.',
  conditional: 'Commercial use is allowed only under the licence conditions.',
  unknown: undefined,
};

/** The model card: the task, and the licence's use restrictions as considerations (only what the catalog holds). */
export function modelCardOf(engine: Engine, f: Finding, model: CatalogModel | undefined): ModelCard | undefined {
  const card: ModelCard = {};
  const task = model?.task ?? f.online?.license?.task;
  if (task) card.modelParameters = { task };
  const profile = f.license.id !== 'unknown' ? engine.licenses.profile(f.license.id) : undefined;
  if (profile) {
    const useCases = [COMMERCIAL[profile.commercialUse], profile.userThreshold?.note, profile.revenueThreshold?.note, profile.euRestriction].filter(
      (s): s is string => Boolean(s),
    );
    const ethical: { name: string; mitigationStrategy?: string }[] = [];
    const aup = profile.acceptableUsePolicy;
    if (aup) ethical.push({ name: 'Acceptable use policy', mitigationStrategy: `Use must follow ${aup.url}${aup.note ? ` (${aup.note})` : ''}` });
    if (profile.outputsRule) ethical.push({ name: 'Use of outputs', mitigationStrategy: profile.outputsRule });
    if (profile.namingRule) ethical.push({ name: 'Attribution and naming', mitigationStrategy: profile.namingRule });
    if (useCases.length || ethical.length) {
      card.considerations = { ...(useCases.length ? { useCases } : {}), ...(ethical.length ? { ethicalConsiderations: ethical } : {}) };
    }
    if (profile.clauses.length) card.properties = profile.clauses.map((c) => ({ name: `${PROPERTY_PREFIX}license.clause`, value: c.en }));
  }
  return Object.keys(card).length ? card : undefined;
}

/**
 * A catalog entry may cover several Hub repos (a family's sizes, base and instruct): a Hub id written in the workspace
 * is its own component, with the catalog id as a property; other spellings (Ollama tags, API aliases) join the
 * catalog id's component.
 */
function componentId(engine: Engine, f: Finding): string {
  if (f.kind !== 'model' || f.source !== 'catalog' || f.name.toLowerCase() === f.id.toLowerCase() || !plausibleHubId(f.name)) return f.id;
  return isHubModel(f, engine.model(f.id)) ? f.name : f.id;
}

function groupKey(engine: Engine, f: Finding): string {
  return f.kind === 'model' ? `model:${componentId(engine, f).toLowerCase()}` : `package:${f.ecosystem ?? ''}:${f.id.toLowerCase()}`;
}

function serial(s: string | undefined): string {
  if (!s) return `urn:uuid:${randomUUID()}`;
  return s.startsWith('urn:uuid:') ? s : `urn:uuid:${s}`;
}

/**
 * CycloneDX 1.6 JSON for one or more scan results (several roots: components are shared, locations are prefixed by
 * the root's folder name). The same input and options give the same text.
 */
export function toCycloneDx(
  engine: Engine,
  results: readonly ScanResult[],
  opts: { toolName: string; toolVersion: string; timestamp?: Date; serialNumber?: string },
): string {
  const labels = rootLabels(results);
  const groups = new Map<string, Group>();
  results.forEach((r, i) => {
    const prefix = results.length > 1 ? `${labels[i]}/` : '';
    for (const f of r.findings) {
      const key = groupKey(engine, f);
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { id: componentId(engine, f), finding: f, names: new Set(), locations: [] }));
      g.names.add(f.name);
      for (const l of f.locations) g.locations.push(`${prefix}${l.path}:${l.line}:${l.column}`);
    }
  });

  const bom = new Models.Bom({ serialNumber: serial(opts.serialNumber) });
  bom.metadata.timestamp = opts.timestamp ?? new Date();
  bom.metadata.tools.components.add(new Models.Component(Enums.ComponentType.Application, opts.toolName, { version: opts.toolVersion }));
  const project =
    results.length === 1
      ? new Models.Component(Enums.ComponentType.Application, labels[0] ?? 'workspace', { bomRef: `project:${labels[0] ?? 'workspace'}` })
      : undefined;
  if (project) bom.metadata.component = project;

  const cards = new Map<string, ModelCard>();
  for (const g of groups.values()) {
    const f = g.finding;
    let component: Models.Component;
    if (f.kind === 'model') {
      const model = f.source === 'catalog' ? engine.model(f.id) : undefined;
      const hub = isHubModel(f, model);
      const supplier = model?.provider ?? model?.publisher;
      component = new Models.Component(Enums.ComponentType.MachineLearningModel, g.id, {
        bomRef: `model:${g.id}`,
        description: model?.name,
        publisher: model?.publisher,
        supplier: supplier ? new Models.OrganizationalEntity({ name: supplier }) : undefined,
        purl: hub ? modelPurl(g.id) : undefined,
        licenses: licenses(f),
        externalReferences: references(engine, f, g.id, model, hub),
        properties: properties(engine, g, model),
      });
      const card = modelCardOf(engine, f, model);
      if (card) cards.set(component.bomRef.value ?? '', card);
    } else {
      const ecosystem = f.ecosystem ?? 'npm';
      const { group, name, purl } = packageCoordinates(ecosystem, f.id);
      component = new Models.Component(Enums.ComponentType.Library, name, {
        bomRef: `package:${ecosystem}:${f.id}`,
        group,
        description: engine.packages.get(ecosystem, f.id)?.description,
        purl,
        licenses: licenses(f),
        externalReferences: references(engine, f, g.id, undefined, false),
        properties: properties(engine, g, undefined),
      });
    }
    bom.components.add(component);
    project?.dependencies.add(component.bomRef);
  }

  const factory = new Serialize.JSON.Normalize.Factory(Spec.Spec1dot6);
  const normalized = factory.makeForBom().normalize(bom, { sortLists: true });
  // The library's model has no modelCard: add it to the normalised components (the 1.6 schema validates it).
  for (const c of normalized.components ?? []) {
    const card = c['bom-ref'] ? cards.get(c['bom-ref']) : undefined;
    if (card) (c as typeof c & { modelCard?: ModelCard }).modelCard = card;
  }
  return JSON.stringify(normalized, null, 2) + '\n';
}
