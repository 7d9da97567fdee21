/**
 * A GGUF weights file dropped into the workspace: the watcher rescans, the finding carries the licence its header
 * states, and revealing it shows the file in the Explorer instead of opening gigabytes of binary as text.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const HOOK = Symbol.for('aiOpenness.test.findingsProvider');
const NAME = 'acme-tiny-chat.Q4_K_M.gguf';

interface TreeNode {
  type: 'group' | 'finding' | 'location';
  node?: { label: string; finding: { license: { id: string }; source: string } };
}
interface Hook {
  provider: { getChildren(n?: TreeNode): TreeNode[] };
}

/** A GGUF v3 header with one string key (little-endian; no tensors). */
function ggufWithLicense(license: string): Uint8Array {
  const str = (s: string) => {
    const b = Buffer.from(s, 'utf8');
    const len = Buffer.alloc(8);
    len.writeBigUInt64LE(BigInt(b.length));
    return Buffer.concat([len, b]);
  };
  const head = Buffer.alloc(24);
  head.write('GGUF', 0, 'latin1');
  head.writeUInt32LE(3, 4);
  head.writeBigUInt64LE(0n, 8); // tensors
  head.writeBigUInt64LE(1n, 16); // metadata entries
  const type = Buffer.alloc(4);
  type.writeUInt32LE(8); // string
  return Buffer.concat([head, str('general.license'), type, str(license)]);
}

function findingNode(): TreeNode | undefined {
  const h = (globalThis as Record<symbol, unknown>)[HOOK] as Hook | undefined;
  for (const g of h?.provider.getChildren() ?? []) for (const f of h!.provider.getChildren(g)) if (f.node?.label === NAME) return f;
  return undefined;
}

describe('GGUF weights in the workspace', () => {
  const file = () => vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0]!.uri, 'weights-test', NAME);

  after(async () => {
    await vscode.workspace.fs.delete(vscode.Uri.joinPath(file(), '..'), { recursive: true }).then(undefined, () => undefined);
  });

  it('a new .gguf file is picked up by the watcher with its header licence, and revealed in the Explorer', async () => {
    await vscode.commands.executeCommand('aiOpenness.scanWorkspace'); // the watcher only rescans after a first scan
    await vscode.workspace.fs.writeFile(file(), ggufWithLicense('apache-2.0'));
    const end = Date.now() + 20_000;
    let node = findingNode();
    while (!node && Date.now() < end) {
      await new Promise((r) => setTimeout(r, 100));
      node = findingNode();
    }
    assert.ok(node, 'the watcher rescanned and the GGUF file is a finding');
    assert.equal(node.node?.finding.source, 'discovered');
    assert.equal(node.node?.finding.license.id, 'Apache-2.0');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('aiOpenness.revealLocation', node);
    await new Promise((r) => setTimeout(r, 500));
    assert.ok(
      !vscode.workspace.textDocuments.some((d) => d.uri.toString() === file().toString()),
      'the weights file is not opened as a text document',
    );
  });
});
