/**
 * Hugging Face model ids the catalog does not know (a fine-tune, a GGUF repo, a company's own model), found only where
 * the context says "this string is a Hub model": a loader call (`from_pretrained("org/x")`, `pipeline(model="org/x")`,
 * `SentenceTransformer("org/x")`, `hf_hub_download(repo_id="org/x")`…), a Hub key in a config or model card
 * (`base_model: org/x`, `"_name_or_path": "org/x"`), a download command (`huggingface-cli download org/x`,
 * `hf download org/x`, `vllm serve org/x`) or a Hugging Face model URL. A bare `org/x` string elsewhere is not enough:
 * it could be a path, an npm scope or an OpenRouter id.
 *
 * The scan's prefilter knows the `DISCOVERY_KEYWORDS`, so files with one of them reach `discoverHubIds`; ids the
 * catalog matches are left to the matcher.
 */
import { Buffer } from 'node:buffer';
import { LineIndex } from './text';

/** Keywords (lower-case) that send a file to `discoverHubIds`: each is part of every context below. */
export const DISCOVERY_KEYWORDS: readonly string[] = [
  'from_pretrained',
  'sentencetransformer(',
  'crossencoder(',
  'snapshot_download',
  'hf_hub_download',
  'pipeline(',
  'inferenceclient(',
  'huggingface',
  'hf.co/',
  'base_model',
  'name_or_path',
  'repo_id',
  'hub_model_id',
  'hf download',
  'vllm serve',
];

const KEYWORD_BYTES = DISCOVERY_KEYWORDS.map((k) => Buffer.from(k, 'latin1'));

/**
 * Whether one of the prefilter's keyword positions (the index of a keyword's last byte) ends a discovery keyword:
 * files with catalog keywords only then skip `discoverInBytes`, whose regexes would cost more than the matcher.
 */
export function endsDiscoveryKeyword(bytes: Uint8Array, positions: readonly number[]): boolean {
  for (const p of positions) {
    for (const k of KEYWORD_BYTES) {
      const s = p - k.length + 1;
      if (s < 0) continue;
      let j = 0;
      for (; j < k.length; j++) {
        let c = bytes[s + j]!;
        if (c >= 65 && c <= 90) c += 32;
        if (c !== k[j]) break;
      }
      if (j === k.length) return true;
    }
  }
  return false;
}

/** Where a discovered id was read: a loader call, a Hub key, a download command or a Hugging Face URL. */
export type DiscoveryContext = 'call' | 'key' | 'command' | 'url';

export interface DiscoveredId {
  /** The Hub repo id as written (`org/name`). */
  name: string;
  context: DiscoveryContext;
  /** Offset of `name` (UTF-16 index for a string, byte offset for bytes). */
  offset: number;
  /** 1-based. */
  line: number;
  /** 1-based, UTF-16 units. */
  column: number;
}

