/**
 * Exports of a scan for other tools: CycloneDX 1.6 (ML-BOM) and SARIF 2.1.0. The Markdown report for people is in
 * ../report/markdown.ts.
 */
export { toCycloneDx, modelCardOf, PROPERTY_PREFIX, type CycloneDxOptions, type ModelCard } from './cyclonedx';
export { toSarif, rootLabels, encodePath, INVENTORY_RULE, SARIF_SCHEMA } from './sarif';
