/** Provided at build time by scripts/catalog-plugin.mjs: every JSON file under /catalog, merged. */
declare module 'virtual:ai-openness-catalog' {
  const catalog: {
    models: unknown[];
    packages: unknown[];
    licenses: unknown[];
    gatewayPrefixes: string[];
    assessments: unknown[];
    developerScores: unknown[];
    licenseConflicts: Record<string, unknown[]>;
  };
  export default catalog;
}
