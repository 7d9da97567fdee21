/**
 * "AI Openness: Scan Workspace" and "Open Report": a user-started scan under a cancellable progress notification,
 * the table in the output channel, and the Markdown report in the preview.
 */
import * as vscode from 'vscode';
import { renderMarkdown } from '../core/report/markdown';
import { renderTable } from '../core/report/table';
import type { ScanResult } from '../core/types';
import type { PolicyFeature } from './policy';
import type { ExtensionServices } from './services';
import type { VirtualDocuments } from './virtualDocuments';

/** Returns the results (also for tests through `executeCommand`), or undefined when cancelled or nothing to scan. */
export async function scanWorkspaceCommand(services: ExtensionServices, docs: VirtualDocuments, policy: PolicyFeature): Promise<ScanResult[] | undefined> {
  if (!(vscode.workspace.workspaceFolders ?? []).some((f) => f.uri.scheme === 'file')) {
    void vscode.window.showInformationMessage(vscode.l10n.t('AI Openness: open a folder to scan.'));
    return undefined;
  }
  const results = await services.scan({ notify: true });
  if (!results) {
    void vscode.window.showInformationMessage(vscode.l10n.t('AI Openness: scan cancelled.'));
    return undefined;
  }
  services.output.clear();
  for (const r of results) services.output.append(renderTable(r, { color: false, width: 100 }));
  const findings = results.reduce((n, r) => n + r.summary.findings, 0);
  const models = results.reduce((n, r) => n + r.summary.models, 0);
  const problems = results.reduce((n, r) => n + r.summary.errors, 0);
  const message = vscode.l10n.t(
    'AI Openness: {0} AI dependencies ({1} models, {2} packages), {3} problems.',
    findings,
    models,
    findings - models,
    problems,
  );
  const openReport = vscode.l10n.t('Open Report');
  const showOutput = vscode.l10n.t('Show Output');
  void vscode.window.showInformationMessage(message, openReport, showOutput).then((choice) => {
    if (choice === openReport) void openReportCommand(services, docs, policy);
    else if (choice === showOutput) services.output.show(true);
  });
  return results;
}

/** The latest scan as a Markdown report in the preview (scanning first if there is none yet), with each folder's
 * policy verdict when it has a policy file. */
export async function openReportCommand(services: ExtensionServices, docs: VirtualDocuments, policy: PolicyFeature): Promise<void> {
  const results = services.hasScanned ? services.lastResults : await services.scan({ notify: true });
  if (!results) return;
  await policy.settled();
  await docs.showPreview('AI Openness report.md', results.map((r) => renderMarkdown(r, policy.resultFor(r.root))).join('\n'));
}
