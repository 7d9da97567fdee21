/**
 * What is under a position in a document: a model id or a catalog package declared in a manifest. Built once per
 * document version (the editor's hover keeps one per open document), then each position is a binary search.
 * Positions are 0-based lines and UTF-16 characters, as VS Code counts them (`\n`, `\r\n` and a lone `\r` end a line).
 */
import { Buffer } from 'node:buffer';
import { discoverInText } from './discover';
import type { Engine } from './engine';
import { manifestParserFor } from './manifests/index';
import { DEFAULT_MAX_FILE_SIZE } from './scan';
import type { Ecosystem } from './types';

export interface Position0 {
  line: number;
  character: number;
}

export interface Located {
  range: { start: Position0; end: Position0 };
  /** What to pass to `lookup()`: the model id as written, or `ecosystem:name` for a package. */
  query: string;
  kind: 'model' | 'package';
  /** The catalog id (model) or the package name as declared. */
  id: string;
  ecosystem?: Ecosystem;
  /** A Hub model id the catalog lacks, named in a model context (discover.ts): `id` is the id as written. */
  discovered?: boolean;
}

interface Hit {
  start: number;
  end: number;
  line: number;
  character: number;
  query: string;
  kind: 'model' | 'package';
  id: string;
  ecosystem?: Ecosystem;
  discovered?: boolean;
}

/** Characters that end a package name as written when its exact spelling is not at the parser's position. */
const NAME_STOP = /[\s"'<>=,;[\]{}()!~^]/;

export class DocumentIndex {
  private readonly lineStarts: number[] = [0];
  private readonly hits: Hit[] = [];
  private textLength = 0;
  /** True when the text was over the size limit and nothing was indexed. */
  readonly skipped: boolean;

  constructor(engine: Engine, fileName: string, text: string, maxSize: number = DEFAULT_MAX_FILE_SIZE) {
    this.skipped = text.length > maxSize || (text.length * 3 > maxSize && Buffer.byteLength(text, 'utf8') > maxSize);
    if (this.skipped) return;
    this.indexLines(text);
    const hits: Hit[] = [];
    for (const h of engine.matcher.findAll(text)) {
      hits.push({
        start: h.offset,
        end: h.offset + h.name.length,
        line: h.line - 1,
        character: h.column - 1,
        query: h.name,
        kind: 'model',
        id: h.model.id,
      });
    }
    for (const d of discoverInText(text, (id) => engine.matcher.matchToken(id) !== undefined)) {
      const at = { start: d.offset, end: d.offset + d.name.length, line: d.line - 1, character: d.column - 1 };
      hits.push({ ...at, query: d.name, kind: 'model', id: d.name, discovered: true });
    }
    if (hits.length > 1) hits.sort((a, b) => a.start - b.start || b.end - a.end);
    const parse = manifestParserFor(fileName);
    if (parse) {
      for (const p of parse(text).packages) {
        const pkg = engine.packages.get(p.ecosystem, p.name);
        if (!pkg) continue;
        const start = this.offsetOf(p.line - 1, p.column - 1);
        if (start === undefined) continue;
        const length = nameLength(text, start, p.name);
        if (!length) continue;
        hits.push({
          start,
          end: start + length,
          line: p.line - 1,
          character: p.column - 1,
          query: `${p.ecosystem}:${p.name}`,
          kind: 'package',
          id: p.name,
          ecosystem: p.ecosystem,
        });
      }
      hits.sort((a, b) => a.start - b.start || b.end - a.end);
    }
    // Keep hits disjoint so that a binary search on the start finds the only candidate.
    for (const h of hits) {
      const prev = this.hits[this.hits.length - 1];
      if (!prev || h.start >= prev.end) this.hits.push(h);
    }
  }

  /** Number of indexed ids and packages. */
  get size(): number {
    return this.hits.length;
  }

  /** The id or package whose range contains the position (its end included, as VS Code's word ranges are). */
  at(line0: number, character0: number): Located | undefined {
    const offset = this.offsetOf(line0, character0);
    if (offset === undefined || !this.hits.length) return undefined;
    let lo = 0;
    let hi = this.hits.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (this.hits[mid]!.start <= offset) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (found < 0) return undefined;
    let h = this.hits[found]!;
    if (offset > h.end) return undefined;
    // At a boundary shared with the next hit, the one that starts there wins.
    if (offset === h.end && found + 1 < this.hits.length && this.hits[found + 1]!.start === offset) h = this.hits[found + 1]!;
    return {
      range: { start: { line: h.line, character: h.character }, end: { line: h.line, character: h.character + (h.end - h.start) } },
      query: h.query,
      kind: h.kind,
      id: h.id,
      ...(h.ecosystem ? { ecosystem: h.ecosystem } : {}),
      ...(h.discovered ? { discovered: true } : {}),
    };
  }

  private indexLines(text: string): void {
    const starts = this.lineStarts;
    const hasCr = text.indexOf('\r') >= 0;
    if (!hasCr) {
      for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', nl + 1)) starts.push(nl + 1);
    } else {
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 10) starts.push(i + 1);
        else if (c === 13) {
          if (text.charCodeAt(i + 1) === 10) i++;
          starts.push(i + 1);
        }
      }
    }
    this.textLength = text.length;
  }

  private offsetOf(line0: number, character0: number): number | undefined {
    if (line0 < 0 || character0 < 0 || line0 >= this.lineStarts.length) return undefined;
    const start = this.lineStarts[line0]!;
    const next = line0 + 1 < this.lineStarts.length ? this.lineStarts[line0 + 1]! : this.textLength;
    const offset = start + character0;
    return offset <= next ? offset : undefined;
  }
}

/** Length of the declared name at `start`: the name itself, the Maven artifactId part, or the run of name characters. */
function nameLength(text: string, start: number, name: string): number {
  const lower = (s: string) => s.toLowerCase();
  for (const candidate of [name, name.slice(name.lastIndexOf(':') + 1)]) {
    if (candidate && lower(text.slice(start, start + candidate.length)) === lower(candidate)) return candidate.length;
  }
  let end = start;
  while (end < text.length && end - start < 256 && !NAME_STOP.test(text[end]!)) end++;
  return end - start;
}
