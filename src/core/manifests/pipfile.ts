/**
 * Pipfile (TOML): `[packages]` (group `packages`) and `[dev-packages]` (group `dev-packages`), plus any other pipenv
 * package category table (group = its name). `[source]`, `[requires]`, `[scripts]` and `[pipenv]` are not packages.
 * version is the string value (`"*"` as written) or the `version` key of a table value.
 */
import type { DeclaredPackage, ManifestResult } from '../types';
import { declared } from './text';
import { asTable, keepReadable, readToml, stringAt, tomlErrors } from './toml';

const NOT_PACKAGES = new Set(['source', 'requires', 'scripts', 'pipenv']);

export function parsePipfile(input: string): ManifestResult {
  const doc = readToml(input);
  const packages: DeclaredPackage[] = [];
  const errors = tomlErrors(doc);
  for (const section of doc.root.entries.values()) {
    if (NOT_PACKAGES.has(section.key)) continue;
    const table = section.value.kind === 'table' ? section.value : undefined;
    for (const entry of table?.entries.values() ?? []) {
      const v = entry.value;
      const version = v.kind === 'string' ? v.value : v.kind === 'table' ? stringAt(asTable(v), 'version') : undefined;
      packages.push(declared('pypi', entry.key, doc.lines.at(entry.keyOffset), version, section.key));
    }
  }
  return { packages: keepReadable(doc, packages), errors };
}
