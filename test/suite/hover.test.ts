/**
 * The hover card through VS Code's own hover machinery (`vscode.executeHoverProvider`), on the fixture workspace.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const EXTENSION_ID = 'ai-openness.ai-openness';

function text(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n');
}

async function hoversAt(uri: vscode.Uri, position: vscode.Position): Promise<vscode.Hover[]> {
  return (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position)) ?? [];
}

describe('Hover cards', () => {
  let doc: vscode.TextDocument;
  const LLAMA = 'meta-llama/Meta-Llama-3-8B-Instruct';

  before(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'a workspace folder is open');
    doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, 'src', 'main.py'));
  });

  it('on the Llama 3 id: the Llama 3 licence and its 700 million clause, over the whole id', async () => {
    const line = doc.getText().split(/\r?\n/).findIndex((l) => l.includes(LLAMA));
    const character = doc.lineAt(line).text.indexOf(LLAMA);
    const hovers = await hoversAt(doc.uri, new vscode.Position(line, character + 12));
    const md = text(hovers);
    assert.match(md, /Meta Llama 3 Community License/);
    assert.match(md, /700 million/);
    const ours = hovers.find((h) => text([h]).includes('Meta Llama 3 Community License'))!;
    assert.ok(ours.range, 'the hover has a range');
    assert.equal(ours.range.start.line, line);
    assert.equal(ours.range.start.character, character);
    assert.equal(ours.range.end.character, character + LLAMA.length);
  });

  it('in Bahasa Indonesia when aiOpenness.language is "id"', async () => {
    const config = vscode.workspace.getConfiguration('aiOpenness');
    await config.update('language', 'id', vscode.ConfigurationTarget.Global);
    try {
      const line = doc.getText().split(/\r?\n/).findIndex((l) => l.includes(LLAMA));
      const md = text(await hoversAt(doc.uri, new vscode.Position(line, doc.lineAt(line).text.indexOf(LLAMA) + 3)));
      assert.match(md, /\*\*Lisensi:\*\*/);
      assert.match(md, /700 juta/);
      assert.match(md, /Tampilkan di AI Openness/);
    } finally {
      await config.update('language', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('on an API-only id: its open alternatives', async () => {
    const line = doc.getText().split(/\r?\n/).findIndex((l) => l.includes('"gpt-4o"'));
    const md = text(await hoversAt(doc.uri, new vscode.Position(line, doc.lineAt(line).text.indexOf('gpt-4o') + 2)));
    assert.match(md, /GPT-4o/);
    assert.match(md, /Open alternatives/);
  });

  it('nothing on an ordinary word', async () => {
    const line = doc.getText().split(/\r?\n/).findIndex((l) => l.startsWith('client = '));
    const md = text(await hoversAt(doc.uri, new vscode.Position(line, 2)));
    assert.doesNotMatch(md, /AI Openness|Licen[cs]e|Openness/);
  });

  it('on a catalog package in package.json, and follows edits of an untitled document', async () => {
    const folder = vscode.workspace.workspaceFolders![0]!;
    const pkg = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, 'package.json'));
    const line = pkg.getText().split(/\r?\n/).findIndex((l) => l.includes('"openai"'));
    const md = text(await hoversAt(pkg.uri, new vscode.Position(line, pkg.lineAt(line).text.indexOf('openai') + 1)));
    assert.match(md, /npm package/);

    const untitled = await vscode.workspace.openTextDocument({ content: 'x = 1\n', language: 'python' });
    assert.equal(text(await hoversAt(untitled.uri, new vscode.Position(0, 0))).includes('Openness'), false);
    const editor = await vscode.window.showTextDocument(untitled);
    await editor.edit((e) => e.insert(new vscode.Position(0, 0), 'm = "claude-3-5-sonnet-20241022"\n'));
    assert.match(text(await hoversAt(untitled.uri, new vscode.Position(0, 8))), /Claude/);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('Look Up with a query shows the card as a Markdown document under ai-openness:', async () => {
    await vscode.commands.executeCommand('aiOpenness.lookUp', 'gpt-4o');
    const uri = vscode.Uri.from({ scheme: 'ai-openness', path: '/AI Openness – gpt-4o.md' });
    const card = (await vscode.workspace.openTextDocument(uri)).getText();
    assert.match(card, /\*\*GPT-4o\*\* — OpenAI/);
    assert.match(card, /Open alternatives/);
    assert.doesNotMatch(card, /command:/, 'no command links in the preview');
  });
});
