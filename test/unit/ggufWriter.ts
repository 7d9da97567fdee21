/**
 * A tiny GGUF writer for tests (little-endian unless `big`): enough to write real headers for the reader and scans.
 */

/** GGUF metadata value types (ggml docs/gguf.md). */
export const GGUF_TYPE = { UINT8: 0, UINT16: 2, UINT32: 4, INT32: 5, FLOAT32: 6, BOOL: 7, STRING: 8, ARRAY: 9, UINT64: 10, FLOAT64: 12 } as const;

export class GgufWriter {
  private readonly parts: number[] = [];
  constructor(private readonly big = false) {}
  private bytes(b: ArrayLike<number>): this {
    for (let i = 0; i < b.length; i++) this.parts.push(b[i] as number);
    return this;
  }
  private num(size: number, set: (v: DataView) => void): this {
    const v = new DataView(new ArrayBuffer(size));
    set(v);
    return this.bytes(new Uint8Array(v.buffer));
  }
  u8(n: number) { return this.num(1, (v) => v.setUint8(0, n)); }
  u16(n: number) { return this.num(2, (v) => v.setUint16(0, n, !this.big)); }
  i32(n: number) { return this.num(4, (v) => v.setInt32(0, n, !this.big)); }
  u32(n: number) { return this.num(4, (v) => v.setUint32(0, n, !this.big)); }
  f32(n: number) { return this.num(4, (v) => v.setFloat32(0, n, !this.big)); }
  u64(n: number | bigint) { return this.num(8, (v) => v.setBigUint64(0, BigInt(n), !this.big)); }
  f64(n: number) { return this.num(8, (v) => v.setFloat64(0, n, !this.big)); }
  str(s: string) {
    const b = new TextEncoder().encode(s);
    return this.u64(b.length).bytes(b);
  }
  header(version: number, tensors: number, kvs: number) {
    return this.bytes(new TextEncoder().encode('GGUF')).u32(version).u64(tensors).u64(kvs);
  }
  kv(key: string, type: number, write: (w: this) => void) {
    this.str(key).u32(type);
    write(this);
    return this;
  }
  build(): Uint8Array {
    return Uint8Array.from(this.parts);
  }
}

/** A version-3 header (no tensors) holding only string keys. */
export function ggufStrings(kvs: Record<string, string>): Uint8Array {
  const w = new GgufWriter().header(3, 0, Object.keys(kvs).length);
  for (const [k, v] of Object.entries(kvs)) w.kv(k, GGUF_TYPE.STRING, (x) => x.str(v));
  return w.build();
}
