/**
 * `--online` for the CLI: the HTTP client, cache and endpoints from the environment (HF_ENDPOINT, HF_TOKEN,
 * XDG_CACHE_HOME, OLLAMA_HOST, AI_OPENNESS_NPM_REGISTRY, AI_OPENNESS_PYPI_INDEX, AI_OPENNESS_DEPS_DEV).
 */
import { defaultCacheDir, fileCache } from '../core/online/cache';
import { createHttpClient } from '../core/online/http';
import type { OnlineOptions } from '../core/online/resolver';
import type { FetchLike } from '../core/online/types';

const WEEK_MS = 7 * 24 * 3600 * 1000;

export function onlineOptionsFromEnv(env: Record<string, string | undefined>, refresh: boolean, fetchImpl?: FetchLike): OnlineOptions {
  return {
    client: createHttpClient({ fetch: fetchImpl ?? (globalThis.fetch as unknown as FetchLike), userAgent: 'ai-openness-cli' }),
    cache: fileCache(defaultCacheDir(env, process.platform), { ttlMs: WEEK_MS }),
    refresh,
    ...(env['HF_ENDPOINT'] ? { hfEndpoint: env['HF_ENDPOINT'].replace(/\/+$/, '') } : {}),
    ...(env['HF_TOKEN'] ? { hfToken: env['HF_TOKEN'] } : {}),
    ...(env['AI_OPENNESS_NPM_REGISTRY'] ? { npmRegistry: env['AI_OPENNESS_NPM_REGISTRY'].replace(/\/+$/, '') } : {}),
    ...(env['AI_OPENNESS_PYPI_INDEX'] ? { pypiIndex: env['AI_OPENNESS_PYPI_INDEX'].replace(/\/+$/, '') } : {}),
    ...(env['OLLAMA_HOST']
      ? { ollamaHost: /^https?:\/\//.test(env['OLLAMA_HOST']) ? env['OLLAMA_HOST'] : `http://${env['OLLAMA_HOST']}` }
      : { ollamaHost: 'http://127.0.0.1:11434', ollamaHostIsDefault: true }),
    ...(env['AI_OPENNESS_DEPS_DEV'] ? { depsDevEndpoint: env['AI_OPENNESS_DEPS_DEV'].replace(/\/+$/, '') } : {}),
  };
}
