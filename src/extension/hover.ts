/**
 * Hover cards on model ids (any file) and AI packages declared in manifests. Offline: the card comes from the bundled
 * catalog. Each open document keeps one DocumentIndex for its current version; a position is then a binary search.
 */
import * as vscode from 'vscode';
import { cardMarkdown } from '../core/card';
import { DocumentIndex } from '../core/locate';
import { lookup } from '../core/lookup';
import type { ExtensionServices } from './services';

const SHOW_IN_VIEW = 'aiOpenness.showInView';

class HoverCards implements vscode.HoverProvider {
  private readonly cache = new Map<string, { version: number; index: DocumentIndex }>();

  constructor(private readonly services: ExtensionServices) {}

  forget(document: vscode.TextDocument): void {
    this.cache.delete(document.uri.toString());
  }

  private indexOf(document: vscode.TextDocument): DocumentIndex {
    const key = document.uri.toString();
    const cached = this.cache.get(key);
    if (cached && cached.version === document.version) return cached.index;
    const maxMb = vscode.workspace.getConfiguration('aiOpenness').get<number>('maxFileSizeMB', 5);
    const index = new DocumentIndex(this.services.engine, document.fileName, document.getText(), Math.round(maxMb * 1024 * 1024));
    this.cache.set(key, { version: document.version, index });
    return index;
  }

  provideHover(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): vscode.Hover | undefined {
    if (token.isCancellationRequested) return undefined;
    const hit = this.indexOf(document).at(position.line, position.character);
    if (!hit || token.isCancellationRequested) return undefined;
    const results = lookup(this.services.engine, hit.query).filter((r) => r.kind === hit.kind);
    const result = results[0] ?? (hit.kind === 'model' ? lookup(this.services.engine, hit.id)[0] : undefined);
    if (!result) return undefined;
    const markdown = new vscode.MarkdownString(
      cardMarkdown(result, this.services.language(), { showInViewCommand: SHOW_IN_VIEW }),
    );
    markdown.isTrusted = { enabledCommands: [SHOW_IN_VIEW] };
    const { start, end } = hit.range;
    return new vscode.Hover(markdown, new vscode.Range(start.line, start.character, end.line, end.character));
  }
}

export function registerHover(context: vscode.ExtensionContext, services: ExtensionServices): void {
  const cards = new HoverCards(services);
  context.subscriptions.push(
    vscode.languages.registerHoverProvider([{ scheme: 'file' }, { scheme: 'untitled' }], cards),
    vscode.workspace.onDidCloseTextDocument((d) => cards.forget(d)),
  );
}
