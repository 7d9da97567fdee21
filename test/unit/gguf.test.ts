import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FileSystem } from '../../src/core/fs';
import type { OnlineLicense } from '../../src/core/online/types';
import { readGgufLicense } from '../../src/core/online/gguf';
import { GGUF_TYPE, GgufWriter } from './ggufWriter';

const { UINT8, UINT16, INT32, FLOAT32, BOOL, STRING, ARRAY, UINT64, FLOAT64, UINT32 } = GGUF_TYPE;

/** A version-3 header with values of every kind before the licence keys, then `tail` (e.g. fake tensor bytes). */
function sample(options: { license?: boolean; big?: boolean; tokens?: number; tail?: number } = {}): Uint8Array {
  const license = options.license ?? true;
  const tokens = options.tokens ?? 5;
  const w = new GgufWriter(options.big);
  w.header(3, 2, license ? 14 : 11)
    .kv('general.architecture', STRING, (x) => x.str('llama'))
    .kv('general.name', STRING, (x) => x.str('Meta Llama 3 8B Instruct'))
    .kv('general.file_type', UINT32, (x) => x.u32(15))
    .kv('general.quantization_version', UINT8, (x) => x.u8(2))
    .kv('llama.expert_count', UINT16, (x) => x.u16(0))
    .kv('llama.context_length', UINT64, (x) => x.u64(8192))
    .kv('llama.rope.freq_base', FLOAT32, (x) => x.f32(500000))
    .kv('llama.attention.layer_norm_rms_epsilon', FLOAT64, (x) => x.f64(1e-5))
    .kv('tokenizer.ggml.add_bos_token', BOOL, (x) => x.u8(1))
    .kv('tokenizer.ggml.tokens', ARRAY, (x) => {
      x.u32(STRING).u64(tokens);
      for (let i = 0; i < tokens; i++) x.str(`tok${i}`);
    })
    .kv('tokenizer.ggml.token_type', ARRAY, (x) => {
      x.u32(INT32).u64(3).i32(1).i32(1).i32(3);
    });
  if (license) {
    w.kv('general.license', STRING, (x) => x.str('llama3'))
      .kv('general.license.name', STRING, (x) => x.str('Meta Llama 3 Community License'))
      .kv('general.license.link', STRING, (x) => x.str('https://llama.meta.com/llama3/license'));
  }
  for (let i = 0; i < (options.tail ?? 64); i++) w.u8(0xab);
  return w.build();
}

/** A FileSystem holding one file, recording every readHead length; readFile is forbidden. */
function oneFile(data: Uint8Array): FileSystem & { heads: number[] } {
  const heads: number[] = [];
  return {
    heads,
    readDir: async () => [],
    stat: async () => ({ type: 'file', size: data.length }),
    realPath: async (p) => p,
    readFile: async () => assert.fail('readFile must not be called: only the head is read'),
    readHead: async (_p, length) => {
      heads.push(length);
      return data.subarray(0, length);
    },
    join: (...parts) => parts.join('/'),
  };
}

const now = () => new Date('2026-11-27T12:00:00Z');

test('gguf: a real v3 header with values of every type gives the licence keys', async () => {
  const r = await readGgufLicense(oneFile(sample()), '/m/model.Q4_K_M.gguf', { now });
  assert.deepEqual(r, {
    license: 'llama3',
    name: 'Meta Llama 3 Community License',
    url: 'https://llama.meta.com/llama3/license',
    source: 'gguf',
    from: '/m/model.Q4_K_M.gguf',
    fetchedAt: '2026-11-27T12:00:00.000Z',
  });
});

test('gguf: a big-endian file is read too', async () => {
  const r = (await readGgufLicense(oneFile(sample({ big: true })), '/m/be.gguf')) as OnlineLicense;
  assert.equal(r.license, 'llama3');
});

test('gguf: metadata longer than the first read grows the head, but never past the cap', async () => {
  const data = sample({ tokens: 5000, tail: 300_000 });
  const fs = oneFile(data);
  const r = (await readGgufLicense(fs, '/m/big.gguf', { initialBytes: 1024 })) as OnlineLicense;
  assert.equal(r.license, 'llama3');
  assert.ok(fs.heads.length > 1, 'grew');
  assert.ok(Math.max(...fs.heads) < data.length / 2, 'never the whole file');

  const capped = oneFile(data);
  const e = await readGgufLicense(capped, '/m/big.gguf', { initialBytes: 1024, maxBytes: 8192 });
  assert.match((e as { error: string }).error, /longer than 8192 bytes/);
  assert.ok(Math.max(...capped.heads) <= 8192);
});

test('gguf: wrong magic, unsupported version, truncated header, unknown type are errors', async () => {
  const wrong = sample();
  wrong.set(new TextEncoder().encode('GGML'), 0);
  assert.match((await readGgufLicense(oneFile(wrong), '/m/x.gguf') as { error: string }).error, /wrong magic/);
  const lfs = new TextEncoder().encode('version https://git-lfs.github.com/spec/v1\noid sha256:4d7a\nsize 4920734880\n');
  assert.match((await readGgufLicense(oneFile(lfs), '/m/x.gguf') as { error: string }).error, /Git LFS pointer, not the weights \(run `git lfs pull`/);

  const v1 = new GgufWriter().header(1, 0, 0).build();
  assert.match((await readGgufLicense(oneFile(v1), '/m/x.gguf') as { error: string }).error, /version 1/);

  const full = sample({ tail: 0 });
  for (const cut of [3, 10, 30, full.length - 5]) {
    const r = await readGgufLicense(oneFile(full.subarray(0, cut)), '/m/t.gguf');
    assert.match((r as { error: string }).error, /truncated GGUF header/, `cut at ${cut}`);
  }

  const badType = new GgufWriter().header(3, 0, 1).kv('x', 42, () => undefined).build();
  assert.match((await readGgufLicense(oneFile(badType), '/m/x.gguf') as { error: string }).error, /unknown value type 42/);
});

test('gguf: no licence key gives undefined; an I/O error is an error', async () => {
  assert.equal(await readGgufLicense(oneFile(sample({ license: false })), '/m/none.gguf'), undefined);
  const broken: FileSystem = { ...oneFile(sample()), readHead: async () => { throw Object.assign(new Error('EACCES: denied'), { code: 'EACCES' }); } };
  assert.match((await readGgufLicense(broken, '/m/x.gguf') as { error: string }).error, /could not be read/);
});

test('gguf: without readHead, only a file within the cap is read whole', async () => {
  const data = sample();
  const { readHead: _unused, ...noHead } = oneFile(data);
  const small: FileSystem = { ...noHead, readFile: async () => data };
  assert.equal(((await readGgufLicense(small, '/m/s.gguf')) as OnlineLicense).license, 'llama3');
  const huge: FileSystem = { ...small, stat: async () => ({ type: 'file', size: 40e9 }) };
  assert.match((await readGgufLicense(huge, '/m/h.gguf') as { error: string }).error, /cannot read only the head/);
});
