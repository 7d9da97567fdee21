/**
 * Extension-host test entry: the module VS Code loads as `extensionTestsPath` (code-server's smoke-test driver here,
 * @vscode/test-electron elsewhere). Runs the compiled *.test.js beside it with mocha (BDD) and resolves or rejects,
 * which becomes the process's exit code.
 *
 * Which files: AIO_SUITE in the extension host's environment (it inherits code-server's, see
 * scripts/vscode/run-tests.mjs) names a single suite to run alone, e.g. AIO_SUITE=untrusted runs only
 * untrusted.test.js, which needs a workspace that workspace trust leaves untrusted. Unset, every file runs except
 * those that need such a setup of their own (SEPARATE).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';
import Mocha from 'mocha';

/** Prefix of every reporter line, so a runner reading the extension host's console can pick out mocha's output. */
export const SUITE_PREFIX = '[aio-suite] ';

/** Suites that only run when AIO_SUITE names them, each in a launch of its own. */
const SEPARATE = ['untrusted'];

function suiteFiles(env: NodeJS.ProcessEnv): string[] {
  const all = readdirSync(__dirname).filter((n) => n.endsWith('.test.js')).sort();
  const only = env['AIO_SUITE'];
  if (!only) return all.filter((n) => !SEPARATE.includes(n.slice(0, -'.test.js'.length)));
  const files = all.filter((n) => n === `${only}.test.js`);
  if (!files.length) throw new Error(`AIO_SUITE=${only}: no ${only}.test.js in ${__dirname}`);
  return files;
}

export function run(): Promise<void> {
  const base = Mocha.reporters.Base as unknown as { consoleLog: (...args: unknown[]) => void };
  base.consoleLog = (...args: unknown[]) => {
    for (const line of format(...args).split('\n')) console.log(SUITE_PREFIX + line);
  };
  let files: string[];
  try {
    files = suiteFiles(process.env);
  } catch (e) {
    base.consoleLog(String(e));
    return Promise.reject(e);
  }
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec' });
  for (const f of files) mocha.addFile(join(__dirname, f));
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures ? reject(new Error(`${failures} extension-host test(s) failed`)) : resolve()));
  });
}
