/**
 * Small text helpers shared by the manifest parsers: offset → line/column, BOM handling and error wording.
 * Lines and columns are 1-based; columns count UTF-16 code units (JavaScript string indices), as VS Code does.
 */
import type { DeclaredPackage, Ecosystem } from '../types';

export interface LineColumn {
  line: number;
  column: number;
}

/** Maps string offsets to 1-based line/column. Line breaks are \n, \r\n or a lone \r. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(private readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) this.starts.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        this.starts.push(i + 1);
      }
    }
  }

  /** Position of the character at `offset` (clamped to the text). */
  at(offset: number): LineColumn {
    const off = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= off) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: off - (this.starts[lo] ?? 0) + 1 };
  }
}

/** Drops a leading byte-order mark: editors do not show it, so it must not shift line 1's columns. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Splits text into lines (without their terminators), keeping each line's start offset. */
export function splitLines(text: string): { text: string; offset: number }[] {
  const out: { text: string; offset: number }[] = [];
  const re = /\r\n|\r|\n/g;
  let start = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    out.push({ text: text.slice(start, m.index), offset: start });
    start = m.index + m[0].length;
  }
  out.push({ text: text.slice(start), offset: start });
  return out;
}

/** "line 4, column 7: " (column left out when unknown). */
export function at(line: number, column?: number): string {
  return column === undefined ? `line ${line}: ` : `line ${line}, column ${column}: `;
}

/** Short, single-line form of a parser's own message. */
export function oneLine(message: string): string {
  const first = message.split(/\r?\n/)[0] ?? '';
  return first.trim();
}

/** The message of whatever was thrown. */
export function messageOf(e: unknown): string {
  return oneLine(e instanceof Error ? e.message : String(e));
}

/** Builds a DeclaredPackage, leaving out empty optional fields. */
export function declared(
  ecosystem: Ecosystem,
  name: string,
  pos: LineColumn,
  version?: string,
  group?: string,
): DeclaredPackage {
  const p: DeclaredPackage = { ecosystem, name, line: pos.line, column: pos.column };
  if (version !== undefined && version !== '') p.version = version;
  if (group !== undefined && group !== '') p.group = group;
  return p;
}
