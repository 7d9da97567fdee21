/**
 * Status bar summary of the last scan: "AI: 3 open · 2 API" (self-hostable models vs models reached through an API),
 * a tooltip with the breakdown by openness level, and a click that focuses the Findings view. Hidden until a scan
 * has started; its icon spins while a scan runs. The words come from src/core/status.ts.
 */
import * as vscode from 'vscode';
import { statusContent } from '../core/status';
import type { ExtensionServices } from './services';

export function registerStatusBar(context: vscode.ExtensionContext, services: ExtensionServices): void {
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
