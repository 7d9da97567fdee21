// `npm run test:vscode`: proves the extension in a real VS Code (code-server + Debian Chromium).
//   (a) the extension-host mocha suite (test/suite) through the smoke-test driver, with the real `vscode` API, then
//       test/suite/untrusted.test.ts alone in a workspace left untrusted by workspace trust (a second, short run);
//   (b) UI tests (test/ui, node:test + playwright-core) against the installed VSIX, without the smoke-test flag.
// Stops every process it started and removes its temp dirs, also on failure or Ctrl-C.
// AIO_EXPECT_FAILURE=1 adds a deliberately wrong expectation to both kinds: the run must then fail (see README).
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { provision, requireChromium, ProvisionError, ROOT } from './provision.mjs';
import { installVsix, makeSandbox, QUIET_SETTINGS, startCodeServer } from './server.mjs';
import { runExtensionHostSuite } from './exthost.mjs';
import { registerEmptyLanguagePack } from './locale.mjs';

const FIXTURE = join(ROOT, 'test', 'fixtures', 'workspace');
/** Set by prepareWorkspace(): a throwaway copy of the fixture, so tests never write into the repository. */
let WORKSPACE = FIXTURE;
const VSIX = join(ROOT, 'dist', 'ai-openness.vsix');
const ARTIFACTS = join(ROOT, 'test-results');
mkdirSync(ARTIFACTS, { recursive: true });
const only = process.argv.includes('--exthost') ? 'exthost' : process.argv.includes('--ui') ? 'ui' : 'all';

const cleanups = [];
const totals = { passed: 0, failed: 0 };
async function cleanup() {
  while (cleanups.length) await cleanups.pop()().catch(() => undefined);
}
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.once(sig, async () => {
    process.stderr.write(`\n[vscode-test] ${sig}: stopping everything\n`);
    await cleanup();
    process.exit(130);
  });
}

