/**
 * TOML with positions. smol-toml validates the document (its error, with line and column, is what we report); a
 * small tolerant scanner then rebuilds the same tree keeping the offset of every key and string, which smol-toml does
 * not expose. The scanner follows [table] / [[array]] headers, dotted keys, quoted keys, inline tables and
 * multi-line arrays; on a line it cannot read it skips to the next one (smol-toml has reported the real problem).
 */
import type * as SmolToml from 'smol-toml' with { 'resolution-mode': 'import' };
import type { DeclaredPackage } from '../types';
import { LineIndex, at, messageOf, stripBom } from './text';

// smol-toml is an ES module with a CommonJS build; this project compiles to CommonJS (esbuild bundles either), so it is
// loaded with require and typed from its ESM declarations.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { parse: parseToml } = require('smol-toml') as typeof SmolToml;

/** A string value; `offset` is its first content character (after the opening quote(s)). */
export interface TomlString {
  kind: 'string';
  value: string;
  offset: number;
}
export interface TomlArray {
  kind: 'array';
  items: TomlValue[];
  offset: number;
}
export interface TomlTable {
  kind: 'table';
  entries: Map<string, TomlEntry>;
  offset: number;
}
/** Numbers, booleans, dates: kept as written. */
export interface TomlOther {
  kind: 'other';
  raw: string;
  offset: number;
}
export type TomlValue = TomlString | TomlArray | TomlTable | TomlOther;

/** A key and its value; `keyOffset` is the key's first character (inside the quotes for a quoted key), taken from
 * where the key was first written (for `[dependencies.foo]` that is the `foo` of the header). */
export interface TomlEntry {
  key: string;
  keyOffset: number;
  value: TomlValue;
}

export interface TomlDocument {
  text: string;
  lines: LineIndex;
  root: TomlTable;
  /** The validation error, if the document is not valid TOML. */
  error?: { line: number; column: number; message: string };
}

/** Reads a TOML document. Never throws. */
export function readToml(input: string): TomlDocument {
  const text = stripBom(input);
  const lines = new LineIndex(text);
  let error: TomlDocument['error'];
  try {
    parseToml(text);
  } catch (e) {
    const line = typeof (e as { line?: unknown }).line === 'number' ? (e as { line: number }).line : 1;
    const column = typeof (e as { column?: unknown }).column === 'number' ? (e as { column: number }).column : 1;
    error = { line, column, message: messageOf(e).replace(/^Invalid TOML document:\s*/i, '') };
  }
  let root: TomlTable = { kind: 'table', entries: new Map(), offset: 0 };
  try {
    root = new Scanner(text).run();
  } catch {
    // The scanner is defensive; should it still fail, the validation error (if any) says why.
  }
  return error ? { text, lines, root, error } : { text, lines, root };
}

/** The error sentence for an invalid document, or an empty list. */
export function tomlErrors(doc: TomlDocument): string[] {
  return doc.error ? [`${at(doc.error.line, doc.error.column)}invalid TOML: ${doc.error.message}`] : [];
}

/** What could be read of an invalid document: the packages declared before the line of the error. */
export function keepReadable(doc: TomlDocument, packages: DeclaredPackage[]): DeclaredPackage[] {
  const err = doc.error;
  return err ? packages.filter((p) => p.line < err.line) : packages;
}

/** Follows a path of keys through (array-of-)tables. */
export function tableAt(table: TomlTable | undefined, ...path: string[]): TomlTable | undefined {
  let t = table;
  for (const k of path) {
    const v = t?.entries.get(k)?.value;
    t = v === undefined ? undefined : asTable(v);
  }
  return t;
}

export function asTable(v: TomlValue): TomlTable | undefined {
  if (v.kind === 'table') return v;
  if (v.kind === 'array') {
    const last = v.items[v.items.length - 1];
    return last?.kind === 'table' ? last : undefined;
  }
  return undefined;
}

/** The string value of a key in a table, if it is a string. */
export function stringAt(table: TomlTable | undefined, key: string): string | undefined {
  const v = table?.entries.get(key)?.value;
  return v?.kind === 'string' ? v.value : undefined;
}

/** True when a key holds the boolean true. */
export function isTrue(table: TomlTable | undefined, key: string): boolean {
  const v = table?.entries.get(key)?.value;
  return v?.kind === 'other' && v.raw === 'true';
}

