/**
 * Settings read by several features.
 */
import * as vscode from 'vscode';

/**
 * gitignore-style patterns to leave out of a folder's scan: `aiOpenness.exclude`, plus the `true` entries of
 * `files.exclude` and `search.exclude` (their globs are relative to the folder, which gitignore patterns with a slash
 * or a leading `**` also are).
 */
export function excludePatterns(folder: vscode.WorkspaceFolder): string[] {
  const patterns = new Set<string>(vscode.workspace.getConfiguration('aiOpenness', folder).get<string[]>('exclude', []));
  for (const section of ['files', 'search'] as const) {
    const table = vscode.workspace.getConfiguration(section, folder).get<Record<string, unknown>>('exclude', {});
    for (const [glob, on] of Object.entries(table)) if (on === true) patterns.add(glob);
  }
  return [...patterns];
}
