// Bundles the extension-host suite (test/suite/*.ts) into out/test/suite: `vscode` and `mocha` stay external,
// resolved at run time by the extension host and from node_modules.
import * as esbuild from 'esbuild';
import { catalogPlugin } from './catalog-plugin.mjs';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

rmSync('out/test/suite', { recursive: true, force: true });
await esbuild.build({
  entryPoints: readdirSync('test/suite').filter((f) => f.endsWith('.ts')).map((f) => join('test/suite', f)),
  outdir: 'out/test/suite',
  bundle: true,
  plugins: [catalogPlugin()],
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: 'inline',
  external: ['vscode', 'mocha'],
  logLevel: 'warning',
});