const BARE_KEY = /[A-Za-z0-9_-]+/y;
const ESCAPES: Record<string, string> = {
  b: '\b',
  t: '\t',
  n: '\n',
  f: '\f',
  r: '\r',
  e: '\x1b',
  '"': '"',
  '\\': '\\',
};

interface Key {
  name: string;
  offset: number;
}

class Scanner {
  private pos = 0;
  private readonly root: TomlTable = { kind: 'table', entries: new Map(), offset: 0 };
  private current: TomlTable = this.root;

  constructor(private readonly s: string) {}

  run(): TomlTable {
    const s = this.s;
    while (this.pos < s.length) {
      this.skipBlank();
      if (this.pos >= s.length) break;
      const before = this.pos;
      const ok = s[this.pos] === '[' ? this.header() : this.keyValue(this.current);
      this.skipSpaces();
      if (s[this.pos] === '#') this.skipToEol();
      if (!ok || !this.atEol() || this.pos === before) this.skipLine();
    }
    return this.root;
  }

  private header(): boolean {
    const isArray = this.s.startsWith('[[', this.pos);
    this.pos += isArray ? 2 : 1;
    const keys = this.keys();
    if (!keys) return false;
    this.skipSpaces();
    const close = isArray ? ']]' : ']';
    if (!this.s.startsWith(close, this.pos)) return false;
    this.pos += close.length;
    let t: TomlTable | undefined = this.root;
    keys.forEach((k, i) => {
      if (!t) return;
      if (isArray && i === keys.length - 1) {
        let entry = t.entries.get(k.name);
        if (!entry) {
          entry = { key: k.name, keyOffset: k.offset, value: { kind: 'array', items: [], offset: k.offset } };
          t.entries.set(k.name, entry);
        }
        if (entry.value.kind !== 'array') {
          t = undefined;
          return;
        }
        const item: TomlTable = { kind: 'table', entries: new Map(), offset: k.offset };
        entry.value.items.push(item);
        t = item;
      } else {
        t = this.child(t, k);
      }
    });
    if (!t) return false;
    this.current = t;
    return true;
  }

  private keyValue(table: TomlTable): boolean {
    const keys = this.keys();
    if (!keys) return false;
    this.skipSpaces();
    if (this.s[this.pos] !== '=') return false;
    this.pos++;
    this.skipSpaces();
    const value = this.value();
    if (!value) return false;
    let t: TomlTable | undefined = table;
    for (const k of keys.slice(0, -1)) t = t ? this.child(t, k) : undefined;
    const last = keys[keys.length - 1];
    if (!t || !last) return false;
    if (!t.entries.has(last.name)) t.entries.set(last.name, { key: last.name, keyOffset: last.offset, value });
    return true;
  }

  /** The sub-table `k` of `t`, created (with this key's position) when first seen. */
  private child(t: TomlTable, k: Key): TomlTable | undefined {
    const existing = t.entries.get(k.name);
    if (existing) return asTable(existing.value);
    const table: TomlTable = { kind: 'table', entries: new Map(), offset: k.offset };
    t.entries.set(k.name, { key: k.name, keyOffset: k.offset, value: table });
    return table;
  }

  private keys(): Key[] | undefined {
    const keys: Key[] = [];
    for (;;) {
      this.skipSpaces();
      const c = this.s[this.pos];
      let key: Key | undefined;
      if (c === '"' || c === "'") {
        const str = this.singleLineString(c);
        key = str ? { name: str.value, offset: str.offset } : undefined;
      } else {
        BARE_KEY.lastIndex = this.pos;
        const m = BARE_KEY.exec(this.s);
        if (m) {
          key = { name: m[0], offset: this.pos };
          this.pos += m[0].length;
        }
      }
      if (!key) return undefined;
      keys.push(key);
      this.skipSpaces();
      if (this.s[this.pos] !== '.') return keys;
      this.pos++;
    }
  }

