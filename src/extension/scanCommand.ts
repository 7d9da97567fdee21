/**
 * "AI Openness: Scan Workspace": runs the core scan over every local workspace folder under a cancellable progress
 * notification, writes the report to the output channel and offers the Markdown report.
 */
import * as vscode from 'vscode';
import { renderMarkdown } from '../core/report/markdown';
import { renderTable } from '../core/report/table';
import { scanWorkspace } from '../core/scan';
import type { ScanResult } from '../core/types';
import type { ExtensionServices } from './services';

/** Returns the results (also for tests through `executeCommand`), or undefined when cancelled or nothing to scan. */
export async function scanWorkspaceCommand(services: ExtensionServices): Promise<ScanResult[] | undefined> {
  const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file');
  if (!folders.length) {
    void vscode.window.showInformationMessage(vscode.l10n.t('AI Openness: open a folder to scan.'));
    return undefined;
  }
  const results = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('AI Openness: scanning'), cancellable: true },
    async (progress, token) => {
      const controller = new AbortController();
      const sub = token.onCancellationRequested(() => controller.abort());
      try {
        const out: ScanResult[] = [];
        for (const folder of folders) {
          progress.report({ message: folder.name });
          out.push(
            await scanWorkspace(folder.uri.fsPath, {
              engine: services.engine,
              signal: controller.signal,
              onProgress: (n) => progress.report({ message: `${folder.name}: ${n} files` }),
            }),
          );
        }
        return out;
      } catch (e) {
        if (controller.signal.aborted) return undefined;
        throw e;
      } finally {
        sub.dispose();
      }
    },
  );
  if (!results) {
    void vscode.window.showInformationMessage(vscode.l10n.t('AI Openness: scan cancelled.'));
    return undefined;
  }
  services.setResults(results);
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
  void vscode.window.showInformationMessage(message, openReport, showOutput).then(async (choice) => {
    if (choice === openReport) {
      const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: results.map(renderMarkdown).join('\n') });
      await vscode.window.showTextDocument(doc, { preview: true });
    } else if (choice === showOutput) services.output.show(true);
  });
  return results;
}
