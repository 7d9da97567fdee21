// UI: the policy gate as a user sees it. A `.ai-openness.json` in the workspace, a scan from the palette, the status
// bar's policy count, the violations in the Problems panel, and the quick fixes on `gpt-4o` in the editor (shown, not
// applied). What the entries say and what the fixes do is covered by test/suite/policy.test.ts; this is what only
// the workbench shows. The UI tests share one workspace copy: the policy file is written before the workbench opens
// and removed at the end, so the tests after this one see no policy.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { env, goToLine, hideSecondarySideBar, openWorkbench, quickOpen, runCommand, screenshot } from './workbench.mjs';

const POLICY = '{ "forbidApiOnly": true, "deny": { "licenses": ["llama3"] } }\n';
const MAIN = 'src/main.py';

test('policy: violations in the status bar and Problems, quick fixes on gpt-4o', { timeout: 240_000 }, async () => {
  const policyFile = join(env.workspace, '.ai-openness.json');
  writeFileSync(policyFile, POLICY);
  const lines = readFileSync(join(env.workspace, MAIN), 'utf8').split('\n');
  const line = lines.findIndex((l) => l.includes('"gpt-4o"')) + 1;
  assert.ok(line > 0, `${MAIN} names gpt-4o`);
  const column = lines[line - 1].indexOf('gpt-4o') + 1 + 3; // inside the id
  let browser;
  let page;
  try {
    ({ browser, page } = await openWorkbench());
    await hideSecondarySideBar(page);
    await quickOpen(page, 'main.py');
    await runCommand(page, 'AI Openness: Scan Workspace');
    await page.locator('.notifications-toasts .notification-list-item', { hasText: 'AI dependencies' }).first().waitFor({ timeout: 60_000 });

    // The status bar: "policy: N violations", which opens the Problems panel.
    const status = page.locator('.part.statusbar .statusbar-item', { hasText: /policy: \d+ violation/ }).first();
    await status.waitFor({ timeout: 30_000 });
    const [, count] = /policy: (\d+) violation/.exec(await status.innerText()) ?? [];
    assert.ok(Number(count) >= 2, `gpt-4o and the Llama 3 id violate the policy: ${await status.innerText()}`);
    await page.keyboard.press('Escape'); // the scan's toast
    const problems = page.locator('.markers-panel');
    assert.equal(await problems.isVisible(), false, 'the Problems panel is closed before the click');
    await status.click();
    await problems.waitFor({ timeout: 15_000 });
    const row = (rule) => problems.locator('.monaco-list-row', { hasText: 'AI Openness policy' }).filter({ hasText: rule }).first();
    await row('api-only').waitFor({ timeout: 15_000 });
    await row('deny-license').waitFor({ timeout: 15_000 });
    assert.match(await row('api-only').innerText(), /gpt-4o[\s\S]*AI Openness policy[\s\S]*api-only/);
    if (process.env.AIO_EXPECT_FAILURE) assert.match(await status.innerText(), /policy ok/, 'deliberately wrong expectation');
    await page.waitForTimeout(300);
    await screenshot(page, 'policy-problems');

    // The editor: Quick Fix (Ctrl+.) on gpt-4o offers an open alternative and an exception.
    await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().click();
    await goToLine(page, line, column);
    await page.locator('.editor-group-container.active .monaco-editor .squiggly-error').first().waitFor({ timeout: 15_000 });
    await page.keyboard.press('Control+.');
    const menu = page.locator('.action-widget:not(.action-list-submenu-panel)').first();
    const replace = menu.locator('.monaco-list-row', { hasText: 'Replace with' }).first();
    await replace.waitFor({ timeout: 15_000 });
    const items = await menu.locator('.monaco-list-row').allInnerTexts();
    assert.ok(items.some((t) => /^Replace with \S+ \(.+\)/.test(t.trim())), items.join(' | '));
    assert.ok(items.some((t) => t.includes('Add a policy exception for gpt-4o')), items.join(' | '));
    await page.waitForTimeout(300);
    await screenshot(page, 'policy-quickfix');
    await page.keyboard.press('Escape');
    await replace.waitFor({ state: 'hidden', timeout: 10_000 });
    assert.equal(await page.locator('.tabs-container .tab.active.dirty').count(), 0, 'no fix was applied');
  } catch (e) {
    if (page) await screenshot(page, 'policy-failure').catch(() => undefined);
    throw e;
  } finally {
    await browser?.close();
    rmSync(policyFile, { force: true });
  }
});
