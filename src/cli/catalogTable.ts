/**
 * `ai-openness catalog` as a table.
 */
import { columns, style } from '../core/report/text';
import type { Catalog } from '../core/types';

export function renderCatalogTable(catalog: Catalog, width: number): string {
  const s = style(false);
  const rest = Math.max(10, width - 34 - 26 - 4);
  const out: string[] = [s.bold(`Models (${catalog.models.length})`)];
  out.push(...columns([['ID', 'LICENCE', 'RELEASE'], ...catalog.models.map((m) => [m.id, m.license, m.release])], [34, 26, rest]));
  out.push('', `Packages (${catalog.packages.length})`);
  out.push(
    ...columns(
      [['ECOSYSTEM:NAME', 'LICENCE', 'KIND'], ...catalog.packages.map((p) => [`${p.ecosystem}:${p.name}`, p.license, p.kind])],
      [34, 26, rest],
    ),
  );
  out.push('', `Licences (${catalog.licenses.length})`);
  out.push(...columns([['ID', 'NAME'], ...catalog.licenses.map((l) => [l.id, l.name])], [34, width - 36]));
  return out.join('\n') + '\n';
}
