/**
 * "AI Openness: Export AI-BOM, SARIF or Markdown…": the last scan (scanning first when there is none) with each
 * folder's policy result, as CycloneDX 1.6 JSON, SARIF 2.1.0 or the Markdown report, written where the user says.
 * Tests (and other extensions) may pass `{ format, uri }` to skip the pick and the save dialog.
 */
import * as vscode from 'vscode';
import { toCycloneDx } from '../core/export/cyclonedx';
import { toSarif } from '../core/export/sarif';
import { POLICY_HELP_URI } from '../core/policy/index';
import { renderMarkdown } from '../core/report/markdown';
import type { PolicyFeature } from './policy';
import type { ExtensionServices } from './services';

export const EXPORT_FORMATS = ['cyclonedx', 'sarif', 'markdown'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const FILE_NAMES: Record<ExportFormat, string> = {
  cyclonedx: 'ai-bom.cdx.json',
  sarif: 'ai-openness.sarif',
  markdown: 'ai-openness.md',
};

export interface ExportContext {
  services: ExtensionServices;
  policy: PolicyFeature;
  /** The extension's package.json (name and version of the tool in the exports). */
  packageJSON: { version?: unknown; homepage?: unknown };
}

/** A URI, a URI string or an absolute path. */
function toUri(u: unknown): vscode.Uri | undefined {
  if (u instanceof vscode.Uri) return u;
  if (typeof u === 'string' && u) return /^[a-z][\w+.-]+:/i.test(u) ? vscode.Uri.parse(u, true) : vscode.Uri.file(u);
  if (typeof u === 'object' && u !== null) {
    const { scheme, path } = u as Record<string, unknown>;
    if (typeof scheme === 'string' && typeof path === 'string') return vscode.Uri.from({ scheme, path });
  }
  return undefined;
}

function parseArgs(arg: unknown): { format?: ExportFormat; uri?: vscode.Uri } {
  if (typeof arg !== 'object' || arg === null) return {};
  const a = arg as Record<string, unknown>;
  const format = (EXPORT_FORMATS as readonly unknown[]).includes(a['format']) ? (a['format'] as ExportFormat) : undefined;
  const uri = toUri(a['uri']);
  return { ...(format ? { format } : {}), ...(uri ? { uri } : {}) };
}

async function pickFormat(): Promise<ExportFormat | undefined> {
  const items: (vscode.QuickPickItem & { format: ExportFormat })[] = [
    { format: 'cyclonedx', label: vscode.l10n.t('CycloneDX 1.6 AI-BOM'), description: FILE_NAMES.cyclonedx, detail: vscode.l10n.t('Models and packages with licences and model cards, for SBOM tools.') },
    { format: 'sarif', label: vscode.l10n.t('SARIF 2.1.0'), description: FILE_NAMES.sarif, detail: vscode.l10n.t('Findings and policy violations, for code scanning (GitHub, Azure DevOps…).') },
    { format: 'markdown', label: vscode.l10n.t('Markdown report'), description: FILE_NAMES.markdown, detail: vscode.l10n.t('The report for people, with the policy section.') },
  ];
  return (await vscode.window.showQuickPick(items, { title: vscode.l10n.t('AI Openness: export as'), matchOnDescription: true }))?.format;
}

/** Writes the export and returns its URI; undefined when cancelled or there is nothing to export. */
export async function exportCommand(ctx: ExportContext, arg?: unknown): Promise<vscode.Uri | undefined> {
  const given = parseArgs(arg);
  const format = given.format ?? (await pickFormat());
  if (!format) return undefined;
  const folder = (vscode.workspace.workspaceFolders ?? []).find((f) => f.uri.scheme === 'file');
  const target =
    given.uri ??
    (await vscode.window.showSaveDialog({
      title: vscode.l10n.t('AI Openness: export as'),
      saveLabel: vscode.l10n.t('Export'),
      ...(folder ? { defaultUri: vscode.Uri.joinPath(folder.uri, FILE_NAMES[format]) } : {}),
      filters: format === 'markdown' ? { Markdown: ['md'] } : format === 'sarif' ? { SARIF: ['sarif', 'json'] } : { 'CycloneDX JSON': ['json'] },
    }));
  if (!target) return undefined;
  const { services, policy } = ctx;
  const results = services.hasScanned ? services.lastResults : await services.scan({ notify: true });
  if (!results) return undefined;
  await policy.settled();
  const toolName = 'AI Openness';
  const toolVersion = typeof ctx.packageJSON.version === 'string' ? ctx.packageJSON.version : '0.0.0';
  const homepage = typeof ctx.packageJSON.homepage === 'string' && /^https:\/\//.test(ctx.packageJSON.homepage) ? ctx.packageJSON.homepage : undefined;
  const text =
    format === 'cyclonedx'
      ? toCycloneDx(services.engine, results, { toolName, toolVersion })
      : format === 'sarif'
        ? toSarif(
            services.engine,
            results.map((result) => {
              const verdict = policy.resultFor(result.root);
              return verdict ? { result, policy: verdict } : { result };
            }),
            { toolName, toolVersion, informationUri: homepage ?? POLICY_HELP_URI.replace(/#.*$/, '') },
          )
        : results.map((r) => renderMarkdown(r, policy.resultFor(r.root))).join('\n');
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
  if (!given.uri) {
    const open = vscode.l10n.t('Open');
    void vscode.window.showInformationMessage(vscode.l10n.t('AI Openness: exported to {0}.', vscode.workspace.asRelativePath(target)), open).then((choice) => {
      if (choice === open) void vscode.window.showTextDocument(target);
    });
  }
  return target;
}
