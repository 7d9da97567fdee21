// Bundles every unit test (test/unit/**/*.test.ts) into out/test-unit-<pid>/ and runs them with plain `node --test`.
import * as esbuild from 'esbuild';
import { catalogPlugin } from './catalog-plugin.mjs';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

function findTests(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? findTests(join(dir, d.name)) : d.name.endsWith('.test.ts') ? [join(dir, d.name)] : [],
  );
}

// A folder of its own per run, so that concurrent runs (several developers, a watcher) never delete each other's files.
const OUT = join('out', `test-unit-${process.pid}`);
rmSync(OUT, { recursive: true, force: true });
await esbuild.build({
  entryPoints: findTests('test/unit'),
  outdir: OUT,
  outbase: 'test/unit',
  bundle: true,
  plugins: [catalogPlugin()],
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: 'inline',
  // vscode: provided by the editor; xmlbuilder2/libxmljs2: @cyclonedx/cyclonedx-library's optional XML plug-ins (unused).
  external: ['vscode', 'xmlbuilder2', 'libxmljs2'],
  logLevel: 'warning',
});

// Run them unless only a build was asked for (explicit file list: works the same on Node 20 and newer).
if (!process.argv.includes('--build-only')) {
  process.on('exit', () => rmSync(OUT, { recursive: true, force: true }));
  const { spawnSync } = await import('node:child_process');
  const built = readdirSync(OUT, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.test.js'))
    .map((f) => join(OUT, f))
    .sort();
  const args = ['--test', '--test-reporter=spec', ...process.argv.slice(2).filter((a) => a !== '--build-only'), ...built];
  const r = spawnSync(process.execPath, args, { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}
