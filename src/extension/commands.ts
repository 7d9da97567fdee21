/**
 * The one table of commands. Each entry maps a command id (declared in package.json) to its handler.
 */
import * as vscode from 'vscode';
import { exportCommand } from './exportCommand';
import { FINDINGS_VIEW_ID, type FindingsView } from './findingsView';
import { FRAMEWORK_VIEW_ID } from './frameworkView';
import { lookUpCommand } from './lookupCommand';
import type { OnlineFeature } from './online';
import type { PolicyFeature } from './policy';
import { addPolicyExceptionCommand } from './policyFixes';
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
  Export = 'aiOpenness.export',
  AddPolicyException = 'aiOpenness.addPolicyException',
}

export interface Features {
  services: ExtensionServices;
  docs: VirtualDocuments;
  framework: { refresh(): void };
  findings: FindingsView;
  online: OnlineFeature;
  policy: PolicyFeature;
}

type Handler = (...args: unknown[]) => unknown;

/** An https URL (a quick fix's licence page), or a Findings item. */
async function openLicensePage(findings: FindingsView, arg: unknown): Promise<void> {
  if (typeof arg !== 'string') return findings.openLicensePage(arg);
  if (/^https:\/\//i.test(arg)) await vscode.env.openExternal(vscode.Uri.parse(arg, true));
}

function commandTable(context: vscode.ExtensionContext, { services, docs, framework, findings, online, policy }: Features): Record<CommandId, Handler> {
  return {
    [CommandId.ScanWorkspace]: () => scanWorkspaceCommand(services, docs, policy),
    [CommandId.LookUp]: (query?: unknown) => lookUpCommand(services, docs, typeof query === 'string' ? query : undefined),
    [CommandId.ShowFramework]: () => vscode.commands.executeCommand(`${FRAMEWORK_VIEW_ID}.focus`),
    [CommandId.OpenReport]: () => openReportCommand(services, docs, policy),
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
    [CommandId.OpenLicensePage]: (arg?: unknown) => openLicensePage(findings, arg),
    [CommandId.SetHuggingFaceToken]: () => online.setToken(),
    [CommandId.ClearHuggingFaceToken]: () => online.clearToken(),
    [CommandId.Export]: (arg?: unknown) => exportCommand({ services, policy, packageJSON: context.extension.packageJSON as Record<string, unknown> }, arg),
    [CommandId.AddPolicyException]: (arg?: unknown) => addPolicyExceptionCommand(policy, arg),
  };
}

export function registerCommands(context: vscode.ExtensionContext, features: Features): void {
  for (const [id, handler] of Object.entries(commandTable(context, features))) {
    context.subscriptions.push(vscode.commands.registerCommand(id, handler));
  }
}
