/**
 * Read-only Markdown documents the extension shows in the Markdown preview (the scan report, look-up cards), served
 * under the `ai-openness:` scheme so nothing is written to disk and no editor asks to save.
 */
import * as vscode from 'vscode';

export const SCHEME = 'ai-openness';

export class VirtualDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly contents = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? '';
  }

  /** Sets the content of `ai-openness:/<path>` and opens it in the Markdown preview beside the editor. */
  async showPreview(path: string, markdown: string): Promise<vscode.Uri> {
    const uri = vscode.Uri.from({ scheme: SCHEME, path: path.startsWith('/') ? path : `/${path}` });
    this.contents.set(uri.toString(), markdown);
    this.changed.fire(uri);
    await vscode.commands.executeCommand('markdown.showPreview', uri);
    return uri;
  }

  dispose(): void {
    this.changed.dispose();
  }
}

export function registerVirtualDocuments(context: vscode.ExtensionContext): VirtualDocuments {
  const docs = new VirtualDocuments();
  context.subscriptions.push(docs, vscode.workspace.registerTextDocumentContentProvider(SCHEME, docs));
  return docs;
}
