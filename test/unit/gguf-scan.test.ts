/**
 * Local GGUF model files in a scan: found by the walk, only their header read (never the weights), the header's
 * licence beside the catalog's or grading a model the catalog lacks. Real GGUF v3 headers, written here.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createEngine } from '../../src/core/engine';
import type { FileSystem } from '../../src/core/fs';
import { enrichScan } from '../../src/core/online/enrich';
import { readGgufHeader } from '../../src/core/online/gguf';
import { onlineLine } from '../../src/core/report/card';
import { renderTable } from '../../src/core/report/table';
import { scanWorkspace, type ScanOptions } from '../../src/core/scan';
import type { Finding, ScanResult } from '../../src/core/types';
import { GGUF_TYPE, GgufWriter } from './ggufWriter';
import { MemFs } from './memfs';

const engine = createEngine();

const { UINT32, FLOAT32, STRING, ARRAY, INT32 } = GGUF_TYPE;

interface Header {
  license?: string;
  licenseName?: string;
  link?: string;
  name?: string;
  basename?: string;
  /** Tokens in the vocabulary array, written before the general.* keys when `vocabFirst`. */
  tokens?: number;
  vocabFirst?: boolean;
}

/** A GGUF v3 file: architecture, the given general.* keys, a token array, then fake tensor bytes. */
function gguf(h: Header = {}, tail = 256): Uint8Array {
  const general: [string, string][] = [];
  if (h.name !== undefined) general.push(['general.name', h.name]);
  if (h.basename !== undefined) general.push(['general.basename', h.basename]);
  if (h.license !== undefined) general.push(['general.license', h.license]);
  if (h.licenseName !== undefined) general.push(['general.license.name', h.licenseName]);
  if (h.link !== undefined) general.push(['general.license.link', h.link]);
  const tokens = h.tokens ?? 8;
  const w = new GgufWriter().header(3, 1, 5 + general.length);
  const vocab = () =>
    w.kv('tokenizer.ggml.tokens', ARRAY, (x) => {
      x.u32(STRING).u64(tokens);
      for (let i = 0; i < tokens; i++) x.str(`tok${i}`);
    });
  w.kv('general.architecture', STRING, (x) => x.str('llama'));
  if (h.vocabFirst) vocab();
  for (const [k, v] of general) w.kv(k, STRING, (x) => x.str(v));
  w.kv('general.file_type', UINT32, (x) => x.u32(15))
    .kv('llama.rope.freq_base', FLOAT32, (x) => x.f32(500000))
    .kv('tokenizer.ggml.token_type', ARRAY, (x) => x.u32(INT32).u64(2).i32(1).i32(3));
  if (!h.vocabFirst) vocab();
  for (let i = 0; i < tail; i++) w.u8(0xab);
  return w.build();
}

const LLAMA3 = 'Meta-Llama-3-8B-Instruct.Q4_K_M.gguf';

function writeTree(dir: string, files: Record<string, string | Uint8Array>): void {
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), content);
  }
}

function withDir<T>(files: Record<string, string | Uint8Array>, fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'gguf-scan-'));
  writeTree(dir, files);
  return fn(dir).finally(() => rmSync(dir, { recursive: true, force: true }));
}

const size = (c: string | Uint8Array) => (typeof c === 'string' ? Buffer.byteLength(c) : c.length);
const find = (r: ScanResult, name: string): Finding => {
  const f = r.findings.find((x) => x.name === name);
  assert.ok(f, `a finding named ${name}; got ${r.findings.map((x) => x.name).join(', ')}`);
  return f;
};
/** The result without what differs between runs (read times, durations). */
const stable = (r: ScanResult) =>
  JSON.parse(JSON.stringify({ ...r, root: '', summary: { ...r.summary, durationMs: 0 } }, (k, v: unknown) => (k === 'fetchedAt' ? 'T' : v)));

/** Scans `files` on the real file system with reader threads, without them, and in memory: the same result each time. */
async function scanAllWays(files: Record<string, string | Uint8Array>, options: ScanOptions = {}): Promise<ScanResult> {
  const mem = await scanWorkspace('/ws', { engine, fs: new MemFs(files), ...options });
  return withDir(files, async (dir) => {
    const threads = await scanWorkspace(dir, { engine, workers: 2, ...options });
    const main = await scanWorkspace(dir, { engine, workers: 0, ...options });
    assert.deepEqual(stable(threads), stable(mem), 'reader threads and MemFs agree');
    assert.deepEqual(stable(main), stable(mem), 'this thread and MemFs agree');
    return threads;
  });
}

