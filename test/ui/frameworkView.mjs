// Helpers shared by the Framework view's UI tests (framework.test.mjs, framework.id.test.mjs).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/** Opens the AI Openness container from the activity bar; returns the Framework webview's content frame. */
export async function openFrameworkView(page) {
  const item = page.locator('.activitybar .action-item a[aria-label^="AI Openness"]');
  await item.waitFor({ timeout: 60_000 });
  await item.click();
  return page.frameLocator('iframe.webview.ready').first().frameLocator('iframe#active-frame');
}

/** Waits until the view shows the four parts with evidence from a scan (not the "not scanned yet" state). */
export async function waitForEvidence(frame, timeout = 90_000) {
  await frame.locator('section.evidence-balance .answer').waitFor({ timeout });
  await frame.locator('h2').nth(3).waitFor({ timeout });
}

/**
 * What the view must count for a workspace, computed independently from the CLI's JSON (distinct catalog models; a
 * model is "only on others' servers" when its level is api-only or hosted).
 */
export function expectedNumbers(workspace) {
  const root = join(import.meta.dirname, '..', '..');
  const r = spawnSync(process.execPath, [join(root, 'dist', 'cli.js'), 'scan', workspace, '--format', 'json'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`cli scan failed: ${r.stderr}`);
  const { findings } = JSON.parse(r.stdout);
  const models = new Map();
  for (const f of findings) if (f.kind === 'model') models.set(f.id.toLowerCase(), f);
  const all = [...models.values()];
  return {
    models: all.length,
    onlyOnOthers: all.filter((f) => f.openness.level === 'api-only' || f.openness.level === 'hosted').length,
    yours: all.filter((f) => f.access === 'self-hostable').length,
    apiPackages: findings.filter((f) => f.kind === 'package' && f.access === 'api').length,
  };
}

/** The number in the balance table row `key` (models, only-on-others, yours, api-packages, providers…). */
export async function balanceCount(frame, key) {
  return Number(await frame.locator(`section.evidence-balance tr[data-key="${key}"] td`).innerText());
}
