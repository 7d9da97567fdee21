/**
 * Online look-ups in the editor (setting `aiOpenness.online`, off by default): after each scan, ask the Hugging Face
 * Hub and the registries about what was found, then update the views. Scans and hovers never wait for this; an
 * untrusted workspace never goes online; the Hub token lives in SecretStorage and is only ever sent to the Hub.
 * VS Code's proxy settings apply to the extension host's fetch.
 */
import * as vscode from 'vscode';
import { fileCache, memoryCache } from '../core/online/cache';
import { enrichScan } from '../core/online/enrich';
import { createHttpClient } from '../core/online/http';
import type { FetchLike, JsonCache } from '../core/online/types';
import type { ScanResult } from '../core/types';
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
}

export function registerOnline(context: vscode.ExtensionContext, services: ExtensionServices): OnlineFeature {
  const enriched = new WeakSet<readonly ScanResult[]>();
  let cache: JsonCache;
  try {
    cache = fileCache(vscode.Uri.joinPath(context.globalStorageUri, 'online-cache').fsPath, { ttlMs: WEEK_MS });
  } catch {
    cache = memoryCache({ ttlMs: WEEK_MS });
  }
  const client = createHttpClient({ fetch: globalThis.fetch as unknown as FetchLike, userAgent: 'ai-openness-vscode' });
  let generation = 0;

  const enrich = async (results: readonly ScanResult[]) => {
    const config = vscode.workspace.getConfiguration('aiOpenness');
    if (enriched.has(results) || !config.get<boolean>('online', false) || !vscode.workspace.isTrusted || !results.length) return;
    const mine = ++generation;
    const token = await context.secrets.get(TOKEN_KEY);
    const copy = structuredClone(results) as ScanResult[];
    const errors: string[] = [];
    for (const r of copy) {
      errors.push(
        ...(await enrichScan(services.engine, r, {
          client,
          cache,
          hfEndpoint: config.get<string>('online.huggingFaceEndpoint', 'https://huggingface.co').replace(/\/+$/, ''),
          ...(token ? { hfToken: token } : {}),
          ...registryMirrors(process.env),
        })),
      );
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
