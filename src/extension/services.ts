/**
 * What the extension's features share: the output channel and the engine (compiled lazily on first use, so
 * activation stays cheap), plus the latest scan results.
 */
import * as vscode from 'vscode';
import { createEngine, type Engine } from '../core/engine';
import type { ScanResult } from '../core/types';

export class ExtensionServices implements vscode.Disposable {
  readonly output = vscode.window.createOutputChannel('AI Openness');
  private engineInstance: Engine | undefined;
  private results: readonly ScanResult[] = [];
  private readonly changed = new vscode.EventEmitter<readonly ScanResult[]>();
  /** Fires after each completed workspace scan. */
  readonly onDidScan = this.changed.event;

  get engine(): Engine {
    return (this.engineInstance ??= createEngine());
  }

  get lastResults(): readonly ScanResult[] {
    return this.results;
  }

  setResults(results: readonly ScanResult[]): void {
    this.results = results;
    this.changed.fire(results);
  }

  dispose(): void {
    this.output.dispose();
    this.changed.dispose();
  }
}
