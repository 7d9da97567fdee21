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

  before(async () => {
    server = createServer((req, res) => {
      seen.push(`${req.method} ${req.url}`);
      const body =
        req.url === '/api/models/meta-llama/Meta-Llama-3-8B-Instruct'
          ? { cardData: { license: 'llama3' } }
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
    await config.update('online.huggingFaceEndpoint', url, vscode.ConfigurationTarget.Global);
    await config.update('online', true, vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    const config = vscode.workspace.getConfiguration('aiOpenness');
    await config.update('online', undefined, vscode.ConfigurationTarget.Global);
    await config.update('online.huggingFaceEndpoint', undefined, vscode.ConfigurationTarget.Global);
    for (const k of ['AI_OPENNESS_NPM_REGISTRY', 'AI_OPENNESS_PYPI_INDEX', 'AI_OPENNESS_DEPS_DEV']) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
    await new Promise<void>((r) => server.close(() => r()));
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
});
