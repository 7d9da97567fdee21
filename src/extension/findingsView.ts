/**
 * The Findings tree view: the last scan's findings grouped by access, licence or provider (src/core/tree.ts), each
 * with its locations; plus the item commands (reveal a location, copy the licence id, open the licence page).
 */
import * as vscode from 'vscode';
import { findInGroups, findingGroups, GROUP_BYS, providerResolver, type GroupBy, type TreeFinding, type TreeGroup, type TreeLocation } from '../core/tree';
import { weightsKind } from '../core/walk';
import type { ExtensionServices } from './services';

export const FINDINGS_VIEW_ID = 'aiOpenness.findings';

export interface FindingsView {
  pickGrouping(): Promise<void>;
  /** Focuses the view and selects the finding with this canonical id (or name); false when there is none. */
  reveal(idOrName: string): Promise<boolean>;
  revealLocation(arg: unknown): Promise<void>;
  copyLicenseId(arg: unknown): Promise<void>;
  openLicensePage(arg: unknown): Promise<void>;
  /** The id to look up for a tree item argument. */
  idOf(arg: unknown): string | undefined;
}

export type GroupNode = { type: 'group'; group: TreeGroup; by: GroupBy };
export type FindingNode = { type: 'finding'; node: TreeFinding; parent: GroupNode };
export type LocationNode = { type: 'location'; location: TreeLocation; index: number; parent: FindingNode };
export type Node = GroupNode | FindingNode | LocationNode;

const SETTING = 'findings.groupBy';

/**
 * For the extension-host tests only: `{ provider, view }` is reachable at globalThis[Symbol.for(this key)] (the tests are
 * bundled apart from the extension, so a module export would be another instance; the extension host is one process).
 */
export const TEST_HOOK = Symbol.for('aiOpenness.test.findingsProvider');

function groupBySetting(): GroupBy {
  const v = vscode.workspace.getConfiguration('aiOpenness').get<string>(SETTING, 'access');
  return (GROUP_BYS as readonly string[]).includes(v) ? (v as GroupBy) : 'access';
}

function isNode(arg: unknown): arg is Node {
  return typeof arg === 'object' && arg !== null && 'type' in arg && ['group', 'finding', 'location'].includes(String(arg.type));
}

/** The data behind the tree, rebuilt on every scan and grouping change; node objects stay stable in between. */
export class FindingsProvider implements vscode.TreeDataProvider<Node> {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private roots: GroupNode[] = [];
  private children = new Map<Node, Node[]>();

  constructor(private readonly services: ExtensionServices) {}

  get groupBy(): GroupBy {
    return groupBySetting();
  }

  rebuild(): void {
    const by = this.groupBy;
    const providerOf = by === 'provider' ? providerResolver(this.services.engine) : undefined;
    const groups = findingGroups(this.services.lastResults, by, this.services.language(), providerOf);
    this.children = new Map();
    this.roots = groups.map((group) => {
      const g: GroupNode = { type: 'group', group, by };
      const findings = group.findings.map<FindingNode>((node) => ({ type: 'finding', node, parent: g }));
      this.children.set(g, findings);
      for (const f of findings) {
        this.children.set(f, f.node.locations.map<LocationNode>((location, index) => ({ type: 'location', location, index, parent: f })));
      }
      return g;
    });
    this.changed.fire(undefined);
  }

  get groups(): readonly GroupNode[] {
    return this.roots;
  }

  getChildren(element?: Node): Node[] {
    return element ? (this.children.get(element) ?? []) : this.roots;
  }

  getParent(element: Node): Node | undefined {
    return element.type === 'group' ? undefined : element.parent;
  }

  getTreeItem(element: Node): vscode.TreeItem {
    const multiRoot = (vscode.workspace.workspaceFolders?.length ?? 0) > 1;
    if (element.type === 'group') {
      const item = new vscode.TreeItem(element.group.label, vscode.TreeItemCollapsibleState.Expanded);
      item.id = `group:${element.by}:${element.group.key}`;
      item.description = String(element.group.count);
      item.contextValue = 'group';
      return item;
    }
    if (element.type === 'finding') {
      const n = element.node;
      const item = new vscode.TreeItem(n.label, vscode.TreeItemCollapsibleState.Collapsed);
      item.id = `finding:${element.parent.by}:${n.key}`;
      item.description = n.description;
      item.tooltip = n.tooltip;
      item.contextValue = n.url ? 'finding:url' : 'finding';
      item.iconPath = new vscode.ThemeIcon(n.finding.kind === 'model' ? 'symbol-class' : 'package');
      if (n.locations[0]) {
        item.command = { command: 'aiOpenness.revealLocation', title: vscode.l10n.t('Reveal Location'), arguments: [element] };
      }
      return item;
    }
    const l = element.location;
    const item = new vscode.TreeItem(l.label, vscode.TreeItemCollapsibleState.None);
    item.id = `location:${element.parent.parent.by}:${element.parent.node.key}:${element.index}`;
    item.resourceUri = locationUri(l);
    if (multiRoot) item.description = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(l.root))?.name ?? '';
    item.contextValue = 'location';
    item.command = { command: 'aiOpenness.revealLocation', title: vscode.l10n.t('Reveal Location'), arguments: [element] };
    return item;
  }

  dispose(): void {
    this.changed.dispose();
  }
}

function locationUri(l: TreeLocation): vscode.Uri {
  return vscode.Uri.joinPath(vscode.Uri.file(l.root), ...l.path.split('/'));
}

