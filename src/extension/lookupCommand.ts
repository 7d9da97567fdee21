/**
 * "Look Up Model or Package…": a filterable pick of every catalog model and package that also takes free text
 * (matched like the CLI's `lookup`), then the card in the Markdown preview.
 */
import * as vscode from 'vscode';
import { cardMarkdown, levelLabel, packageKindLabel } from '../core/card';
import type { Engine } from '../core/engine';
import { modelFinding, packageFinding } from '../core/findings';
import { lookup } from '../core/lookup';
import type { ExtensionServices, Lang } from './services';
import type { VirtualDocuments } from './virtualDocuments';

interface Pick extends vscode.QuickPickItem {
  /** What to look up; undefined for the free-text entry (the typed value is used). */
  query?: string;
}

function catalogItems(engine: Engine, lang: Lang): Pick[] {
  const models = engine.catalog.models.map((m): Pick => {
    const f = modelFinding(engine, m, m.id, []);
    return { label: m.name, description: m.id, detail: `${f.license.id} · ${levelLabel(f.openness.level, lang)}`, query: m.id };
  });
  const packages = engine.catalog.packages.map((p): Pick => {
    const f = packageFinding(engine, p, p.name, []);
    return { label: `${p.ecosystem}:${p.name}`, detail: `${packageKindLabel(p.kind, lang)} · ${f.license.id}`, query: `${p.ecosystem}:${p.name}` };
  });
  return [...models, ...packages];
}

/** Asks for a model or package; resolves to the query, or undefined when dismissed. */
function pickQuery(items: Pick[]): Promise<string | undefined> {
  const qp = vscode.window.createQuickPick<Pick>();
  qp.title = vscode.l10n.t('AI Openness: Look Up Model or Package');
  qp.placeholder = vscode.l10n.t('Model id or package name (e.g. llama3.2:3b, gpt-4o, pypi:openai)');
  qp.matchOnDescription = true;
  qp.matchOnDetail = false;
  qp.items = items;
  const known = new Set(items.flatMap((i) => [i.label.toLowerCase(), (i.description ?? '').toLowerCase()]));
  return new Promise((resolve) => {
    let done = false;
    const finish = (value: string | undefined) => {
      if (done) return;
      done = true;
      resolve(value);
      qp.dispose();
    };
    qp.onDidChangeValue((value) => {
      const v = value.trim();
      const free: Pick[] =
        v && !known.has(v.toLowerCase())
          ? [{ label: v, description: vscode.l10n.t('look up as typed'), alwaysShow: true, iconPath: new vscode.ThemeIcon('search') }]
          : [];
      qp.items = [...free, ...items];
    });
    qp.onDidAccept(() => {
      const chosen = qp.selectedItems[0] ?? qp.activeItems[0];
      finish(chosen ? (chosen.query ?? chosen.label) : qp.value.trim() || undefined);
    });
    qp.onDidHide(() => finish(undefined));
    qp.show();
  });
}

function fileSafe(s: string): string {
  return s.replace(/[\\/]/g, '-').replace(/[\u0000-\u001f]/g, '');
}

export async function lookUpCommand(services: ExtensionServices, docs: VirtualDocuments, query?: string): Promise<void> {
  const lang = services.language();
  const q = query?.trim() || (await pickQuery(catalogItems(services.engine, lang)));
  if (!q) return;
  const results = lookup(services.engine, q);
  if (!results.length) {
    void vscode.window.showInformationMessage(vscode.l10n.t('AI Openness: nothing in the catalog matches “{0}”.', q));
    return;
  }
  // The preview does not run command links, so the card is shown without one.
  const markdown = results.map((r) => cardMarkdown(r, lang)).join('\n---\n\n');
  await docs.showPreview(`AI Openness – ${fileSafe(results[0]!.id)}.md`, markdown);
}
