/**
 * The policy gate in a real VS Code (issue 7): a committed `.ai-openness.json` turns findings into Problems, a model
 * typed into an unsaved file is flagged before it is saved, the quick fixes replace it or add an exception, a broken
 * policy file is reported in place while scans go on, and the exports carry the policy. Every file this suite writes
 * into the (temporary) workspace is removed again in after().
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { createEngine } from '../../src/core/engine';
import type { ScanResult } from '../../src/core/types';

const SOURCE = 'AI Openness policy';
const POLICY = '{ "forbidApiOnly": true, "deny": { "licenses": ["llama3"] } }\n';
const BROKEN = '{\n  "deny": {\n    "licenses": [ }\n}\n';

async function waitFor<T>(what: string, probe: () => T | undefined | false, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const codeOf = (d: vscode.Diagnostic) => String(typeof d.code === 'object' ? d.code.value : d.code);
const policyDiagnostics = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);

describe('Policy (.ai-openness.json) in the editor', () => {
  const root = () => vscode.workspace.workspaceFolders![0]!.uri;
  let policyFile: vscode.Uri;
  let main: vscode.Uri;
  let live: vscode.Uri;
  const written: vscode.Uri[] = [];

  const write = (uri: vscode.Uri, text: string) => vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  const read = async (uri: vscode.Uri) => new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));

  /** Types `text` at the end of the (unsaved) live document and waits for an api-only entry on `gpt-4o` there. */
  async function typeGpt4o(doc: vscode.TextDocument, text: string): Promise<vscode.Diagnostic> {
    const edit = new vscode.WorkspaceEdit();
    edit.insert(live, doc.positionAt(doc.getText().length), text);
    assert.ok(await vscode.workspace.applyEdit(edit));
    return waitFor('an api-only entry on the typed gpt-4o', () =>
      policyDiagnostics(live).find((d) => codeOf(d) === 'api-only' && doc.getText(d.range) === 'gpt-4o' && d.range.start.line === doc.lineCount - 2),
    );
  }

  before(async () => {
    policyFile = vscode.Uri.joinPath(root(), '.ai-openness.json');
    main = vscode.Uri.joinPath(root(), 'src', 'main.py');
    live = vscode.Uri.joinPath(root(), 'policy_live.py');
    await write(policyFile, POLICY);
    await write(live, '');
    written.push(policyFile, live);
  });

  after(async () => {
    // Close the live document without saving it, then remove every file this suite wrote.
    for (const editor of vscode.window.visibleTextEditors.filter((e) => e.document.uri.toString() === live.toString())) {
      await vscode.window.showTextDocument(editor.document);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
    for (const uri of written) await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
    await waitFor('the policy entries to go', () => policyDiagnostics(main).length === 0);
  });

  it('after a scan, violations are Problems at the names as written, with the rule as code and its help link', async () => {
    const results = await vscode.commands.executeCommand<ScanResult[]>('aiOpenness.scanWorkspace');
    assert.ok(results?.[0]?.findings.length);
    const doc = await vscode.workspace.openTextDocument(main);
    const list = await waitFor('api-only and deny-license entries in src/main.py', () => {
      const l = policyDiagnostics(main);
      return l.some((d) => codeOf(d) === 'api-only') && l.some((d) => codeOf(d) === 'deny-license') && l;
    });
    const api = list.find((d) => codeOf(d) === 'api-only' && d.range.start.line === 4)!;
    assert.ok(api, 'gpt-4o on line 5 is API-only');
    assert.equal(doc.getText(api.range), 'gpt-4o');
    assert.equal(api.severity, vscode.DiagnosticSeverity.Error);
    assert.match(api.message, /gpt-4o .*forbids API-only models/);
    const deny = list.find((d) => codeOf(d) === 'deny-license' && d.range.start.line === 2)!;
    assert.ok(deny, 'the Llama 3 id on line 3 is denied');
    assert.equal(doc.getText(deny.range), 'meta-llama/Meta-Llama-3-8B-Instruct');
    const target = typeof deny.code === 'object' ? deny.code.target.toString() : '';
    assert.match(target, /^https:\/\//);
    // "llama3" in the policy file is a licence the policy names, not a use of the model.
    assert.deepEqual(policyDiagnostics(policyFile), [], 'the policy file does not violate itself');
    // The finding entries of the scan are still there, in their own collection.
    assert.ok(vscode.languages.getDiagnostics(main).some((d) => d.source === 'AI Openness'), 'restriction entries kept');
  });

  it('flags a model typed into an unsaved file, before it is saved', async () => {
    const doc = await vscode.workspace.openTextDocument(live);
    await vscode.window.showTextDocument(doc);
    await typeGpt4o(doc, 'model = "gpt-4o"\n');
    assert.equal(doc.isDirty, true, 'nothing was saved');
  });

  it('quick fix: replace with an open alternative (an edit that replaces exactly the id)', async () => {
    const doc = await vscode.workspace.openTextDocument(live);
    const diagnostic = policyDiagnostics(live).find((d) => codeOf(d) === 'api-only')!;
    const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', live, diagnostic.range)) ?? [];
    const titles = actions.map((a) => a.title);
    const alternatives = createEngine().model('gpt-4o')!.alternatives!;
    const replace = actions.find((a) => a.title.startsWith('Replace with '));
    assert.ok(replace?.edit, titles.join(' | '));
    assert.ok(titles.some((t) => t === 'Add a policy exception for gpt-4o…'), titles.join(' | '));
    assert.ok(titles.includes('Open licence page'), titles.join(' | '));
    const entries = replace.edit.entries();
    assert.equal(entries.length, 1);
    const [uri, edits] = entries[0]!;
    assert.equal(uri.toString(), live.toString());
    assert.equal(edits.length, 1);
    assert.ok(edits[0]!.range.isEqual(diagnostic.range), 'replaces exactly the id');
    assert.ok(alternatives.includes(edits[0]!.newText), `${edits[0]!.newText} is a catalog alternative of gpt-4o`);
    assert.match(replace.title, new RegExp(`^Replace with ${edits[0]!.newText.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(.+\\)$`));
    // Applied without the refactor preview (which waits for a person): the same text edit.
    const apply = new vscode.WorkspaceEdit();
    apply.set(uri, edits);
    assert.ok(await vscode.workspace.applyEdit(apply));
    assert.equal(doc.getText(), `model = "${edits[0]!.newText}"\n`);
    await waitFor('the api-only entry to go after the replacement', () => !policyDiagnostics(live).some((d) => codeOf(d) === 'api-only'));
  });

  it('quick fix: add a policy exception (with its reason) to the policy file; the entry goes', async () => {
    const doc = await vscode.workspace.openTextDocument(live);
    const diagnostic = await typeGpt4o(doc, 'fallback = "gpt-4o"\n');
    const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', live, diagnostic.range)) ?? [];
    const add = actions.find((a) => a.title === 'Add a policy exception for gpt-4o…');
    assert.ok(add?.command, actions.map((a) => a.title).join(' | '));
    assert.equal(add.command.command, 'aiOpenness.addPolicyException');
    const args = add.command.arguments?.[0] as Record<string, unknown>;
    const result = await vscode.commands.executeCommand<vscode.Uri>(add.command.command, { ...args, reason: 'evaluation of the OpenAI API until March' });
    assert.equal(result?.toString(), policyFile.toString());
    const policy = JSON.parse(await read(policyFile)) as { forbidApiOnly: boolean; exceptions: unknown[] };
    assert.equal(policy.forbidApiOnly, true, 'the rest of the policy is kept');
    assert.deepEqual(policy.exceptions, [{ path: '/policy_live.py', id: 'gpt-4o', rules: ['api-only'], reason: 'evaluation of the OpenAI API until March' }]);
    await waitFor('the api-only entry in the live file to go', () => !policyDiagnostics(live).some((d) => codeOf(d) === 'api-only'));
    assert.ok(policyDiagnostics(main).some((d) => codeOf(d) === 'api-only'), 'the exception is for that file only');
    assert.equal(doc.isDirty, true, 'the edited file itself was not saved');
  });

  it('a broken policy file: a Problem at its line in the file, no policy applied, and scans still report findings', async () => {
    await write(policyFile, BROKEN);
    const problem = await waitFor('an error entry in the policy file', () =>
      policyDiagnostics(policyFile).find((d) => d.severity === vscode.DiagnosticSeverity.Error),
    );
    assert.equal(problem.range.start.line, 2, `${problem.message} at line ${problem.range.start.line + 1}`);
    await waitFor('the violations to go while the policy is broken', () => policyDiagnostics(main).length === 0);
    const results = await vscode.commands.executeCommand<ScanResult[]>('aiOpenness.scanWorkspace');
    assert.ok(results?.[0]?.findings.some((f) => f.name === 'gpt-4o'), 'the scan still reports findings');
  });

  it('the policy file is JSON with comments, checked against the bundled JSON Schema as it is edited', async () => {
    await write(policyFile, '// team policy\n{ "forbidApiOnly": "yes" }\n');
    const doc = await vscode.workspace.openTextDocument(policyFile);
    assert.equal(doc.languageId, 'jsonc');
    await vscode.window.showTextDocument(doc);
    const schema = await waitFor(
      'a JSON Schema entry on "yes"',
      () => vscode.languages.getDiagnostics(policyFile).find((d) => d.source !== SOURCE && doc.getText(d.range) === '"yes"'),
      30_000,
    );
    assert.ok(schema.message.length > 0, 'the JSON language server explains the problem'); // wording varies by version
    assert.ok(!vscode.languages.getDiagnostics(policyFile).some((d) => /comment/i.test(d.message)), 'comments are allowed');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('exports CycloneDX and SARIF (with the policy verdict) through the command, without dialogs', async () => {
    await write(policyFile, POLICY);
    await waitFor('the policy to apply again', () => policyDiagnostics(main).some((d) => codeOf(d) === 'api-only'));
    const bom = vscode.Uri.joinPath(root(), 'ai-bom.cdx.json');
    const sarif = vscode.Uri.joinPath(root(), 'ai-openness.sarif');
    written.push(bom, sarif);
    assert.equal((await vscode.commands.executeCommand<vscode.Uri>('aiOpenness.export', { format: 'cyclonedx', uri: bom }))?.toString(), bom.toString());
    const cdx = JSON.parse(await read(bom)) as { bomFormat: string; specVersion: string; components: { name: string }[] };
    assert.equal(cdx.bomFormat, 'CycloneDX');
    assert.equal(cdx.specVersion, '1.6');
    assert.ok(cdx.components.some((c) => c.name === 'gpt-4o'), 'the models are components');
    await vscode.commands.executeCommand('aiOpenness.export', { format: 'sarif', uri: sarif });
    const log = JSON.parse(await read(sarif)) as { version: string; runs: { tool: { driver: { version: string } }; results: { ruleId: string }[] }[] };
    assert.equal(log.version, '2.1.0');
    const ext = vscode.extensions.getExtension('ai-openness.ai-openness')!;
    assert.equal(log.runs[0]!.tool.driver.version, (ext.packageJSON as { version: string }).version);
    const rules = new Set(log.runs[0]!.results.map((r) => r.ruleId));
    assert.ok(rules.has('api-only') && rules.has('deny-license'), [...rules].join(', '));
  });

  it('the Markdown export and Open Report include the Policy section', async () => {
    const md = vscode.Uri.joinPath(root(), 'ai-openness.md');
    written.push(md);
    await vscode.commands.executeCommand('aiOpenness.export', { format: 'markdown', uri: md });
    const text = await read(md);
    assert.match(text, /^## Policy$/m);
    assert.match(text, /api-only/);
    await vscode.commands.executeCommand('aiOpenness.openReport');
    const report = await vscode.workspace.openTextDocument(vscode.Uri.from({ scheme: 'ai-openness', path: '/AI Openness report.md' }));
    assert.match(report.getText(), /^## Policy$/m);
    assert.match(report.getText(), /deny-license/);
  });
});
