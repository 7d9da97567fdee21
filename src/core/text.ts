/**
 * Bytes to text: binary detection, encodings (UTF-8 with or without BOM, UTF-16 by BOM, Latin-1 for bytes that are
 * not valid UTF-8), offset → line/column for hits in increasing order, notebook cells, and the keyword automaton
 * (the matcher's prefilter) with `triageBytes`, which decides what a file needs without decoding it.
 * Lines and columns follow VS Code: 1-based; `\n`, `\r\n` and a lone `\r` end a line; the column counts UTF-16 code
 * units; a byte-order mark is not part of line 1.
 */
import { parseTree, type ParseError } from 'jsonc-parser/lib/esm/main.js';
import { Buffer, isAscii, isUtf8 } from 'node:buffer';

/** How far into a file a NUL byte makes it binary. */
export const BINARY_SNIFF_BYTES = 8192;

/** What a file's bytes are, decided without decoding them. `start` is the byte offset of the text (after a BOM). */
export type TextEncodingInfo =
  | { kind: 'binary'; message: string }
  | { kind: 'utf8'; start: number }
  | { kind: 'latin1'; start: 0; warning: string }
  | { kind: 'utf16le' | 'utf16be'; start: 2 };

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Offset of the first byte that makes `bytes` invalid UTF-8 (from `start`), or -1. Only called on the slow path. */
export function firstInvalidUtf8(bytes: Uint8Array, start = 0): number {
  for (let i = start; i < bytes.length; ) {
    const b = bytes[i]!;
    const need = b < 0x80 ? 0 : b < 0xc2 ? -1 : b <= 0xdf ? 1 : b <= 0xef ? 2 : b <= 0xf4 ? 3 : -1;
    if (need < 0) return i;
    let cp = need ? b & (0x7f >> (need + 1)) : b;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (need && (cp < [0, 0x80, 0x800, 0x10000][need]! || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))) return i;
    i += need + 1;
  }
  return -1;
}

/** Classifies bytes: binary (NUL in the first 8 KB, unless a UTF-16 BOM says otherwise), UTF-8, UTF-16, or Latin-1. */
export function sniffText(bytes: Uint8Array): TextEncodingInfo {
  const n = bytes.length;
  if (n >= 2) {
    const b0 = bytes[0]!;
    const b1 = bytes[1]!;
    if (b0 === 0xff && b1 === 0xfe) return { kind: 'utf16le', start: 2 };
    if (b0 === 0xfe && b1 === 0xff) return { kind: 'utf16be', start: 2 };
  }
  const buf = asBuffer(bytes);
  const nul = buf.subarray(0, BINARY_SNIFF_BYTES).indexOf(0);
  if (nul >= 0) return { kind: 'binary', message: `looks binary (NUL byte at offset ${nul})` };
  const start = n >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  if (isUtf8(start === 0 ? buf : buf.subarray(start))) return { kind: 'utf8', start };
  const bad = firstInvalidUtf8(bytes, start);
  return {
    kind: 'latin1',
    start: 0,
    warning: `not valid UTF-8 (first bad byte at offset ${bad < 0 ? start : bad}); read as Latin-1`,
  };
}

/** Decodes bytes using what `sniffText` found. */
export function decodeWith(bytes: Uint8Array, info: Exclude<TextEncodingInfo, { kind: 'binary' }>): string {
  const buf = asBuffer(bytes);
  switch (info.kind) {
    case 'utf8':
      return buf.toString('utf8', info.start);
    case 'latin1':
      return buf.toString('latin1');
    case 'utf16le':
      return buf.toString('utf16le', 2);
    case 'utf16be': // a swapped copy of the code units
      return Buffer.from(bytes.subarray(2, 2 + ((bytes.length - 2) & ~1))).swap16().toString('utf16le');
  }
}

/**
 * Bytes to text. NUL byte in the first 8 KB → `{ binary }` (the message says where). UTF-8 BOM stripped; UTF-16 LE/BE
 * by BOM; bytes that are not valid UTF-8 are read as Latin-1 (nothing is lost, ASCII ids still match) with a warning.
 */
