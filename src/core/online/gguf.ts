/**
 * The licence a GGUF file states in its metadata (`general.license`, `general.license.name`, `general.license.link`;
 * llama.cpp gguf-py constants, format in ggml docs/gguf.md). Only the head of the file is read, growing up to a cap:
 * the metadata comes before the tensor data, and model files are gigabytes.
 *
 * Layout (little-endian; a big-endian file is detected by its byte-swapped version): magic "GGUF", u32 version (2 or
 * 3; version 1 used 32-bit counts and is refused), u64 tensor count, u64 metadata count, then per entry a string key
 * (u64 length + UTF-8), a u32 value type and the value; an array is u32 element type, u64 count, elements.
 */
import type { FileSystem } from '../fs';
import type { OnlineLicense } from './types';

export interface GgufOptions {
  /** Bytes read first (default 64 KiB); doubled until the metadata fits. */
  initialBytes?: number;
  /** Never read more than this (default 16 MiB). */
  maxBytes?: number;
  now?: () => Date;
}

const enum T {
  UINT8 = 0, INT8 = 1, UINT16 = 2, INT16 = 3, UINT32 = 4, INT32 = 5, FLOAT32 = 6, BOOL = 7, STRING = 8, ARRAY = 9,
  UINT64 = 10, INT64 = 11, FLOAT64 = 12,
}
const FIXED_SIZE: Record<number, number> = {
  [T.UINT8]: 1, [T.INT8]: 1, [T.BOOL]: 1, [T.UINT16]: 2, [T.INT16]: 2, [T.UINT32]: 4, [T.INT32]: 4, [T.FLOAT32]: 4,
  [T.UINT64]: 8, [T.INT64]: 8, [T.FLOAT64]: 8,
};
const LICENSE_KEYS = ['general.license', 'general.license.name', 'general.license.link'] as const;
/** What a scan reads besides the licence keys: the model's name as the file states it. */
const HEADER_KEYS = [...LICENSE_KEYS, 'general.name', 'general.basename'] as const;
const utf8 = new TextDecoder('utf-8', { fatal: false });

/** Thrown when the metadata runs past the bytes read so far. */
class Truncated extends Error {}
/** Thrown for a header that cannot be GGUF metadata. */
class Corrupt extends Error {}

class Reader {
  private offset = 0;
  private readonly view: DataView;
  constructor(private readonly bytes: Uint8Array, private readonly little: boolean) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  private need(n: number): number {
    if (n > this.bytes.length - this.offset) throw new Truncated();
    const at = this.offset;
    this.offset += n;
    return at;
  }
  u32(): number {
    return this.view.getUint32(this.need(4), this.little);
  }
  u64(): number {
    const v = this.view.getBigUint64(this.need(8), this.little);
    if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new Corrupt('a length or count is implausibly large');
    return Number(v);
  }
  skip(n: number): void {
    this.need(n);
  }
  string(): string {
    const length = this.u64();
    const at = this.need(length);
    return utf8.decode(this.bytes.subarray(at, at + length));
  }
  /** Skips a value of `type`; returns it when it is a string and `want` (strings in arrays are never decoded). */
  value(type: number, want: boolean, depth = 0): string | undefined {
    if (type === T.STRING) {
      if (want) return this.string();
      this.skip(this.u64());
      return undefined;
    }
    const size = FIXED_SIZE[type];
    if (size !== undefined) {
      this.skip(size);
      return undefined;
    }
    if (type !== T.ARRAY) throw new Corrupt(`unknown value type ${type}`);
    if (depth > 4) throw new Corrupt('arrays nested too deep');
    const elementType = this.u32();
    const count = this.u64();
    const elementSize = FIXED_SIZE[elementType];
    if (elementSize !== undefined) {
      if (count > (this.bytes.length - this.offset) / elementSize) throw new Truncated();
      this.skip(count * elementSize);
    } else {
      for (let i = 0; i < count; i++) this.value(elementType, false, depth + 1);
    }
    return undefined;
  }
}

type Found = Partial<Record<(typeof LICENSE_KEYS)[number], string>>;
/** The header keys a scan reads: the licence keys, `general.name` and `general.basename`. */
export type GgufHeaderKeys = Partial<Record<(typeof HEADER_KEYS)[number], string>>;

/**
 * Reads the string values of `keys` from the metadata in `bytes` (stopping once all are found); throws Truncated when
 * it runs past them (`partial` then holds what was found before), Corrupt when it is not GGUF.
 */
