// UI: run "AI Openness: Scan Workspace" from the command palette and see its result in the workbench.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openWorkbench, runCommand, screenshot } from './workbench.mjs';

test('Scan Workspace from the palette shows the result and the report', { timeout: 180_000 }, async () => {
  const { page, browser } = await openWorkbench();
  try {
    await runCommand(page, 'AI Openness: Scan Workspace');
    const toast = page.locator('.notifications-toasts .notification-list-item', { hasText: 'AI dependencies' }).first();
    await toast.waitFor({ timeout: 60_000 });
    const message = await toast.locator('.notification-list-item-message').innerText();
    assert.match(message, /AI Openness: \d+ AI dependencies \(\d+ models, \d+ packages\)/);
    const [, models] = /\((\d+) models/.exec(message) ?? [];
    assert.ok(Number(models) >= 5, `the fixture names at least 5 models: ${message}`);
    if (process.env.AIO_EXPECT_FAILURE) assert.match(message, /42 AI dependencies/, 'deliberately wrong expectation');
    await page.waitForTimeout(500); // let the toast finish fading in
    await screenshot(page, 'scan-notification');

    await toast.locator('.monaco-button', { hasText: 'Open Report' }).click();
    // The report opens in the Markdown preview (a webview).
    const preview = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
    await preview.locator('h1', { hasText: 'AI Openness report' }).waitFor({ timeout: 30_000 });
    const text = await preview.locator('body').innerText();
    assert.match(text, /meta-llama\/Meta-Llama-3-8B-Instruct/);
    assert.match(text, /restricted weights/);
    await screenshot(page, 'scan-report');
  } finally {
    await browser.close();
  }
});
