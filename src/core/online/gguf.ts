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
    return new TextDecoder('utf-8', { fatal: false }).decode(this.bytes.subarray(at, at + length));
  }
  /** Skips a value of `type`; returns it when it is a string. */
  value(type: number, depth = 0): string | undefined {
    if (type === T.STRING) return this.string();
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
      for (let i = 0; i < count; i++) this.value(elementType, depth + 1);
    }
    return undefined;
  }
}

type Found = Partial<Record<(typeof LICENSE_KEYS)[number], string>>;

/** Parses the metadata in `bytes`; throws Truncated when it runs past them, Corrupt when it is not GGUF. */
export function parseGgufLicenseKeys(bytes: Uint8Array): Found {
  if (bytes.length < 4) throw new Truncated();
  if (String.fromCharCode(...bytes.subarray(0, 4)) !== 'GGUF') throw new Corrupt('not a GGUF file (wrong magic)');
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
  const found: Found = {};
  for (let i = 0; i < kvCount; i++) {
    const key = r.string();
    const value = r.value(r.u32());
    if ((LICENSE_KEYS as readonly string[]).includes(key) && value !== undefined && value.trim() !== '') {
      found[key as keyof Found] = value.trim();
      if (LICENSE_KEYS.every((k) => found[k] !== undefined)) break;
    }
  }
  return found;
}

async function readHead(fs: FileSystem, path: string, length: number, max: number): Promise<Uint8Array> {
  if (fs.readHead) return fs.readHead(path, length);
  // Without readHead the whole file would be read: only accept that for a file within the cap.
  const { size } = await fs.stat(path);
  if (size > max) throw new Corrupt('this file system cannot read only the head of a file');
  return (await fs.readFile(path)).subarray(0, length);
}

/** The licence keys of the GGUF file at `path`: an OnlineLicense, `{ error }`, or undefined when it states none. */
export async function readGgufLicense(
  fs: FileSystem,
  path: string,
  options: GgufOptions = {},
): Promise<OnlineLicense | { error: string } | undefined> {
  const max = Math.max(16, options.maxBytes ?? 16 * 1024 * 1024);
  let length = Math.min(max, Math.max(16, options.initialBytes ?? 64 * 1024));
  for (;;) {
    let bytes: Uint8Array;
    try {
      bytes = await readHead(fs, path, length, max);
    } catch (e) {
      if (e instanceof Corrupt) return { error: `${path}: ${e.message}` };
      return { error: `${path}: could not be read (${e instanceof Error ? e.message : String(e)})` };
    }
    try {
      const found = parseGgufLicenseKeys(bytes);
      const license = found['general.license'];
      const name = found['general.license.name'];
      const url = found['general.license.link'];
      if (license === undefined && name === undefined && url === undefined) return undefined;
      return {
        license: license ?? name ?? 'unknown',
        ...(name !== undefined ? { name } : {}),
        ...(url !== undefined ? { url } : {}),
        source: 'gguf',
        from: path,
        fetchedAt: (options.now ?? (() => new Date()))().toISOString(),
        ...(license === undefined ? { note: 'the file names a licence but gives no general.license id' } : {}),
      };
    } catch (e) {
      if (e instanceof Corrupt) return { error: `${path}: ${e.message}` };
      if (!(e instanceof Truncated)) throw e;
      if (bytes.length < length) return { error: `${path}: truncated GGUF header` };
      if (length >= max) return { error: `${path}: GGUF metadata longer than ${max} bytes; not read further` };
      length = Math.min(max, length * 2);
    }
  }
}
