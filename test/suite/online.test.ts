/**
 * `aiOpenness.online` in a real VS Code: after a scan, the Hub's and the registries' answers are added beside the
 * catalog's and reach the Findings view. A local server (in this extension host) stands in for them: no test
 * touches the internet (the registries are pointed at it through the same environment variables as the CLI's).
 */
import * as assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as vscode from 'vscode';

const HOOK = Symbol.for('aiOpenness.test.findingsProvider');
/** A Hub id no catalog has, in a file the test writes into the (temporary) workspace. */
const DISCOVERED = 'acme-labs/sealion-ft-v2';

async function hoverText(uri: vscode.Uri, position: vscode.Position): Promise<string> {
  const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position)) ?? [];
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
}

interface TreeNode {
  type: 'group' | 'finding' | 'location';
  node?: { label: string };
}
interface Hook {
  provider: { getChildren(n?: TreeNode): TreeNode[]; getTreeItem(n: TreeNode): vscode.TreeItem };
}

function tooltipOf(name: string): string {
  const h = (globalThis as Record<symbol, unknown>)[HOOK] as Hook | undefined;
  if (!h) return '';
  for (const g of h.provider.getChildren()) {
    for (const f of h.provider.getChildren(g)) {
      if (f.node?.label === name) {
        const t = h.provider.getTreeItem(f).tooltip;
        return typeof t === 'string' ? t : (t?.value ?? '');
      }
    }
  }
  return '';
}

describe('Online look-ups (aiOpenness.online)', () => {
  let server: Server;
  let url = '';
  const seen: string[] = [];
  const saved = { ...process.env };

  let file: vscode.Uri;

  before(async () => {
    file = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0]!.uri, 'discovered_model.py');
    await vscode.workspace.fs.writeFile(file, Buffer.from(`from transformers import AutoModel\nm = AutoModel.from_pretrained("${DISCOVERED}")\n`));
    server = createServer((req, res) => {
      seen.push(`${req.method} ${req.url}`);
      const body =
        req.url === '/api/models/meta-llama/Meta-Llama-3-8B-Instruct'
          ? { cardData: { license: 'llama3' } }
          : req.url === `/api/models/${DISCOVERED}`
            ? { cardData: { license: 'apache-2.0' }, pipeline_tag: 'text-generation' }
          : req.url === '/openai'
            ? { name: 'openai', license: 'Apache-2.0' }
            : undefined;
      res.writeHead(body ? 200 : 404, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body ?? { error: 'not found' }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    for (const k of ['AI_OPENNESS_NPM_REGISTRY', 'AI_OPENNESS_PYPI_INDEX', 'AI_OPENNESS_DEPS_DEV']) process.env[k] = url;
    const config = vscode.workspace.getConfiguration('aiOpenness');
    await config.update('huggingFaceEndpoint', url, vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    await vscode.workspace.fs.delete(file);
    const config = vscode.workspace.getConfiguration('aiOpenness');
    await config.update('online', undefined, vscode.ConfigurationTarget.Global);
    await config.update('huggingFaceEndpoint', undefined, vscode.ConfigurationTarget.Global);
    for (const k of ['AI_OPENNESS_NPM_REGISTRY', 'AI_OPENNESS_PYPI_INDEX', 'AI_OPENNESS_DEPS_DEV']) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
    await new Promise<void>((r) => server.close(() => r()));
  });

  it('offline (the default): the hover names a discovered Hub id and says how to learn its licence; nothing is sent', async () => {
    const doc = await vscode.workspace.openTextDocument(file);
    const text = await hoverText(file, new vscode.Position(1, doc.lineAt(1).text.indexOf(DISCOVERED) + 3));
    assert.match(text, /acme-labs\/sealion-ft-v2\*\* — not in the AI Openness catalog/);
    assert.match(text, /Licence unknown offline\. Turn on \*\*aiOpenness\.online\*\*/);
    assert.deepEqual(seen, [], 'no request while online look-ups are off');
    await vscode.workspace.getConfiguration('aiOpenness').update('online', true, vscode.ConfigurationTarget.Global);
  });

  it('adds what the Hub says to a finding after the scan, without blocking it', async () => {
    const results = await vscode.commands.executeCommand<unknown[]>('aiOpenness.scanWorkspace');
    assert.ok(results?.length, 'the scan returned at once with the catalog answer');
    const end = Date.now() + 15_000;
    let tip = '';
    while (Date.now() < end && !/online: huggingface says llama3/.test(tip)) {
      await new Promise((r) => setTimeout(r, 100));
      tip = tooltipOf('meta-llama/Meta-Llama-3-8B-Instruct');
    }
    assert.match(tip, /online: huggingface says llama3 .*agrees with the catalog/);
    assert.ok(seen.includes('GET /api/models/meta-llama/Meta-Llama-3-8B-Instruct'), seen.join(', '));
    assert.ok(!seen.some((s) => /gpt-4o/.test(s)), 'API-only ids are never sent to the Hub');
  });

  it('a Hub id the catalog lacks: the tree and the hover show the licence the Hub gives, with its source', async () => {
    const end = Date.now() + 15_000;
    let tip = tooltipOf(DISCOVERED);
    while (Date.now() < end && !/online: huggingface says apache-2\.0/.test(tip)) {
      await new Promise((r) => setTimeout(r, 100));
      tip = tooltipOf(DISCOVERED);
    }
    assert.match(tip, /Licence: Apache License 2\.0/i);
    assert.match(tip, /Licence read from huggingface .* this model is not in the catalog/);
    const doc = await vscode.workspace.openTextDocument(file);
    const at = new vscode.Position(1, doc.lineAt(1).text.indexOf(DISCOVERED) + 3);
    let text = await hoverText(file, at);
    while (Date.now() < end && !/huggingface says \*\*apache-2\.0\*\*/.test(text)) {
      await new Promise((r) => setTimeout(r, 100));
      text = await hoverText(file, at);
    }
    assert.match(text, /huggingface says \*\*apache-2\.0\*\* · fetched \d{4}-\d{2}-\d{2}/);
  });
});
