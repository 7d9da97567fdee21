/**
 * The Framework webview view in a real VS Code: the command focuses it, and it survives a scan and a language change.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const EXTENSION_ID = 'ai-openness.ai-openness';

describe('Framework view', () => {
  before(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
  });

  it('declares the webview view in the AI Openness container', () => {
    const views = vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON.contributes.views.aiOpenness as { id: string; type?: string }[];
    assert.ok(views.some((v) => v.id === 'aiOpenness.framework' && v.type === 'webview'));
  });

  it('aiOpenness.showFramework focuses the view without error', async () => {
    await vscode.commands.executeCommand('aiOpenness.showFramework');
    // Focusing twice (already visible) must be harmless too.
    await vscode.commands.executeCommand('aiOpenness.showFramework');
  });

  it('a scan, a refresh and a language change while the view is open raise no error', async () => {
    await vscode.commands.executeCommand('aiOpenness.showFramework');
    await vscode.commands.executeCommand('aiOpenness.scanWorkspace');
    await vscode.commands.executeCommand('aiOpenness.refresh');
    const config = vscode.workspace.getConfiguration('aiOpenness');
    try {
      await config.update('language', 'id', vscode.ConfigurationTarget.Global);
      await config.update('language', 'en', vscode.ConfigurationTarget.Global);
    } finally {
      await config.update('language', undefined, vscode.ConfigurationTarget.Global);
    }
  });
});
