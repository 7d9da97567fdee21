/**
 * Online look-ups in the editor (setting `aiOpenness.online`, off by default): after each scan, ask the Hugging Face
 * Hub and the registries about what was found, then update the views. Scans and hovers never wait for this; an
 * untrusted workspace never goes online; the Hub token lives in SecretStorage and is only ever sent to the Hub.
 * Requests go through node:https, to which VS Code applies its proxy settings (http.proxy, system proxy).
 */
import * as vscode from 'vscode';
import { fileCache, memoryCache } from '../core/online/cache';
import type { OnlineState } from '../core/cardOnline';
import { enrichScan, note, queryOf } from '../core/online/enrich';
import type { OnlineOptions } from '../core/online/resolver';
import { createHttpClient } from '../core/online/http';
import { nodeFetch } from '../core/online/nodeFetch';
import type { JsonCache, OnlineNote } from '../core/online/types';
import type { Ecosystem, ScanResult } from '../core/types';
import type { ExtensionServices } from './services';

const TOKEN_KEY = 'aiOpenness.huggingFaceToken';
const WEEK_MS = 7 * 24 * 3600 * 1000;

/** Registry mirrors from the environment, as the CLI reads them (AI_OPENNESS_NPM_REGISTRY, …_PYPI_INDEX, …_DEPS_DEV). */
function registryMirrors(env: NodeJS.ProcessEnv): { npmRegistry?: string; pypiIndex?: string; depsDevEndpoint?: string } {
  const clean = (v: string | undefined) => v?.replace(/\/+$/, '');
  return {
    ...(env['AI_OPENNESS_NPM_REGISTRY'] ? { npmRegistry: clean(env['AI_OPENNESS_NPM_REGISTRY'])! } : {}),
    ...(env['AI_OPENNESS_PYPI_INDEX'] ? { pypiIndex: clean(env['AI_OPENNESS_PYPI_INDEX'])! } : {}),
    ...(env['AI_OPENNESS_DEPS_DEV'] ? { depsDevEndpoint: clean(env['AI_OPENNESS_DEPS_DEV'])! } : {}),
  };
}

export interface OnlineFeature {
  setToken(): Promise<void>;
  clearToken(): Promise<void>;
  /**
   * For the hover, at once: what is known online about a model or package (from the last scan's look-ups or an
   * earlier hover), `pending` while a look-up it starts runs, `off` when online look-ups are off or the workspace is
   * untrusted; undefined when there is nothing to ask (an API id).
   */
  peek(kind: 'model' | 'package', id: string, written: string, ecosystem?: Ecosystem, catalogLicense?: string): OnlineState | undefined;
}

export function registerOnline(context: vscode.ExtensionContext, services: ExtensionServices): OnlineFeature {
  const enriched = new WeakSet<readonly ScanResult[]>();
  let cache: JsonCache;
  try {
    cache = fileCache(vscode.Uri.joinPath(context.globalStorageUri, 'online-cache').fsPath, { ttlMs: WEEK_MS });
  } catch {
    cache = memoryCache({ ttlMs: WEEK_MS });
  }
  // node:https rather than the global fetch: VS Code applies its proxy settings to it in every supported version.
  const client = createHttpClient({ fetch: nodeFetch(), userAgent: 'ai-openness-vscode' });
  let generation = 0;
  /** Answers by query (from scans and hovers), and the queries being asked. Bounded: cleared when it grows large. */
  const notes = new Map<string, OnlineNote>();
  const asking = new Set<string>();
  const allowed = () => vscode.workspace.getConfiguration('aiOpenness').get<unknown>('online') === true && vscode.workspace.isTrusted;
  const options = async (): Promise<OnlineOptions> => {
    const config = vscode.workspace.getConfiguration('aiOpenness');
    const token = await context.secrets.get(TOKEN_KEY);
    return {
      client,
      cache,
      hfEndpoint: config.get<string>('huggingFaceEndpoint', 'https://huggingface.co').replace(/\/+$/, ''),
      ...(token ? { hfToken: token } : {}),
      ...registryMirrors(process.env),
    };
  };
  const remember = (key: string, n: OnlineNote) => {
    if (notes.size >= 5000) notes.clear();
    notes.set(key, n);
  };

  const enrich = async (results: readonly ScanResult[]) => {
    if (enriched.has(results) || !allowed() || !results.length) return;
    const mine = ++generation;
    const o = await options();
    const copy = structuredClone(results) as ScanResult[];
    const errors: string[] = [];
    for (const r of copy) errors.push(...(await enrichScan(services.engine, r, o)));
    for (const f of copy.flatMap((r) => r.findings)) {
      const q = f.online && queryOf(services.engine, f.kind, f.id, f.ecosystem, f.name);
      if (q) remember(JSON.stringify(q), f.online!);
    }
    if (mine !== generation || services.lastResults !== results) return; // a newer scan has replaced these results
    enriched.add(copy);
    services.publish(copy);
    if (errors.length) services.output.appendLine(vscode.l10n.t('Online look-ups failed for {0} item(s); the catalog answer stands. First: {1}', errors.length, errors[0] ?? ''));
  };

  context.subscriptions.push(
    services.onDidScan((results) => void enrich(results)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('aiOpenness.online')) void enrich(services.lastResults);
    }),
  );

  return {
    peek(kind, id, written, ecosystem, catalogLicense) {
      const q = queryOf(services.engine, kind, id, ecosystem, written);
      if (!q) return undefined;
      const key = JSON.stringify(q);
      const known = notes.get(key);
      if (known) return { state: 'done', note: known };
      if (!allowed()) return { state: 'off' };
      if (!asking.has(key)) {
        asking.add(key);
        void options()
          .then((o) => note(services.engine, q, catalogLicense, o))
          .then((n) => remember(key, n))
          .finally(() => asking.delete(key));
      }
      return { state: 'pending' };
    },
    async setToken() {
      const value = await vscode.window.showInputBox({
        prompt: vscode.l10n.t('Hugging Face access token (for gated repositories). Stored in VS Code\'s secret storage.'),
        password: true,
        ignoreFocusOut: true,
        validateInput: (v) => (/^hf_[A-Za-z0-9]{10,}$/.test(v.trim()) || !v ? undefined : vscode.l10n.t('A Hugging Face token starts with "hf_".')),
      });
      if (!value) return;
      await context.secrets.store(TOKEN_KEY, value.trim());
      void vscode.window.showInformationMessage(vscode.l10n.t('AI Openness: Hugging Face token saved.'));
    },
    async clearToken() {
      await context.secrets.delete(TOKEN_KEY);
      void vscode.window.showInformationMessage(vscode.l10n.t('AI Openness: Hugging Face token removed.'));
    },
  };
}
