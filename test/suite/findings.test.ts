/**
 * Findings view, Problems entries and the grouping setting, in a real VS Code on the fixture workspace
 * (test/fixtures/workspace). The tree is read through the provider the extension exposes for tests only.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { isRelevantChange } from '../../src/extension/watcher';

const EXTENSION_ID = 'ai-openness.ai-openness';
const HOOK = Symbol.for('aiOpenness.test.findingsProvider');

interface TreeNode {
  type: 'group' | 'finding' | 'location';
  group?: { label: string; count: number };
  node?: { label: string; finding: { license: { id: string } } };
  location?: { path: string; line: number };
}
interface Hook {
  provider: { getChildren(n?: TreeNode): TreeNode[]; getTreeItem(n: TreeNode): vscode.TreeItem };
  view: vscode.TreeView<TreeNode>;
}

function hook(): Hook {
  const h = (globalThis as Record<symbol, unknown>)[HOOK] as Hook | undefined;
  assert.ok(h, 'the extension exposes its findings provider to tests');
  return h;
}

async function until<T>(what: string, get: () => T | undefined | false, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = get();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function fileUri(rel: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder);
  return vscode.Uri.joinPath(folder.uri, ...rel.split('/'));
}

function ours(rel: string): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(fileUri(rel)).filter((d) => d.source === 'AI Openness');
}

function codeOf(d: vscode.Diagnostic): { value: string; target: string } {
  const c = d.code as { value: string; target: vscode.Uri };
  return { value: c.value, target: c.target.toString(true) };
}

const groupLabels = () => hook().provider.getChildren().map((g) => g.group?.label ?? '');

async function setGroupBy(value: string | undefined): Promise<void> {
  await vscode.workspace.getConfiguration('aiOpenness').update('findings.groupBy', value, vscode.ConfigurationTarget.Global);
}

describe('Findings view and Problems', () => {
  before(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
    const results = await vscode.commands.executeCommand<unknown[]>('aiOpenness.scanWorkspace');
    assert.ok(results?.length, 'the scan ran');
  });

  after(async () => {
    await setGroupBy(undefined);
    await vscode.workspace.getConfiguration('aiOpenness').update('diagnostics.severity', undefined, vscode.ConfigurationTarget.Global);
  });

  it('puts a Problems entry on each restricted finding, with the clause as code and the licence page as target', () => {
    const [cohere, ...rest] = ours('notes.md');
    assert.ok(cohere, 'a diagnostic for the non-commercial Cohere model');
    assert.equal(rest.length, 0, 'the Apache-2.0 Mistral model in notes.md is not restricted');
    assert.deepEqual(codeOf(cohere), { value: 'non-commercial', target: 'https://creativecommons.org/licenses/by-nc/4.0/' });
    assert.deepEqual([cohere.range.start.line, cohere.range.start.character, cohere.range.end.character], [6, 32, 62]);
    assert.equal(cohere.severity, vscode.DiagnosticSeverity.Information);
    assert.match(cohere.message, /non-commercial use only/);

    const modelfile = ours('Modelfile').map((d) => codeOf(d).value).sort();
    assert.deepEqual(modelfile, ['eu-restriction', 'user-threshold'], 'llama3.2: Llama 3.2 licence');

    const main = ours('src/main.py');
    assert.deepEqual(main.map((d) => [d.range.start.line, codeOf(d).value]).sort(), [[2, 'user-threshold'], [6, 'user-threshold']]);
    assert.match(main[0]!.message, /700 million/);
    assert.equal(ours('.env').length, 0, 'API-only models under provider terms are not flagged');
  });

  it('follows aiOpenness.diagnostics.severity ("off" clears)', async () => {
    const config = () => vscode.workspace.getConfiguration('aiOpenness');
    await config().update('diagnostics.severity', 'warning', vscode.ConfigurationTarget.Global);
    await until('warnings', () => ours('notes.md')[0]?.severity === vscode.DiagnosticSeverity.Warning);
    await config().update('diagnostics.severity', 'off', vscode.ConfigurationTarget.Global);
    await until('no diagnostics', () => ours('notes.md').length === 0 && ours('Modelfile').length === 0);
    await config().update('diagnostics.severity', undefined, vscode.ConfigurationTarget.Global);
    await until('diagnostics back', () => ours('notes.md').length === 1);
  });

  it('groups findings by how they are reached, with counts and locations', () => {
    const groups = hook().provider.getChildren();
    assert.deepEqual(groups.map((g) => g.group?.label), ['Provider API', 'Self-hostable', 'Frameworks']);
    const self = groups[1]!;
    const findings = hook().provider.getChildren(self);
    assert.equal(self.group?.count, findings.length);
    const names = findings.map((f) => f.node?.label);
    for (const n of ['llama3.2', 'meta-llama/Meta-Llama-3-8B-Instruct', 'CohereForAI/c4ai-command-r-v01']) assert.ok(names.includes(n), n);
    const llama = findings.find((f) => f.node?.label === 'meta-llama/Meta-Llama-3-8B-Instruct')!;
    const item = hook().provider.getTreeItem(llama);
    assert.equal(item.contextValue, 'finding:url');
    assert.equal(item.description, 'LicenseRef-llama3 · Restricted weights');
    assert.deepEqual(hook().provider.getChildren(llama).map((l) => hook().provider.getTreeItem(l).label), ['src/main.py:3']);
  });

  it('regroups when aiOpenness.findings.groupBy changes', async () => {
    await setGroupBy('license');
    await until('licence groups', () => groupLabels().some((l) => /NonCommercial/.test(l)));
    assert.ok(groupLabels().some((l) => /Llama 3\.2/.test(l)), groupLabels().join(', '));
    await setGroupBy('provider');
    await until('provider groups', () => groupLabels().includes('OpenAI'));
    for (const l of ['Meta', 'Cohere', 'Anthropic', 'Local / self-hosted']) assert.ok(groupLabels().includes(l), `${l} in ${groupLabels().join(', ')}`);
    assert.equal(groupLabels().at(-1), 'Local / self-hosted');
    await setGroupBy(undefined);
    await until('access groups', () => groupLabels()[0] === 'Provider API');
  });

  it('reveals a finding by id, and opens a location with the name selected', async () => {
    await vscode.commands.executeCommand('aiOpenness.showInView', 'meta-llama/Llama-3.2-1B');
    const selected = await until('a selection', () => hook().view.selection[0]);
    assert.equal(selected.node?.label, 'llama3.2');
    const location = hook().provider.getChildren(selected)[0]!;
    await vscode.commands.executeCommand('aiOpenness.revealLocation', location);
    const editor = await until('the Modelfile editor', () => vscode.window.activeTextEditor?.document.uri.path.endsWith('/Modelfile') && vscode.window.activeTextEditor);
    assert.equal(editor.document.getText(editor.selection), 'llama3.2');
  });
});

describe('Watcher filter', () => {
  it('rescans only for files the scan would read', () => {
    assert.equal(isRelevantChange(fileUri('src/main.py')), true);
    assert.equal(isRelevantChange(fileUri('newdir')), true);
    assert.equal(isRelevantChange(fileUri('node_modules/openai/index.js')), false);
    assert.equal(isRelevantChange(fileUri('.git/HEAD')), false);
    assert.equal(isRelevantChange(fileUri('a/dist/bundle.js')), false);
    assert.equal(isRelevantChange(fileUri('node_modules')), false);
    assert.equal(isRelevantChange(fileUri('weights/model.gguf')), true, 'a scan reads GGUF headers');
    assert.equal(isRelevantChange(fileUri('weights/model.safetensors')), false);
    assert.equal(isRelevantChange(vscode.Uri.file('/elsewhere/main.py')), false);
  });
});
