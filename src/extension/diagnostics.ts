/**
 * Problems entries for restricted licences (non-commercial, user or revenue thresholds, EU restrictions) at every
 * place a restricted model or package is named. Which findings and clauses qualify is decided in src/core/restrictions.ts.
 */
import * as vscode from 'vscode';
import { restrictionDiagnostics } from '../core/restrictions';
import type { ExtensionServices } from './services';

const SEVERITY: Record<string, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

function severitySetting(): vscode.DiagnosticSeverity | undefined {
  const v = vscode.workspace.getConfiguration('aiOpenness').get<string>('diagnostics.severity', 'information');
  return v === 'off' ? undefined : (SEVERITY[v] ?? vscode.DiagnosticSeverity.Information);
}

export function registerDiagnostics(context: vscode.ExtensionContext, services: ExtensionServices): void {
  const collection = vscode.languages.createDiagnosticCollection('aiOpenness');
  const apply = () => {
    collection.clear();
    const severity = severitySetting();
    if (severity === undefined || !services.hasScanned) return;
    const byFile = new Map<string, { uri: vscode.Uri; list: vscode.Diagnostic[] }>();
    for (const d of restrictionDiagnostics(services.lastResults, services.engine.licenses, services.language())) {
      const uri = vscode.Uri.joinPath(vscode.Uri.file(d.root), ...d.path.split('/'));
      const start = new vscode.Position(Math.max(0, d.line - 1), Math.max(0, d.column - 1));
      const diagnostic = new vscode.Diagnostic(new vscode.Range(start, start.translate(0, d.length)), d.message, severity);
      diagnostic.source = 'AI Openness';
      diagnostic.code = /^https:\/\//i.test(d.url) ? { value: d.code, target: vscode.Uri.parse(d.url) } : d.code;
      let entry = byFile.get(uri.toString());
      if (!entry) byFile.set(uri.toString(), (entry = { uri, list: [] }));
      entry.list.push(diagnostic);
    }
    for (const { uri, list } of byFile.values()) collection.set(uri, list);
  };
  context.subscriptions.push(
    collection,
    services.onDidScan(apply),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('aiOpenness.diagnostics.severity') || e.affectsConfiguration('aiOpenness.language')) apply();
    }),
  );
  apply();
}
