/**
 * Contracts of the online look-ups (issue 6). The engine never reaches the network by itself: callers pass a
 * `fetch`-compatible function, a clock and a cache, so tests run against a local server and the extension can honour
 * VS Code's proxy and trust settings.
 */

/** The subset of the WHATWG fetch the look-ups use (Node 20's global fetch fits). */
export type FetchLike = (
  url: string,
  init?: { method?: string; headers?: Record<string, string>; body?: string; signal?: AbortSignal },
) => Promise<{
  status: number;
  headers: { get(name: string): string | null };
  body: ReadableStream<Uint8Array> | null;
  text(): Promise<string>;
}>;

/** What a JSON request gave: the parsed body, or why there is none. Never throws. */
export type JsonResponse =
  | { ok: true; status: number; json: unknown }
  | { ok: false; status?: number; error: string; retryable: boolean };

export interface HttpClient {
  /** GET (or POST with `body`) returning JSON, with timeout, retries, a size cap and in-flight de-duplication. */
  json(url: string, init?: { method?: 'GET' | 'POST'; headers?: Record<string, string>; body?: string; signal?: AbortSignal }): Promise<JsonResponse>;
}

/** A small persistent key → JSON store with expiry. A broken store behaves as empty; it never throws. */
export interface JsonCache {
  get(key: string): Promise<{ value: unknown; storedAt: number } | undefined>;
  set(key: string, value: unknown): Promise<void>;
}

/** A licence as an online source states it. */
export interface OnlineLicense {
  /** SPDX id, Hugging Face tag (`llama3`, `other`…) or licence name as the source gives it. */
  license: string;
  /** For Hugging Face `other`: `license_name` and `license_link`. */
  name?: string;
  url?: string;
  /** Which source said so: `huggingface`, `npm`, `pypi`, `deps.dev`, `ollama`, `gguf`. */
  source: string;
  /** The URL that was read (API endpoint or file path). */
  from: string;
  /** ISO time of the fetch (or of reading the file). */
  fetchedAt: string;
  /** Hugging Face: the repo is gated (`auto` / `manual`). */
  gated?: string | false;
  /** Hugging Face `pipeline_tag`. */
  task?: string;
  /** When the licence came from an ancestor through `base_model`: the chain, nearest first. */
  inheritedFrom?: string[];
  /** Anything the user should know (cycle cut, depth limit, gated without token…). */
  note?: string;
}

/** What an online check adds to a finding or a look-up result (JSON field `online`). */
export interface OnlineNote {
  license?: OnlineLicense;
  /** Answered from the cache. */
  cached?: boolean;
  /** false when the online source names another licence than the catalog: both are shown, neither hidden. */
  agreesWithCatalog?: boolean;
  error?: string;
}
