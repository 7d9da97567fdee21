/**
 * Quick fixes on the policy's Problems entries: replace a flagged model with an open alternative the catalog lists (an
 * edit VS Code previews before the user applies it; alternatives the policy would flag too are left out), add a
 * policy exception with a reason (command aiOpenness.addPolicyException, which edits the policy file in place —
 * comments and layout kept — or creates `.ai-openness.json`), and open the licence page.
 */
import * as nodePath from 'node:path';
import * as vscode from 'vscode';
import { modelFinding } from '../core/findings';
import { nodeFileSystem } from '../core/fs';
import { addException, findPolicyFile, newPolicyText } from '../core/policy/index';
import { POLICY_FILE_NAMES, RULE_IDS, type PolicyException, type RuleId } from '../core/policy/types';
import type { PlacedViolation, PolicyFeature } from './policy';
import { POLICY_SOURCE } from './policyLive';
import type { ExtensionServices } from './services';

export const ADD_EXCEPTION_COMMAND = 'aiOpenness.addPolicyException';

/** Arguments of aiOpenness.addPolicyException (plain data, so the quick fix can carry them). */
export interface ExceptionArgs {
  /** The workspace folder's URI. */
  folder: string;
  /** The file's path relative to the folder, `/`-separated. */
  path?: string;
  id?: string;
  rule?: RuleId;
  /** Asked for when absent. */
  reason?: string;
}

function parseArgs(arg: unknown): ExceptionArgs | undefined {
  if (typeof arg !== 'object' || arg === null) return undefined;
  const a = arg as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' && v.length > 0 && v.length <= 2000 ? v : undefined);
  const folder = str(a['folder']);
  const rule = str(a['rule']);
  if (!folder || (rule !== undefined && !(RULE_IDS as readonly string[]).includes(rule))) return undefined;
  const path = str(a['path']);
  const id = str(a['id']);
  const reason = str(a['reason']);
  return { folder, ...(path ? { path } : {}), ...(id ? { id } : {}), ...(rule ? { rule: rule as RuleId } : {}), ...(reason ? { reason } : {}) };
}

/** A gitignore pattern that matches exactly this relative path (special characters escaped, anchored at the root). */
export function literalPathPattern(path: string): string {
  const escaped = path.replace(/[\\*?[\]]/g, (c) => `\\${c}`).replace(/ $/, '\\ ');
  return escaped.includes('/') && !escaped.startsWith('/') && !/^[!#]/.test(escaped) ? escaped : `/${escaped}`;
}

/** The smallest single replacement that turns `before` into `after` (never splitting a surrogate pair). */
export function minimalChange(before: string, after: string): { start: number; end: number; text: string } {
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  if (start > 0 && /[\uD800-\uDBFF]/.test(before.charAt(start - 1))) start--;
  let tail = 0;
  while (tail < max - start && before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail)) tail++;
  if (tail > 0 && /[\uDC00-\uDFFF]/.test(before.charAt(before.length - tail))) tail--;
  return { start, end: before.length - tail, text: after.slice(start, after.length - tail) };
}

function replacements(services: ExtensionServices, policy: PolicyFeature, doc: vscode.TextDocument, p: PlacedViolation, d: vscode.Diagnostic): vscode.CodeAction[] {
  const engine = services.engine;
  const f = p.violation.finding;
  const model = f.kind === 'model' ? engine.model(f.id) : undefined;
  // Only where the name is written as found: the edit replaces exactly it.
  if (!model?.alternatives?.length || doc.getText(p.range).toLowerCase() !== f.name.toLowerCase()) return [];
  const at = [{ path: p.path, line: p.range.start.line + 1, column: p.range.start.character + 1 }];
  return model.alternatives.flatMap((altId) => {
    const alt = engine.model(altId);
    if (!alt) return [];
    const candidate = modelFinding(engine, alt, alt.id, at);
    if (policy.violates(p.folder, candidate)) return [];
    const title = vscode.l10n.t('Replace with {0} ({1})', alt.id, candidate.license.name);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(doc.uri, p.range, alt.id, { needsConfirmation: true, label: title });
    const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
    action.edit = edit;
    action.diagnostics = [d];
    return [action];
  });
}

function exceptionAction(p: PlacedViolation, d: vscode.Diagnostic): vscode.CodeAction {
  const f = p.violation.finding;
  const title = vscode.l10n.t('Add a policy exception for {0}…', f.id);
  const args: ExceptionArgs = { folder: p.folder.uri.toString(), path: p.path, id: f.id, rule: p.violation.rule };
  const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
  action.command = { command: ADD_EXCEPTION_COMMAND, title, arguments: [args] };
  action.diagnostics = [d];
  return action;
}

