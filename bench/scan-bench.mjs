// Scan benchmark: the engine's collectMentions against ripgrep and GNU grep on the same generated corpus.
//
//   npm run bench                       (builds dist/, then runs this)
//   node bench/scan-bench.mjs [--files N] [--mb M] [--runs R] [--workers W] [--concurrency C] [--no-grep]
//
// 1. Bundles bench/scan-entry.ts (esbuild, minified like the production build) into out/bench/scan-entry.js.
// 2. Generates the corpus deterministically into bench/.corpus/ (reused when the parameters and ids are the same):
//    ~20,000 files / ~200 MB of mixed source with catalog example ids sprinkled at recorded lines.
// 3. Warms the page cache, then times R interleaved runs (median) of: the scan in a child process with W worker
//    threads (default 2; the headline figures) and on one thread (workers: 0) — wall clock, including Node start-up
//    and matcher compilation; collectMentions' own time is printed too —, `rg -i -c` and `grep -rEic` with the
//    keyword alternation (the strict comparison) and with the bounded pattern alternation (see bench/patterns.mjs for
//    what "equivalent" means). ripgrep: `--no-ignore --hidden` so it reads the same file set as the scan (the corpus
//    holds nothing the scan would skip), and `-e PATTERN` (rg's own `-E` is --encoding, not "extended").
// 4. Checks that every sprinkled id was found at its line (the bench fails otherwise).
// 5. Runs bench/hover-bench.mjs (hover cost on a 10,000-line document) and prints one JSON line last, with the scan's
//    figures and the hover's (hover_p99_ms, hover_index_build_ms, …).
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleBenchEntry } from './bundle.mjs';
import { ensureCorpus } from './corpus.mjs';
import { keywordAlternation, patternAlternationEre, patternAlternationRust } from './patterns.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = dirname(here);

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}
const FILES = Number(arg('files', 20000));
const MB = Number(arg('mb', 200));
const RUNS = Number(arg('runs', 3));
const CONCURRENCY = arg('concurrency', undefined);
const WORKERS = Number(arg('workers', 2));
const WITH_GREP = !process.argv.includes('--no-grep');

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (n, d = 1) => n.toFixed(d);

function timed(cmd, args, options = {}) {
  const t = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { maxBuffer: 256 * 1024 * 1024, encoding: 'utf8', ...options });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  if (r.error) throw r.error;
  return { ms, stdout: r.stdout, stderr: r.stderr, status: r.status, signal: r.signal };
}

/** Sum of the per-file counts printed by `rg -c` / `grep -c` (`path:count`). */
function sumCounts(stdout) {
  let n = 0;
  for (const line of stdout.split('\n')) {
    const c = line.lastIndexOf(':');
    if (c > 0) n += Number(line.slice(c + 1)) || 0;
  }
  return n;
}

// 1. Bundle the entry.
const entry = await bundleBenchEntry('scan-entry');

// 2. Catalog facts and corpus.
const facts = JSON.parse(timed(process.execPath, [entry, '--examples']).stdout);
if (!facts.ids.length) throw new Error('no catalog example matches as written: nothing to sprinkle');
const { dir, meta } = ensureCorpus({ root: join(here, '.corpus'), files: FILES, megabytes: MB, ids: facts.ids });
const corpusMb = meta.bytes / 1e6;
console.log(`corpus: ${dir}`);
console.log(`        ${meta.files} files, ${fmt(corpusMb)} MB (10^6 bytes), ${meta.sprinkles.length} ids sprinkled`);
console.log(`catalog: ${new Set(facts.keywords).size} keywords, ${facts.patterns.length} patterns, ${facts.ids.length} example ids`);

// 3. Warm the cache.
timed('rg', ['--no-ignore', '--hidden', '-c', '-e', 'zzzzzz', dir]);

// Runs are interleaved (scan, scan with workers, rg, grep, …, then again) so that all tools share the machine's
// conditions of the moment; each figure is the median of its runs.
const scanConfigs = [
  { name: `scan, ${WORKERS} workers`, workers: WORKERS },
  { name: 'scan, 1 thread', workers: 0 },
];
const kw = keywordAlternation(facts.keywords);
let ere;
let ereError;
try {
  ere = patternAlternationEre(facts.patterns);
} catch (e) {
  ereError = String(e.message);
}
const toolSpecs = [
  { name: 'rg keywords', cmd: 'rg', args: ['--no-ignore', '--hidden', '-i', '-c', '-e', kw, dir] },
  { name: 'rg patterns', cmd: 'rg', args: ['--no-ignore', '--hidden', '-i', '-c', '-e', patternAlternationRust(facts.patterns), dir] },
  ...(WITH_GREP
    ? [
        { name: 'grep keywords', cmd: 'grep', args: ['-rEic', kw, dir] },
        ere ? { name: 'grep patterns', cmd: 'grep', args: ['-rEic', ere, dir] } : { name: 'grep patterns', note: ereError },
      ]
    : []),
];
const scanRuns = scanConfigs.map(() => []);
const toolRuns = toolSpecs.map(() => ({ times: [], lines: NaN, note: undefined }));
const runScan = (c) => {
  const r = timed(process.execPath, [entry, dir, String(c.workers), ...(CONCURRENCY ? [CONCURRENCY] : [])]);
  if (r.status !== 0) throw new Error(`scan failed: ${r.stderr}`);
  return { wall: r.ms, ...JSON.parse(r.stdout) };
};
for (const c of scanConfigs) runScan(c); // warm-up (page cache, disk)
for (let i = 0; i < RUNS; i++) {
  scanConfigs.forEach((c, k) => scanRuns[k].push(runScan(c)));
  toolSpecs.forEach((t, k) => {
    const slot = toolRuns[k];
    if (!t.cmd || slot.note) {
      slot.note ??= t.note;
      return;
    }
    const out = timed(t.cmd, t.args, { timeout: 300_000 });
    if (out.signal) slot.note = `killed (${out.signal}) after ${fmt(out.ms / 1000)} s`;
    else if (out.status !== 0 && out.status !== 1) slot.note = `exit ${out.status}: ${out.stderr.slice(0, 200)}`;
    else {
      slot.times.push(out.ms);
      slot.lines = sumCounts(out.stdout);
    }
  });
}
const scans = scanRuns.map((runs) => ({
  wall: median(runs.map((s) => s.wall)),
  inner: median(runs.map((s) => s.scanMs)),
  compileMs: median(runs.map((s) => s.compileMs)),
  peakRssMb: Math.max(...runs.map((s) => s.maxRssKb)) / 1024,
  walls: runs.map((s) => s.wall),
  last: runs[runs.length - 1],
}));
const tools = toolSpecs.map((t, k) => ({
  name: t.name,
  ms: toolRuns[k].note ? NaN : median(toolRuns[k].times),
  times: toolRuns[k].times,
  lines: toolRuns[k].lines,
  note: toolRuns[k].note,
}));
const main = scans[0];
const scanWall = main.wall;
const last = main.last;
const peakRssMb = Math.max(...scans.map((s) => s.peakRssMb));

