/**
 * Problems entries for restricted licences (non-commercial, user or revenue thresholds, EU restrictions) at every
 * place a restricted model or package is named. Which findings and clauses qualify is decided in src/core/restrictions.ts.
 * Also the shape of the policy's entries (src/extension/policy.ts publishes them in a collection of their own).
 */
import * as vscode from 'vscode';
import { policyRuleLabel } from '../core/frameworkText';
import type { PolicyProblem, PolicySeverity, Violation } from '../core/policy/types';
import { restrictionDiagnostics } from '../core/restrictions';
import type { Location } from '../core/types';
import { POLICY_SOURCE } from './policyLive';
import type { ExtensionServices, Lang } from './services';

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

/** The name as written at a location (checked against the text when the document is open). */
function nameRange(doc: vscode.TextDocument | undefined, loc: Location, finding: Violation['finding']): vscode.Range {
  const start = new vscode.Position(Math.max(0, loc.line - 1), Math.max(0, loc.column - 1));
  const plain = new vscode.Range(start, start.translate(0, finding.name.length));
  if (!doc) return plain;
  // A Maven package may be declared at its artifactId.
  const spellings = finding.kind === 'package' ? [finding.name, finding.name.slice(finding.name.lastIndexOf(':') + 1)] : [finding.name];
  for (const written of spellings) {
    const r = new vscode.Range(start, start.translate(0, written.length));
    if (written && doc.getText(r).toLowerCase() === written.toLowerCase()) return r;
  }
  return doc.getWordRangeAtPosition(start, /[\w.@/:+-]+/) ?? plain;
}

function policySeverity(s: PolicySeverity): vscode.DiagnosticSeverity {
  return s === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning;
}

/** A policy violation at one place: the rule's name and the violation's sentence; code = the rule, linked to its help. */
export function violationDiagnostic(v: Violation, loc: Location, doc: vscode.TextDocument | undefined, lang: Lang): vscode.Diagnostic {
  const d = new vscode.Diagnostic(nameRange(doc, loc, v.finding), `${policyRuleLabel(lang, v.rule)}: ${v.message}`, policySeverity(v.severity));
  d.source = POLICY_SOURCE;
  d.code = /^https:\/\//i.test(v.helpUri) ? { value: v.rule, target: vscode.Uri.parse(v.helpUri) } : v.rule;
  return d;
}

/** A problem in the policy file itself, on the word at its line and column. */
export function policyProblemDiagnostic(p: PolicyProblem, doc: vscode.TextDocument | undefined): vscode.Diagnostic {
  const at = new vscode.Position(Math.max(0, p.line - 1), Math.max(0, p.column - 1));
  const range = doc?.getWordRangeAtPosition(at, /[^\s,:{}[\]]+/) ?? new vscode.Range(at, at);
  const d = new vscode.Diagnostic(range, p.message, policySeverity(p.severity));
  d.source = POLICY_SOURCE;
  return d;
}
