/**
 * What the extension's features share: the engine (compiled lazily on first use, so activation stays cheap), the
 * latest scan results with a change event, the output channel, the language setting, and the scan itself.
 */
import * as vscode from 'vscode';
import { createEngine, type Engine } from '../core/engine';
import { scanWorkspace } from '../core/scan';
import type { ScanResult } from '../core/types';
import { excludePatterns } from './settings';

export type Lang = 'en' | 'id';

export interface ScanRequest {
  /** Show a cancellable progress notification (user-started scans); background rescans use the window. */
  notify: boolean;
}

export class ExtensionServices implements vscode.Disposable {
  readonly output = vscode.window.createOutputChannel('AI Openness');
  private engineInstance: Engine | undefined;
  private results: readonly ScanResult[] = [];
  private readonly changed = new vscode.EventEmitter<readonly ScanResult[]>();
  private running: { controller: AbortController; notify: boolean; done: Promise<ScanResult[] | undefined> } | undefined;
  private readonly scanning = new vscode.EventEmitter<boolean>();
  /** Fires after each completed workspace scan. */
  readonly onDidScan = this.changed.event;
  /** Fires true when a scan starts and false when none is running any more. */
  readonly onDidChangeScanning = this.scanning.event;

  get isScanning(): boolean {
    return this.running !== undefined;
  }

  get engine(): Engine {
    return (this.engineInstance ??= createEngine());
  }

  get lastResults(): readonly ScanResult[] {
    return this.results;
  }

  /** Whether at least one scan has completed. */
  get hasScanned(): boolean {
    return this.scanned;
  }
  private scanned = false;

  /** Language of content (Framework, cards): the setting, else VS Code's display language. */
  language(): Lang {
    const setting = vscode.workspace.getConfiguration('aiOpenness').get<string>('language', 'auto');
    if (setting === 'en' || setting === 'id') return setting;
    return vscode.env.language.toLowerCase().startsWith('id') ? 'id' : 'en';
  }

  /**
   * Scans every local workspace folder; a scan already running is cancelled first. Resolves to the results, or
   * undefined when cancelled or there is nothing to scan. Never waits on the network.
   */
  scan(request: ScanRequest): Promise<ScanResult[] | undefined> {
    const current = this.running;
    // A background rescan never cancels a scan the user started: it runs once that one is done.
    if (current?.notify && !request.notify) return current.done.then(() => this.scan(request));
    current?.controller.abort();
    const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file');
    if (!folders.length) {
      this.publish([]);
      return Promise.resolve(undefined);
    }
    const controller = new AbortController();
    const done = this.run(folders, controller, request.notify);
    this.running = { controller, notify: request.notify, done };
    if (!current) this.scanning.fire(true);
    return done;
  }

  private async run(folders: vscode.WorkspaceFolder[], controller: AbortController, notify: boolean): Promise<ScanResult[] | undefined> {
    const config = vscode.workspace.getConfiguration('aiOpenness');
    const maxFileSize = Math.round(config.get<number>('maxFileSizeMB', 5) * 1024 * 1024);
    const work = async (report: (message: string) => void): Promise<ScanResult[]> => {
      const out: ScanResult[] = [];
      for (const folder of folders) {
        report(folder.name);
        out.push(
          await scanWorkspace(folder.uri.fsPath, {
            engine: this.engine,
            signal: controller.signal,
            maxFileSize,
            ignore: excludePatterns(folder),
            onProgress: (n) => report(`${folder.name}: ${n}`),
          }),
        );
      }
      return out;
    };
    try {
      const results = notify
        ? await vscode.window.withProgress(
            { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('AI Openness: scanning'), cancellable: true },
            (progress, token) => {
              token.onCancellationRequested(() => controller.abort());
              return work((message) => progress.report({ message }));
            },
          )
        : await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'AI Openness' }, () => work(() => undefined));
      if (controller.signal.aborted) return undefined;
      this.publish(results);
      return results;
    } catch (e) {
      if (controller.signal.aborted) return undefined;
      throw e;
    } finally {
      if (this.running?.controller === controller) {
        this.running = undefined;
        this.scanning.fire(false);
      }
    }
  }

  /** Replaces the results (a scan, or online answers added to the last scan) and tells every view. */
  publish(results: ScanResult[]): void {
    this.results = results;
    this.scanned = true;
    this.changed.fire(results);
  }

  dispose(): void {
    this.running?.controller.abort();
    this.output.dispose();
    this.changed.dispose();
    this.scanning.dispose();
  }
}
