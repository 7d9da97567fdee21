/**
 * The scan as a terminal table that reads well in 80 columns.
 */
import type { Finding, ScanResult } from '../types';
import { onlineLine } from './card';
import { fit, LEVEL_LABEL, style as makeStyle, wrap } from './text';

export interface TableOptions {
  color: boolean;
  width?: number;
}

function where(f: Finding): string {
  const shown = f.locations.slice(0, 2).map((l) => `${l.path}:${l.line}`);
  const more = f.locations.length > 2 ? ` (+${f.locations.length - 2})` : '';
  return shown.join(', ') + more;
}

/** Two lines a finding: name and openness; then licence and where (never truncates the id on the first line
 * unless it alone exceeds the width). */
function section(title: string, findings: Finding[], width: number, opts: TableOptions): string[] {
  if (!findings.length) return [];
  const s = makeStyle(opts.color);
  const levelWidth = 18;
  const rows = findings.flatMap((f) => {
    const name = f.kind === 'package' ? `${f.name} (${f.ecosystem})` : f.name;
    const label = LEVEL_LABEL[f.openness.level] ?? f.openness.level;
    const first = `  ${fit(name, width - 4 - levelWidth)}  ${s.level(f.openness.level, label)}`;
    const second = s.dim(`    ${fit(`${f.license.name} · ${f.access} · ${where(f)}`, width - 4).trimEnd()}`);
    const online = f.online ? onlineLine(f.online) : '';
    return online ? [first, second, s.dim(`    ${fit(online, width - 4).trimEnd()}`)] : [first, second];
  });
  return [s.bold(`${title} (${findings.length})`), ...rows, ''];
}

export function renderTable(result: ScanResult, opts: TableOptions): string {
  const width = Math.max(60, opts.width ?? 80);
  const s = makeStyle(opts.color);
  const models = result.findings.filter((f) => f.kind === 'model');
  const api = models.filter((f) => f.access === 'api');
  const local = models.filter((f) => f.access !== 'api');
  const packages = result.findings.filter((f) => f.kind === 'package');
  const out: string[] = [s.bold(`AI Openness scan of ${result.root}`), ''];
  out.push(...section('Models reached through an API', api, width, opts));
  out.push(...section('Models you can self-host', local, width, opts));
  out.push(...section('AI packages', packages, width, opts));
  if (!result.findings.length) out.push('No AI dependencies found.', '');
  if (result.errors.length) {
    out.push(s.bold(`Problems (${result.errors.length})`));
    for (const e of result.errors) out.push(...wrap(`${e.path}: ${e.message}`, width - 2, '  ').map((l) => '  ' + l));
    out.push('');
  }
  const sum = result.summary;
  out.push(
    ...wrap(
      `${sum.findings} finding${sum.findings === 1 ? '' : 's'} (${sum.models} model${sum.models === 1 ? '' : 's'}, ` +
        `${sum.packages} package${sum.packages === 1 ? '' : 's'}) in ${sum.filesScanned} files, ` +
        `${(sum.bytesScanned / 1048576).toFixed(1)} MB, ${(sum.durationMs / 1000).toFixed(2)} s.`,
      width,
    ),
  );
  return out.join('\n') + '\n';
}
