/**
 * Package look-up with each ecosystem's own name-equivalence rules.
 */
import type { CatalogPackage, Ecosystem } from './types';

/** The form under which two names of one ecosystem are the same package. */
export function normalizePackageName(ecosystem: Ecosystem, name: string): string {
  switch (ecosystem) {
    case 'pypi':
    case 'conda':
      return name.toLowerCase().replace(/[-_.]+/g, '-'); // PEP 503
    case 'cargo':
      return name.toLowerCase().replace(/_/g, '-'); // crates.io treats - and _ alike
    case 'go':
      return name.replace(/\/v\d+$/, ''); // major-version suffix is the same module line
    case 'nuget':
      return name.toLowerCase();
    case 'npm':
    case 'maven':
      return name;
  }
}

/** Index of the catalog's packages, built once. Conda names fall back to PyPI names (conda-forge mostly reuses them). */
export class PackageIndex {
  private readonly byKey = new Map<string, CatalogPackage>();

  constructor(packages: readonly CatalogPackage[]) {
    for (const p of packages) this.byKey.set(`${p.ecosystem}\u0000${normalizePackageName(p.ecosystem, p.name)}`, p);
  }

  get(ecosystem: Ecosystem, name: string): CatalogPackage | undefined {
    const hit = this.byKey.get(`${ecosystem}\u0000${normalizePackageName(ecosystem, name)}`);
    if (hit || ecosystem !== 'conda') return hit;
    return this.byKey.get(`pypi\u0000${normalizePackageName('pypi', name)}`);
  }

  /** Every package of any ecosystem with this name (for `lookup NAME` without an ecosystem). */
  find(name: string): CatalogPackage[] {
    const ecosystems: Ecosystem[] = ['npm', 'pypi', 'cargo', 'go', 'maven', 'nuget'];
    return ecosystems.map((e) => this.byKey.get(`${e}\u0000${normalizePackageName(e, name)}`)).filter((p) => p !== undefined);
  }
}
