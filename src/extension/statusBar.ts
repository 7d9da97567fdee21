/**
 * Status bar summary of the last scan: "AI: 3 open · 2 API" (self-hostable models vs models reached through an API),
 * a tooltip with the breakdown by openness level, and a click that focuses the Findings view. Hidden until a scan
 * has started; its icon spins while a scan runs. Beside it, when a folder has a policy file, the policy's status
 * ("policy: 2 violations", "policy ok"), which opens the Problems panel. The words come from src/core/status.ts.
 */
import * as vscode from 'vscode';
import { policyStatusContent, statusContent } from '../core/status';
import type { PolicyFeature } from './policy';
import type { ExtensionServices } from './services';

function registerPolicyStatus(context: vscode.ExtensionContext, services: ExtensionServices, policy: PolicyFeature): void {
  const item = vscode.window.createStatusBarItem('aiOpenness.policyStatus', vscode.StatusBarAlignment.Left, 49);
  item.name = vscode.l10n.t('AI Openness policy');
  item.command = 'workbench.actions.view.problems';
  const update = () => {
    const content = services.hasScanned ? policyStatusContent(policy.statuses(), services.language(), (m, ...args) => vscode.l10n.t(m, ...args)) : undefined;
    if (!content) return item.hide();
    item.text = content.text;
    item.tooltip = content.tooltip;
    item.show();
  };
  context.subscriptions.push(
    item,
    policy.onDidChange(update),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('aiOpenness.language')) update();
    }),
  );
  update();
}

export function registerStatusBar(context: vscode.ExtensionContext, services: ExtensionServices, policy: PolicyFeature): void {
  registerPolicyStatus(context, services, policy);
  const item = vscode.window.createStatusBarItem('aiOpenness.status', vscode.StatusBarAlignment.Left, 50);
  item.name = 'AI Openness';
  item.command = 'aiOpenness.findings.focus';
  const update = () => {
    if (!services.hasScanned && !services.isScanning) return item.hide();
    if (!services.hasScanned) {
      item.text = `$(sync~spin) ${vscode.l10n.t('AI: scanning…')}`;
      item.tooltip = undefined;
    } else {
      const { text, tooltip } = statusContent(services.lastResults, services.language(), (m, ...args) => vscode.l10n.t(m, ...args));
      item.text = services.isScanning ? text.replace(/^\$\([^)]*\)/, '$(sync~spin)') : text;
      item.tooltip = tooltip;
    }
    item.show();
  };
  context.subscriptions.push(
    item,
    services.onDidScan(update),
    services.onDidChangeScanning(update),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('aiOpenness.language')) update();
    }),
  );
  update();
}
