/**
 * The Framework webview view: the framework's text (media/framework/<lang>.md) with this workspace's evidence under
 * each part. Fewest capabilities: scripts only with a per-load nonce, resources only from media/ and dist/, no inline
 * script or style. The webview announces `ready` before anything is posted, and every message from it is validated.
 */
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { frameworkEvidence } from '../core/framework';
import { parseWebviewMessage, type HostMessage, type WebviewMessage } from '../webview/protocol';
import type { PolicyFeature } from './policy';
import type { ExtensionServices, Lang } from './services';

export const FRAMEWORK_VIEW_ID = 'aiOpenness.framework';

export interface FrameworkView {
  /** Re-posts the framework with the latest results (no-op while the view is not showing). */
  refresh(): void;
}

class FrameworkViewProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  static readonly viewType = FRAMEWORK_VIEW_ID;

  private view: vscode.WebviewView | undefined;
  /** Set once the current page has said `ready`; reset whenever the page is (re)loaded. */
  private ready = false;
  private readonly markdown = new Map<Lang, string>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly services: ExtensionServices,
    private readonly policy: PolicyFeature,
  ) {}

  resolveWebviewView(view: vscode.WebviewView): void {
    for (const d of this.disposables.splice(0)) d.dispose(); // listeners of a previous instance of the view
    this.view = view;
    this.ready = false;
    const media = vscode.Uri.joinPath(this.extensionUri, 'media');
    const dist = vscode.Uri.joinPath(this.extensionUri, 'dist');
    view.webview.options = { enableScripts: true, localResourceRoots: [media, dist] };
    view.webview.html = this.html(view.webview);
    this.disposables.push(
      view.webview.onDidReceiveMessage((data: unknown) => this.onMessage(data)),
      view.onDidDispose(() => {
        if (this.view === view) {
          this.view = undefined;
          this.ready = false;
        }
      }),
    );
  }

  refresh(): void {
    void this.post();
  }

  private async onMessage(data: unknown): Promise<void> {
    const message: WebviewMessage | undefined = parseWebviewMessage(data);
    if (!message) return; // malformed, not https, or not an allowed command: ignored
    switch (message.type) {
      case 'ready':
        this.ready = true;
        await this.post();
        return;
      case 'openLink':
        await vscode.env.openExternal(vscode.Uri.parse(message.url, true));
        return;
      case 'openPolicy':
        // Only a policy file the view was given: the webview cannot name any other path.
        if (this.policy.statuses().some((s) => s.file === message.path)) {
          await vscode.window.showTextDocument(vscode.Uri.file(message.path), { preview: true });
        }
        return;
      case 'command':
        try {
          await vscode.commands.executeCommand(message.id, ...(message.args ?? []));
        } catch (e) {
          void vscode.window.showErrorMessage(vscode.l10n.t('AI Openness: {0}', e instanceof Error ? e.message : String(e)));
        }
        return;
    }
  }

  private async post(): Promise<void> {
    const view = this.view;
    if (!view || !this.ready) return;
    const lang = this.services.language();
    const markdown = await this.readMarkdown(lang);
    const message: HostMessage = {
      type: 'update',
      lang,
      markdown,
      evidence: frameworkEvidence(
        this.services.engine,
        this.services.hasScanned ? this.services.lastResults : [],
        lang,
        this.services.hasScanned ? this.policy.statuses() : [],
      ),
      generatedAt: new Date().toISOString(),
    };
    if (this.view === view) await view.webview.postMessage(message);
  }

  private async readMarkdown(lang: Lang): Promise<string> {
    const cached = this.markdown.get(lang);
    if (cached !== undefined) return cached;
    const uri = vscode.Uri.joinPath(this.extensionUri, 'media', 'framework', `${lang}.md`);
    try {
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      this.markdown.set(lang, text);
      return text;
    } catch (e) {
      this.services.output.appendLine(`Framework: cannot read ${uri.toString()}: ${e instanceof Error ? e.message : String(e)}`);
      return `# ${vscode.l10n.t('The Framework text could not be loaded.')}`;
    }
  }

  private html(webview: vscode.Webview): string {
    const nonce = randomUUID().replace(/-/g, '');
    const script = webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview', 'framework.js'));
    const style = webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'media', 'framework.css'));
    const csp = [
      "default-src 'none'",
      `style-src ${webview.cspSource}`,
      `script-src 'nonce-${nonce}'`,
      `img-src ${webview.cspSource}`,
    ].join('; ');
    const lang = this.services.language();
    return `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link href="${style.toString()}" rel="stylesheet">
<title>${escapeHtml(vscode.l10n.t('AI Openness: Framework'))}</title>
</head>
<body>
<main id="root" aria-live="polite" aria-busy="true"><p class="loading">${escapeHtml(vscode.l10n.t('Loading the Framework…'))}</p></main>
<script nonce="${nonce}" src="${script.toString()}"></script>
</body>
</html>`;
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function registerFrameworkView(context: vscode.ExtensionContext, services: ExtensionServices, policy: PolicyFeature): FrameworkView {
  const provider = new FrameworkViewProvider(context.extensionUri, services, policy);
  context.subscriptions.push(
    provider,
    vscode.window.registerWebviewViewProvider(FrameworkViewProvider.viewType, provider),
    services.onDidScan(() => provider.refresh()),
    policy.onDidChange(() => provider.refresh()),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('aiOpenness.language')) provider.refresh();
    }),
  );
  return { refresh: () => provider.refresh() };
}
