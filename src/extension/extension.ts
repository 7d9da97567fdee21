/**
 * Activation: create the shared services once and register each feature. Kept short on purpose.
 */
import * as vscode from 'vscode';
import { registerCommands } from './commands';
import { registerDiagnostics } from './diagnostics';
import { registerFindingsView } from './findingsView';
import { registerFrameworkView } from './frameworkView';
import { registerHover } from './hover';
import { registerOnline } from './online';
import { registerPolicy } from './policy';
import { ExtensionServices } from './services';
import { registerStatusBar } from './statusBar';
import { registerVirtualDocuments } from './virtualDocuments';
import { registerWatcher } from './watcher';

export function activate(context: vscode.ExtensionContext): void {
  const services = new ExtensionServices();
  context.subscriptions.push(services);
  const docs = registerVirtualDocuments(context);
  const online = registerOnline(context, services);
  registerHover(context, services, online);
  const policy = registerPolicy(context, services);
  const framework = registerFrameworkView(context, services, policy);
  const findings = registerFindingsView(context, services);
  registerDiagnostics(context, services);
  registerStatusBar(context, services, policy);
  registerWatcher(context, services);
  registerCommands(context, { services, docs, framework, findings, online, policy });
  if (vscode.workspace.getConfiguration('aiOpenness').get<boolean>('scanOnStartup', true)) {
    void services.scan({ notify: false });
  }
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
