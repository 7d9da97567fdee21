// Runs the extension-host mocha suite inside the real VS Code: code-server with the smoke-test driver loads the
// extension from its development path and the suite from extensionTestsPath; the workbench reports the suite's exit
// code through `codeAutomationExit`, and mocha's output arrives as browser console messages.
import { format } from 'node:util';
import { launchBrowser, workbenchUrl } from './browser.mjs';

const SUITE_PREFIX = '[aio-suite] ';

/** Resolves to `{ code, passed, failed }` (counts from mocha's summary lines). */
export async function runExtensionHostSuite({ server, root, workspace, timeoutMs = 240_000 }) {
  const counts = { passed: 0, failed: 0 };
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    let settle;
    const exited = new Promise((resolve) => (settle = resolve));
    await page.exposeFunction('codeAutomationExit', (code) => settle(Number(code)));
    // The workbench forwards the extension host's console here as (level, [format, ...args]); the suite prefixes
    // mocha's lines with SUITE_PREFIX (test/suite/index.ts), everything else is workbench noise.
    await page.exposeFunction('codeAutomationLog', (level, args) => {
      const text = Array.isArray(args) ? format(...args) : String(args);
      for (const line of text.split('\n')) {
        if (!line.includes(SUITE_PREFIX)) continue;
        const out = line.slice(line.indexOf(SUITE_PREFIX) + SUITE_PREFIX.length);
        const count = /^\s*(\d+) (passing|failing)/.exec(out);
        if (count) counts[count[2] === 'passing' ? 'passed' : 'failed'] = Number(count[1]);
        process.stdout.write(out + '\n');
      }
    });
    const payload = [
      ['extensionDevelopmentPath', `vscode-remote://127.0.0.1:${server.port}${root}`],
      ['extensionTestsPath', `vscode-remote://127.0.0.1:${server.port}${root}/out/test/suite/index.js`],
      ['skipWelcome', 'true'],
    ];
    await page.goto(workbenchUrl(server, workspace, payload));
    const timeout = new Promise((resolve) => setTimeout(() => resolve('timeout'), timeoutMs));
    const code = await Promise.race([exited, timeout]);
    if (code === 'timeout') {
      process.stdout.write(`extension-host suite did not finish within ${timeoutMs / 1000} s\n`);
      return { code: 1, ...counts, failed: counts.failed || 1 };
    }
    return { code, ...counts, failed: code !== 0 && !counts.failed ? 1 : counts.failed };
  } finally {
    await browser.close();
  }
}
