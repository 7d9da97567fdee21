/**
 * Keeps the scan results current: file changes (a watcher per workspace folder, plus saves), the settings that shape
 * a scan, and workspace-folder changes trigger a background rescan, debounced. Whole-workspace rescans are fine: a
 * 200 MB workspace scans in about a second, and a scan already running is cancelled by the next one. Nothing is
 * rescanned before the first scan (so `aiOpenness.scanOnStartup: false` is respected).
 */
import * as vscode from 'vscode';
import { isSkippedFileName, SKIPPED_DIRS, weightsKind } from '../core/walk';
import type { ExtensionServices } from './services';

const DEBOUNCE_MS = 750;

const SCAN_SETTINGS = ['aiOpenness.exclude', 'aiOpenness.maxFileSizeMB', 'files.exclude', 'search.exclude'];

/** Whether a change to this file can change a scan: inside a workspace folder, not under a folder the walk skips. */
export function isRelevantChange(uri: vscode.Uri): boolean {
  if (uri.scheme !== 'file') return false;
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  if (!folder) return false;
  const rel = uri.path.slice(folder.uri.path.length).split('/').filter(Boolean);
  if (rel.slice(0, -1).some((segment) => SKIPPED_DIRS.has(segment))) return false;
  const name = rel[rel.length - 1];
  // A skipped folder itself (created or deleted) does not matter either; a skipped file type never is read, except
  // GGUF weights, whose header a scan reads.
  return name === undefined || (!SKIPPED_DIRS.has(name) && (!isSkippedFileName(name) || weightsKind(name) !== undefined));
}

export function registerWatcher(context: vscode.ExtensionContext, services: ExtensionServices): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const schedule = () => {
    if (!services.hasScanned) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      void services.scan({ notify: false }).catch((e: unknown) => services.output.appendLine(`Background scan failed: ${String(e)}`));
    }, DEBOUNCE_MS);
  };
  const onFile = (uri: vscode.Uri) => {
    if (isRelevantChange(uri)) schedule();
  };

  let watchers: vscode.Disposable[] = [];
  const watch = () => {
    for (const w of watchers) w.dispose();
    watchers = (vscode.workspace.workspaceFolders ?? [])
      .filter((f) => f.uri.scheme === 'file')
      .flatMap((folder) => {
        const w = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, '**/*'));
        return [w, w.onDidCreate(onFile), w.onDidChange(onFile), w.onDidDelete(onFile)];
      });
  };
  watch();

  context.subscriptions.push(
    { dispose: () => watchers.forEach((w) => w.dispose()) },
    { dispose: () => timer && clearTimeout(timer) },
    vscode.workspace.onDidSaveTextDocument((doc) => onFile(doc.uri)),
    vscode.workspace.onDidChangeWorkspaceFolders(() => {
      watch();
      schedule();
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (SCAN_SETTINGS.some((s) => e.affectsConfiguration(s))) schedule();
    }),
  );
}
