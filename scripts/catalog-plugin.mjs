// esbuild plugin: `import catalog from 'virtual:ai-openness-catalog'` becomes the union of every JSON file under
// catalog/ (models/*.json, packages/*.json, licenses/*.json, gateways.json), read at build time in file-name order.
// Adding a file or an entry is a data change only: no import list to edit.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..', 'catalog');
const KINDS = ['models', 'packages', 'licenses'];

function jsonFiles(dir) {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => join(dir, f));
}

/** Reads the catalog; every entry remembers its file (for error messages), which the bundle drops. */
export function readCatalog(root = ROOT) {
  const out = { models: [], packages: [], licenses: [], gatewayPrefixes: [] };
  const files = [];
  for (const kind of KINDS) {
    for (const file of jsonFiles(join(root, kind))) {
      files.push(file);
      let data;
      try {
        data = JSON.parse(readFileSync(file, 'utf8'));
      } catch (e) {
        throw new Error(`catalog: ${relative(root, file)}: ${e.message}`);
      }
      if (!Array.isArray(data[kind])) throw new Error(`catalog: ${relative(root, file)} must be { "${kind}": [ … ] }`);
      out[kind].push(...data[kind]);
    }
  }
  const gateways = join(root, 'gateways.json');
  files.push(gateways);
  out.gatewayPrefixes = JSON.parse(readFileSync(gateways, 'utf8')).gatewayPrefixes;
  return { catalog: out, files };
}

export function catalogPlugin() {
  return {
    name: 'ai-openness-catalog',
    setup(build) {
      build.onResolve({ filter: /^virtual:ai-openness-catalog$/ }, (args) => ({ path: args.path, namespace: 'ai-openness-catalog' }));
      build.onLoad({ filter: /.*/, namespace: 'ai-openness-catalog' }, () => {
        const { catalog, files } = readCatalog();
        return {
          contents: `export default ${JSON.stringify(catalog)};`,
          loader: 'js',
          watchFiles: files,
          watchDirs: KINDS.map((k) => join(ROOT, k)),
        };
      });
    },
  };
}