export function decodeText(bytes: Uint8Array): { text: string; warning?: string } | { binary: string } {
  const info = sniffText(bytes);
  if (info.kind === 'binary') return { binary: info.message };
  const text = decodeWith(bytes, info);
  return info.kind === 'latin1' ? { text, warning: info.warning } : { text };
}

/** A 1-based line and UTF-16 column. */
export interface LineColumn {
  line: number;
  column: number;
}

/**
 * Offset → line/column, cheap for increasing offsets (it walks forward from the last answer, with native `indexOf`
 * when the text has no `\r`); a smaller offset restarts from the top. `input` is a string (offsets are UTF-16 indices)
 * or UTF-8 / Latin-1 bytes from `start`, past a BOM: offsets are then byte offsets, lines are counted on the bytes and
 * only the stretch of the line before the offset is decoded, to count its UTF-16 units.
 */
export class LineIndex {
  private pos: number;
  private line = 1;
  private lineStart: number;
  /** Whether the input holds a CR: looked up on the first `position` (most inputs are never asked one). */
  private hasCr: boolean | undefined;
  private readonly buf: Buffer | undefined;

  constructor(
    private readonly input: string | Uint8Array,
    private readonly start = 0,
    private readonly encoding: 'utf8' | 'latin1' = 'utf8',
  ) {
    this.buf = typeof input === 'string' ? undefined : asBuffer(input);
    this.pos = this.lineStart = start;
  }

  position(offset: number): LineColumn {
    if (offset < this.pos) {
      this.pos = this.lineStart = this.start;
      this.line = 1;
    }
    const b = this.buf;
    const t = this.input as string;
    this.hasCr ??= b ? b.indexOf(13, this.start) >= 0 : t.indexOf('\r', this.start) >= 0;
    if (!this.hasCr) {
      const next = (from: number) => (b ? b.indexOf(10, from) : t.indexOf('\n', from));
      for (let nl = next(this.pos); nl >= 0 && nl < offset; nl = next(nl + 1)) {
        this.line++;
        this.lineStart = nl + 1;
      }
    } else {
      const code = (i: number) => (b ? b[i] : t.charCodeAt(i));
      for (let i = this.pos; i < offset; i++) {
        const c = code(i);
        if (c === 10 || (c === 13 && code(i + 1) !== 10)) {
          this.line++;
          this.lineStart = i + 1;
        }
      }
    }
    this.pos = offset;
    let column = offset - this.lineStart + 1;
    if (b && this.encoding === 'utf8' && column > 1 && !isAscii(b.subarray(this.lineStart, offset))) {
      column = b.toString('utf8', this.lineStart, offset).length + 1;
    }
    return { line: this.line, column };
  }
}

/** Line of the first syntax error of a notebook's JSON (1 if none). */
export function notebookErrorLine(text: string): number {
  const errors: ParseError[] = [];
  parseTree(text, errors, { disallowComments: true, allowTrailingComma: false });
  return new LineIndex(text).position(errors[0]?.offset ?? 0).line;
}

/** For a notebook's text: offset (UTF-16) → 1-based cell, or undefined outside cells or without a `cells` array. */
export function notebookCells(text: string): ((offset: number) => number | undefined) | undefined {
  const root = parseTree(text, [], { disallowComments: true });
  const arr = root?.type === 'object' ? root.children?.find((p) => p.children?.[0]?.value === 'cells') : undefined;
  const cells = arr?.children?.[1]?.type === 'array' ? (arr.children[1].children ?? []) : undefined;
  if (!cells) return undefined;
  return (offset) => {
    for (let lo = 0, hi = cells.length - 1; lo <= hi; ) {
      const mid = (lo + hi) >> 1;
      const c = cells[mid]!;
      if (offset < c.offset) hi = mid - 1;
      else if (offset >= c.offset + c.length) lo = mid + 1;
      else return mid + 1;
    }
    return undefined;
  };
}
