/**
 * The extension inside a real VS Code, on the fixture workspace (test/fixtures/workspace).
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Finding, ScanResult } from '../../src/core/types';

const EXTENSION_ID = 'ai-openness.ai-openness';

describe('AI Openness in VS Code', () => {
  it('activates', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} is installed`);
    await ext.activate();
    assert.equal(ext.isActive, true);
  });

  it('registers its commands', async () => {
    const commands = await vscode.commands.getCommands(true);
    const declared = (vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON.contributes.commands ?? []) as { command: string }[];
    assert.ok(declared.length > 0);
    for (const { command } of declared) assert.ok(commands.includes(command), `${command} is registered`);
  });

  it('Scan Workspace finds the fixture workspace’s AI dependencies through the real API', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'a workspace folder is open');
    const results = await vscode.commands.executeCommand<ScanResult[]>('aiOpenness.scanWorkspace');
    assert.ok(results && results.length === 1, 'one result per folder');
    const result = results[0]!;
    assert.equal(result.root, folder.uri.fsPath);
    const byName = new Map<string, Finding>(result.findings.map((f) => [`${f.kind}:${f.ecosystem ?? ''}:${f.name}`, f]));
    const expected = [
      'model::meta-llama/Meta-Llama-3-8B-Instruct',
      'model::gpt-4o',
      'model::claude-3-5-sonnet-20241022',
      'model::llama3.2',
      'model::Qwen/Qwen2.5-7B-Instruct',
      'package:npm:openai',
      'package:pypi:langchain',
      'package:cargo:async-openai',
      'package:go:github.com/sashabaranov/go-openai',
      'package:maven:dev.langchain4j:langchain4j-open-ai',
      'package:nuget:Azure.AI.OpenAI',
    ];
    for (const key of expected) assert.ok(byName.has(key), `expected finding ${key}; got ${[...byName.keys()].join(', ')}`);
    const llama = byName.get('model::meta-llama/Meta-Llama-3-8B-Instruct')!;
    assert.equal(llama.openness.level, 'restricted-weights');
    assert.deepEqual(llama.locations, [{ path: 'src/main.py', line: 3, column: 10 }]);
    assert.equal(byName.get('model::gpt-4o')!.access, 'api');
    // Near-misses and ignored files stay out.
    for (const name of ['qwen3', 'mistral', 'llama-server', 'claude-code', 'your-model-name']) {
      assert.ok(!result.findings.some((f) => f.name === name), `${name} must not be reported`);
    }
    assert.ok(!result.findings.some((f) => f.locations.some((l) => l.path.startsWith('ignored/'))), '.gitignore respected');
  });

  if (process.env['AIO_EXPECT_FAILURE']) {
    it('deliberately wrong expectation (AIO_EXPECT_FAILURE is set: this must fail the run)', () => {
      assert.equal(vscode.workspace.workspaceFolders?.length, 42, 'deliberately wrong: the fixture has one folder');
    });
  }
});