const ID = String.raw`[A-Za-z0-9][A-Za-z0-9_.-]{0,95}/[A-Za-z0-9][A-Za-z0-9_.-]{0,95}`;
const GATE = new RegExp(DISCOVERY_KEYWORDS.map((k) => k.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|'), 'i');
const CALL =
  /\b(?:from_pretrained|SentenceTransformer|CrossEncoder|snapshot_download|hf_hub_download|pipeline|InferenceClient|HuggingFaceEmbeddings|HuggingFaceEndpoint|from_model_id)\s*\(/g;
/** A string argument of a loader call: the first positional one, or one named like a model. */
const ARG = new RegExp(
  String.raw`(?:^\s*|[(,]\s*|\b(?:model|model_id|model_name|repo_id|pretrained_model_name_or_path|model_name_or_path)\s*=\s*)(\\?["'])(${ID})\1`,
  'g',
);
const KEY = new RegExp(
  String.raw`\b(?:base_model|_name_or_path|model_name_or_path|pretrained_model_name_or_path|hub_model_id|repo_id)(?:\\?["'])?\s*[:=]\s*(?:\[\s*)?(?:\r?\n\s*-\s*)?(\\?["']|)(${ID})\1(?![\w./-])`,
  'gi',
);
const COMMAND = new RegExp(String.raw`\b(?:huggingface-cli\s+download|hf\s+download|vllm\s+serve)\s+(["']?)(${ID})\1(?![\w./-])`, 'g');
const URL = new RegExp(String.raw`\b(?:https?://)?(?:www\.)?(?:huggingface\.co|hf\.co)/(${ID})`, 'gi');

/** First path segments of Hugging Face URLs that are not a model's owner. */
const HF_NOT_OWNER = new Set(
  'datasets spaces docs blog papers models api collections settings join login organizations pricing learn tasks chat'.split(' '),
);
/** First segments that say "a local folder", not a Hub owner. */
const LOCAL_DIRS = new Set('models model checkpoints checkpoint output outputs out data tmp temp ckpt weights saved_models runs src lib cache'.split(' '));
const PLACEHOLDER = /(?:^|[-_./])(?:your|my|some|example|placeholder|xxx+|todo|foo|bar|org|user|username|owner)(?:[-_./]|$)|[-_](?:here|name)$/i;
const FILE_NAME = /\.(?:py|json|ya?ml|txt|md|bin|safetensors|gguf|pt|pth|ckpt|onnx|tar|gz|zip)$/i;

const HUB_ID = new RegExp(`^${ID}$`);

/** Whether a string has the shape of a Hugging Face repo id (`org/name`; no `..` or `--`, as the Hub allows). */
export function looksLikeHubId(id: string): boolean {
  return HUB_ID.test(id) && !/\.\.|--/.test(id);
}

/** Whether `id` has the shape of a Hub repo id and not of a path, a placeholder or a file. */
export function plausibleHubId(id: string): boolean {
  if (!looksLikeHubId(id) || /[.-]$/.test(id)) return false;
  const [owner = '', repo = ''] = id.split('/');
  if (LOCAL_DIRS.has(owner.toLowerCase()) || PLACEHOLDER.test(id) || FILE_NAME.test(repo)) return false;
  return !/^checkpoint-\d+$/i.test(repo);
}

/** The end of a call's argument list (its closing parenthesis), or `limit` characters on. */
function argsEnd(text: string, open: number, limit = 600): number {
  let depth = 0;
  const stop = Math.min(text.length, open + limit);
  for (let i = open; i < stop; i++) {
    const c = text.charCodeAt(i);
    if (c === 40) depth++;
    else if (c === 41 && --depth === 0) return i;
  }
  return stop;
}

/**
 * Hub ids in `text` (a decoded text, or bytes read as Latin-1: ids are ASCII, so offsets are then byte offsets),
 * in order, one per position; `known(id)` says the catalog matches it (left out). `floor`: where the text starts
 * (after a BOM).
 */
export function discoverInString(text: string, known: (id: string) => boolean, floor = 0): { name: string; offset: number; context: DiscoveryContext }[] {
  if (!GATE.test(text)) return [];
  const found = new Map<number, { name: string; offset: number; context: DiscoveryContext }>();
  const add = (name: string, offset: number, context: DiscoveryContext) => {
    const id = name.replace(/\.git$/i, '').replace(/[.-]+$/, '');
    if (offset < floor || found.has(offset) || !plausibleHubId(id) || known(id)) return;
    found.set(offset, { name: id, offset, context });
  };
  for (const m of text.matchAll(CALL)) {
    const open = m.index + m[0].length - 1;
    const args = text.slice(open, argsEnd(text, open) + 1);
    for (const a of args.matchAll(ARG)) add(a[2]!, open + a.index + a[0].length - a[2]!.length - a[1]!.length, 'call');
  }
  for (const m of text.matchAll(KEY)) add(m[2]!, m.index + m[0].length - m[2]!.length - m[1]!.length, 'key');
  for (const m of text.matchAll(COMMAND)) add(m[2]!, m.index + m[0].length - m[2]!.length - m[1]!.length, 'command');
  for (const m of text.matchAll(URL)) {
    const owner = m[1]!.slice(0, m[1]!.indexOf('/')).toLowerCase();
    if (!HF_NOT_OWNER.has(owner)) add(m[1]!, m.index + m[0].length - m[1]!.length, 'url');
  }
  return [...found.values()].sort((a, b) => a.offset - b.offset);
}

/** `discoverInString` on a decoded text, with lines and columns. */
export function discoverInText(text: string, known: (id: string) => boolean): DiscoveredId[] {
  const hits = discoverInString(text, known);
  if (!hits.length) return [];
  const lines = new LineIndex(text);
  return hits.map((h) => ({ ...h, ...lines.position(h.offset) }));
}

/** `discoverInString` on UTF-8 or Latin-1 bytes (not decoded: read as Latin-1); columns as in the decoded text. */
export function discoverInBytes(bytes: Uint8Array, start: number, encoding: 'utf8' | 'latin1', known: (id: string) => boolean): DiscoveredId[] {
  const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const hits = discoverInString(buf.toString('latin1'), known, start);
  if (!hits.length) return [];
  const lines = new LineIndex(buf, start, encoding);
  return hits.map((h) => ({ ...h, ...lines.position(h.offset) }));
}
