/**
 * The file walk: every file under a root that is worth reading, in a deterministic order, one at a time.
 *
 * Order: in each folder, its files (sorted by name, code-unit order), then its sub-folders (sorted), depth first.
 * Skipped silently: what .gitignore files exclude (the root's and every sub-folder's, each relative to its own folder,
 * deeper files taking precedence, negations and folder-only rules as git reads them), the extra `ignore` patterns
 * (relative to the root, applied before .gitignore and not overridable by it), VCS folders, dependency and virtualenv
 * folders, build output, and files whose extension says binary, media, archive, model weights or minified bundle —
 * except GGUF model files, yielded with `weights: 'gguf'` whatever their size (only their header is ever read).
 * Reported (and skipped): other files over the size limit, folders and files that cannot be read, broken symbolic links and
 * symbolic-link loops. Symbolic links are followed; every real folder is walked once and a file reached through a
 * link is yielded once, so a loop is reported once and never walked twice. Also here: lockfile names.
 */
import { Buffer } from 'node:buffer';
import { dirname } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { describeIoError, errorCode, type DirEntry, type FileSystem } from './fs';
import { isLockfileName } from './manifests/index';
import { POLICY_FILE_NAMES } from './policy/types';
import type { ScanError } from './types';

export interface WalkOptions {
  /** Files larger than this (bytes) are reported and skipped. */
  maxFileSize: number;
  /** Extra gitignore-style patterns, relative to the root. */
  ignore?: string[];
  signal?: AbortSignal;
  /** false: regular files are not stat-ed; they come with `size: -1` and the reader must enforce `maxFileSize`
   * (a reader that opens the file gets the size for free). Links are always stat-ed. Default true. */
  statFiles?: boolean;
}

export interface WalkedFile {
  /** Absolute path, in the host's syntax (as `fs.join` builds it). */
  path: string;
  /** Relative to the root, '/'-separated. */
  relPath: string;
  /** Bytes; -1 when not known (`statFiles: false`). */
  size: number;
  /** A model-weights file whose header is read (never the whole file); not subject to `maxFileSize`. */
  weights?: 'gguf';
}

/** Folder names never entered (besides any folder holding a `pyvenv.cfg`, i.e. a Python virtualenv). */
export const SKIPPED_DIRS: ReadonlySet<string> = new Set(
  (
    '.git .hg .svn node_modules bower_components .venv venv __pycache__ .tox .nox .mypy_cache .pytest_cache ' +
    '.ruff_cache site-packages .ipynb_checkpoints vendor dist build out target .next .nuxt .gradle .vscode-test ' +
    'coverage'
  ).split(' '),
);

/** Lockfiles list a resolved tree, not what a project declares: never parsed nor model-matched. One list, kept with
 * the manifest parsers; any `*.lock` counts too. */
export function isLockfile(fileName: string): boolean {
  return isLockfileName(fileName) || fileName.toLowerCase().endsWith('.lock');
}

/** Extensions (lower-case, without the dot) of files never read: binaries, media, archives, model weights, data. */
export const SKIPPED_EXTENSIONS: ReadonlySet<string> = new Set(
  (
    // images and documents
    'png jpg jpeg gif bmp ico icns webp tif tiff psd heic avif pdf xlsx xls docx doc pptx ppt odt ods odp ' +
    // archives and packages
    'zip gz tgz bz2 xz zst 7z rar tar lz4 lzma jar war ear whl egg nupkg vsix apk ipa deb rpm dmg iso img msi ' +
    // native code and bytecode
    'so dll dylib exe o a lib obj pdb class pyc pyo pyd wasm node ' +
    // fonts and media
    'woff woff2 ttf otf eot mp3 mp4 m4a wav flac ogg opus aac mov avi mkv webm wmv ' +
    // model weights and binary data
    'gguf ggml safetensors bin pt pth ckpt onnx tflite pb h5 hdf5 keras npy npz pkl pickle joblib parquet arrow ' +
    'feather orc avro tfrecord mlmodel msgpack sqlite sqlite3 db lockb ' +
    // generated: source maps
    'map'
  ).split(' '),
);

const POLICY_FILES = new Set<string>(POLICY_FILE_NAMES);

/**
 * Whether a file name is skipped: by extension (including minified bundles `*.min.js` / `*.min.css`), and policy files
 * (`.ai-openness.json`…), whose licence and model names are rules, not uses.
 */
