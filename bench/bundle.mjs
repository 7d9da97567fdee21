// Bundles a bench entry (bench/<name>.ts) like the production build (minified, catalog plugin) into out/bench/<name>.js.
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { catalogPlugin } from '../scripts/catalog-plugin.mjs';

const here = dirname(fileURLToPath(import.meta.url));

/** Returns the bundle's path. */
export async function bundleBenchEntry(name) {
  const outfile = join(dirname(here), 'out', 'bench', `${name}.js`);
  mkdirSync(dirname(outfile), { recursive: true });
  await esbuild.build({
    entryPoints: [join(here, `${name}.ts`)],
    outfile,
    bundle: true,
    plugins: [catalogPlugin()],
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    minify: true,
    logLevel: 'warning',
    legalComments: 'none',
  });
  return outfile;
}
