/**
 * No network at all in an untrusted workspace, even with `aiOpenness.online` on in the user settings.
 *
 * Runs alone (AIO_SUITE=untrusted, see index.ts) in a code-server launched by scripts/vscode/run-tests.mjs with
 * workspace trust enabled, no trust prompt, `"aiOpenness.online": true` in the user settings and a fresh copy of the
 * fixture workspace, which therefore stays untrusted. A local server (in this extension host) stands in for the Hub
 * and the registries and records every request: after a scan and hovers that would ask them in a trusted workspace,
 * it must have recorded none.
 */
import * as assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as vscode from 'vscode';
import type { ScanResult } from '../../src/core/types';

const EXTENSION_ID = 'ai-openness.ai-openness';
const HOOK = Symbol.for('aiOpenness.test.findingsProvider');
const REGISTRY_VARS = ['AI_OPENNESS_NPM_REGISTRY', 'AI_OPENNESS_PYPI_INDEX', 'AI_OPENNESS_DEPS_DEV'];
/** A Hub id no catalog has, and one the catalog knows. */
const DISCOVERED = 'acme-labs/sealion-ft-v2';
const LLAMA = 'meta-llama/Meta-Llama-3-8B-Instruct';

async function hoverText(uri: vscode.Uri, position: vscode.Position): Promise<string> {
  const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position)) ?? [];
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
}

/** The hover over `id` on its (first) line in `doc`. */
async function hoverOver(doc: vscode.TextDocument, id: string): Promise<string> {
  const line = doc.getText().split(/\r?\n/).findIndex((l) => l.includes(id));
  assert.ok(line >= 0, `${id} is in ${doc.uri.path}`);
  return hoverText(doc.uri, new vscode.Position(line, doc.lineAt(line).text.indexOf(id) + 3));
}

interface TreeNode {
  type: 'group' | 'finding' | 'location';
  node?: { label: string };
}
interface Hook {
  provider: { getChildren(n?: TreeNode): TreeNode[]; getTreeItem(n: TreeNode): vscode.TreeItem };
}

/** Every finding's tooltip in the Findings view, by label. */
function tooltips(): Map<string, string> {
  const out = new Map<string, string>();
  const h = (globalThis as Record<symbol, unknown>)[HOOK] as Hook | undefined;
  for (const g of h?.provider.getChildren() ?? []) {
    for (const f of h!.provider.getChildren(g)) {
      const t = h!.provider.getTreeItem(f).tooltip;
      if (f.node) out.set(f.node.label, typeof t === 'string' ? t : (t?.value ?? ''));
    }
  }
  return out;
}

describe('Untrusted workspace: no network, even with aiOpenness.online on', () => {
  let server: Server;
  const seen: string[] = [];
  const saved = { ...process.env };
  let file: vscode.Uri;
  let results: ScanResult[] | undefined;

  before(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
    server = createServer((req, res) => {
      seen.push(`${req.method} ${req.url}`);
      // Answer as the Hub would, so that a leak would also show up as an online note.
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ cardData: { license: 'apache-2.0' }, name: 'x', license: 'Apache-2.0' }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    for (const k of REGISTRY_VARS) process.env[k] = url;
    await vscode.workspace.getConfiguration('aiOpenness').update('huggingFaceEndpoint', url, vscode.ConfigurationTarget.Global);
    file = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0]!.uri, 'discovered_model.py');
    const source = `from transformers import AutoModel\nm = AutoModel.from_pretrained("${DISCOVERED}")\nbase = "${LLAMA}"\n`;
    await vscode.workspace.fs.writeFile(file, Buffer.from(source));
  });

  after(async () => {
    await vscode.workspace.fs.delete(file).then(undefined, () => undefined);
    await vscode.workspace.getConfiguration('aiOpenness').update('huggingFaceEndpoint', undefined, vscode.ConfigurationTarget.Global);
    for (const k of REGISTRY_VARS) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
    await new Promise<void>((r) => server.close(() => r()));
  });

  it('the workspace is untrusted, and aiOpenness.online is on in the user settings', () => {
    assert.equal(vscode.workspace.isTrusted, false, 'workspace trust left the folder untrusted');
    const online = vscode.workspace.getConfiguration('aiOpenness').inspect<unknown>('online');
    assert.equal(online?.globalValue, true, 'the user setting aiOpenness.online is true');
    assert.equal(vscode.workspace.getConfiguration('aiOpenness').get('online'), true, 'and it is the effective value');
  });

  it('Scan Workspace still works offline: the catalog and discovered findings are there', async () => {
    results = await vscode.commands.executeCommand<ScanResult[]>('aiOpenness.scanWorkspace');
    assert.ok(results?.length, 'the scan returned results');
    const findings = results.flatMap((r) => r.findings);
    assert.ok(findings.length > 0, 'the scan found AI dependencies');
    assert.ok(findings.some((f) => f.name === LLAMA && f.source === 'catalog'), `${LLAMA} found from the catalog`);
    assert.ok(findings.some((f) => f.name === DISCOVERED && f.source === 'discovered'), `${DISCOVERED} discovered`);
    assert.ok(findings.every((f) => !f.online), 'no finding carries an online answer');
  });

  it('hovers show the offline cards: the discovered id says its licence is unknown offline', async () => {
    const doc = await vscode.workspace.openTextDocument(file);
    const discovered = await hoverOver(doc, DISCOVERED);
    assert.match(discovered, /acme-labs\/sealion-ft-v2\*\* — not in the AI Openness catalog/);
    assert.match(discovered, /Licence unknown offline\./);
    assert.doesNotMatch(discovered, /Asking the Hugging Face Hub/, 'no look-up started');
    const llama = await hoverOver(doc, LLAMA);
    assert.match(llama, /Meta Llama 3 Community License/);
    assert.doesNotMatch(llama, /says \*\*|Asking the Hugging Face Hub/, 'no online answer, no look-up started');
    const pkg = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0]!.uri, 'package.json'));
    assert.match(await hoverOver(pkg, '"openai"'), /npm package/);
  });

  it('after 2 s, the stand-in server has recorded zero requests and no view shows an online answer', async () => {
    await new Promise((r) => setTimeout(r, 2000));
    assert.deepEqual(seen, [], `requests sent from an untrusted workspace: ${seen.join(', ')}`);
    const tips = tooltips();
    assert.ok(tips.has(LLAMA), 'the Findings view shows the scan');
    for (const [label, tip] of tips) assert.doesNotMatch(tip, /online: |read from huggingface/i, label);
  });
});