export function isSkippedFileName(name: string): boolean {
  if (POLICY_FILES.has(name)) return true;
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return false;
  const ext = name.slice(dot + 1).toLowerCase();
  if (SKIPPED_EXTENSIONS.has(ext)) return true;
  if ((ext === 'js' || ext === 'css' || ext === 'mjs' || ext === 'cjs') && /[.-]min\.[a-z]+$/i.test(name)) return true;
  return false;
}

/** The weights format whose header a scan reads (GGUF: the licence is in its metadata); undefined for other files. */
export function weightsKind(name: string): 'gguf' | undefined {
  return /\.gguf$/i.test(name) ? 'gguf' : undefined;
}

/** Whether the walk leaves a file name out: skipped names, except weights files whose header is read. */
const leftOut = (name: string) => isSkippedFileName(name) && !weightsKind(name);

/** `60.0 MB`, `512 KB`, `100 bytes`; limits print without a decimal when whole (`5 MB`). */
export function formatSize(bytes: number, whole = false): string {
  const MB = 1024 * 1024;
  const fmt = (v: number) => (whole && Number.isInteger(v) ? String(v) : v.toFixed(1));
  if (bytes >= MB) return `${fmt(bytes / MB)} MB`;
  if (bytes >= 1024) return `${fmt(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

interface IgnoreLayer {
  /** Folder of the .gitignore, relative to the root, with a trailing '/' ('' for the root). */
  base: string;
  ig: Ignore;
}

interface Frame {
  abs: string;
  rel: string;
  real: string;
  parent: Frame | undefined;
  layers: IgnoreLayer[];
  /** The folder's listing, when started ahead of time. */
  listing?: Promise<Listing>;
}

type Listing = { entries: DirEntry[] } | { error: unknown };

/** Folder listings started ahead of the walk (they are I/O latency, not work). */
const PREFETCH = 4;

interface PendingDir {
  name: string;
  link: boolean;
}

const STAT_BATCH = 64;

/** Walks `root` (see the module comment). Throws the signal's reason when aborted. */
export async function* walkFiles(
  fs: FileSystem,
  root: string,
  options: WalkOptions,
  report: (e: ScanError) => void,
): AsyncGenerator<WalkedFile> {
  const signal = options.signal;
  const extra = options.ignore?.length ? ignore().add(options.ignore) : undefined;
  /** Real paths of the folders entered. */
  const visited = new Set<string>();
  /** Real paths of files yielded through a symbolic link to a file. */
  const linkedFiles = new Set<string>();
  const reportedLoops = new Set<string>();
  const where = (rel: string) => (rel ? `'${rel}'` : 'the root folder');
  const relOf = (frame: Frame, name: string) => (frame.rel ? `${frame.rel}/${name}` : name);

  const ignored = (layers: readonly IgnoreLayer[], rel: string, dir: boolean): boolean => {
    const p = dir ? `${rel}/` : rel;
    if (extra?.ignores(p)) return true;
    for (let i = layers.length - 1; i >= 0; i--) {
      const layer = layers[i]!;
      const r = layer.ig.test(p.slice(layer.base.length));
      if (r.ignored) return true;
      if (r.unignored) return false;
    }
    return false;
  };

  const list = (abs: string): Promise<Listing> =>
    fs.readDir(abs).then(
      (entries) => ({ entries }),
      (error: unknown) => ({ error }),
    );

  let rootReal: string;
  try {
    rootReal = await fs.realPath(root);
  } catch (e) {
    report({
      path: '.',
      message:
        errorCode(e) === 'ENOENT' ? 'the folder does not exist' : `cannot open the folder: ${describeIoError(e)}`,
    });
    return;
  }
  const stack: Frame[] = [{ abs: root, rel: '', real: rootReal, parent: undefined, layers: [] }];
  visited.add(rootReal);

  while (stack.length) {
    signal?.throwIfAborted();
    const frame = stack.pop()!;
    const listing = await (frame.listing ?? list(frame.abs));
    frame.listing = undefined;
    if ('error' in listing) {
      report({ path: frame.rel || '.', message: `cannot list the folder: ${describeIoError(listing.error)}` });
      continue;
    }
    const entries = listing.entries;
    signal?.throwIfAborted();
    if (frame.rel && entries.some((d) => d.name === 'pyvenv.cfg' && d.type !== 'directory')) continue; // virtualenv
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

    let layers = frame.layers;
    const gi = entries.find((d) => d.name === '.gitignore' && (d.type === 'file' || d.type === 'symlink'));
    if (gi) {
      const giRel = relOf(frame, gi.name);
      try {
        const bytes = await fs.readFile(fs.join(frame.abs, gi.name));
        const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
        layers = [...layers, { base: frame.rel ? `${frame.rel}/` : '', ig: ignore().add(text) }];
      } catch (e) {
        report({ path: giRel, message: describeIoError(e) });
      }
    }

    // Files (and links, whose type needs a stat) of this folder; folders are walked after its files.
    const toStat: DirEntry[] = [];
    const dirs: PendingDir[] = [];
    for (const d of entries) {
      if (d.type === 'directory') {
        if (SKIPPED_DIRS.has(d.name) || ignored(layers, relOf(frame, d.name), true)) continue;
        dirs.push({ name: d.name, link: false });
      } else if (d.type === 'file' || d.type === 'symlink') {
        if (d.type === 'file' && (leftOut(d.name) || ignored(layers, relOf(frame, d.name), false))) continue;
        toStat.push(d);
      }
    }

    const lazy = options.statFiles === false;
    for (let b = 0; b < toStat.length; b += STAT_BATCH) {
      signal?.throwIfAborted();
      const batch = toStat.slice(b, b + STAT_BATCH);
      const paths = batch.map((d) => fs.join(frame.abs, d.name));
      const stats = await Promise.all(
        batch.map((d, k) =>
          lazy && d.type === 'file'
            ? { s: { type: 'file' as const, size: -1 }, e: undefined as unknown }
            : fs.stat(paths[k]!).then(
                (s) => ({ s, e: undefined as unknown }),
                (e: unknown) => ({ s: undefined, e }),
              ),
        ),
      );
      for (let k = 0; k < batch.length; k++) {
        const d = batch[k]!;
        const { s, e } = stats[k]!;
        const rel = relOf(frame, d.name);
        const abs = paths[k]!;
        if (!s) {
          const code = errorCode(e);
          const message =
            d.type === 'symlink' && code === 'ENOENT'
              ? 'broken symbolic link (its target does not exist); skipped'
              : d.type === 'symlink' && code === 'ELOOP'
                ? 'symbolic link loop; skipped'
                : describeIoError(e);
          report({ path: rel, message });
          continue;
        }
        if (d.type === 'symlink') {
          if (s.type === 'directory') {
            if (!SKIPPED_DIRS.has(d.name) && !ignored(layers, rel, true)) dirs.push({ name: d.name, link: true });
            continue;
          }
          if (s.type !== 'file' || leftOut(d.name) || ignored(layers, rel, false)) continue;
          let real: string;
          try {
            real = await fs.realPath(abs);
          } catch (err) {
            report({ path: rel, message: describeIoError(err) });
            continue;
          }
          // Reached by its own folder's walk (done or to come), or already through another link.
          if (visited.has(dirname(real)) || linkedFiles.has(real)) continue;
          linkedFiles.add(real);
        } else {
          if (s.type !== 'file') continue;
          if (linkedFiles.size && linkedFiles.has(fs.join(frame.real, d.name))) continue;
        }
        const weights = weightsKind(d.name);
        if (weights) {
          yield { path: abs, relPath: rel, size: s.size, weights };
          continue;
        }
        if (s.size > options.maxFileSize) {
          report({
            path: rel,
            message: `${formatSize(s.size)} exceeds the ${formatSize(options.maxFileSize, true)} limit; skipped`,
          });
          continue;
        }
        yield { path: abs, relPath: rel, size: s.size };
      }
    }

    // Sub-folders, pushed in reverse so that they are walked in name order.
    dirs.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const children: Frame[] = [];
    for (const d of dirs) {
      const abs = fs.join(frame.abs, d.name);
      const rel = relOf(frame, d.name);
      let real: string;
      if (d.link) {
        try {
          real = await fs.realPath(abs);
        } catch (e) {
          report({ path: rel, message: errorCode(e) === 'ELOOP' ? 'symbolic link loop; skipped' : describeIoError(e) });
          continue;
        }
        let ancestor: Frame | undefined = frame;
        while (ancestor && ancestor.real !== real) ancestor = ancestor.parent;
        if (ancestor) {
          if (!reportedLoops.has(real)) {
            reportedLoops.add(real);
            report({
              path: rel,
              message: `symbolic link loop (points back to ${where(ancestor.rel)}); skipped`,
            });
          }
          continue;
        }
      } else {
        real = fs.join(frame.real, d.name);
      }
      if (visited.has(real)) continue; // already walked through another path
      visited.add(real);
      children.push({ abs, rel, real, parent: frame, layers });
    }
    for (let k = children.length - 1; k >= 0; k--) stack.push(children[k]!);
    for (let k = stack.length - 1; k >= Math.max(0, stack.length - PREFETCH); k--) {
      const next = stack[k]!;
      next.listing ??= list(next.abs);
    }
  }
}
