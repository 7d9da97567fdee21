// `npm start`: builds and packages the extension, installs it into the provisioned code-server (throwaway user data),
// opens the sample workspace and prints the URL to open in a browser. Ctrl-C stops everything.
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { provision, ProvisionError, ROOT } from './provision.mjs';
import { installVsix, makeSandbox, QUIET_SETTINGS, startCodeServer } from './server.mjs';

const SAMPLE = join(ROOT, 'samples', 'llama-vs-api');
const DEFAULT_PORT = 8080;

/** PORT if set; else 8080 when free; else any free port. */
async function choosePort() {
  if (process.env.PORT) return Number(process.env.PORT);
  const free = await new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(false));
    srv.listen(DEFAULT_PORT, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
  return free ? DEFAULT_PORT : undefined;
}

async function main() {
  const tools = provision();
  const built = spawnSync('npm', ['run', '--silent', 'package'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  if (built.status !== 0) throw new Error('building the VSIX failed (npm run package)');
  const sandbox = makeSandbox('aio-start-');
  sandbox.writeSettings({ ...QUIET_SETTINGS, 'workbench.startupEditor': 'readme' });
  installVsix(tools, sandbox, join(ROOT, 'dist', 'ai-openness.vsix'));
  const port = await choosePort();
  const server = await startCodeServer(tools, sandbox, port ? { port } : {});
  let stopping = false;
  const stop = async (why) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`\n${why}: stopping code-server (pid ${server.pid}) and removing ${sandbox.root}\n`);
    await server.stop();
    sandbox.dispose();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('Ctrl-C'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  const url = `${server.url}/?folder=${encodeURIComponent(SAMPLE)}`;
  process.stdout.write(
    `\nAI Openness is running in VS Code (code-server) on the sample workspace.\n\n  Open: ${url}\n\n` +
      `Then run "AI Openness: Scan Workspace" from the command palette (F1). Press Ctrl-C here to stop.\n`,
  );
  await new Promise(() => undefined); // until a signal
}

main().catch((e) => {
  console.error(e instanceof ProvisionError ? `[npm start] ${e.message}` : e);
  process.exit(1);
});
