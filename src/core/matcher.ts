/**
 * The model-id matcher: compiled once from the catalog, then run over every file.
 *
 * 1. Prefilter: one Aho-Corasick automaton over the union of the catalog's `keywords` (ASCII, case-insensitive) finds
 *    every keyword occurrence in one pass (a DFA indexed by byte, as four interleaved streams on long inputs). It
 *    runs on raw UTF-8/Latin-1 bytes (`findAllInBytes`: files without a keyword are never decoded) or on a string
 *    (`findAll`).
 * 2. Each occurrence is widened to its candidate token: the run of id characters (ASCII letters, digits and
 *    `_ . - / : @ +`) around it. Tokens are taken once (de-duplicated by start), trailing `. : , - / @ +` and leading
 *    `. / : @ +` are trimmed.
 * 3. Context rules drop what is not a model mention: a token that is a URL (or inside one) unless the URL is a Hugging
 *    Face model page (then the repo id is the hit, at its own column); a Cargo feature (`feature = "qwen3"`,
 *    `features = [..]`, `--features`); an unquoted mapping key without a digit (`mistral:` followed by a space or end
 *    of line: a provider); a call (`Mistral(`); a placeholder (`<llama3>`, `your-model-here`); a few tool names
 *    (`llama-server`, `claude-code`…).
 * 4. Verification: the token must match, as a whole and case-insensitively, a `patterns` entry of one of the models
 *    owning the keywords it contains (one combined regex per keyword, one capture group per model; the first model in
 *    catalog order wins). Tried in order: the token; with gateway prefixes stripped (repeatedly); then without an
 *    Ollama `:tag`; for `*.gguf`, the base name without shard and quantisation suffixes. Results are cached by token.
 */
import { Buffer } from 'node:buffer';
import { DISCOVERY_KEYWORDS } from './discover';
import { buildAutomaton, scanBytes, scanString, type Automaton } from './prefilter';
import { LineIndex } from './text';
import type { Catalog, CatalogModel } from './types';

/** One model id found in a text. */
export interface ModelHit {
  /** The id as written (after trimming punctuation; for a Hugging Face URL, the repo-id part of it). */
  name: string;
  model: CatalogModel;
  /** Offset of `name`: a UTF-16 index for `findAll`, a byte offset for `findAllInBytes`. */
  offset: number;
  /** 1-based. */
  line: number;
  /** 1-based, in UTF-16 code units. */
  column: number;
}

/** Characters of a candidate id token (ASCII only): letters, digits and `_ . - / : @ +`. */
const ID_CHAR = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  if (/[A-Za-z0-9_.\-/:@+]/.test(ch)) ID_CHAR[c] = 1;
}
const isId = (c: number): boolean => c < 128 && ID_CHAR[c] === 1;

const TRAIL_TRIM = new Set([46, 58, 44, 45, 47, 64, 43]); // . : , - / @ +
const LEAD_TRIM = new Set([46, 47, 58, 64, 43]); // . / : @ +
/** Cloudflare Workers AI ids start with `@cf/` or `@hf/`: there the `@` is part of the id, not punctuation. */
const KEPT_AT = /^@[ch]f\//i;

/** Tool and product names that are not models, whatever a catalog pattern says (lower-case). */
const NOT_MODELS = new Set(
  ('llama-server llama-cli llama.cpp llama-cpp llama-cpp-python llama_cpp llama-index llama_index llamaindex ' +
    'llama-stack llamafile claude-code claude-cli gemini-cli codex-cli ollama').split(' '),
);

const PLACEHOLDER =
  /(?:^|[-_./])(?:your|my|some|example|placeholder|xxx+|todo|foo|bar)(?:[-_./]|$)|[-_](?:here|name)$/i;
