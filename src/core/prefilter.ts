/**
 * The model matcher's prefilter: an Aho-Corasick automaton over the catalog's keywords, searched over bytes or
 * strings, and `triageBytes`, which decides what a file needs without decoding it.
 */
import { Buffer, isUtf8 } from 'node:buffer';

/**
 * Aho-Corasick DFA. `table[(state << 8) | byte]` is the next state (bytes and UTF-16 units above 255 are in no keyword:
 * state 0's row for 0). Accepting states are numbered last, so "a keyword ends here" is `state >= accept`: no extra
 * load in the loop. Measured (bench/, 36 keywords, 171 states): indexing by byte directly is ~15 % faster than a
 * byte-class table, and four interleaved streams another ~20 % (the loop is bound by the load → next-state latency).
 */
export interface Automaton {
  table: Uint16Array;
  /** States at or above this are accepting. */
  accept: number;
  /** Keyword indices ending at each state. */
  outputs: number[][];
  /** Length of the longest keyword. */
  longest: number;
}

export function buildAutomaton(keywords: readonly string[]): Automaton {
  const lower = (c: number) => (c >= 65 && c <= 90 ? c + 32 : c);
  // Trie over lower-cased ASCII code units (a keyword's non-ASCII characters can never match: they end it).
  const children: Map<number, number>[] = [new Map()];
  const own: number[][] = [[]];
  keywords.forEach((k, ki) => {
    if (!k.length) return;
    let s = 0;
    for (let i = 0; i < k.length; i++) {
      const c = lower(k.charCodeAt(i));
      if (c > 127) return;
      let n = children[s]!.get(c);
      if (n === undefined) {
        n = children.length;
        children.push(new Map());
        own.push([]);
        children[s]!.set(c, n);
      }
      s = n;
    }
    own[s]!.push(ki);
  });
  const count = children.length;
  if (count > 65535) throw new Error('too many keyword states for the matcher (over 65535)');
  // BFS: failure links, outputs and the full transition table over lower-case ASCII (by old state id).
  const delta = new Int32Array(count * 128);
  const fail = new Int32Array(count);
  const outputs: number[][] = own.map((o) => [...o]);
  const queue: number[] = [];
  for (const [c, n] of children[0]!) {
    delta[c] = n;
    queue.push(n);
  }
  for (let qi = 0; qi < queue.length; qi++) {
    const s = queue[qi]!;
    outputs[s]!.push(...outputs[fail[s]!]!);
    for (let c = 0; c < 128; c++) {
      const n = children[s]!.get(c);
      if (n !== undefined) {
        fail[n] = delta[fail[s]! * 128 + c]!;
        delta[s * 128 + c] = n;
        queue.push(n);
      } else {
        delta[s * 128 + c] = delta[fail[s]! * 128 + c]!;
      }
    }
  }
  // Renumber: non-accepting states first (root stays 0), accepting after; expand to 256 columns with case folding.
  const order: number[] = [];
  for (let s = 0; s < count; s++) if (outputs[s]!.length === 0) order.push(s);
  const accept = order.length;
  for (let s = 0; s < count; s++) if (outputs[s]!.length > 0) order.push(s);
  const newId = new Int32Array(count);
  order.forEach((old, i) => (newId[old] = i));
  const table = new Uint16Array(count * 256);
  for (let s = 0; s < count; s++) {
    const row = newId[s]! << 8;
    for (let c = 0; c < 128; c++) table[row | c] = newId[delta[s * 128 + lower(c)]!]!;
    // 128…255: no keyword byte; state 0.
  }
  return {
    table,
    accept,
    outputs: order.map((old) => outputs[old]!),
    longest: Math.max(1, ...keywords.map((k) => k.length)),
  };
}

/**
 * Pushes the index of the last character of every keyword occurrence in bytes[start, end) onto `hits`, in order.
 * Long inputs run as four independent streams over four quarters (instruction-level parallelism); each stream but the
 * first starts `longest` bytes early (without reporting) so that it is in the right state at its quarter's start.
 */
export function scanBytes(a: Automaton, bytes: Uint8Array, start: number, end: number, hits: number[]): void {
  if (end - start < 2048) scanBytesShort(a.table, a.accept, bytes, start, end, hits);
  else scanBytesLong(a.table, a.accept, a.longest, bytes, start, end, hits);
}

// The two kernels below are self-contained (parameters and built-ins only): mentions.ts serializes them with
// toString() into its worker threads. Keep them that way.

