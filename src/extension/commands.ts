/**
 * The one table of commands. Each entry maps a command id (declared in package.json) to its handler.
 */
import * as vscode from 'vscode';
import { FINDINGS_VIEW_ID, type FindingsView } from './findingsView';
import { FRAMEWORK_VIEW_ID } from './frameworkView';
import { lookUpCommand } from './lookupCommand';
import type { OnlineFeature } from './online';
import { openReportCommand, scanWorkspaceCommand } from './scanCommand';
import type { ExtensionServices } from './services';
import type { VirtualDocuments } from './virtualDocuments';

export const enum CommandId {
  ScanWorkspace = 'aiOpenness.scanWorkspace',
  LookUp = 'aiOpenness.lookUp',
  ShowFramework = 'aiOpenness.showFramework',
  OpenReport = 'aiOpenness.openReport',
  Refresh = 'aiOpenness.refresh',
  GroupBy = 'aiOpenness.groupBy',
  ShowInView = 'aiOpenness.showInView',
  RevealLocation = 'aiOpenness.revealLocation',
  LookUpFinding = 'aiOpenness.lookUpFinding',
  CopyLicenseId = 'aiOpenness.copyLicenseId',
  OpenLicensePage = 'aiOpenness.openLicensePage',
  SetHuggingFaceToken = 'aiOpenness.setHuggingFaceToken',
  ClearHuggingFaceToken = 'aiOpenness.clearHuggingFaceToken',
}

export interface Features {
  services: ExtensionServices;
  docs: VirtualDocuments;
  framework: { refresh(): void };
  findings: FindingsView;
  online: OnlineFeature;
}

type Handler = (...args: unknown[]) => unknown;

function commandTable({ services, docs, framework, findings, online }: Features): Record<CommandId, Handler> {
  return {
    [CommandId.ScanWorkspace]: () => scanWorkspaceCommand(services, docs),
    [CommandId.LookUp]: (query?: unknown) => lookUpCommand(services, docs, typeof query === 'string' ? query : undefined),
    [CommandId.ShowFramework]: () => vscode.commands.executeCommand(`${FRAMEWORK_VIEW_ID}.focus`),
    [CommandId.OpenReport]: () => openReportCommand(services, docs),
    [CommandId.Refresh]: async () => {
      await services.scan({ notify: false });
      framework.refresh();
    },
    [CommandId.GroupBy]: () => findings.pickGrouping(),
    [CommandId.ShowInView]: async (id?: unknown) => {
      if (typeof id !== 'string') return vscode.commands.executeCommand(`${FINDINGS_VIEW_ID}.focus`);
      if (!(await findings.reveal(id))) await lookUpCommand(services, docs, id);
      return undefined;
    },
    [CommandId.RevealLocation]: (arg?: unknown) => findings.revealLocation(arg),
    [CommandId.LookUpFinding]: (arg?: unknown) => lookUpCommand(services, docs, findings.idOf(arg)),
    [CommandId.CopyLicenseId]: (arg?: unknown) => findings.copyLicenseId(arg),
    [CommandId.OpenLicensePage]: (arg?: unknown) => findings.openLicensePage(arg),
    [CommandId.SetHuggingFaceToken]: () => online.setToken(),
    [CommandId.ClearHuggingFaceToken]: () => online.clearToken(),
  };
}

export function registerCommands(context: vscode.ExtensionContext, features: Features): void {
  for (const [id, handler] of Object.entries(commandTable(features))) {
    context.subscriptions.push(vscode.commands.registerCommand(id, handler));
  }
}