test('a catalog-named GGUF file: the catalog finding at 1:1, with the header licence beside it, agreeing or not', async () => {
  const files = {
    'app.py': 'client.chat(model="gpt-4o")\n',
    [`models/${LLAMA3}`]: gguf({ name: 'Meta Llama 3 8B Instruct', license: 'llama3', link: 'https://llama.meta.com/llama3/license' }),
    'README.md': `# Run\n\nDownload ${LLAMA3} first.\n`,
    'other/Meta-Llama-3-8B-Instruct.Q8_0.gguf': gguf({ license: 'mit' }),
  };
  const r = await scanAllWays(files);
  assert.deepEqual(r.errors, []);
  const agrees = find(r, LLAMA3);
  assert.equal(agrees.source, 'catalog');
  assert.equal(agrees.id, 'meta-llama/Meta-Llama-3-8B');
  assert.equal(agrees.license.id, 'LicenseRef-llama3');
  assert.equal(agrees.access, 'self-hostable');
  assert.deepEqual(agrees.locations, [
    { path: 'README.md', line: 3, column: 10 },
    { path: `models/${LLAMA3}`, line: 1, column: 1 },
  ]);
  assert.equal(agrees.online?.license?.source, 'gguf');
  assert.equal(agrees.online?.license?.license, 'llama3');
  assert.equal(agrees.online?.license?.from, `models/${LLAMA3}`);
  assert.equal(agrees.online?.license?.url, 'https://llama.meta.com/llama3/license');
  assert.equal(agrees.online?.agreesWithCatalog, true);
  assert.match(onlineLine(agrees.online!), /^online: gguf says llama3 \(\d{4}-\d\d-\d\d\) — agrees with the catalog$/);

  const differs = find(r, 'Meta-Llama-3-8B-Instruct.Q8_0.gguf');
  assert.equal(differs.license.id, 'LicenseRef-llama3', 'the catalog answer stands');
  assert.equal(differs.online?.license?.license, 'mit');
  assert.equal(differs.online?.agreesWithCatalog, false);
  const table = renderTable(r, { color: false, width: 120 });
  assert.match(table, /gguf says mit \(.*\) — differs from the catalog: both shown/);

  assert.equal(r.summary.filesScanned, 4);
  const bytes = Object.values(files).reduce((n, c) => n + size(c), 0);
  assert.equal(r.summary.bytesScanned, bytes, 'small GGUF files: the head read is the whole file');
  assert.ok(find(r, 'gpt-4o'), 'text files are still scanned');
});

