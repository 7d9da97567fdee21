/**
 * The bundled catalog: every JSON file under /catalog (models/, packages/, licenses/, assessments/, gateways.json), merged at build
 * time by scripts/catalog-plugin.mjs and compiled into the bundle (no file access at run time).
 */
import data from 'virtual:ai-openness-catalog';
import type { Assessment, Catalog, CatalogModel, CatalogPackage, DeveloperScore, LicenseConflict, LicenseProfile } from '../types';

/** The catalog shipped with this build. The JSON is checked against the types by test/unit/catalog.test.ts. */
export function bundledCatalog(): Catalog {
  return {
    models: data.models as CatalogModel[],
    packages: data.packages as CatalogPackage[],
    licenses: data.licenses as LicenseProfile[],
    gatewayPrefixes: data.gatewayPrefixes,
    assessments: (data.assessments ?? []) as Assessment[],
    developerScores: (data.developerScores ?? []) as DeveloperScore[],
    licenseConflicts: (data.licenseConflicts ?? {}) as Record<string, LicenseConflict[]>,
  };
}