function parseKeys<K extends string>(bytes: Uint8Array, keys: readonly K[], partial: Partial<Record<K, string>> = {}): Partial<Record<K, string>> {
  if (bytes.length < 4) throw new Truncated();
  if (String.fromCharCode(...bytes.subarray(0, 4)) !== 'GGUF') {
    // A repository cloned without its LFS objects holds small text pointers under the weights' names.
    if (String.fromCharCode(...bytes.subarray(0, 24)) === 'version https://git-lfs.') throw new Corrupt('a Git LFS pointer, not the weights (run `git lfs pull` to fetch them)');
    throw new Corrupt('not a GGUF file (wrong magic)');
  }
  if (bytes.length < 8) throw new Truncated();
  const probe = new DataView(bytes.buffer, bytes.byteOffset, 8);
  const le = probe.getUint32(4, true);
  const little = le < 0x10000;
  const version = little ? le : probe.getUint32(4, false);
  if (version !== 2 && version !== 3) throw new Corrupt(`unsupported GGUF version ${version}`);
  const r = new Reader(bytes, little);
  r.skip(8);
  r.u64(); // tensor count
  const kvCount = r.u64();
  const found = partial;
  for (let i = 0; i < kvCount; i++) {
    const key = r.string();
    const wanted = (keys as readonly string[]).includes(key);
    const value = r.value(r.u32(), wanted);
    if (wanted && value !== undefined && value.trim() !== '') {
      found[key as K] = value.trim();
      if (keys.every((k) => found[k] !== undefined)) break;
    }
  }
  return found;
}

/** Parses the metadata in `bytes`; throws Truncated when it runs past them, Corrupt when it is not GGUF. */
export function parseGgufLicenseKeys(bytes: Uint8Array): Found {
  return parseKeys(bytes, LICENSE_KEYS);
}

/** The licence the header keys state, as an OnlineLicense (`from`: the file as the caller names it); undefined if none. */
export function ggufLicenseOf(found: Found, from: string, fetchedAt: string): OnlineLicense | undefined {
  const license = found['general.license'];
  const name = found['general.license.name'];
  const url = found['general.license.link'];
  if (license === undefined && name === undefined && url === undefined) return undefined;
  return {
    license: license ?? name ?? 'unknown',
    ...(name !== undefined ? { name } : {}),
    ...(url !== undefined ? { url } : {}),
    source: 'gguf',
    from,
    fetchedAt,
    ...(license === undefined ? { note: 'the file names a licence but gives no general.license id' } : {}),
  };
}

/** What reading a GGUF header gave: its keys, or the problem (`cause`: the I/O error, when it is one). */
export type GgufHeader =
  | { keys: GgufHeaderKeys; bytesRead: number }
  | { error: string; cause?: unknown; bytesRead: number };

/**
 * Reads the header keys of the GGUF file at `path` from the head of the file, growing the head up to the cap (with a
 * file system that cannot read a head: the whole file, once, only within the cap). I/O errors and bad data are answers,
 * not exceptions. `bytesRead`: every byte read, re-reads included. When the metadata is longer than the cap, licence
 * keys found before it are kept.
 */
export function readGgufHeader(fs: FileSystem, path: string, options: GgufOptions = {}): Promise<GgufHeader> {
  return readKeys(fs, path, HEADER_KEYS, options);
}

async function readKeys(fs: FileSystem, path: string, keys: readonly (typeof HEADER_KEYS)[number][], options: GgufOptions): Promise<GgufHeader> {
  const max = Math.max(16, options.maxBytes ?? 16 * 1024 * 1024);
  let length = Math.min(max, Math.max(16, options.initialBytes ?? 64 * 1024));
  let bytesRead = 0;
  let whole: Uint8Array | undefined;
  for (;;) {
    let bytes: Uint8Array;
    try {
      if (fs.readHead) {
        bytes = await fs.readHead(path, length);
        bytesRead += bytes.length;
      } else {
        if (!whole) {
          // Without readHead the whole file is read: only accept that for a file within the cap.
          const { size } = await fs.stat(path);
          if (size > max) return { error: 'this file system cannot read only the head of a file', bytesRead };
          whole = await fs.readFile(path);
          bytesRead += whole.length;
        }
        bytes = whole.subarray(0, length);
      }
    } catch (e) {
      return { error: `could not be read (${e instanceof Error ? e.message : String(e)})`, cause: e, bytesRead };
    }
    const found: GgufHeaderKeys = {};
    try {
      return { keys: parseKeys(bytes, keys, found), bytesRead };
    } catch (e) {
      if (e instanceof Corrupt) return { error: e.message, bytesRead };
      if (!(e instanceof Truncated)) throw e;
      if (bytes.length < length) return { error: 'truncated GGUF header', bytesRead };
      if (length >= max) {
        if (LICENSE_KEYS.some((k) => found[k] !== undefined)) return { keys: found, bytesRead };
        return { error: `GGUF metadata longer than ${max} bytes; not read further`, bytesRead };
      }
      length = Math.min(max, length * 2);
    }
  }
}

/** The licence keys of the GGUF file at `path`: an OnlineLicense, `{ error }`, or undefined when it states none. */
export async function readGgufLicense(
  fs: FileSystem,
  path: string,
  options: GgufOptions = {},
): Promise<OnlineLicense | { error: string } | undefined> {
  const h = await readKeys(fs, path, LICENSE_KEYS, options);
  if ('error' in h) return { error: `${path}: ${h.error}` };
  return ggufLicenseOf(h.keys, path, (options.now ?? (() => new Date()))().toISOString());
}
