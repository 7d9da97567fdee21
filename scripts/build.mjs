// Bundles the extension (node/cjs, `vscode` external), the CLI and the Framework webview script (browser/iife) with esbuild.
// Usage: node scripts/build.mjs [--production] [--watch]
import * as esbuild from 'esbuild';
import { catalogPlugin } from './catalog-plugin.mjs';
import { chmodSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  plugins: [catalogPlugin()],
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'warning',
  legalComments: 'none',
  // @cyclonedx/cyclonedx-library's optional XML serializer/validator plug-ins: never loaded (the export is JSON only).
  external: ['xmlbuilder2', 'libxmljs2'],
};

const builds = [
  { ...common, entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js', external: ['vscode', ...common.external] },
  {
    ...common,
    entryPoints: ['src/cli/main.ts'],
    outfile: 'dist/cli.js',
    banner: { js: '#!/usr/bin/env node' },
  },
  // The Framework webview's script: browser code (marked + DOMPurify bundled in), loaded by the view with a nonce.
  {
    ...common,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    entryPoints: ['src/webview/framework.ts'],
    // Keep the bundled libraries' licence notices in the shipped file (marked's header is a plain comment: copy it).
    legalComments: 'eof',
    banner: { js: readFileSync('node_modules/marked/lib/marked.esm.js', 'utf8').match(/^\/\*\*[\s\S]*?\*\//)?.[0].replace('/**', '/*!') ?? '' },
    outfile: 'dist/webview/framework.js',
  },
];

/**
 * vscode.l10n bundles: each feature keeps its Indonesian strings in l10n/parts/<feature>.id.json (English source text →
 * translation); they are merged into l10n/bundle.l10n.id.json, the file VS Code loads. A key defined twice with two
 * different translations fails the build.
 */
function buildL10n() {
  const dir = 'l10n/parts';
  if (!existsSync(dir)) return;
  const merged = {};
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.id.json')).sort()) {
    const part = JSON.parse(readFileSync(join(dir, f), 'utf8'));
    for (const [key, value] of Object.entries(part)) {
      if (key in merged && merged[key] !== value) throw new Error(`l10n: "${key}" translated differently in ${f}`);
      merged[key] = value;
    }
  }
  writeFileSync('l10n/bundle.l10n.id.json', JSON.stringify(merged, null, 2) + '\n');
}

buildL10n();

if (watch) {
  for (const options of builds) {
    const ctx = await esbuild.context(options);
    await ctx.watch();
  }
  console.log('[watch] build started; watching for changes');
} else {
  const outputs = await Promise.all(builds.map((options) => esbuild.build({ ...options, metafile: true })));
  chmodSync('dist/cli.js', 0o755);
  writeNotices(outputs.map((o) => o.metafile));
}

/**
 * dist/THIRD-PARTY-NOTICES.txt: the licence and NOTICE files of every npm package bundled into a shipped file (found
 * from esbuild's metafiles), so the VSIX and the CLI carry the notices their licences require (e.g. Apache-2.0's NOTICE
 * of @cyclonedx/cyclonedx-library).
 */
function writeNotices(metafiles) {
  const packages = new Set();
  for (const m of metafiles) {
    for (const input of Object.keys(m.inputs)) {
      const at = input.lastIndexOf('node_modules/');
      if (at < 0) continue;
      const parts = input.slice(at + 'node_modules/'.length).split('/');
      packages.add(join(input.slice(0, at), 'node_modules', ...parts.slice(0, parts[0].startsWith('@') ? 2 : 1)));
    }
  }
  const sections = [...packages].sort().map((dir) => {
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    const files = readdirSync(dir, { withFileTypes: true }).filter((d) => d.isFile() && /^(licen[cs]e|notice|copying)/i.test(d.name)).map((d) => d.name).sort();
    const texts = files.map((f) => readFileSync(join(dir, f), 'utf8').trim());
    const license = typeof pkg.license === 'string' ? pkg.license : JSON.stringify(pkg.license ?? 'unknown');
    return [`${pkg.name} ${pkg.version} — ${license}`, ...(texts.length ? texts : [`(no licence file in the package; licence: ${license})`])].join('\n\n');
  });
  const header = 'AI Openness bundles the following npm packages. Their licence and notice files follow.\n';
  writeFileSync('dist/THIRD-PARTY-NOTICES.txt', [header, ...sections].join(`\n\n${'='.repeat(78)}\n\n`) + '\n');
}
