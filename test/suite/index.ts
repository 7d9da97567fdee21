/**
 * Extension-host test entry: the module VS Code loads as `extensionTestsPath` (code-server's smoke-test driver here,
 * @vscode/test-electron elsewhere). Runs every compiled *.test.js beside it with mocha (BDD) and resolves or rejects,
 * which becomes the process's exit code.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';
import Mocha from 'mocha';

/** Prefix of every reporter line, so a runner reading the extension host's console can pick out mocha's output. */
export const SUITE_PREFIX = '[aio-suite] ';

export function run(): Promise<void> {
  const base = Mocha.reporters.Base as unknown as { consoleLog: (...args: unknown[]) => void };
  base.consoleLog = (...args: unknown[]) => {
    for (const line of format(...args).split('\n')) console.log(SUITE_PREFIX + line);
  };
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec' });
  for (const f of readdirSync(__dirname).filter((n) => n.endsWith('.test.js')).sort()) mocha.addFile(join(__dirname, f));
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures ? reject(new Error(`${failures} extension-host test(s) failed`)) : resolve()));
  });
}
