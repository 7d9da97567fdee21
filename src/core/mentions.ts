/**
 * Read and dispatch: walk the folder, read files (bounded concurrency), turn each into mentions. Lockfiles: skipped
 * unread. Manifests (`manifestParserFor`): parsed, never model-matched; requirements includes parsed with the
 * including file's parser, relative to it, once each (model hits the walk found in an included file are dropped); a
 * missing include is an error on the including file. Notebooks: the raw text is matched, hits in a cell get `cell`;
 * invalid JSON is reported and still matched. Other files: `triageBytes`, then the matcher on the bytes (files without
 * a keyword are never decoded) or on the decoded text (UTF-16); not UTF-8 → warning, read as Latin-1. GGUF model
 * files: only their header is read, on this thread, through `fs` (ggufFiles.ts); one model mention at 1:1 each.
 *
 * With `workers`, worker threads read (node:fs, synchronously: cheapest per file, off this thread) and triage files;
 * only files with a keyword or needing the full path come back with their bytes. Errors never stop the scan; an
 * aborted signal stops it promptly (rejects with the signal's reason). Results are in walk order.
 */
import { Buffer, isUtf8 } from 'node:buffer';
import * as nodePath from 'node:path';
import { discoverInBytes, discoverInText, endsDiscoveryKeyword, type DiscoveredId, type DiscoveryContext } from './discover';
import { describeIoError, errorCode, type FileSystem } from './fs';
import { GGUF_HEAD_CAP, ggufMention, type GgufFileInfo } from './ggufFiles';
import { manifestParserFor } from './manifests/index';
import type { ModelHit, ModelMatcher } from './matcher';
import { scanBytesLong, scanBytesShort, triageBytes, type TriageKit } from './prefilter';
import { BATCH, WorkerPool } from './pool';
import type { ReadAnswer as Answer } from './reader';
import { decodeText, decodeWith, notebookCells, notebookErrorLine, sniffText } from './text';
import type { DeclaredPackage, Location, ManifestParser, ScanError } from './types';
import { formatSize, isLockfile, walkFiles } from './walk';

export type Mention =
  /** A catalog model (`modelId`), or a Hub id the catalog lacks, found in a `discovered` context (discover.ts); for a
   * GGUF model file (`gguf`: what its header says), its base name, with `modelId` when the catalog knows the name. */
  | { kind: 'model'; name: string; modelId?: string; discovered?: DiscoveryContext; gguf?: GgufFileInfo; location: Location }
  | { kind: 'package'; pkg: DeclaredPackage; location: Location };

export interface MentionOptions {
  fs: FileSystem;
  matcher: ModelMatcher;
  /** Files larger than this (bytes) are reported and skipped (not GGUF model files: only their header is read). */
  maxFileSize: number;
  /** Extra gitignore-style patterns, relative to the root. */
  ignore?: string[];
  signal?: AbortSignal;
  /** Files read at once on this thread (default 8). */
  concurrency?: number;
  /**
   * Worker threads that read and triage files (default 0: all on this thread, through `fs`). Workers read with
   * node:fs directly (the walk, manifests and includes still go through `fs`): use them with the real file system
   * only. If workers cannot start, or die, the scan carries on on this thread.
   */
  workers?: number;
  /** Called after each file with the number of files scanned so far. */
  onProgress?: (files: number) => void;
}

export interface MentionResult {
  mentions: Mention[];
  errors: ScanError[];
  /** Files read and scanned (text files, manifests, GGUF headers; not lockfiles, binaries or unreadable files). */
  filesScanned: number;
  /** Bytes read from them (of a GGUF file: its head only). */
  bytesScanned: number;
}

const DEFAULT_CONCURRENCY = 8;
/** Upper bound on the bytes of files being read at once on this thread (one bigger file may still go alone). */
const MAX_BYTES_IN_FLIGHT = 32 * 1024 * 1024;

interface Slot {
  mentions?: Mention[];
  errors?: ScanError[];
}

const baseName = (rel: string) => rel.slice(rel.lastIndexOf('/') + 1);
const isNotebook = (rel: string) => rel.toLowerCase().endsWith('.ipynb');

