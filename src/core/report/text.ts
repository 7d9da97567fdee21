/**
 * Small plain-text layout helpers for terminal tables (no dependency; widths in code points).
 */
import { levelLabel } from '../labels';
export interface Style {
  bold(s: string): string;
  dim(s: string): string;
  level(level: string, s: string): string;
}

const plain: Style = { bold: (s) => s, dim: (s) => s, level: (_l, s) => s };

const LEVEL_COLOR: Record<string, number> = {
  'api-only': 31,
  hosted: 31,
  proprietary: 31,
  'restricted-weights': 33,
  unknown: 33,
  'open-weights': 32,
  'fully-open': 32,
  'open-source': 32,
};

const ansi: Style = {
  bold: (s) => `\u001b[1m${s}\u001b[22m`,
  dim: (s) => `\u001b[2m${s}\u001b[22m`,
  level: (l, s) => (LEVEL_COLOR[l] ? `\u001b[${LEVEL_COLOR[l]}m${s}\u001b[39m` : s),
};

export function style(color: boolean): Style {
  return color ? ansi : plain;
}

/** Cuts `s` to `width` code points, ending with an ellipsis when cut. */
export function fit(s: string, width: number): string {
  const cps = [...s];
  if (cps.length <= width) return s + ' '.repeat(width - cps.length);
  return cps.slice(0, Math.max(0, width - 1)).join('') + '…';
}

/** Rows of cells laid out in columns of the given widths (the last column is not padded). */
export function columns(rows: string[][], widths: number[], gap = '  '): string[] {
  return rows.map((cells) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? ([...c].length > (widths[i] ?? 0) ? fit(c, widths[i] ?? 0) : c) : fit(c, widths[i] ?? 0)))
      .join(gap)
      .trimEnd(),
  );
}

/** Word-wraps `text` to `width`, indenting continuation lines by `indent`. */
export function wrap(text: string, width: number, indent = ''): string[] {
  const words = text.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    if (line && line.length + 1 + w.length > width) {
      lines.push(line);
      line = indent + w;
    } else line = line ? `${line} ${w}` : (lines.length ? indent : '') + w;
  }
  if (line) lines.push(line);
  return lines;
}

/** English level labels for the CLI and reports (the shared table in ../labels). */
export const LEVEL_LABEL: Record<string, string> = Object.fromEntries(
  (['api-only', 'hosted', 'restricted-weights', 'open-weights', 'fully-open', 'open-source', 'proprietary', 'unknown'] as const).map((l) => [
    l,
    levelLabel(l, 'en'),
  ]),
);
