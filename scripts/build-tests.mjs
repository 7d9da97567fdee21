// Bundles every unit test (test/unit/**/*.test.ts) into out/test/unit so that plain `node --test` runs them.
import * as esbuild from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

function findTests(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? findTests(join(dir, d.name)) : d.name.endsWith('.test.ts') ? [join(dir, d.name)] : [],
  );
}

rmSync('out/test/unit', { recursive: true, force: true });
await esbuild.build({
  entryPoints: findTests('test/unit'),
  outdir: 'out/test/unit',
  outbase: 'test/unit',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: 'inline',
  external: ['vscode'],
  logLevel: 'warning',
});

// Run them unless only a build was asked for (explicit file list: works the same on Node 20 and newer).
if (!process.argv.includes('--build-only')) {
  const { spawnSync } = await import('node:child_process');
  const built = readdirSync('out/test/unit', { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.test.js'))
    .map((f) => join('out/test/unit', f))
    .sort();
  const args = ['--test', '--test-reporter=spec', ...process.argv.slice(2).filter((a) => a !== '--build-only'), ...built];
  const r = spawnSync(process.execPath, args, { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}