function findingOf(arg: unknown): TreeFinding | undefined {
  if (!isNode(arg)) return undefined;
  if (arg.type === 'finding') return arg.node;
  if (arg.type === 'location') return arg.parent.node;
  return undefined;
}

/** Opens the file at the location and selects the name (or the word there, when the name is not written as is). */
async function openLocation(l: TreeLocation, name: string): Promise<void> {
  // A model weights file (GGUF, gigabytes of binary): show it in the Explorer rather than open it as text.
  if (weightsKind(l.path.slice(l.path.lastIndexOf('/') + 1))) {
    await vscode.commands.executeCommand('revealInExplorer', locationUri(l));
    return;
  }
  const doc = await vscode.workspace.openTextDocument(locationUri(l));
  const line = Math.min(Math.max(0, l.line - 1), Math.max(0, doc.lineCount - 1));
  const start = new vscode.Position(line, Math.max(0, l.column - 1));
  let range = new vscode.Range(start, start.translate(0, l.length));
  if (doc.getText(range) !== name) range = doc.getWordRangeAtPosition(start, /[\w.@/:+-]+/) ?? new vscode.Range(start, start);
  await vscode.window.showTextDocument(doc, { selection: range, preview: true });
}

function visible(view: vscode.TreeView<Node>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      sub.dispose();
      resolve();
    };
    const timer = setTimeout(done, ms);
    const sub = view.onDidChangeVisibility((e) => e.visible && done());
  });
}

export function registerFindingsView(context: vscode.ExtensionContext, services: ExtensionServices): FindingsView {
  const provider = new FindingsProvider(services);
  const view = vscode.window.createTreeView(FINDINGS_VIEW_ID, { treeDataProvider: provider, showCollapseAll: true });
  (globalThis as Record<symbol, unknown>)[TEST_HOOK] = { provider, view };
  const refresh = () => {
    provider.rebuild();
    const empty = services.hasScanned && provider.groups.length === 0;
    view.message = empty ? vscode.l10n.t('No AI dependencies found in the last scan.') : undefined;
  };
  context.subscriptions.push(
    provider,
    view,
    services.onDidScan(refresh),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(`aiOpenness.${SETTING}`) || e.affectsConfiguration('aiOpenness.language')) refresh();
    }),
  );
  if (services.hasScanned) refresh();

  return {
    async pickGrouping() {
      const current = provider.groupBy;
      const labels: Record<GroupBy, string> = {
        access: vscode.l10n.t('How it is reached (API, self-hostable…)'),
        license: vscode.l10n.t('Licence'),
        provider: vscode.l10n.t('Provider'),
      };
      const picked = await vscode.window.showQuickPick(
        GROUP_BYS.map((by) => ({ label: labels[by], by, picked: by === current, description: by === current ? vscode.l10n.t('current') : '' })),
        { title: vscode.l10n.t('Group findings by'), placeHolder: labels[current] },
      );
      if (!picked || picked.by === current) return;
      const config = vscode.workspace.getConfiguration('aiOpenness');
      const inspect = config.inspect<string>(SETTING);
      // Write where the value comes from now; a user-level default otherwise (no stray .vscode/settings.json).
      const target =
        inspect?.workspaceFolderValue !== undefined
          ? vscode.ConfigurationTarget.WorkspaceFolder
          : inspect?.workspaceValue !== undefined
            ? vscode.ConfigurationTarget.Workspace
            : vscode.ConfigurationTarget.Global;
      await config.update(SETTING, picked.by, target);
    },

    async reveal(idOrName) {
      if (!services.hasScanned) await services.scan({ notify: false });
      if (!provider.groups.length && services.hasScanned) refresh();
      const hit = findInGroups(provider.groups.map((g) => g.group), idOrName);
      if (!hit) return false;
      const g = provider.groups.find((x) => x.group === hit.group);
      const node = g && provider.getChildren(g).find((n): n is FindingNode => n.type === 'finding' && n.node === hit.node);
      if (!node) return false;
      await vscode.commands.executeCommand(`${FINDINGS_VIEW_ID}.focus`);
      // A view shown for the first time loads its root after `focus` resolves; revealing before that can lose the
      // selection, so wait (briefly) until it is visible.
      if (!view.visible) await visible(view, 2000);
      await view.reveal(node, { select: true, focus: true, expand: false });
      return true;
    },

    async revealLocation(arg) {
      if (!isNode(arg) || arg.type === 'group') return;
      const location = arg.type === 'location' ? arg.location : arg.node.locations[0];
      const name = arg.type === 'location' ? arg.parent.node.label : arg.node.label;
      if (location) await openLocation(location, name);
    },

    async copyLicenseId(arg) {
      const f = findingOf(arg);
      if (!f) return;
      await vscode.env.clipboard.writeText(f.finding.license.id);
      void vscode.window.setStatusBarMessage(vscode.l10n.t('Copied {0}', f.finding.license.id), 3000);
    },

    async openLicensePage(arg) {
      const url = findingOf(arg)?.finding.license.url ?? '';
      if (!/^https:\/\//i.test(url)) return;
      await vscode.env.openExternal(vscode.Uri.parse(url));
    },

    idOf(arg) {
      if (typeof arg === 'string') return arg;
      const f = findingOf(arg)?.finding;
      if (!f) return undefined;
      return f.kind === 'package' && f.ecosystem ? `${f.ecosystem}:${f.name}` : f.id;
    },
  };
}