export async function collectMentions(root: string, options: MentionOptions): Promise<MentionResult> {
  const { fs, matcher, signal } = options;
  const concurrency = Math.max(1, options.concurrency ?? DEFAULT_CONCURRENCY);
  const slots: Slot[] = [];
  let filesScanned = 0;
  let bytesScanned = 0;
  /** Relative paths of manifests parsed (or being parsed), walked or included. */
  const parsed = new Set<string>();
  /** Relative paths parsed as includes: model hits the walk found in them are dropped. */
  const included = new Set<string>();
  /** Files an include could name (`*.txt`, `*.in`) already counted: the walk and an include may both read one. */
  const counted = new Set<string>();
  const kit: TriageKit = { ...matcher.prefilter, short: scanBytesShort, long: scanBytesLong, Buffer, isUtf8 };

  const fail = (slot: Slot, rel: string, message: string) => void (slot.errors ??= []).push({ path: rel, message });
  const count = (rel: string, bytes: number) => {
    if (rel.endsWith('.txt') || rel.endsWith('.in')) {
      if (counted.has(rel)) return;
      counted.add(rel);
    }
    filesScanned++;
    bytesScanned += bytes;
    options.onProgress?.(filesScanned);
  };
  const addHits = (slot: Slot, rel: string, hits: ModelHit[], cell?: (offset: number) => number | undefined) => {
    for (const h of hits) {
      const c = cell?.(h.offset);
      const location: Location = { path: rel, line: h.line, column: h.column, ...(c ? { cell: c } : {}) };
      (slot.mentions ??= []).push({ kind: 'model', name: h.name, modelId: h.model.id, location });
    }
  };

  const known = (id: string) => matcher.matchToken(id) !== undefined;
  const addDiscovered = (slot: Slot, rel: string, found: DiscoveredId[], cell?: (offset: number) => number | undefined) => {
    for (const d of found) {
      const c = cell?.(d.offset);
      const location: Location = { path: rel, line: d.line, column: d.column, ...(c ? { cell: c } : {}) };
      (slot.mentions ??= []).push({ kind: 'model', name: d.name, discovered: d.context, location });
    }
  };

  /** A notebook's hits on its text, with their cells; `valid`: whether the JSON parses; `discover`: false when the
   * prefilter saw no discovery keyword (then discovery would find nothing). */
  const notebookHits = (rel: string, text: string, valid: boolean, slot: Slot, discover = true): void => {
    if (!valid) fail(slot, rel, `invalid notebook JSON at line ${notebookErrorLine(text)}; matched as plain text`);
    const hits = matcher.findAll(text);
    const found = discover ? discoverInText(text, known) : [];
    const cells = valid && (hits.length || found.length) ? notebookCells(text) : undefined;
    addHits(slot, rel, hits, cells);
    addDiscovered(slot, rel, found, cells);
  };

  /** Acts on what reading a file gave (here or in a worker): count it, report it, or match it. */
  const consume = (rel: string, slot: Slot, a: Answer | number): void => {
    if (typeof a === 'number') return count(rel, a);
    if ('error' in a) return fail(slot, rel, describeIoError(Object.assign(new Error(a.error.message), a.error)));
    if ('tooBig' in a) {
      const limit = formatSize(options.maxFileSize, true);
      return fail(slot, rel, `${formatSize(a.tooBig)} exceeds the ${limit} limit; skipped`);
    }
    if ('binary' in a) return fail(slot, rel, `looks binary (NUL byte at offset ${a.binary}); skipped`);
    count(rel, a.bytes.length);
    if (a.positions) {
      if (isNotebook(rel)) {
        const text = decodeWith(a.bytes, { kind: 'utf8', start: a.start ?? 0 });
        return notebookHits(rel, text, true, slot, endsDiscoveryKeyword(a.bytes, a.positions));
      }
      addHits(slot, rel, matcher.hitsAt(a.bytes, a.start ?? 0, 'utf8', a.positions));
      if (endsDiscoveryKeyword(a.bytes, a.positions)) addDiscovered(slot, rel, discoverInBytes(a.bytes, a.start ?? 0, 'utf8', known));
      return;
    }
    // The full path: UTF-16, not UTF-8 (Latin-1), or a notebook that is not valid JSON.
    const info = sniffText(a.bytes);
    if (info.kind === 'binary') return fail(slot, rel, `${info.message}; skipped`);
    if (info.kind === 'latin1') fail(slot, rel, info.warning);
    if (isNotebook(rel)) {
      const text = decodeWith(a.bytes, info);
      let valid = true;
      try {
        JSON.parse(text);
      } catch {
        valid = false;
      }
      return notebookHits(rel, text, valid, slot);
    }
    const onBytes = info.kind === 'latin1' || info.kind === 'utf8';
    if (onBytes) {
      addHits(slot, rel, matcher.findAllInBytes(a.bytes, info.start, info.kind));
      addDiscovered(slot, rel, discoverInBytes(a.bytes, info.start, info.kind, known));
    } else {
      const text = decodeWith(a.bytes, info);
      addHits(slot, rel, matcher.findAll(text));
      addDiscovered(slot, rel, discoverInText(text, known));
    }
  };

  const parseManifest = async (parser: ManifestParser, abs: string, rel: string, bytes: Uint8Array, slot: Slot) => {
    const decoded = decodeText(bytes);
    if ('binary' in decoded) return fail(slot, rel, `${decoded.binary}; skipped`);
    if (decoded.warning) fail(slot, rel, decoded.warning);
    count(rel, bytes.length);
    let result;
    try {
      result = parser(decoded.text);
    } catch (e) {
      return fail(slot, rel, `could not be parsed (${e instanceof Error ? e.message : String(e)})`);
    }
    for (const message of result.errors) fail(slot, rel, message);
    for (const pkg of result.packages) {
      const location = { path: rel, line: pkg.line, column: pkg.column };
      (slot.mentions ??= []).push({ kind: 'package', pkg, location });
    }
    for (const inc of result.includes ?? []) {
      signal?.throwIfAborted();
      const dir = rel.includes('/') ? rel.slice(0, rel.lastIndexOf('/')) : '';
      const [incAbs, incRel] = nodePath.isAbsolute(inc)
        ? [inc, nodePath.relative(root, inc).split(nodePath.sep).join('/')]
        : [fs.join(nodePath.dirname(abs), inc), nodePath.posix.normalize(dir ? `${dir}/${inc}` : inc)];
      if (parsed.has(incRel)) continue;
      parsed.add(incRel);
      included.add(incRel);
      let incBytes: Uint8Array;
      try {
        incBytes = await fs.readFile(incAbs);
      } catch (e) {
        const io = describeIoError(e).replace(/; skipped$/, '');
        const why = errorCode(e) === 'ENOENT' ? 'does not exist' : `cannot be read: ${io}`;
        fail(slot, rel, `includes '${inc}', which ${why}`);
        continue;
      }
      await parseManifest(parser, incAbs, incRel, incBytes, slot);
    }
  };

  /** This thread's path: read through `fs` (size -1: not stat-ed by the walk), then parse or triage and consume. */
  const processFile = async (abs: string, rel: string, size: number, slot: Slot): Promise<void> => {
    const parser = manifestParserFor(baseName(rel));
    if (parser) {
      if (parsed.has(rel)) return; // already parsed as an include
      parsed.add(rel);
    }
    let bytes: Uint8Array;
    try {
      const known = size >= 0 ? size : (await fs.stat(abs)).size;
      if (known > options.maxFileSize) return consume(rel, slot, { tooBig: known });
      bytes = await fs.readFile(abs);
    } catch (e) {
      return fail(slot, rel, describeIoError(e));
    }
    if (signal?.aborted) return;
    if (parser) return parseManifest(parser, abs, rel, bytes, slot);
    consume(rel, slot, triageBytes(bytes, isNotebook(rel), kit) ?? bytes.length);
  };

  const inflight = new Set<Promise<void>>();
  let bytesInFlight = 0;
  let failure: { error: unknown } | undefined;
  const guard = (slot: Slot, rel: string, error: unknown) => {
    if (signal?.aborted) failure ??= { error };
    else fail(slot, rel, `could not be scanned (${error instanceof Error ? error.message : String(error)})`);
  };
  /** A GGUF file: its header only, through `fs`. */
  const processGguf = async (abs: string, rel: string, slot: Slot): Promise<void> => {
    const r = await ggufMention(fs, matcher, abs, rel);
    if (signal?.aborted) return;
    if ('error' in r) return fail(slot, rel, r.error);
    count(rel, r.bytesRead);
    (slot.mentions ??= []).push(r.mention);
  };

  const launch = (abs: string, rel: string, size: number, slot: Slot, gguf = false) => {
    const weight = gguf ? GGUF_HEAD_CAP : Math.max(0, size);
    bytesInFlight += weight;
    const task: Promise<void> = (gguf ? processGguf(abs, rel, slot) : processFile(abs, rel, size, slot))
      .catch((error: unknown) => guard(slot, rel, error))
      .finally(() => {
        bytesInFlight -= weight;
        inflight.delete(task);
      });
    inflight.add(task);
  };

  /** Files handed to the workers, by job id (cleared when answered). */
  const jobs: ({ abs: string; rel: string; slot: Slot } | undefined)[] = [];
  const take = (id: number) => {
    const job = jobs[id];
    jobs[id] = undefined;
    return signal?.aborted ? undefined : job;
  };
  let pool: WorkerPool | undefined;
  if (options.workers && options.workers > 0) {
    const onAnswer = (id: number, a: Answer | number) => {
      const job = take(id);
      try {
        if (job) consume(job.rel, job.slot, a);
      } catch (error) {
        guard(job!.slot, job!.rel, error);
      }
    };
    const onFail = (id: number) => {
      const job = take(id);
      if (job) launch(job.abs, job.rel, -1, job.slot); // the worker died: read it here
    };
    try {
      pool = new WorkerPool(options.workers, kit, options.maxFileSize, onAnswer, onFail);
    } catch {
      pool = undefined; // no worker threads here
    }
  }

  const wakePool = () => pool?.wake();
  signal?.addEventListener('abort', wakePool);
  const report = (e: ScanError) => slots.push({ errors: [e] });
  const walkOptions = { maxFileSize: options.maxFileSize, ignore: options.ignore, signal, statFiles: !pool };
  try {
    for await (const file of walkFiles(fs, root, walkOptions, report)) {
      if (failure) break;
      const name = baseName(file.relPath);
      if (isLockfile(name)) continue;
      signal?.throwIfAborted();
      const slot: Slot = {};
      slots.push(slot);
      if (pool?.alive && !file.weights && !manifestParserFor(name)) {
        await pool.settle(options.workers! * BATCH * 3, signal);
        signal?.throwIfAborted();
        jobs[pool.submit(file.path)] = { abs: file.path, rel: file.relPath, slot };
        continue;
      }
      const weight = file.weights ? GGUF_HEAD_CAP : Math.max(0, file.size);
      while (inflight.size >= concurrency || (inflight.size > 0 && bytesInFlight + weight > MAX_BYTES_IN_FLIGHT)) {
        await Promise.race(inflight);
      }
      if (failure) break;
      signal?.throwIfAborted();
      launch(file.path, file.relPath, file.size, slot, file.weights === 'gguf');
    }
    await pool?.settle(0, signal);
  } finally {
    signal?.removeEventListener('abort', wakePool);
    await pool?.close();
    while (inflight.size) await Promise.all(inflight); // failed-over jobs may start while draining
  }
  if (failure) throw failure.error;
  signal?.throwIfAborted();

  const mentions: Mention[] = [];
  const errors: ScanError[] = [];
  for (const s of slots) {
    if (s.errors) errors.push(...s.errors);
    for (const m of s.mentions ?? []) if (m.kind === 'package' || !included.has(m.location.path)) mentions.push(m);
  }
  return { mentions, errors, filesScanned, bytesScanned };
}