test('a GGUF file the catalog lacks: discovered, self-hostable, graded from its header licence', async () => {
  const r = await scanAllWays({
    'a/sealion-ft-7b.Q4_K_M.gguf': gguf({ name: 'SeaLion FT 7B', basename: 'sealion-ft', license: 'apache-2.0' }),
    'b/sealion-ft-7b.Q4_K_M.gguf': gguf({ license: 'mit' }),
    'c/sealion-ft-7b.Q4_K_M.gguf': gguf({ license: 'mit' }),
    'house-model.gguf': gguf({ license: 'other', licenseName: 'ACME Model Licence 1.0', link: 'https://acme.example/licence' }),
    'mystery.gguf': gguf({ basename: 'mystery' }),
  });
  assert.deepEqual(r.errors, []);
  const open = find(r, 'sealion-ft-7b.Q4_K_M.gguf');
  assert.equal(open.source, 'discovered');
  assert.equal(open.access, 'self-hostable');
  assert.equal(open.license.id, 'Apache-2.0');
  assert.equal(open.openness.level, 'open-weights');
  assert.equal(open.locations.length, 3, 'one finding per name as written');
  assert.match(open.openness.reasons[0]!, /local GGUF model file .* does not know\. Its header names the model "SeaLion FT 7B"/);
  assert.match(open.openness.reasons[1]!, /^Licence read from the GGUF file header of a\/sealion-ft-7b\.Q4_K_M\.gguf \(general\.license "apache-2\.0"\), offline/);
  assert.ok(
    open.openness.reasons.some((x) => /^Copies of this file state different licences in their GGUF headers: apache-2\.0 \(a\/\S+\), mit \(b\/\S+\)\.$/.test(x)),
    'the disagreement is shown, each licence once, where first met',
  );
  assert.equal(open.online, undefined, 'no online answer: the licence is the finding’s own');

  const other = find(r, 'house-model.gguf');
  assert.equal(other.openness.level, 'unknown');
  assert.equal(other.license.name, 'ACME Model Licence 1.0');
  assert.equal(other.license.url, 'https://acme.example/licence');
  assert.match(other.openness.reasons.join('\n'), /GGUF file header of house-model\.gguf \(general\.license "other", general\.license\.name "ACME Model Licence 1\.0"/);
  assert.match(other.openness.reasons.join('\n'), /not a licence the catalog or SPDX knows/);

  const none = find(r, 'mystery.gguf');
  assert.equal(none.openness.level, 'unknown');
  assert.equal(none.license.id, 'unknown');
  assert.equal(none.access, 'self-hostable');
  assert.match(none.openness.reasons.join('\n'), /The GGUF header of mystery\.gguf states no licence/);
  assert.match(none.openness.reasons.join('\n'), /Its header names the model "mystery"/);
});

test('a catalog-named GGUF file whose header states no licence: the catalog answer, and a reason saying so', async () => {
  const r = await scanAllWays({ [LLAMA3]: gguf({ name: 'x' }) });
  const f = find(r, LLAMA3);
  assert.equal(f.source, 'catalog');
  assert.equal(f.license.id, 'LicenseRef-llama3');
  assert.equal(f.openness.level, 'restricted-weights');
  assert.equal(f.online, undefined);
  assert.ok(f.openness.reasons.includes(`The GGUF header of ${LLAMA3} states no licence (no general.license, general.license.name or general.license.link).`));
});

test('a corrupt or truncated header is an error naming the file; the scan goes on', async () => {
  const good = gguf({ license: 'apache-2.0' });
  const wrongMagic = gguf({ license: 'llama3' });
  wrongMagic.set(new TextEncoder().encode('GGML'), 0);
  const files = {
    'a.py': 'm = "gpt-4o"\n',
    [`bad/${LLAMA3}`]: wrongMagic,
    'cut/partial.gguf': good.subarray(0, 40),
    'empty.gguf': new Uint8Array(0),
    'ok/fine-7b.gguf': good,
  };
  const r = await scanAllWays(files);
  assert.deepEqual(r.errors, [
    { path: 'empty.gguf', message: 'GGUF header cannot be read: truncated GGUF header; skipped' },
    { path: `bad/${LLAMA3}`, message: 'GGUF header cannot be read: not a GGUF file (wrong magic); skipped' },
    { path: 'cut/partial.gguf', message: 'GGUF header cannot be read: truncated GGUF header; skipped' },
  ]);
  assert.deepEqual(r.findings.map((f) => f.name).sort(), ['fine-7b.gguf', 'gpt-4o']);
  assert.equal(r.summary.filesScanned, 2);
  assert.equal(r.summary.errors, 3);

  // An I/O error: the usual words, on that file only.
  const fs = new MemFs(files);
  fs.fail('/ws/ok/fine-7b.gguf', 'readFile', 'EACCES');
  const denied = await scanWorkspace('/ws', { engine, fs });
  assert.deepEqual(denied.errors.find((e) => e.path === 'ok/fine-7b.gguf'), { path: 'ok/fine-7b.gguf', message: 'permission denied; skipped' });
  assert.deepEqual(denied.findings.map((f) => f.name), ['gpt-4o']);
});

test('ignored GGUF files (.gitignore, exclude patterns, skipped folders) are never read', async () => {
  const files = {
    '.gitignore': '*.gguf\n!keep.gguf\n',
    'keep.gguf': gguf({ license: 'mit' }),
    'models/a.gguf': gguf({ license: 'mit' }),
    'vendored/b.gguf': gguf({ license: 'mit' }),
    'node_modules/x/c.gguf': gguf({ license: 'mit' }),
  };
  const fs = new MemFs(files);
  const r = await scanWorkspace('/ws', { engine, fs, ignore: ['vendored/'] });
  assert.deepEqual(r.findings.map((f) => f.name), ['keep.gguf']);
  assert.deepEqual(fs.reads.filter((p) => p.endsWith('.gguf')), ['/ws/keep.gguf']);
  assert.deepEqual(r.errors, []);
  const real = await withDir(files, (dir) => scanWorkspace(dir, { engine, ignore: ['vendored/'] }));
  assert.deepEqual(real.findings.map((f) => f.name), ['keep.gguf']);
  assert.equal(real.summary.filesScanned, 2);
});

test('a 50 MB GGUF file (sparse) is found from its head alone, beyond the size limit, with and without reader threads', async () => {
  const head = gguf({ name: 'Big', license: 'apache-2.0', tokens: 2000 });
  assert.ok(head.length > 16 * 1024 && head.length < 64 * 1024);
  await withDir({ [`weights/${LLAMA3}`]: head, 'notes.txt': 'nothing here\n' }, async (dir) => {
    truncateSync(join(dir, 'weights', LLAMA3), 50 * 1024 * 1024);
    for (const workers of [2, 0]) {
      const r = await scanWorkspace(dir, { engine, workers, maxFileSize: 1024 * 1024 });
      assert.deepEqual(r.errors, [], `workers: ${workers}`);
      const f = find(r, LLAMA3);
      assert.equal(f.online?.license?.license, 'apache-2.0');
      assert.equal(f.online?.agreesWithCatalog, false);
      assert.equal(r.summary.filesScanned, 2);
      assert.equal(r.summary.bytesScanned, 64 * 1024 + 'nothing here\n'.length, 'only the first 64 KiB of the 50 MB');
    }
  });
});

test('readGgufHeader: names, bytes read, licence keys kept when the metadata runs past the cap', async () => {
  const data = gguf({ name: 'N', basename: 'B', license: 'llama3', tokens: 3000, vocabFirst: false });
  const heads: number[] = [];
  const fs: FileSystem = {
    readDir: async () => [],
    stat: async () => ({ type: 'file', size: data.length }),
    realPath: async (p) => p,
    readFile: async () => assert.fail('only the head is read'),
    readHead: async (_p, n) => (heads.push(n), data.subarray(0, n)),
    join: (...p) => p.join('/'),
  };
  const full = await readGgufHeader(fs, '/m/x.gguf', { initialBytes: 1024 });
  assert.ok('keys' in full);
  assert.deepEqual(full.keys, { 'general.name': 'N', 'general.basename': 'B', 'general.license': 'llama3' });
  assert.equal(full.bytesRead, heads.reduce((n, h) => n + Math.min(h, data.length), 0));
  assert.ok(heads.length > 1, 'the head grew past the token array');

  // The token array is longer than the cap: the licence read before it is kept.
  const capped = await readGgufHeader(fs, '/m/x.gguf', { initialBytes: 1024, maxBytes: 4096 });
  assert.ok('keys' in capped);
  assert.equal(capped.keys['general.license'], 'llama3');
  assert.ok(capped.bytesRead <= 1024 + 2048 + 4096);
  // …but without a licence key before the cap it is still an error.
  const late = gguf({ license: 'llama3', tokens: 3000, vocabFirst: true });
  const lateFs: FileSystem = { ...fs, readHead: async (_p, n) => late.subarray(0, n) };
  const e = await readGgufHeader(lateFs, '/m/y.gguf', { initialBytes: 1024, maxBytes: 4096 });
  assert.ok('error' in e && /longer than 4096 bytes/.test(e.error));
});

test('--online keeps a GGUF file its own header answer: the Hub is not asked for it', async () => {
  const r = await scanAllWays({ [`models/${LLAMA3}`]: gguf({ license: 'mit' }) });
  const asked: string[] = [];
  const client = { json: async (url: string) => (asked.push(url), { ok: true as const, status: 200, json: { cardData: { license: 'llama3' } } }) };
  await enrichScan(createEngine(), r, { client, hfEndpoint: 'http://127.0.0.1:9' });
  assert.deepEqual(asked, []);
  assert.equal(find(r, LLAMA3).online?.license?.source, 'gguf');
  assert.equal(find(r, LLAMA3).online?.license?.license, 'mit');
});
