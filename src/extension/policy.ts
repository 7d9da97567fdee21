/**
 * The policy gate in the editor (issue 7). Each workspace folder's policy file (`.ai-openness.json`, `.yaml` or `.yml`
 * at its root) is loaded after every scan and applied to that folder's results: each violation is a Problems entry at
 * the name as written (a collection of its own, source "AI Openness policy", code = the rule, linked to its help), and
 * the policy file's own problems are entries in it. Changing the policy file — on disk, or unsaved in an editor —
 * applies it again at once, without a rescan. Editing any other file applies the policy to that file's text alone
 * (src/extension/policyLive.ts), so a violation shows before the file is saved. Quick fixes: policyFixes.ts.
 */
import * as nodePath from 'node:path';
import * as vscode from 'vscode';
import { nodeFileSystem, type FileSystem } from '../core/fs';
import { evaluatePolicy, findPolicyFile, loadPolicy } from '../core/policy/index';
import { POLICY_FILE_NAMES, type Policy, type PolicyProblem, type PolicyResult, type Violation } from '../core/policy/types';
import type { PolicyFolderStatus } from '../core/status';
import type { Finding, Location, ScanResult } from '../core/types';
import { registerPolicyFixes } from './policyFixes';
import { policyProblemDiagnostic, violationDiagnostic } from './diagnostics';
import { documentFindings, leftOutOfScan, resultOf } from './policyLive';
import type { ExtensionServices } from './services';
import { excludePatterns } from './settings';

const POLICY_DEBOUNCE_MS = 250;
const LIVE_DEBOUNCE_MS = 300;

/** A violation at one place, as shown in Problems (what the quick fixes act on). */
export interface PlacedViolation {
  uri: vscode.Uri;
  range: vscode.Range;
  violation: Violation;
  folder: vscode.WorkspaceFolder;
  /** The place's path, relative to the folder, `/`-separated. */
  path: string;
}

export interface PolicyFeature {
  /** Fires whenever the policy results (or a folder's policy file) change. */
  readonly onDidChange: vscode.Event<void>;
  /** Each folder that has a policy file: the file and the policy applied to the latest text of every file. */
  statuses(): PolicyFolderStatus[];
  /** The policy applied to the last scan of the folder at `root` (undefined: no policy file there). */
  resultFor(root: string): PolicyResult | undefined;
  /** Resolves once no policy load or evaluation is pending or scheduled. */
  settled(): Promise<void>;
  /** Reads the policy file(s) again and re-applies them. */
  reload(folder?: vscode.WorkspaceFolder): Promise<void>;
  /** The violations shown at this place (the range given or any range overlapping it). */
  violationsAt(uri: vscode.Uri, range: vscode.Range): PlacedViolation[];
  /** Whether the folder's policy would flag this finding. */
  violates(folder: vscode.WorkspaceFolder, finding: Finding): boolean;
  /** The absolute path of the folder's policy file, if it has one. */
  policyFile(folder: vscode.WorkspaceFolder): string | undefined;
}

interface FolderState {
  folder: vscode.WorkspaceFolder;
  root: string;
  /** Absolute path of the policy file in use. */
  file?: string;
  policy?: Policy;
  problems: PolicyProblem[];
  scan?: ScanResult;
  /** Date.now() when `scan` arrived. */
  scannedAt: number;
  /** The policy applied to `scan` (with the file's problems); undefined without a policy file. */
  result?: PolicyResult;
  /** Bumped by each load, so that a slower, older load never overwrites a newer one. */
  generation: number;
}

/** One open document's own findings, from its text as last typed, and the policy applied to them. */
interface LiveEntry {
  folderKey: string;
  uri: vscode.Uri;
  rel: string;
  findings: Finding[];
  at: number;
  result?: PolicyResult;
}

/** The file system, except that a file with unsaved changes in an editor reads as its unsaved text. */
function editorFileSystem(): FileSystem {
  const base = nodeFileSystem();
  return {
    ...base,
    readFile: async (path) => {
      const doc = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && d.uri.fsPath === path && d.isDirty);
      return doc ? new TextEncoder().encode(doc.getText()) : base.readFile(path);
    },
  };
}

const absolute = (root: string, file: string) => (nodePath.isAbsolute(file) ? file : nodePath.join(root, file));
const openDocument = (uri: vscode.Uri) => vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());