function licencePageAction(p: PlacedViolation, d: vscode.Diagnostic): vscode.CodeAction | undefined {
  const url = [p.violation.finding.license.url, p.violation.helpUri].find((u) => /^https:\/\//i.test(u));
  if (!url) return undefined;
  const title = vscode.l10n.t('Open licence page');
  const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
  action.command = { command: 'aiOpenness.openLicensePage', title, arguments: [url] };
  action.diagnostics = [d];
  return action;
}

class PolicyFixProvider implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(
    private readonly services: ExtensionServices,
    private readonly policy: PolicyFeature,
  ) {}

  provideCodeActions(doc: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    if (context.only && !vscode.CodeActionKind.QuickFix.intersects(context.only)) return [];
    const actions: vscode.CodeAction[] = [];
    const titles = new Set<string>();
    const add = (a: vscode.CodeAction | undefined) => {
      if (!a || titles.has(a.title)) return;
      titles.add(a.title);
      actions.push(a);
    };
    for (const d of context.diagnostics) {
      if (d.source !== POLICY_SOURCE) continue;
      const rule = String(typeof d.code === 'object' ? d.code.value : (d.code ?? ''));
      for (const p of this.policy.violationsAt(doc.uri, d.range)) {
        if (p.violation.rule !== rule) continue;
        replacements(this.services, this.policy, doc, p, d).forEach(add);
        add(exceptionAction(p, d));
        add(licencePageAction(p, d));
      }
    }
    return actions;
  }
}

async function askReason(id: string | undefined): Promise<string | undefined> {
  const reason = await vscode.window.showInputBox({
    title: id ? vscode.l10n.t('Policy exception for {0}', id) : vscode.l10n.t('Policy exception'),
    prompt: vscode.l10n.t('Why is this allowed here? The reason is kept in the policy file for reviewers.'),
    placeHolder: vscode.l10n.t('e.g. evaluation only, approved by legal on 2025-01-10'),
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() ? undefined : vscode.l10n.t('A reason is required.')),
  });
  return reason?.trim() || undefined;
}

/** Appends the exception to the policy file through one minimal edit; saves it unless it had unsaved changes. */
async function editPolicyFile(uri: vscode.Uri, exception: PolicyException): Promise<void> {
  const doc = await vscode.workspace.openTextDocument(uri);
  const wasDirty = doc.isDirty;
  const before = doc.getText();
  const change = minimalChange(before, addException(before, nodePath.basename(uri.fsPath), exception));
  const edit = new vscode.WorkspaceEdit();
  edit.replace(uri, new vscode.Range(doc.positionAt(change.start), doc.positionAt(change.end)), change.text);
  if (!(await vscode.workspace.applyEdit(edit))) throw new Error(vscode.l10n.t('the policy file could not be edited'));
  if (!wasDirty) await doc.save();
}

/**
 * aiOpenness.addPolicyException: adds `{ path, id, rules: [rule], reason }` to the folder's policy file (creating
 * `.ai-openness.json` when there is none), asking for the reason unless given. Returns the policy file's URI, or
 * undefined when cancelled or impossible (the user is told why).
 */
export async function addPolicyExceptionCommand(policy: PolicyFeature, arg: unknown): Promise<vscode.Uri | undefined> {
  const args = parseArgs(arg);
  const folder = args && vscode.workspace.getWorkspaceFolder(vscode.Uri.parse(args.folder));
  if (!args || !folder || folder.uri.scheme !== 'file') {
    void vscode.window.showInformationMessage(vscode.l10n.t('AI Openness: use the quick fix on a policy problem to add an exception.'));
    return undefined;
  }
  const reason = args.reason?.trim() || (await askReason(args.id));
  if (!reason) return undefined;
  const exception: PolicyException = {
    ...(args.path ? { path: literalPathPattern(args.path) } : {}),
    ...(args.id ? { id: args.id } : {}),
    ...(args.rule ? { rules: [args.rule] } : {}),
    reason,
  };
  const existing = policy.policyFile(folder) ?? (await findPolicyFile(nodeFileSystem(), folder.uri.fsPath));
  let uri: vscode.Uri;
  try {
    if (existing) {
      uri = vscode.Uri.file(nodePath.isAbsolute(existing) ? existing : nodePath.join(folder.uri.fsPath, existing));
      await editPolicyFile(uri, exception);
    } else {
      uri = vscode.Uri.joinPath(folder.uri, POLICY_FILE_NAMES[0]);
      const edit = new vscode.WorkspaceEdit();
      edit.createFile(uri, { overwrite: false, contents: new TextEncoder().encode(newPolicyText(exception, POLICY_FILE_NAMES[0])) });
      if (!(await vscode.workspace.applyEdit(edit))) throw new Error(vscode.l10n.t('the policy file could not be created'));
    }
  } catch (e) {
    void vscode.window.showErrorMessage(vscode.l10n.t('AI Openness: the exception was not added: {0}', e instanceof Error ? e.message : String(e)));
    return undefined;
  }
  await policy.reload(folder);
  void vscode.window.setStatusBarMessage(vscode.l10n.t('AI Openness: exception added to {0}', nodePath.basename(uri.fsPath)), 5000);
  if (!args.reason) await vscode.window.showTextDocument(uri, { preview: true, preserveFocus: true });
  return uri;
}

export function registerPolicyFixes(context: vscode.ExtensionContext, services: ExtensionServices, policy: PolicyFeature): void {
  context.subscriptions.push(
    vscode.languages.registerCodeActionsProvider({ scheme: 'file' }, new PolicyFixProvider(services, policy), {
      providedCodeActionKinds: PolicyFixProvider.kinds,
    }),
  );
}
