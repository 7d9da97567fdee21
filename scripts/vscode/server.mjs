// Starts and stops code-server (and everything it spawns) in throwaway directories.
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Settings that keep runs quiet and deterministic. */
export const QUIET_SETTINGS = {
  'workbench.startupEditor': 'none',
  'chat.disableAIFeatures': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'editor.hover.delay': 200,
  'workbench.tips.enabled': false,
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
};

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** A temp root with user-data, extensions, XDG and HOME folders, removed by `dispose()`. */
export function makeSandbox(prefix = 'aio-vscode-') {
  const root = mkdtempSync(join(tmpdir(), prefix));
  const dirs = {
    root,
    userData: join(root, 'user-data'),
    extensions: join(root, 'extensions'),
    home: join(root, 'home'),
    config: join(root, 'xdg-config'),
    data: join(root, 'xdg-data'),
    cache: join(root, 'xdg-cache'),
    tmp: join(root, 'tmp'),
  };
  for (const d of Object.values(dirs)) mkdirSync(d, { recursive: true });
  mkdirSync(join(dirs.userData, 'User'), { recursive: true });
  return {
    ...dirs,
    env: {
      ...process.env,
      HOME: dirs.home,
      XDG_CONFIG_HOME: dirs.config,
      XDG_DATA_HOME: dirs.data,
      XDG_CACHE_HOME: dirs.cache,
      TMPDIR: dirs.tmp,
    },
    writeSettings(settings) {
      writeFileSync(join(dirs.userData, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
    },
    dispose() {
      rmSync(root, { recursive: true, force: true, maxRetries: 3 });
    },
  };
}

/** Installs a VSIX into the sandbox's extensions folder with code-server's own CLI. */
export function installVsix(tools, sandbox, vsix) {
  const r = spawnSync(
    tools.node,
    [tools.codeServer, '--install-extension', vsix, '--user-data-dir', sandbox.userData, '--extensions-dir', sandbox.extensions],
    { env: sandbox.env, encoding: 'utf8' },
  );
  if (r.status !== 0) throw new Error(`installing ${vsix} failed:\n${r.stdout}\n${r.stderr}`);
  return r.stdout.trim();
}

async function waitForHealth(url, child, timeoutMs) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`code-server exited early with code ${child.exitCode}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`code-server did not answer ${url}/healthz within ${timeoutMs / 1000} s`);
}

/**
 * Starts code-server in its own process group. `smokeTestDriver` enables the automation hooks used to run the
 * extension-host suite; `workspaceTrust` leaves workspace trust on (it is disabled otherwise, and the user settings
 * decide the rest). The extension host inherits `sandbox.env`. Returns `{ url, port, pid, stop() }`; `stop()` kills
 * the whole group.
 */
export async function startCodeServer(tools, sandbox, { smokeTestDriver = false, workspaceTrust = false, locale, port, logFile } = {}) {
  port ??= await freePort();
  const args = [
    tools.codeServer,
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--user-data-dir', sandbox.userData,
    '--extensions-dir', sandbox.extensions,
    '--disable-telemetry',
    '--disable-update-check',
    '--ignore-last-opened',
    '--reconnection-grace-time', '5',
  ];
  if (!workspaceTrust) args.push('--disable-workspace-trust');
  if (smokeTestDriver) args.push('--vscode-option', 'enable-smoke-test-driver');
  if (locale) args.push('--locale', locale);
  const child = spawn(tools.node, args, { env: sandbox.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const log = createWriteStream(logFile ?? join(sandbox.root, 'code-server.log'));
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  const url = `http://127.0.0.1:${port}`;
  const stop = () => {
    if (child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
    return new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const timer = setTimeout(() => {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // already gone
        }
        resolve();
      }, 3000);
      child.once('exit', () => {
        clearTimeout(timer);
        // Extension hosts and watchers are in the same group: make sure none survives.
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // group empty
        }
        resolve();
      });
    });
  };
  try {
    await waitForHealth(url, child, 30_000);
  } catch (e) {
    await stop();
    throw e;
  }
  return { url, port, pid: child.pid, stop };
}
