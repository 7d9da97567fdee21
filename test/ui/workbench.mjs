// Helpers for UI tests in the real workbench (selectors measured on code-server 4.139.1 / VS Code 1.139).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser, workbenchUrl } from '../../scripts/vscode/browser.mjs';

export const env = {
  url: process.env.AIO_SERVER_URL,
  workspace: process.env.AIO_WORKSPACE,
  artifacts: process.env.AIO_ARTIFACTS ?? 'test-results',
};
if (!env.url || !env.workspace) throw new Error('UI tests run through `npm run test:vscode` (AIO_SERVER_URL and AIO_WORKSPACE unset)');

/** Opens the workbench on the test workspace; returns `{ page, browser }`. */
export async function openWorkbench(folder = env.workspace) {
  const browser = await launchBrowser();
  const page = await browser.newPage();
  await page.goto(workbenchUrl({ url: env.url }, folder));
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60_000 });
  return { page, browser };
}

/**
 * Runs a command from the palette by its full title ("AI Openness: Scan Workspace"). Retries: before the
 * extension's contributions load, the palette says "No matching commands" and never refreshes.
 */
export async function runCommand(page, title, attempts = 6) {
  for (let i = 1; i <= attempts; i++) {
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor({ timeout: 10_000 });
    await input.fill(`>${title}`);
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
    try {
      await row.waitFor({ timeout: 5_000 });
      await page.keyboard.press('Enter');
      return;
    } catch {
      await page.keyboard.press('Escape');
      if (i === attempts) throw new Error(`command "${title}" not found in the palette after ${attempts} attempts`);
      await page.waitForTimeout(2_000);
    }
  }
}

export async function screenshot(page, name) {
  mkdirSync(env.artifacts, { recursive: true });
  const path = join(env.artifacts, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

/** Opens a workspace file through Quick Open (Ctrl+P) by its name (`main.py`), and waits for its editor tab. */
export async function quickOpen(page, name) {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ timeout: 10_000 });
  await input.fill(name);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor({ timeout: 15_000 });
  await page.keyboard.press('Enter');
  await page.locator('.tabs-container .tab.active', { hasText: name }).waitFor({ timeout: 15_000 });
}

/** Puts the cursor of the active editor at `line`:`column` (1-based) through Go to Line (Ctrl+G). */
export async function goToLine(page, line, column) {
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ timeout: 10_000 });
  await input.fill(`:${line}:${column}`);
  await page.locator('.quick-input-widget .quick-input-message, .quick-input-list .monaco-list-row', { hasText: String(line) }).first().waitFor({ timeout: 10_000 });
  await page.keyboard.press('Enter');
  await page.locator('.part.statusbar .statusbar-item', { hasText: `Ln ${line}, Col ${column}` }).waitFor({ timeout: 10_000 });
}

/** Hides the Secondary Side Bar (empty here, with chat off) so that screenshots give its width to the editor. */
export async function hideSecondarySideBar(page) {
  const bar = page.locator('.part.auxiliarybar');
  if (!(await bar.isVisible())) return;
  await runCommand(page, 'View: Hide Secondary Side Bar');
  await bar.waitFor({ state: 'hidden', timeout: 10_000 });
}