class PolicyController implements PolicyFeature, vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('aiOpennessPolicy');
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private folders = new Map<string, FolderState>();
  private readonly live = new Map<string, LiveEntry>();
  private placed = new Map<string, PlacedViolation[]>();
  private readonly pending = new Set<Promise<unknown>>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private watchers: vscode.Disposable[] = [];

  constructor(private readonly services: ExtensionServices) {}

  /** Follows the workspace folders: one state and one policy-file watcher per local folder. */
  syncFolders(): void {
    const next = new Map<string, FolderState>();
    for (const folder of (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file')) {
      const key = folder.uri.toString();
      next.set(key, this.folders.get(key) ?? { folder, root: folder.uri.fsPath, problems: [], scannedAt: 0, generation: 0 });
    }
    this.folders = next;
    for (const [uri, entry] of this.live) if (!next.has(entry.folderKey)) this.live.delete(uri);
    for (const w of this.watchers.splice(0)) w.dispose();
    for (const state of next.values()) {
      const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(state.folder, '.ai-openness.{json,yaml,yml}'));
      const onFile = () => this.schedule(`policy:${state.folder.uri.toString()}`, POLICY_DEBOUNCE_MS, () => this.reload(state.folder));
      this.watchers.push(watcher, watcher.onDidCreate(onFile), watcher.onDidChange(onFile), watcher.onDidDelete(onFile));
    }
  }

  onScan(results: readonly ScanResult[]): void {
    const now = Date.now();
    for (const state of this.folders.values()) {
      state.scan = results.find((r) => r.root === state.root);
      state.scannedAt = now;
    }
    void this.reload();
  }

  onDocumentChange(doc: vscode.TextDocument): void {
    const state = this.stateOf(doc.uri);
    if (!state) return;
    if (this.isPolicyDocument(state, doc.uri)) {
      this.schedule(`policy:${state.folder.uri.toString()}`, POLICY_DEBOUNCE_MS, () => this.reload(state.folder));
    } else if (state.file) {
      this.schedule(`live:${doc.uri.toString()}`, LIVE_DEBOUNCE_MS, () => this.track(this.checkDocument(state, doc)));
    }
  }

  onDocumentClose(doc: vscode.TextDocument): void {
    const state = this.stateOf(doc.uri);
    if (state && this.isPolicyDocument(state, doc.uri)) void this.reload(state.folder); // closed unsaved: the file again
    if (this.live.delete(doc.uri.toString())) this.publish();
  }

  reload(folder?: vscode.WorkspaceFolder): Promise<void> {
    const states = folder ? [this.folders.get(folder.uri.toString())].filter((s) => s !== undefined) : [...this.folders.values()];
    return this.track(Promise.all(states.map((s) => this.load(s))).then(() => this.publish()));
  }

  async settled(): Promise<void> {
    while (this.pending.size || this.timers.size) {
      if (this.pending.size) await Promise.allSettled([...this.pending]);
      else await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  statuses(): PolicyFolderStatus[] {
    return [...this.folders.values()].flatMap((s) => {
      const result = this.merged(s);
      return s.file && result ? [{ root: s.root, file: s.file, result }] : [];
    });
  }

  resultFor(root: string): PolicyResult | undefined {
    return [...this.folders.values()].find((s) => s.root === root)?.result;
  }

  violationsAt(uri: vscode.Uri, range: vscode.Range): PlacedViolation[] {
    return (this.placed.get(uri.toString()) ?? []).filter((p) => p.range.isEqual(range) || p.range.intersection(range) !== undefined);
  }

  violates(folder: vscode.WorkspaceFolder, finding: Finding): boolean {
    const state = this.folders.get(folder.uri.toString());
    if (!state?.policy) return false;
    return evaluatePolicy(this.services.engine, state.policy, resultOf(state.root, [finding])).violations.length > 0;
  }

  policyFile(folder: vscode.WorkspaceFolder): string | undefined {
    return this.folders.get(folder.uri.toString())?.file;
  }

  /** Messages follow the language setting. */
  republish(): void {
    this.publish();
  }

  private stateOf(uri: vscode.Uri): FolderState | undefined {
    if (uri.scheme !== 'file') return undefined;
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    return folder ? this.folders.get(folder.uri.toString()) : undefined;
  }

  private isPolicyDocument(state: FolderState, uri: vscode.Uri): boolean {
    return nodePath.dirname(uri.fsPath) === state.root && (POLICY_FILE_NAMES as readonly string[]).includes(nodePath.basename(uri.fsPath));
  }

  private schedule(id: string, ms: number, run: () => Promise<unknown>): void {
    const timer = this.timers.get(id);
    if (timer) clearTimeout(timer);
    this.timers.set(
      id,
      setTimeout(() => {
        this.timers.delete(id);
        run().catch((e: unknown) => this.services.output.appendLine(`Policy: ${e instanceof Error ? e.message : String(e)}`));
      }, ms),
    );
  }

  private track<T>(p: Promise<T>): Promise<T> {
    this.pending.add(p);
    const done = () => void this.pending.delete(p);
    p.then(done, done);
    return p;
  }

  private async load(state: FolderState): Promise<void> {
    const generation = ++state.generation;
    let loaded: { policy?: Policy; problems: PolicyProblem[]; file?: string };
    try {
      // Most folders have no policy: then the engine (the compiled catalog) is not needed, nor built at activation.
      const fs = editorFileSystem();
      loaded = (await findPolicyFile(fs, state.root)) ? await loadPolicy(fs, state.root, this.services.engine) : { problems: [] };
    } catch (e) {
      this.services.output.appendLine(`Policy: cannot read the policy of ${state.root}: ${e instanceof Error ? e.message : String(e)}`);
      loaded = { problems: [] };
    }
    if (generation !== state.generation) return;
    state.file = loaded.file === undefined ? undefined : absolute(state.root, loaded.file);
    state.policy = loaded.policy;
    state.problems = loaded.problems;
    this.evaluate(state);
  }

  /** Applies the folder's policy to its last scan and to each of its live documents. */
  private evaluate(state: FolderState): void {
    const key = state.folder.uri.toString();
    if (!state.file) state.result = undefined;
    else if (!state.policy) state.result = { problems: state.problems, violations: [], excepted: [] };
    else {
      const r = evaluatePolicy(this.services.engine, state.policy, state.scan ?? resultOf(state.root, []));
      state.result = { ...r, problems: [...state.problems, ...r.problems] };
    }
    for (const entry of this.live.values()) {
      if (entry.folderKey !== key) continue;
      entry.result = state.policy ? evaluatePolicy(this.services.engine, state.policy, resultOf(state.root, entry.findings)) : undefined;
    }
  }

  /** Re-reads one edited document's findings and applies the policy to them. */
  private async checkDocument(state: FolderState, doc: vscode.TextDocument): Promise<void> {
    if (doc.isClosed) return;
    const rel = nodePath.relative(state.root, doc.uri.fsPath).split(nodePath.sep).join('/');
    if (!rel || rel.startsWith('../')) return;
    const text = doc.getText();
    const maxSize = vscode.workspace.getConfiguration('aiOpenness').get<number>('maxFileSizeMB', 5) * 1024 * 1024;
    const key = doc.uri.toString();
    if (text.length > maxSize || (await leftOutOfScan(state.root, rel, excludePatterns(state.folder))) || doc.isClosed) {
      if (this.live.delete(key)) this.publish();
      return;
    }
    const findings = documentFindings(this.services.engine, rel, text);
    const result = state.policy ? evaluatePolicy(this.services.engine, state.policy, resultOf(state.root, findings)) : undefined;
    this.live.set(key, { folderKey: state.folder.uri.toString(), uri: doc.uri, rel, findings, at: Date.now(), ...(result ? { result } : {}) });
    this.publish();
  }

  /** The scan's result with each live document's places replaced by those of its current text. */
  private merged(state: FolderState): PolicyResult | undefined {
    const result = state.result;
    if (!result) return undefined;
    const key = state.folder.uri.toString();
    const current = [...this.live.values()].filter((e) => {
      if (e.folderKey !== key || !e.result) return false;
      const doc = openDocument(e.uri);
      return doc !== undefined && (doc.isDirty || e.at > state.scannedAt);
    });
    if (!current.length) return result;
    const paths = new Set(current.map((e) => e.rel));
    const keep = (l: Location) => !paths.has(l.path);
    const violations = result.violations.flatMap((v) => {
      const locations = v.locations.filter(keep);
      return locations.length ? [{ ...v, locations }] : [];
    });
    const excepted = result.excepted.filter((x) => keep(x.location));
    for (const e of current) {
      violations.push(...e.result!.violations);
      excepted.push(...e.result!.excepted);
    }
    return { ...result, violations, excepted };
  }

  private publish(): void {
    const lang = this.services.language();
    const byUri = new Map<string, { uri: vscode.Uri; list: vscode.Diagnostic[]; placed: PlacedViolation[] }>();
    const entry = (uri: vscode.Uri) => {
      let e = byUri.get(uri.toString());
      if (!e) byUri.set(uri.toString(), (e = { uri, list: [], placed: [] }));
      return e;
    };
    for (const state of this.folders.values()) {
      for (const p of state.problems) {
        const uri = vscode.Uri.file(absolute(state.root, p.file || state.file || POLICY_FILE_NAMES[0]));
        entry(uri).list.push(policyProblemDiagnostic(p, openDocument(uri)));
      }
      for (const v of this.merged(state)?.violations ?? []) {
        for (const loc of v.locations) {
          const uri = vscode.Uri.joinPath(state.folder.uri, ...loc.path.split('/'));
          const d = violationDiagnostic(v, loc, openDocument(uri), lang);
          const e = entry(uri);
          e.list.push(d);
          e.placed.push({ uri, range: d.range, violation: v, folder: state.folder, path: loc.path });
        }
      }
    }
    this.collection.clear();
    this.placed = new Map();
    for (const [key, e] of byUri) {
      this.collection.set(e.uri, e.list);
      this.placed.set(key, e.placed);
    }
    this.changed.fire();
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    for (const w of this.watchers.splice(0)) w.dispose();
    this.collection.dispose();
    this.changed.dispose();
  }
}

export function registerPolicy(context: vscode.ExtensionContext, services: ExtensionServices): PolicyFeature {
  const controller = new PolicyController(services);
  controller.syncFolders();
  context.subscriptions.push(
    controller,
    services.onDidScan((results) => controller.onScan(results)),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.contentChanges.length) controller.onDocumentChange(e.document);
    }),
    vscode.workspace.onDidCloseTextDocument((doc) => controller.onDocumentClose(doc)),
    vscode.workspace.onDidChangeWorkspaceFolders(() => {
      controller.syncFolders();
      void controller.reload();
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('aiOpenness.language')) controller.republish();
    }),
  );
  registerPolicyFixes(context, services, controller);
  if (services.hasScanned) controller.onScan(services.lastResults);
  else void controller.reload();
  return controller;
}
