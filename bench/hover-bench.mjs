// Hover benchmark: what one hover costs on a large document.
//
//   node bench/hover-bench.mjs [--lines N] [--hovers H] [--seed S]      (also run by `npm run bench`)
//
// Bundles bench/hover-entry.ts (esbuild, minified like the production build) into out/bench/hover-entry.js and runs
// it: a generated 10,000-line Python file with a catalog model id on every tenth line; the DocumentIndex is built once
// (its build time is reported), then 10,000 random positions — half on ids — each take at() + lookup() +
// cardMarkdown(). Prints p50/p99/max and a last line of JSON (hover_p99_ms, hover_index_build_ms, …). Target: p99 < 1 ms.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleBenchEntry } from './bundle.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = dirname(here);
const entry = await bundleBenchEntry('hover-entry');

const r = spawnSync(process.execPath, [entry, ...process.argv.slice(2)], { encoding: 'utf8' });
if (r.status !== 0) {
  process.stderr.write(r.stderr);
  process.exit(1);
}
const m = JSON.parse(r.stdout.trim().split('\n').pop());
const ms = (x, d = 3) => `${x.toFixed(d)} ms`;
console.log(`hover: ${m.lines} lines (${(m.bytes / 1024).toFixed(0)} KB), ${m.ids} ids indexed; engine compiled in ${ms(m.engineMs, 1)}`);
console.log(`       index built once in ${ms(m.buildMs, 1)}`);
console.log(`       ${m.hovers} hovers (half on ids; ${m.cards} cards of ~${m.avgCardChars} chars): at() + lookup() + cardMarkdown()`);
console.log(`       p50 ${ms(m.p50)}  p99 ${ms(m.p99)}  max ${ms(m.max)}  (target p99 < 1 ms: ${m.p99 < 1 ? 'met' : 'MISSED'})`);
console.log(
  JSON.stringify({
    hover_p50_ms: Number(m.p50.toFixed(4)),
    hover_p99_ms: Number(m.p99.toFixed(4)),
    hover_max_ms: Number(m.max.toFixed(3)),
    hover_index_build_ms: Number(m.buildMs.toFixed(2)),
    hover_lines: m.lines,
    hover_samples: m.hovers,
  }),
);
