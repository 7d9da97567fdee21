/**
 * Cargo.toml. Groups:
 * - `[dependencies]` → `dependencies`, `[dev-dependencies]` → `dev`, `[build-dependencies]` → `build`
 *   (the old underscore spellings too);
 * - `[target.'cfg(unix)'.dependencies]` → `target:cfg(unix)` (dev/build under a target: `target:cfg(unix):dev`, …);
 * - `[workspace.dependencies]` → `workspace`.
 * An optional dependency (`optional = true`) gets the prefix `optional:` on its group, e.g. `optional:dependencies`.
 * Inline tables, dotted keys and the table form `[dependencies.foo]` are all read. With `package = "real-name"` the
 * name is the real crate name and the position is that of the key (the local alias). `[features]` is not read.
 */
import type { DeclaredPackage, ManifestResult } from '../types';
import { at, declared } from './text';
import {
  asTable,
  isTrue,
  keepReadable,
  readToml,
  stringAt,
  tableAt,
  tomlErrors,
  type TomlDocument,
  type TomlTable,
} from './toml';

const SECTIONS: [string, string][] = [
  ['dependencies', 'dependencies'],
  ['dev-dependencies', 'dev'],
  ['dev_dependencies', 'dev'],
  ['build-dependencies', 'build'],
  ['build_dependencies', 'build'],
];

export function parseCargoToml(input: string): ManifestResult {
  const doc = readToml(input);
  const packages: DeclaredPackage[] = [];
  const errors = tomlErrors(doc);
  const root = doc.root;
  for (const [key, group] of SECTIONS) crateDependencies(doc, tableAt(root, key), group, packages, errors);
  crateDependencies(doc, tableAt(root, 'workspace', 'dependencies'), 'workspace', packages, errors);
  for (const target of tableAt(root, 'target')?.entries.values() ?? []) {
    const t = asTable(target.value);
    for (const [key, group] of SECTIONS) {
      const g = group === 'dependencies' ? `target:${target.key}` : `target:${target.key}:${group}`;
      crateDependencies(doc, tableAt(t, key), g, packages, errors);
    }
  }
  return { packages: keepReadable(doc, packages), errors };
}

function crateDependencies(
  doc: TomlDocument,
  table: TomlTable | undefined,
  group: string,
  out: DeclaredPackage[],
  errors: string[],
): void {
  for (const entry of table?.entries.values() ?? []) {
    const v = entry.value;
    const pos = doc.lines.at(entry.keyOffset);
    if (v.kind === 'string') {
      out.push(declared('cargo', entry.key, pos, v.value, group));
    } else if (v.kind === 'table') {
      const name = stringAt(v, 'package') ?? entry.key;
      const g = isTrue(v, 'optional') ? `optional:${group}` : group;
      out.push(declared('cargo', name, pos, stringAt(v, 'version'), g));
    } else if (!doc.error) {
      errors.push(`${at(pos.line, pos.column)}dependency "${entry.key}" should be a version string or a table`);
    }
  }
}
