/**
 * Hover cards on model ids (any file) and AI packages declared in manifests. Offline: the card comes from the bundled
 * catalog, plus what an online look-up said when one has answered (never waited for). Hub ids the catalog lacks get a
 * card of their own. Each open document keeps one DocumentIndex for its current version; a position is then a binary search.
 */
import * as vscode from 'vscode';
import { cardMarkdown } from '../core/card';
import { discoveredCardMarkdown, onlineMarkdown } from '../core/cardOnline';
import { DocumentIndex } from '../core/locate';
import { lookup } from '../core/lookup';
import type { OnlineFeature } from './online';
import type { ExtensionServices } from './services';

const SHOW_IN_VIEW = 'aiOpenness.showInView';

class HoverCards implements vscode.HoverProvider {
  private readonly cache = new Map<string, { version: number; index: DocumentIndex }>();

  constructor(
    private readonly services: ExtensionServices,
    private readonly online: Pick<OnlineFeature, 'peek'>,
  ) {}

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
    const lang = this.services.language();
    let text: string;
    if (hit.discovered) {
      text = discoveredCardMarkdown(hit.id, this.online.peek('model', hit.id, hit.query) ?? { state: 'off' }, lang);
    } else {
      const results = lookup(this.services.engine, hit.query).filter((r) => r.kind === hit.kind);
      const result = results[0] ?? (hit.kind === 'model' ? lookup(this.services.engine, hit.id)[0] : undefined);
      if (!result) return undefined;
      const online = this.online.peek(result.kind, result.id, hit.kind === 'package' ? hit.id : hit.query, result.ecosystem, result.license.id);
      text = cardMarkdown(result, lang, { showInViewCommand: SHOW_IN_VIEW });
      if (online?.state === 'done') text += `\n\n${onlineMarkdown(online.note, lang)}`;
    }
    if (token.isCancellationRequested) return undefined;
    const markdown = new vscode.MarkdownString(text);
    markdown.isTrusted = { enabledCommands: [SHOW_IN_VIEW] };
    const { start, end } = hit.range;
    return new vscode.Hover(markdown, new vscode.Range(start.line, start.character, end.line, end.character));
  }
}

export function registerHover(context: vscode.ExtensionContext, services: ExtensionServices, online: Pick<OnlineFeature, 'peek'>): void {
  const cards = new HoverCards(services, online);
  context.subscriptions.push(
    vscode.languages.registerHoverProvider([{ scheme: 'file' }, { scheme: 'untitled' }], cards),
    vscode.workspace.onDidCloseTextDocument((d) => cards.forget(d)),
  );
}
