/**
 * Online look-ups behind one call: which source answers for a model id or a package, through the cache, and how the
 * answer compares with the catalog. Callers decide whether to go online at all (settings, flags, workspace trust).
 */
import { looksLikeHubId } from '../discover';
import type { Engine } from '../engine';
import type { Ecosystem } from '../types';
import { hubModelLicense } from './huggingface';
import { ollamaShow } from './ollama';
import { depsDevLicense, npmLicense, pypiLicense } from './registries';
import type { HttpClient, JsonCache, OnlineLicense } from './types';

export interface OnlineOptions {
  client: HttpClient;
  cache?: JsonCache;
  /** Ignore cached answers (they are still refreshed). */
  refresh?: boolean;
  hfEndpoint?: string;
  /** Hugging Face token for gated repositories. Sent to the Hub only; never cached, logged or returned. */
  hfToken?: string;
  npmRegistry?: string;
  pypiIndex?: string;
  depsDevEndpoint?: string;
  /** A local Ollama server (`OLLAMA_HOST`); asked about Ollama tags such as `llama3.2:3b`. */
  ollamaHost?: string;
  /** The host is only the default guess: when nothing answers there, say nothing (no error). */
  ollamaHostIsDefault?: boolean;
}

export type OnlineQuery =
  | { kind: 'model'; id: string }
  | { kind: 'ollama'; model: string }
  | { kind: 'package'; ecosystem: Ecosystem; name: string };

export type OnlineAnswer = { ok: true; license: OnlineLicense; cached: boolean } | { ok: false; error: string };

const DEPS_DEV_SYSTEM: Partial<Record<Ecosystem, 'CARGO' | 'GO' | 'MAVEN' | 'NUGET'>> = {
  cargo: 'CARGO',
  go: 'GO',
  maven: 'MAVEN',
  nuget: 'NUGET',
};

export { looksLikeHubId };

/** Whether a string has the shape of an Ollama model name (`llama3.2`, `qwen2.5:7b`, `hf.co/org/repo:Q4_K_M` excluded). */
export function looksLikeOllamaTag(name: string): boolean {
  return /^[a-z0-9][a-z0-9._-]*(?::[A-Za-z0-9._-]+)?$/i.test(name);
}

/** Cache key; undefined for sources that must always be asked (a local Ollama server changes as models are pulled). */
function cacheKey(q: OnlineQuery): string | undefined {
  if (q.kind === 'ollama') return undefined;
  return q.kind === 'model' ? `hf:${q.id.toLowerCase()}` : `${q.ecosystem}:${q.name}`;
}

async function fetchLicense(q: OnlineQuery, o: OnlineOptions): Promise<OnlineLicense | { error: string }> {
  if (q.kind === 'ollama') return ollamaShow(o.client, q.model, o.ollamaHost ? { host: o.ollamaHost } : {});
  if (q.kind === 'model') {
    if (!looksLikeHubId(q.id)) return { error: `"${q.id}" is not a Hugging Face repository id (org/name)` };
    return hubModelLicense(o.client, q.id, {
      ...(o.hfEndpoint ? { endpoint: o.hfEndpoint } : {}),
      ...(o.hfToken ? { token: o.hfToken } : {}),
    });
  }
  if (q.ecosystem === 'npm') return npmLicense(o.client, q.name, o.npmRegistry ? { registry: o.npmRegistry } : {});
  if (q.ecosystem === 'pypi' || q.ecosystem === 'conda') return pypiLicense(o.client, q.name, o.pypiIndex ? { index: o.pypiIndex } : {});
  const system = DEPS_DEV_SYSTEM[q.ecosystem];
  if (!system) return { error: `no online source for ${q.ecosystem} packages` };
  return depsDevLicense(o.client, system, q.name, undefined, o.depsDevEndpoint ? { endpoint: o.depsDevEndpoint } : {});
}

/** Looks a model or package up online, answering from the cache when it can. Never throws. */
export async function onlineLicense(q: OnlineQuery, o: OnlineOptions): Promise<OnlineAnswer> {
  const key = cacheKey(q);
  if (key && o.cache && !o.refresh) {
    const hit = await o.cache.get(key).catch(() => undefined);
    if (hit && typeof hit.value === 'object' && hit.value !== null && 'license' in hit.value) {
      return { ok: true, license: hit.value as OnlineLicense, cached: true };
    }
  }
  let answer: OnlineLicense | { error: string };
  try {
    answer = await fetchLicense(q, o);
  } catch (e) {
    answer = { error: e instanceof Error ? e.message : String(e) };
  }
  if ('error' in answer) return { ok: false, error: answer.error };
  if (key) await o.cache?.set(key, answer).catch(() => undefined);
  return { ok: true, license: answer, cached: false };
}

/**
 * Whether the online answer names the same licence as the catalog: compared through the catalog's profiles (a Hub tag
 * such as `llama3` and the profile id `LicenseRef-llama3` are the same licence). Undefined when it cannot tell.
 */
export function agreesWithCatalog(engine: Engine, catalogLicense: string, online: OnlineLicense): boolean | undefined {
  const norm = (id: string) => engine.licenses.resolve(id).id.toLowerCase();
  const candidates = [online.license, online.name].filter((x): x is string => Boolean(x) && x !== 'other' && x !== 'unknown');
  if (!candidates.length) return undefined;
  const want = norm(catalogLicense);
  return candidates.some((c) => norm(c) === want);
}