/** One stream (short inputs). See scanBytes. */
export function scanBytesShort(
  T: Uint16Array,
  acc: number,
  bytes: Uint8Array,
  start: number,
  end: number,
  hits: number[],
): void {
  let s = 0;
  for (let i = start; i < end; i++) {
    s = T[(s << 8) | bytes[i]!]!;
    if (s >= acc) hits.push(i);
  }
}

/** Four streams (inputs of 2 KB and more). See scanBytes. */
export function scanBytesLong(
  T: Uint16Array,
  acc: number,
  longest: number,
  bytes: Uint8Array,
  start: number,
  end: number,
  hits: number[],
): void {
  const len = end - start;
  const q = len >> 2;
  const warm = Math.min(longest, q);
  const h2: number[] = [];
  const h3: number[] = [];
  const h4: number[] = [];
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let s4 = 0;
  let i = start;
  let j2 = start + q - warm;
  let j3 = j2 + q;
  let j4 = j3 + q;
  for (let k = 0; k < warm; k++, j2++, j3++, j4++) {
    s2 = T[(s2 << 8) | bytes[j2]!]!;
    s3 = T[(s3 << 8) | bytes[j3]!]!;
    s4 = T[(s4 << 8) | bytes[j4]!]!;
  }
  const stop = start + q;
  for (; i < stop; i++, j2++, j3++, j4++) {
    s1 = T[(s1 << 8) | bytes[i]!]!;
    s2 = T[(s2 << 8) | bytes[j2]!]!;
    s3 = T[(s3 << 8) | bytes[j3]!]!;
    s4 = T[(s4 << 8) | bytes[j4]!]!;
    if ((s1 | s2 | s3 | s4) >= acc) {
      if (s1 >= acc) hits.push(i);
      if (s2 >= acc) h2.push(j2);
      if (s3 >= acc) h3.push(j3);
      if (s4 >= acc) h4.push(j4);
    }
  }
  for (; j4 < end; j4++) {
    s4 = T[(s4 << 8) | bytes[j4]!]!;
    if (s4 >= acc) h4.push(j4);
  }
  for (const h of h2) hits.push(h);
  for (const h of h3) hits.push(h);
  for (const h of h4) hits.push(h);
}

/** Same as scanBytes, over a string's UTF-16 code units (rarer: notebooks, UTF-16 files, editors); one stream. */
export function scanString(a: Automaton, text: string, hits: number[]): void {
  const T = a.table;
  const acc = a.accept;
  let s = 0;
  for (let i = 0, n = text.length; i < n; i++) {
    const c = text.charCodeAt(i);
    s = T[(s << 8) | (c < 256 ? c : 0)]!;
    if (s >= acc) hits.push(i);
  }
}

/** What `triageBytes` needs: the prefilter's tables and kernels, and the Buffer helpers (passed in: see there). */
export interface TriageKit {
  table: Uint16Array;
  accept: number;
  longest: number;
  short: typeof scanBytesShort;
  long: typeof scanBytesLong;
  Buffer: typeof Buffer;
  isUtf8: typeof isUtf8;
}

/**
 * What a file's bytes need, in one cheap pass: `{ binary }` (NUL offset in the first 8 KB); `null` for UTF-8 text
 * without a keyword (count it, nothing else); `{ bytes, start, positions }` for UTF-8 text with keywords (a notebook:
 * valid JSON too); `{ bytes }` when only the full path will do (UTF-16, not UTF-8, a notebook that is not valid JSON).
 * Self-contained (parameters and built-ins only): mentions.ts runs it in worker threads too, from its source text.
 */
export function triageBytes(
  bytes: Uint8Array,
  notebook: boolean,
  kit: TriageKit,
): { binary: number } | { bytes: Uint8Array; start?: number; positions?: number[] } | null {
  const size = bytes.length;
  if (size >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    return { bytes };
  }
  const buf = kit.Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const nul = buf.subarray(0, 8192).indexOf(0);
  if (nul >= 0) return { binary: nul };
  const start = size >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  if (!kit.isUtf8(start ? buf.subarray(start) : buf)) return { bytes };
  if (notebook) {
    try {
      JSON.parse(buf.toString('utf8', start)); // native: the cheap validity check
    } catch {
      return { bytes };
    }
  }
  const positions: number[] = [];
  if (size - start < 2048) kit.short(kit.table, kit.accept, bytes, start, size, positions);
  else kit.long(kit.table, kit.accept, kit.longest, bytes, start, size, positions);
  return positions.length ? { bytes, start, positions } : null;
}
