/**
 * pyproject.toml:
 * - PEP 621 `[project] dependencies` → group `dependencies`; `[project.optional-dependencies] <extra>` →
 *   `optional:<extra>`;
 * - PEP 735 `[dependency-groups] <name>` → `group:<name>` (`{ include-group = … }` entries are skipped);
 * - Poetry `[tool.poetry.dependencies]` → `dependencies` (`python` skipped; a dependency with `optional = true` gets
 *   `optional:<extra>` for the first `[tool.poetry.extras]` extra listing it, else `optional:dependencies`),
 *   `[tool.poetry.dev-dependencies]` → `poetry:dev`, `[tool.poetry.group.<g>.dependencies]` → `poetry:<g>`.
 * For PEP 508 strings the position is that of the name inside the string.
 */
import type { DeclaredPackage, ManifestResult } from '../types';
import { at, declared } from './text';
import { parsePep508 } from './pep508';
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
  type TomlValue,
} from './toml';

export function parsePyproject(input: string): ManifestResult {
  const doc = readToml(input);
  const packages: DeclaredPackage[] = [];
  const errors = tomlErrors(doc);
  const root = doc.root;

  const project = tableAt(root, 'project');
  const deps = project?.entries.get('dependencies');
  if (deps) requirementArray(doc, deps.value, 'dependencies', packages, errors);
  for (const extra of tableAt(project, 'optional-dependencies')?.entries.values() ?? []) {
    requirementArray(doc, extra.value, `optional:${extra.key}`, packages, errors);
  }
  for (const group of tableAt(root, 'dependency-groups')?.entries.values() ?? []) {
    requirementArray(doc, group.value, `group:${group.key}`, packages, errors);
  }

  const poetry = tableAt(root, 'tool', 'poetry');
  if (poetry) {
    const extras = poetryExtras(poetry);
    poetryDependencies(doc, tableAt(poetry, 'dependencies'), 'dependencies', extras, packages);
    poetryDependencies(doc, tableAt(poetry, 'dev-dependencies'), 'poetry:dev', extras, packages);
    for (const g of tableAt(poetry, 'group')?.entries.values() ?? []) {
      const t = asTable(g.value);
      poetryDependencies(doc, tableAt(t, 'dependencies'), `poetry:${g.key}`, extras, packages);
    }
  }
  return { packages: keepReadable(doc, packages), errors };
}

/** An array of PEP 508 strings (other items, such as PEP 735 include-group tables, are skipped). */
export function requirementArray(
  doc: TomlDocument,
  value: TomlValue,
  group: string,
  out: DeclaredPackage[],
  errors: string[],
): void {
  if (value.kind !== 'array') {
    if (!doc.error) {
      const p = doc.lines.at(value.offset);
      errors.push(`${at(p.line, p.column)}"${group}" should be an array of requirement strings`);
    }
    return;
  }
  for (const item of value.items) {
    if (item.kind !== 'string') continue;
    const req = parsePep508(item.value);
    if (!req) {
      const p = doc.lines.at(item.offset);
      errors.push(`${at(p.line, p.column)}could not read requirement "${item.value}"`);
      continue;
    }
    out.push(declared('pypi', req.name, doc.lines.at(item.offset + req.nameIndex), req.version, group));
  }
}

const normalise = (name: string) => name.toLowerCase().replace(/[-_.]+/g, '-');

/** Normalised package name → the first Poetry extra that lists it. */
function poetryExtras(poetry: TomlTable): Map<string, string> {
  const map = new Map<string, string>();
  for (const extra of tableAt(poetry, 'extras')?.entries.values() ?? []) {
    if (extra.value.kind !== 'array') continue;
    for (const item of extra.value.items) {
      if (item.kind !== 'string') continue;
      const name = normalise(item.value.trim());
      if (!map.has(name)) map.set(name, extra.key);
    }
  }
  return map;
}

function poetryDependencies(
  doc: TomlDocument,
  table: TomlTable | undefined,
  group: string,
  extras: Map<string, string>,
  out: DeclaredPackage[],
): void {
  for (const entry of table?.entries.values() ?? []) {
    if (entry.key.toLowerCase() === 'python') continue;
    const v = entry.value;
    let version: string | undefined;
    let g = group;
    if (v.kind === 'string') version = v.value;
    else if (v.kind === 'table') {
      version = stringAt(v, 'version');
      if (isTrue(v, 'optional')) g = `optional:${extras.get(normalise(entry.key)) ?? group}`;
    }
    // An array of constraint tables (one per Python/platform) has no single version: left out.
    out.push(declared('pypi', entry.key, doc.lines.at(entry.keyOffset), version, g));
  }
}
