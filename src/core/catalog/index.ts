/**
 * The bundled catalog: every JSON file under /catalog (models/, packages/, licenses/, gateways.json), merged at build
 * time by scripts/catalog-plugin.mjs and compiled into the bundle (no file access at run time).
 */
import data from 'virtual:ai-openness-catalog';
import type { Catalog, CatalogModel, CatalogPackage, LicenseProfile } from '../types';

/** The catalog shipped with this build. The JSON is checked against the types by test/unit/catalog.test.ts. */
export function bundledCatalog(): Catalog {
  return {
    models: data.models as CatalogModel[],
    packages: data.packages as CatalogPackage[],
    licenses: data.licenses as LicenseProfile[],
    gatewayPrefixes: data.gatewayPrefixes,
  };
}
