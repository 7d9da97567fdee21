/**
 * Activation: create the shared services once and register each feature. Kept short on purpose.
 */
import * as vscode from 'vscode';
import { registerCommands } from './commands';
import { ExtensionServices } from './services';

export function activate(context: vscode.ExtensionContext): void {
  const services = new ExtensionServices();
  context.subscriptions.push(services);
  registerCommands(context, services);
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