  private value(): TomlValue | undefined {
    const s = this.s;
    const c = s[this.pos];
    if (s.startsWith('"""', this.pos) || s.startsWith("'''", this.pos)) return this.multiLineString(c === '"');
    if (c === '"' || c === "'") return this.singleLineString(c);
    if (c === '[') return this.array();
    if (c === '{') return this.inlineTable();
    const m = /[^,\]}#\r\n]*/y;
    m.lastIndex = this.pos;
    const raw = (m.exec(s)?.[0] ?? '').trimEnd();
    if (raw === '') return undefined;
    const offset = this.pos;
    this.pos += raw.length;
    return { kind: 'other', raw, offset };
  }

  private array(): TomlArray | undefined {
    const arr: TomlArray = { kind: 'array', items: [], offset: this.pos };
    this.pos++;
    for (;;) {
      this.skipBlank();
      if (this.s[this.pos] === ']') break;
      const v = this.value();
      if (!v) return undefined;
      arr.items.push(v);
      this.skipBlank();
      if (this.s[this.pos] === ',') this.pos++;
      else if (this.s[this.pos] !== ']') return undefined;
    }
    this.pos++;
    return arr;
  }

  private inlineTable(): TomlTable | undefined {
    const table: TomlTable = { kind: 'table', entries: new Map(), offset: this.pos };
    this.pos++;
    for (;;) {
      this.skipBlank();
      if (this.s[this.pos] === '}') break;
      if (!this.keyValue(table)) return undefined;
      this.skipBlank();
      if (this.s[this.pos] === ',') this.pos++;
      else if (this.s[this.pos] !== '}') return undefined;
    }
    this.pos++;
    return table;
  }

  private singleLineString(quote: string): TomlString | undefined {
    const s = this.s;
    const offset = this.pos + 1;
    let value = '';
    let i = offset;
    while (i < s.length) {
      const c = s[i] as string;
      if (c === quote) {
        this.pos = i + 1;
        return { kind: 'string', value, offset };
      }
      if (c === '\n' || c === '\r') return undefined;
      if (c === '\\' && quote === '"') {
        const [text, next] = this.escape(i);
        value += text;
        i = next;
        continue;
      }
      value += c;
      i++;
    }
    return undefined;
  }

  private multiLineString(basic: boolean): TomlString | undefined {
    const s = this.s;
    const delim = basic ? '"""' : "'''";
    let i = this.pos + 3;
    if (s.startsWith('\r\n', i)) i += 2;
    else if (s[i] === '\n') i++;
    const offset = i;
    let value = '';
    while (i < s.length) {
      if (s.startsWith(delim, i)) {
        let end = i + 3;
        // Up to two quotes right before the closing delimiter belong to the content.
        while (end < i + 5 && s[end] === delim[0]) end++;
        value += s.slice(i, end - 3);
        this.pos = end;
        return { kind: 'string', value, offset };
      }
      const c = s[i] as string;
      if (basic && c === '\\') {
        const lineEnd = /[ \t]*(?:\r?\n)[ \t\r\n]*/y;
        lineEnd.lastIndex = i + 1;
        const m = lineEnd.exec(s);
        if (m) {
          i += 1 + m[0].length;
          continue;
        }
        const [text, next] = this.escape(i);
        value += text;
        i = next;
        continue;
      }
      value += c;
      i++;
    }
    return undefined;
  }

  /** Decodes the escape at `i` (a backslash); returns the text and the index after it. */
  private escape(i: number): [string, number] {
    const c = this.s[i + 1] ?? '';
    const simple = ESCAPES[c];
    if (simple !== undefined) return [simple, i + 2];
    const len = c === 'u' ? 4 : c === 'U' ? 8 : c === 'x' ? 2 : 0;
    const hex = this.s.slice(i + 2, i + 2 + len);
    if (len > 0 && /^[0-9A-Fa-f]+$/.test(hex) && hex.length === len) {
      const cp = parseInt(hex, 16);
      if (cp <= 0x10ffff) return [String.fromCodePoint(cp), i + 2 + len];
    }
    return [c, i + 2];
  }

  private skipSpaces(): void {
    while (this.s[this.pos] === ' ' || this.s[this.pos] === '\t') this.pos++;
  }

  private skipBlank(): void {
    for (;;) {
      const c = this.s[this.pos];
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r') this.pos++;
      else if (c === '#') this.skipToEol();
      else return;
    }
  }

  private skipToEol(): void {
    while (this.pos < this.s.length && this.s[this.pos] !== '\n' && this.s[this.pos] !== '\r') this.pos++;
  }

  private atEol(): boolean {
    const c = this.s[this.pos];
    return c === undefined || c === '\n' || c === '\r';
  }

  private skipLine(): void {
    this.skipToEol();
    if (this.s[this.pos] === '\r') this.pos++;
    if (this.s[this.pos] === '\n') this.pos++;
  }
}
