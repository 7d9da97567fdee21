// UI: the Framework webview view in the real workbench — the four parts, this workspace's numbers, and a file whose
// name is markup (`<img src=x onerror=alert(1)>.py`) shown as text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { env, openWorkbench, runCommand, screenshot } from './workbench.mjs';
import { balanceCount, expectedNumbers, openFrameworkView, waitForEvidence } from './frameworkView.mjs';

const HOSTILE = '<img src=x onerror=alert(1)>.py';

test('Framework view: four parts with the workspace evidence, in English', { timeout: 240_000 }, async () => {
  const { page, browser } = await openWorkbench();
  const dialogs = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  try {
    const frame = await openFrameworkView(page);
    await frame.locator('h2').first().waitFor({ timeout: 60_000 });
    // The loaded webview holds the keyboard focus, and F1 pressed inside it does not reach the workbench.
    await page.locator('.part.editor').click();
    await runCommand(page, 'AI Openness: Scan Workspace');
    await page.locator('.notifications-toasts .notification-list-item', { hasText: 'AI dependencies' }).first().waitFor({ timeout: 60_000 });
    await waitForEvidence(frame);

    const headings = await frame.locator('h2').allInnerTexts();
    assert.deepEqual(
      headings.map((h) => h.trim()),
      ['1. Access through open weights', '2. The challenge to paid, closed models', '3. Implications: transparency, safety and misuse', '4. Whom does it serve?'],
    );
    assert.equal(await frame.locator('section.evidence').count(), 4, 'one evidence section per part');

    const want = expectedNumbers(env.workspace);
    assert.equal(await balanceCount(frame, 'models'), want.models);
    assert.equal(await balanceCount(frame, 'only-on-others'), want.onlyOnOthers);
    assert.equal(await balanceCount(frame, 'yours'), want.yours);
    assert.equal(await balanceCount(frame, 'api-packages'), want.apiPackages);
    const answer = await frame.locator('section.evidence-balance .answer').innerText();
    assert.match(answer, new RegExp(`^${want.onlyOnOthers} of ${want.models} models? runs? only on others’ servers`));
    if (process.env.AIO_EXPECT_FAILURE) assert.match(answer, /^42 of/, 'deliberately wrong expectation');

    // Part 1 lists Llama 3 as restricted weights under Meta's licence; part 3 shows its 700M clause.
    const access = await frame.locator('section.evidence-access').innerText();
    assert.match(access, /Llama 3 \(8B, 70B\)/);
    assert.match(access, /Meta Llama 3 Community License/);
    const implications = await frame.locator('section.evidence-implications').innerText();
    assert.match(implications, /more than 700,000,000 monthly active users/);
    // Part 2: GPT-4o under OpenAI, with open alternatives.
    const lockin = await frame.locator('section.evidence-lockin').innerText();
    assert.match(lockin, /OpenAI[\s\S]*GPT-4o[\s\S]*Open alternatives/);

    // The hostile file name is shown as text, and the webview holds no <img> at all (none with onerror).
    const hostile = frame.locator('code.where', { hasText: HOSTILE }).first();
    await hostile.waitFor({ timeout: 10_000 });
    assert.equal(await hostile.innerText(), `${HOSTILE}:2`);
    assert.equal(await frame.locator('img').count(), 0);
    assert.equal(await frame.locator('[onerror]').count(), 0);
    assert.deepEqual(dialogs, [], 'no script ran');

    await hostile.scrollIntoViewIfNeeded();
    await page.waitForTimeout(300);
    await screenshot(page, 'framework-en-xss');
    await frame.locator('h1').scrollIntoViewIfNeeded();
    await page.waitForTimeout(300);
    await screenshot(page, 'framework-en');
    await frame.locator('section.evidence-balance').scrollIntoViewIfNeeded();
    await page.waitForTimeout(300);
    await screenshot(page, 'framework-en-balance');
  } finally {
    await browser.close();
  }
});