const HF_HOSTS = new Set(['huggingface.co', 'www.huggingface.co', 'hf.co', 'hf-mirror.com']);
/** First path segments of Hugging Face URLs that are not a model's owner. */
const HF_NOT_MODEL = new Set(
  ('datasets spaces docs blog papers models api collections settings join login organizations pricing learn tasks ' +
    'chat').split(' '),
);
const HF_REPO_PAGES = new Set(['resolve', 'tree', 'blob', 'raw', 'commit', 'discussions']);
/** Characters that occur inside URLs but not inside id tokens (`#?=&%~!$;,*`). */
const URL_INNER = new Set([35, 63, 61, 38, 37, 126, 33, 36, 59, 44, 42]);
/** Characters that end a URL when reading backwards: space, control, quotes, brackets, non-ASCII. */
const URL_STOP = new Set([34, 39, 96, 60, 62, 40, 41, 91, 93, 123, 125]);
/** `scheme://host` or `user@host:` / `host.tld/` / `host.tld:port` at the start of a token (a TLD has letters only,
 * so Bedrock ids like `anthropic.claude-3-5-sonnet-20240620-v1:0` are not hosts). */
const URL_START =
  /^(?:[a-z][a-z0-9+.-]*:\/\/([^/?#\s]*)|(?:[\w.-]+@)?((?:[a-z0-9-]+\.)+[a-z]{2,})(?::\d*)?(?=[/:]))/i;
const FEATURE_CONTEXT = /\bfeatures?\s*[=:]\s*(?:\[[^\]\n]*)?["']$|--features(?:=|\s+)["']?(?:[\w-]+[,\s]+)*$/;
const GGUF_SHARD = /-\d{5}-of-\d{5}$/i;
const GGUF_QUANT = /[.-](?:i?q\d[a-z0-9_]*|f16|f32|fp16|fp32|bf16)$/i;
const OLLAMA_TAG = /:[a-z0-9_][a-z0-9_.-]*$/i;

/** A view of the input for the (rare) slow path after a keyword hit. */
interface Source {
  readonly length: number;
  code(i: number): number;
  slice(a: number, b: number): string;
}

/** A candidate token: what to verify, where it starts, and the trimmed token's bounds in the source. */
interface Candidate {
  token: string;
  offset: number;
  /** The token after trimming: src[start, end); `rawEnd` is where the id characters ended. */
  start: number;
  end: number;
  rawEnd: number;
}

const MAX_TOKEN = 512;
const CACHE_LIMIT = 50_000;

export class ModelMatcher {
  private readonly cache = new Map<string, CatalogModel | null>();

  private constructor(
    private readonly models: readonly CatalogModel[],
    private readonly automaton: Automaton,
    /** Per keyword: a combined `^(?:(m1…)|(m2…))$` regex and the model index of each capture group. */
    private readonly verifiers: readonly { re: RegExp; owners: number[] }[],
    private readonly gateways: readonly string[],
  ) {}

  /** Compiles the catalog's keywords and patterns. A pattern that does not compile is left out (the catalog test
   * reports it). Keywords are matched on their ASCII characters. */
  static compile(catalog: Pick<Catalog, 'models' | 'gatewayPrefixes'>): ModelMatcher {
    const models = catalog.models;
    const keywordIndex = new Map<string, number>();
    const owners: number[][] = [];
    const modelPattern: (string | undefined)[] = models.map((m) => {
      const ok = m.patterns.filter((p) => {
        try {
          new RegExp(p, 'i');
          return true;
        } catch {
          return false;
        }
      });
      return ok.length ? ok.map((p) => `(?:${p})`).join('|') : undefined;
    });
    models.forEach((m, mi) => {
      if (modelPattern[mi] === undefined) return;
      for (const raw of m.keywords) {
        const k = raw.toLowerCase();
        if (!k) continue;
        let ki = keywordIndex.get(k);
        if (ki === undefined) {
          ki = owners.length;
          keywordIndex.set(k, ki);
          owners.push([]);
        }
        if (!owners[ki]!.includes(mi)) owners[ki]!.push(mi);
      }
    });
    // Discovery keywords only send files on (discover.ts); as keywords they verify nothing.
    for (const k of DISCOVERY_KEYWORDS) if (!keywordIndex.has(k)) keywordIndex.set(k, owners.push([]) - 1);
    const keywords = [...keywordIndex.keys()];
    const verifiers = owners.map((list) => ({
      re: list.length ? new RegExp(`^(?:${list.map((mi) => `(${modelPattern[mi]})`).join('|')})$`, 'i') : /(?!)/,
      owners: list,
    }));
    const gateways = [...new Set(catalog.gatewayPrefixes.map((g) => g.toLowerCase()).filter((g) => g.length))].sort(
      (a, b) => b.length - a.length,
    );
    return new ModelMatcher(models, buildAutomaton(keywords), verifiers, gateways);
  }

  /** Every model id in a string. Offsets are UTF-16 indices. */
  findAll(text: string): ModelHit[] {
    const positions: number[] = [];
    scanString(this.automaton, text, positions);
    if (!positions.length) return [];
    const src: Source = { length: text.length, code: (i) => text.charCodeAt(i), slice: (a, b) => text.slice(a, b) };
    const lines = new LineIndex(text);
    return this.collect(src, positions, 0, (offset) => lines.position(offset));
  }

  /**
   * Every model id in UTF-8 or Latin-1 bytes, without decoding them (ids are ASCII). `start` skips a BOM. Offsets are
   * byte offsets; line and column are as in the decoded text (columns in UTF-16 units).
   */
  findAllInBytes(bytes: Uint8Array, start = 0, encoding: 'utf8' | 'latin1' = 'utf8'): ModelHit[] {
    const positions: number[] = [];
    scanBytes(this.automaton, bytes, start, bytes.length, positions);
    return this.hitsAt(bytes, start, encoding, positions);
  }

  /** The prefilter's tables, for running scanBytesShort / scanBytesLong elsewhere (a worker thread). */
  get prefilter(): { table: Uint16Array; accept: number; longest: number } {
    const a = this.automaton;
    return { table: a.table, accept: a.accept, longest: a.longest };
  }

  /** `findAllInBytes` given the prefilter's positions (ascending), as scanBytesShort / scanBytesLong found them. */
  hitsAt(bytes: Uint8Array, start: number, encoding: 'utf8' | 'latin1', positions: readonly number[]): ModelHit[] {
    if (!positions.length) return [];
    const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const src: Source = { length: buf.length, code: (i) => buf[i]!, slice: (a, b) => buf.toString('latin1', a, b) };
    const lines = new LineIndex(buf, start, encoding);
    return this.collect(src, positions, start, (offset) => lines.position(offset));
  }

  /** The catalog model a single id (as people write it) stands for: `llama3:8b`, `openai/gpt-4o`, an HF URL… */
  matchToken(token: string): CatalogModel | undefined {
    let t = token.trim().replace(/^["'`<(]+|["'`>),;]+$/g, '');
    let a = 0;
    let b = t.length;
    while (a < b && LEAD_TRIM.has(t.charCodeAt(a)) && !KEPT_AT.test(t.slice(a, a + 4))) a++;
    while (b > a && TRAIL_TRIM.has(t.charCodeAt(b - 1))) b--;
    t = t.slice(a, b);
    if (!t) return undefined;
    const url = URL_START.exec(t);
    if (url) {
      const id = hfRepoId(t, url);
      if (!id) return undefined;
      t = id.token;
    }
    return this.verifyNormalized(t);
  }

  private collect(
    src: Source,
    positions: readonly number[],
    floor: number,
    where: (offset: number) => { line: number; column: number },
  ): ModelHit[] {
    const hits: ModelHit[] = [];
    const n = src.length;
    let tokenEnd = -1;
    for (const p of positions) {
      if (p < tokenEnd) continue; // same token as the previous hit
      let s = p;
      while (s > floor && isId(src.code(s - 1))) s--;
      let e = p + 1;
      while (e < n && isId(src.code(e))) e++;
      tokenEnd = e;
      if (!isId(src.code(p))) continue; // keyword with characters outside the token alphabet
      if (e - s > MAX_TOKEN) continue;
      const cand = candidate(src, s, e, floor);
      if (!cand) continue;
      // Verification first (cached; most candidates are `image55`-like noise), context rules only for ids.
      const model = this.verifyNormalized(cand.token);
      if (!model || rejectedByContext(src, cand, floor)) continue;
      const { line, column } = where(cand.offset);
      hits.push({ name: cand.token, model, offset: cand.offset, line, column });
    }
    return hits;
  }

  /** Tries the token, then its normalised forms; cached. */
  private verifyNormalized(token: string): CatalogModel | undefined {
    const cached = this.cache.get(token);
    if (cached !== undefined) return cached ?? undefined;
    const result = this.normalizeAndVerify(token) ?? null;
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    this.cache.set(token, result);
    return result ?? undefined;
  }

  private normalizeAndVerify(token: string): CatalogModel | undefined {
    const lower = token.toLowerCase();
    if (NOT_MODELS.has(lower) || PLACEHOLDER.test(token)) return undefined;
    let m = this.verify(token);
    if (m) return m;
    // Gateway prefixes, repeatedly (`openrouter/meta-llama/…` keeps `meta-llama/`: it is part of the HF id).
    let t = token;
    for (let changed = true; changed; ) {
      changed = false;
      const tl = t.toLowerCase();
      for (const g of this.gateways) {
        if (tl.startsWith(g) && t.length > g.length) {
          t = t.slice(g.length);
          changed = true;
          break;
        }
      }
    }
    if (t !== token && (m = this.verify(t))) return m;
    const tagless = t.replace(OLLAMA_TAG, '');
    if (tagless !== t && tagless && (m = this.verify(tagless))) return m;
    if (/\.gguf$/i.test(t)) {
      let base = t.slice(t.lastIndexOf('/') + 1).slice(0, -5);
      base = base.replace(GGUF_SHARD, '');
      for (let prev = ''; prev !== base; ) {
        prev = base;
        base = base.replace(GGUF_QUANT, '');
      }
      if (base && (m = this.verify(base))) return m;
    }
    return undefined;
  }

  /** Whole-token, case-insensitive match against the patterns of the models owning the keywords in `t`. */
  private verify(t: string): CatalogModel | undefined {
    const a = this.automaton;
    let s = 0;
    let best = Infinity;
    let seen: Set<number> | undefined;
    for (let i = 0; i < t.length; i++) {
      const c = t.charCodeAt(i);
      s = a.table[(s << 8) | (c < 256 ? c : 0)]!;
      if (s < a.accept) continue;
      for (const ki of a.outputs[s]!) {
        if (seen?.has(ki)) continue;
        (seen ??= new Set()).add(ki);
        const v = this.verifiers[ki]!;
        const r = v.re.exec(t);
        if (!r) continue;
        for (let g = 1; g < r.length; g++) {
          if (r[g] !== undefined) {
            best = Math.min(best, v.owners[g - 1]!);
            break;
          }
        }
      }
    }
    return best === Infinity ? undefined : this.models[best];
  }
}

/** Trims the token src[s, e) and reads a URL-like one: undefined when it is not a candidate at all. */
function candidate(src: Source, s: number, e: number, floor: number): Candidate | undefined {
  // `\nllama3` in a string literal (or `\\nllama3` in a notebook's JSON): the escape's letter is not part of the id.
  if (s > floor && src.code(s - 1) === 92 && 'nrtbfv'.includes(String.fromCharCode(src.code(s)))) s++;
  const rawEnd = e;
  while (s < e && LEAD_TRIM.has(src.code(s)) && !KEPT_AT.test(src.slice(s, Math.min(e, s + 4)))) s++;
  while (e > s && TRAIL_TRIM.has(src.code(e - 1))) e--;
  if (s >= e) return undefined;
  const token = src.slice(s, e);
  if (token.includes('.') || token.includes('://')) {
    const url = URL_START.exec(token);
    if (url) {
      const id = hfRepoId(token, url);
      return id && { token: id.token, offset: s + id.offset, start: s, end: e, rawEnd };
    }
  }
  return { token, offset: s, start: s, end: e, rawEnd };
}

/** The context rules (see the module comment) for a verified candidate. */
function rejectedByContext(src: Source, c: Candidate, floor: number): boolean {
  const { start: s, end: e, rawEnd } = c;
  const before = s > floor ? src.code(s - 1) : -1;
  const after = rawEnd < src.length ? src.code(rawEnd) : -1;
  // Placeholder in angle brackets.
  if (before === 60 /* < */ && after === 62 /* > */) return true;
  // A call or constructor (`Mistral(`, `new Mistral(`) is code, not an id.
  if (after === 40 && rawEnd === e) return true;
  // Unquoted mapping key that is a bare word (`mistral:` then a space or the end of the line): a provider, not a
  // model. Keys with a digit (`gpt-4o:` in a price table) are still model ids.
  if (
    rawEnd > e &&
    src.code(e) === 58 &&
    (after === -1 || after === 32 || after === 9 || after === 10 || after === 13) &&
    !/\d/.test(c.token)
  ) {
    return true;
  }
  // Part of a URL that starts earlier (`…/repo#llama3`, `…?model=llama3`).
  if (c.offset === s && before >= 0 && insideUrl(src, s, floor)) return true;
  // Cargo feature: `feature = "qwen3"`, `features = ["qwen3"]`, `--features qwen3`.
  if (before === 34 || before === 39 || before === 32 || before === 44 || before === 61) {
    let ls = s - 1;
    const stop = Math.max(floor, s - 160);
    while (ls > stop && src.code(ls - 1) !== 10) ls--;
    if (FEATURE_CONTEXT.test(src.slice(ls, s))) return true;
  }
  return false;
}

/** For a URL-like token: the Hugging Face repo id in it and its offset in the token; undefined for other hosts. */
function hfRepoId(token: string, url: RegExpExecArray): { token: string; offset: number } | undefined {
  const host = (url[1] ?? url[2] ?? '').toLowerCase().replace(/:\d*$/, '').replace(/^[^@]*@/, '');
  if (!HF_HOSTS.has(host)) return undefined;
  let pos = url[0].length;
  while (pos < token.length && (token[pos] === '/' || token[pos] === ':')) pos++;
  const rest = token.slice(pos);
  const segs = rest.split('/');
  if (!segs[0] || HF_NOT_MODEL.has(segs[0].toLowerCase())) return undefined;
  let id = segs.length >= 2 && segs[1] && !HF_REPO_PAGES.has(segs[1]) ? `${segs[0]}/${segs[1]}` : segs[0];
  id = id.replace(/\.git$/i, '');
  while (id && TRAIL_TRIM.has(id.charCodeAt(id.length - 1))) id = id.slice(0, -1);
  return id ? { token: id, offset: pos } : undefined;
}

/** Whether src[s…] continues a URL that starts earlier (`https://x.y/a?model=llama3`, `…/repo#llama3`). */
function insideUrl(src: Source, s: number, floor: number): boolean {
  if (!URL_INNER.has(src.code(s - 1))) return false;
  let k = s - 1;
  const stop = Math.max(floor, s - 2048);
  while (k > stop) {
    const c = src.code(k - 1);
    if (c <= 32 || c >= 127 || URL_STOP.has(c)) break;
    k--;
  }
  return URL_START.test(src.slice(k, s));
}
