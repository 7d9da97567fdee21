/**
 * The one table of commands. Each entry maps a command id (declared in package.json) to its handler.
 */
import * as vscode from 'vscode';
import { scanWorkspaceCommand } from './scanCommand';
import type { ExtensionServices } from './services';

export const enum CommandId {
  ScanWorkspace = 'aiOpenness.scanWorkspace',
}

type Handler = (...args: unknown[]) => unknown;

function commandTable(services: ExtensionServices): Record<CommandId, Handler> {
  return {
    [CommandId.ScanWorkspace]: () => scanWorkspaceCommand(services),
  };
}

export function registerCommands(context: vscode.ExtensionContext, services: ExtensionServices): void {
  for (const [id, handler] of Object.entries(commandTable(services))) {
    context.subscriptions.push(vscode.commands.registerCommand(id, handler));
  }
}
