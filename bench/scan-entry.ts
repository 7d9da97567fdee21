// Benchmark child: scans one folder with the real engine pieces (nodeFileSystem, the bundled catalog's matcher,
// collectMentions) and prints one JSON line. Bundled by bench/scan-bench.mjs into out/bench/scan-entry.js.
//   node out/bench/scan-entry.js <root> [workers] [concurrency]  → scan (BENCH_FS=callback|sync: other I/O layers)
//   node out/bench/scan-entry.js --examples                      → catalog examples that match as written
import { bundledCatalog } from '../src/core/catalog/index';
import * as nodeFs from 'node:fs';
import * as nodePath from 'node:path';
import { promisify } from 'node:util';
import { nodeFileSystem, type DirEntry, type FileSystem } from '../src/core/fs';
import { ModelMatcher } from '../src/core/matcher';
import { collectMentions } from '../src/core/mentions';

const typeOf = (d: nodeFs.Dirent | nodeFs.Stats): DirEntry['type'] =>
  d.isSymbolicLink() ? 'symlink' : d.isFile() ? 'file' : d.isDirectory() ? 'directory' : 'other';

/** Alternative FileSystem implementations, to measure what the I/O layer costs (BENCH_FS=callback|sync). */
function benchFileSystem(kind: string | undefined): FileSystem {
  if (kind === 'callback') {
    const readdir = promisify(nodeFs.readdir);
    const stat = promisify(nodeFs.stat);
    return {
      ...nodeFileSystem(),
      readDir: async (p) => (await readdir(p, { withFileTypes: true })).map((d) => ({ name: d.name, type: typeOf(d) })),
      stat: async (p) => {
        const s = await stat(p);
        return { type: s.isFile() ? 'file' : s.isDirectory() ? 'directory' : 'other', size: s.size };
      },
      realPath: promisify(nodeFs.realpath),
      readFile: promisify(nodeFs.readFile),
    };
  }
  if (kind === 'sync') {
    return {
      ...nodeFileSystem(),
      readDir: async (p) => nodeFs.readdirSync(p, { withFileTypes: true }).map((d) => ({ name: d.name, type: typeOf(d) })),
      stat: async (p) => {
        const s = nodeFs.statSync(p);
        return { type: s.isFile() ? 'file' : s.isDirectory() ? 'directory' : 'other', size: s.size };
      },
      realPath: async (p) => nodeFs.realpathSync(p),
      readFile: async (p) => nodeFs.readFileSync(p),
      join: (...parts) => nodePath.join(...parts),
    };
  }
  return nodeFileSystem();
}

async function main(): Promise<void> {
  const t0 = performance.now();
  const catalog = bundledCatalog();
  const matcher = ModelMatcher.compile(catalog);
  const compileMs = performance.now() - t0;
  if (process.argv[2] === '--examples') {
    const ids = catalog.models.flatMap((m) => m.examples.filter((ex) => matcher.matchToken(ex)?.id === m.id));
    process.stdout.write(JSON.stringify({ ids, keywords: catalog.models.flatMap((m) => m.keywords), patterns: catalog.models.flatMap((m) => m.patterns) }) + '\n');
    return;
  }
  const root = process.argv[2]!;
  const workers = process.argv[3] ? Number(process.argv[3]) : 0;
  const concurrency = process.argv[4] ? Number(process.argv[4]) : undefined;
  const t1 = performance.now();
  const r = await collectMentions(root, {
    fs: benchFileSystem(process.env.BENCH_FS),
    matcher,
    maxFileSize: 5 * 1024 * 1024,
    ...(concurrency ? { concurrency } : {}),
    ...(workers ? { workers } : {}),
  });
  const scanMs = performance.now() - t1;
  const hits = r.mentions.flatMap((m) => (m.kind === 'model' ? [`${m.location.path}:${m.location.line}:${m.name}`] : []));
  const packages = r.mentions.length - hits.length;
  process.stdout.write(
    JSON.stringify({
      compileMs,
      scanMs,
      files: r.filesScanned,
      bytes: r.bytesScanned,
      errors: r.errors.length,
      packages,
      hits,
      maxRssKb: process.resourceUsage().maxRSS,
    }) + '\n',
  );
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
