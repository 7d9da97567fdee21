/**
 * One factory for everything compiled from a catalog: the model matcher, the licence resolver, the package index.
 * Build it once (it compiles regular expressions) and pass it to scans, look-ups and hovers.
 */
import { bundledCatalog } from './catalog/index';
import { LicenseResolver } from './licenses';
import { ModelMatcher } from './matcher';
import { PackageIndex } from './packages';
import type { Catalog, CatalogModel } from './types';

export interface Engine {
  readonly catalog: Catalog;
  readonly matcher: ModelMatcher;
  readonly licenses: LicenseResolver;
  readonly packages: PackageIndex;
  model(id: string): CatalogModel | undefined;
}

export function createEngine(catalog: Catalog = bundledCatalog()): Engine {
  const byId = new Map(catalog.models.map((m) => [m.id.toLowerCase(), m]));
  return {
    catalog,
    matcher: ModelMatcher.compile(catalog),
    licenses: new LicenseResolver(catalog),
    packages: new PackageIndex(catalog.packages),
    model: (id) => byId.get(id.toLowerCase()),
  };
}