function step(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (exit ${r.status})`);
}

/** Workspace trust on, no prompt (the folder stays untrusted), and online look-ups on at user level. */
const UNTRUSTED_SETTINGS = {
  'security.workspace.trust.enabled': true,
  'security.workspace.trust.startupPrompt': 'never',
  'security.workspace.trust.untrustedFiles': 'open',
  'aiOpenness.online': true,
};

/**
 * (a) The extension-host suite, then a short second run of test/suite/untrusted.test.ts in a workspace that workspace
 * trust leaves UNTRUSTED, with `aiOpenness.online` on in the user settings (it must still send nothing). Each run has
 * its own code-server, user-data-dir and workspace copy; AIO_SUITE in the extension host's environment (inherited from
 * code-server) tells test/suite/index.ts which files to run. Both runs' counts add into the totals.
 */
async function extensionHost(tools) {
  const code = await extensionHostRun(tools, { name: '(a) extension-host suite', log: 'code-server-exthost.log' });
  const untrusted = await extensionHostRun(tools, {
    name: '(a) extension-host suite, untrusted workspace',
    log: 'code-server-exthost-untrusted.log',
    suite: 'untrusted',
    workspace: prepareWorkspace(),
    settings: UNTRUSTED_SETTINGS,
    workspaceTrust: true,
  });
  return code || untrusted;
}

async function extensionHostRun(tools, { name, log, suite, workspace = WORKSPACE, settings = {}, workspaceTrust = false }) {
  const sandbox = makeSandbox();
  cleanups.push(async () => sandbox.dispose());
  sandbox.writeSettings({ ...QUIET_SETTINGS, ...settings });
  if (suite) sandbox.env.AIO_SUITE = suite;
  else delete sandbox.env.AIO_SUITE;
  const server = await startCodeServer(tools, sandbox, { smokeTestDriver: true, workspaceTrust, logFile: join(ARTIFACTS, log) });
  cleanups.push(server.stop);
  console.log(`\n== ${name} in code-server ${server.url}`);
  const { code, passed, failed } = await runExtensionHostSuite({ server, root: ROOT, workspace });
  totals.passed += passed;
  totals.failed += failed;
  await cleanups.pop()();
  console.log(`== ${name}: ${code === 0 ? 'passed' : `FAILED (exit ${code})`}`);
  if (code !== 0) console.log(`   code-server log: ${join(ARTIFACTS, log)}; rerun only this kind with --exthost`);
  return code;
}

async function ui(tools) {
  const sandbox = makeSandbox();
  cleanups.push(async () => sandbox.dispose());
  sandbox.writeSettings(QUIET_SETTINGS);
  console.log(`\n== installing ${VSIX}: ${installVsix(tools, sandbox, VSIX).split('\n').pop()}`);
  const server = await startCodeServer(tools, sandbox, { logFile: join(ARTIFACTS, 'code-server-ui.log') });
  cleanups.push(server.stop);
  console.log(`== (b) UI tests in Chromium against ${server.url}`);
  const files = uiTestFiles();
  const localized = await localizedServers(tools, files);
  const code = await new Promise((resolve) => {
    const child = spawn(process.execPath, ['--test', '--test-reporter=spec', '--test-concurrency=1', ...files], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, ...localized, AIO_SERVER_URL: server.url, AIO_WORKSPACE: WORKSPACE, AIO_ARTIFACTS: ARTIFACTS },
    });
    cleanups.push(async () => void child.kill('SIGTERM'));
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      for (const m of String(chunk).matchAll(/^ℹ (pass|fail) (\d+)$/gm)) totals[m[1] === 'pass' ? 'passed' : 'failed'] += Number(m[2]);
    });
    child.once('exit', (c) => resolve(c ?? 1));
  });
  console.log(`== (b) UI tests: ${code === 0 ? 'passed' : `FAILED (exit ${code})`}`);
  return code;
}

/**
 * UI test files named `*.<locale>.test.mjs` (e.g. `framework.id.test.mjs`) need a workbench in that display language:
 * for each such locale, a second code-server is started with `--locale <locale>` (own sandbox, same VSIX, and an empty
 * language pack so that the locale is not ignored: see locale.mjs). Its URL reaches every test file as
 * AIO_SERVER_URL_<LOCALE> (AIO_SERVER_URL_ID). Nothing more is started when no such file exists.
 */
async function localizedServers(tools, files) {
  const locales = [...new Set(files.map((f) => /\.([a-z]{2})\.test\.mjs$/.exec(f)?.[1]).filter(Boolean))];
  const env = {};
  for (const locale of locales) {
    const sandbox = makeSandbox(`aio-vscode-${locale}-`);
    cleanups.push(async () => sandbox.dispose());
    sandbox.writeSettings(QUIET_SETTINGS);
    installVsix(tools, sandbox, VSIX);
    registerEmptyLanguagePack(sandbox, locale);
    const server = await startCodeServer(tools, sandbox, { locale, logFile: join(ARTIFACTS, `code-server-ui-${locale}.log`) });
    cleanups.push(server.stop);
    console.log(`== (b) UI tests with --locale ${locale} against ${server.url}`);
    env[`AIO_SERVER_URL_${locale.toUpperCase()}`] = server.url;
  }
  return env;
}

function uiTestFiles() {
  const r = spawnSync('ls', ['test/ui'], { cwd: ROOT, encoding: 'utf8' });
  return r.stdout.split('\n').filter((f) => f.endsWith('.test.mjs')).map((f) => join('test', 'ui', f));
}

/**
 * Copies the fixture workspace into a temp folder and adds a file whose NAME is hostile HTML (`<img src=x
 * onerror=…>.py`, naming gpt-4o): views must show it as inert text. Made here rather than committed because Windows
 * cannot check out such a name.
 */
function prepareWorkspace() {
  const root = mkdtempSync(join(tmpdir(), 'aio-workspace-'));
  cleanups.push(async () => rmSync(root, { recursive: true, force: true }));
  const copy = join(root, 'workspace');
  cpSync(FIXTURE, copy, { recursive: true });
  writeFileSync(join(copy, '<img src=x onerror=alert(1)>.py'), '# A file name that is HTML must stay text in every view.\nMODEL = "gpt-4o"\n');
  return copy;
}

async function main() {
  const tools = provision();
  WORKSPACE = prepareWorkspace();
  requireChromium();
  step('npm', ['run', '--silent', 'package']);
  step(process.execPath, ['scripts/build-suite.mjs']);
  let failed = 0;
  if (only !== 'ui') failed += (await extensionHost(tools)) === 0 ? 0 : 1;
  if (only !== 'exthost') failed += (await ui(tools)) === 0 ? 0 : 1;
  return failed;
}

main()
  .then(async (failed) => {
    await cleanup();
    console.log(failed ? `\nreal VS Code tests FAILED (${failed} kind(s))` : '\nreal VS Code tests passed');
    console.log(`real-vscode: ${totals.passed} passed, ${totals.failed} failed`);
    process.exit(failed ? 1 : 0);
  })
  .catch(async (e) => {
    await cleanup();
    console.error(e instanceof ProvisionError ? `\n[vscode-test] ${e.message}` : e);
    process.exit(1);
  });
