// Hover benchmark child: builds a DocumentIndex over a generated 10,000-line source file, then times what one hover
// costs (at() + lookup() + cardMarkdown()) at random positions, half of them on model ids. Prints one JSON line.
// Bundled by bench/hover-bench.mjs into out/bench/hover-entry.js.
//   node out/bench/hover-entry.js [--lines N] [--hovers H] [--seed S]
import { cardMarkdown } from '../src/core/card';
import { createEngine } from '../src/core/engine';
import { DocumentIndex } from '../src/core/locate';
import { lookup } from '../src/core/lookup';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

/** Deterministic PRNG (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CODE = [
  'def handle(request, context):',
  '    result = compute_total(request.items, discount=0.15)',
  '    logger.info("processed %d items", len(result))',
  '    if not result: raise ValueError("empty")',
  '    return {"status": "ok", "value": result, "next": cursor + 1}',
  'import numpy as np  # numerical helpers',
  'class Repository(BaseRepository):',
  '    timeout_seconds = 30',
  '',
];

function main(): void {
  const LINES = arg('lines', 10_000);
  const HOVERS = arg('hovers', 10_000);
  const random = rng(arg('seed', 42));
  const t0 = performance.now();
  const engine = createEngine();
  const engineMs = performance.now() - t0;
  const ids = engine.catalog.models.flatMap((m) => m.examples.filter((ex) => engine.matcher.matchToken(ex)?.id === m.id));
  const lines: string[] = [];
  const idAt: { line: number; start: number; length: number }[] = [];
  for (let i = 0; i < LINES; i++) {
    if (i % 10 === 3) {
      const id = ids[Math.floor(random() * ids.length)]!;
      const prefix = `    model_${i} = client.load(model="`;
      lines.push(`${prefix}${id}", temperature=0.2)`);
      idAt.push({ line: i, start: prefix.length, length: id.length });
    } else lines.push(CODE[i % CODE.length]!);
  }
  const text = lines.join('\n');
  const t1 = performance.now();
  const index = new DocumentIndex(engine, 'generated.py', text);
  const buildMs = performance.now() - t1;

  const positions: [number, number][] = [];
  for (let k = 0; k < HOVERS; k++) {
    if (k % 2 === 0) {
      const at = idAt[Math.floor(random() * idAt.length)]!;
      positions.push([at.line, at.start + Math.floor(random() * at.length)]);
    } else {
      const line = Math.floor(random() * LINES);
      positions.push([line, Math.floor(random() * (lines[line]!.length + 1))]);
    }
  }
  // Warm-up on other positions (JIT), then the timed hovers.
  for (let k = 0; k < 500; k++) index.at(k % LINES, k % 40);
  const times = new Float64Array(HOVERS);
  let cards = 0;
  let bytes = 0;
  for (let k = 0; k < HOVERS; k++) {
    const [line, character] = positions[k]!;
    const s = performance.now();
    const hit = index.at(line, character);
    if (hit) {
      const r = lookup(engine, hit.query)[0];
      if (r) {
        const md = cardMarkdown(r, k % 4 === 0 ? 'id' : 'en', { showInViewCommand: 'aiOpenness.showInView' });
        bytes += md.length;
        cards++;
      }
    }
    times[k] = performance.now() - s;
  }
  const sorted = [...times].sort((a, b) => a - b);
  const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
  process.stdout.write(
    JSON.stringify({
      lines: LINES,
      bytes: text.length,
      ids: index.size,
      hovers: HOVERS,
      cards,
      avgCardChars: cards ? Math.round(bytes / cards) : 0,
      engineMs,
      buildMs,
      p50: q(0.5),
      p99: q(0.99),
      max: sorted[sorted.length - 1]!,
    }) + '\n',
  );
}

main();