// 4. Sanity: every sprinkled id found at its line (in every configuration).
const missingIn = (scan) => {
  const found = new Set(scan.last.hits);
  return meta.sprinkles.filter((sp) => !found.has(`${sp.path}:${sp.line}:${sp.id}`));
};
const missing = missingIn(main);
const missingOther = scans.slice(1).reduce((n, sc) => n + missingIn(sc).length, 0);
const extra = last.hits.length - (meta.sprinkles.length - missing.length);

const row = (name, ms, note = '') =>
  `${name.padEnd(18)} ${fmt(ms, 0).padStart(7)} ms ${fmt(meta.files / (ms / 1000), 0).padStart(8)} files/s ${fmt(corpusMb / (ms / 1000)).padStart(8)} MB/s ${note}`;
const spread = (xs) => `[${xs.map((x) => fmt(x, 0)).join(', ')}]`;
console.log('');
console.log(`median of ${RUNS} interleaved runs; scan times are wall clock of the whole child process (node start-up, catalog`);
console.log(`compile, walk, read, match); "inside" is collectMentions alone. MB = 10^6 bytes.`);
scanConfigs.forEach((c, k) => {
  const sc = scans[k];
  console.log(row(c.name, sc.wall, `peak RSS ${fmt(sc.peakRssMb)} MB, runs ${spread(sc.walls)}`));
  console.log(row('  inside', sc.inner, `(matcher compile ${fmt(sc.compileMs)} ms)`));
});
for (const t of tools) {
  console.log(
    Number.isNaN(t.ms)
      ? `${t.name.padEnd(18)} ${t.note}`
      : row(t.name, t.ms, `${t.lines} matching lines; runs ${spread(t.times)}; scan (${WORKERS} workers) is ${fmt(scanWall / t.ms, 2)}×`),
  );
}
console.log('');
console.log(`hits: ${last.hits.length} model mentions (+${last.packages} package mentions), ${last.errors} errors`);
console.log(`      ${meta.sprinkles.length} sprinkled, ${meta.sprinkles.length - missing.length} found at their line, ${missing.length} missed, ${extra} other hits`);
if (missingOther) console.log(`      the 1-thread scan missed ${missingOther}`);
for (const m of missing.slice(0, 10)) console.log(`      missed: ${m.path}:${m.line} ${m.id}`);

// 5. The hover benchmark (bench/hover-bench.mjs) in a child process: its figures join this bench's JSON line.
const hoverRun = timed(process.execPath, [join(here, 'hover-bench.mjs')]);
const hoverLines = hoverRun.stdout.trim().split('\n');
let hover = {};
if (hoverRun.status === 0) {
  hover = JSON.parse(hoverLines.pop());
  console.log('');
  for (const line of hoverLines) console.log(line);
} else console.log(`hover bench failed (exit ${hoverRun.status}): ${hoverRun.stderr.slice(0, 300)}`);

const byName = (n) => tools.find((t) => t.name === n);
const ratio = (t, base = scanWall) => (t && !Number.isNaN(t.ms) ? Number(fmt(base / t.ms, 2)) : null);
const single = scans[1];
console.log(
  JSON.stringify({
    scan_mb_per_s: Number(fmt(corpusMb / (scanWall / 1000))),
    scan_files_per_s: Math.round(meta.files / (scanWall / 1000)),
    scan_vs_rg_ratio: ratio(byName('rg keywords')),
    scan_vs_grep_ratio: ratio(byName('grep keywords')),
    scan_vs_rg_patterns_ratio: ratio(byName('rg patterns')),
    scan_vs_grep_patterns_ratio: ratio(byName('grep patterns')),
    scan_workers: WORKERS,
    scan_1thread_mb_per_s: Number(fmt(corpusMb / (single.wall / 1000))),
    scan_1thread_vs_rg_ratio: ratio(byName('rg keywords'), single.wall),
    peak_rss_mb: Number(fmt(peakRssMb)),
    files: meta.files,
    mb: Number(fmt(corpusMb)),
    hits: last.hits.length,
    sprinkled: meta.sprinkles.length,
    missed: missing.length + missingOther,
    ...hover,
  }),
);
if (missing.length || missingOther) process.exit(1);
