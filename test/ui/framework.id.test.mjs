// UI: the Framework view in Bahasa Indonesia. Runs against the code-server that scripts/vscode/run-tests.mjs starts
// with `--locale id` (AIO_SERVER_URL_ID); the language setting is left on "auto", so the view follows VS Code's display
// language. The workspace is scanned on start-up (aiOpenness.scanOnStartup), so no command is needed.
import { test } from 'node:test';
import assert from 'node:assert/strict';

const url = process.env.AIO_SERVER_URL_ID;

test('Framework view in Bahasa Indonesia with --locale id', { timeout: 240_000, skip: url ? false : 'AIO_SERVER_URL_ID unset (run through npm run test:vscode)' }, async () => {
  // workbench.mjs reads the server URL when it is first imported: point it at the Indonesian server first.
  process.env.AIO_SERVER_URL = url;
  const { env, openWorkbench, screenshot } = await import('./workbench.mjs');
  const { balanceCount, expectedNumbers, openFrameworkView, waitForEvidence } = await import('./frameworkView.mjs');
  const { page, browser } = await openWorkbench();
  try {
    const frame = await openFrameworkView(page);
    await waitForEvidence(frame);
    assert.equal(await frame.locator('html').getAttribute('lang'), 'id');
    const headings = (await frame.locator('h2').allInnerTexts()).map((h) => h.trim());
    assert.deepEqual(headings, [
      '1. Akses lewat bobot terbuka',
      '2. Tantangan bagi model tertutup berbayar',
      '3. Implikasi: transparansi, keamanan, dan penyalahgunaan',
      '4. Siapa yang diuntungkan?',
    ]);
    assert.equal(await frame.locator('section.evidence h3', { hasText: 'Di workspace ini' }).count(), 4);
    const want = expectedNumbers(env.workspace);
    assert.equal(await balanceCount(frame, 'models'), want.models);
    const answer = await frame.locator('section.evidence-balance .answer').innerText();
    assert.match(answer, new RegExp(`^${want.onlyOnOthers} dari ${want.models} model hanya berjalan di server pihak lain`));
    const implications = await frame.locator('section.evidence-implications').innerText();
    assert.match(implications, /lebih dari 700\.000\.000 pengguna aktif bulanan/);
    assert.match(await frame.locator('section.evidence-access').innerText(), /bobot terbatas/);
    await page.waitForTimeout(300);
    await screenshot(page, 'framework-id');
  } finally {
    await browser.close();
  }
});
