/**
 * The bundled catalog: data files under /catalog, compiled into the bundle by esbuild (no file access at run time).
 */
import type { Catalog, CatalogModel, CatalogPackage, LicenseProfile } from '../types';
import modelsJson from '../../../catalog/models.json';
import packagesJson from '../../../catalog/packages.json';
import licensesJson from '../../../catalog/licenses.json';
import gatewaysJson from '../../../catalog/gateways.json';

/** The catalog shipped with this build. The JSON is checked against the types by test/unit/catalog.test.ts. */
export function bundledCatalog(): Catalog {
  return {
    models: modelsJson.models as unknown as CatalogModel[],
    packages: packagesJson.packages as unknown as CatalogPackage[],
    licenses: licensesJson.licenses as unknown as LicenseProfile[],
    gatewayPrefixes: gatewaysJson.gatewayPrefixes,
  };
}
