/**
 * The JSON client every online source goes through: a timeout per attempt, a bounded number of requests in flight,
 * shared in-flight requests, retries with back-off on 429 / 5xx / network errors, and a size cap enforced while the
 * body streams in. It never throws and never logs: request headers may carry a token, so neither they nor anything
 * derived from them appears in an error message.
 */
import { Buffer } from 'node:buffer';
import type { FetchLike, HttpClient, JsonResponse } from './types';

export interface HttpClientOptions {
  fetch: FetchLike;
  /** Per attempt, body included. Default 5000. */
  timeoutMs?: number;
  /** Requests in flight at once; the rest wait in a queue. Default 4. */
  concurrency?: number;
  /** Largest body read, in bytes. Default 8 MiB. */
  maxBytes?: number;
  /** Extra attempts after a 429, a 5xx or a network error. Default 3. */
  retries?: number;
  /** Waits between attempts; injected by tests to record delays instead of sleeping. */
  sleep?: (ms: number) => Promise<void>;
  /** Sent as `User-Agent` unless the caller sets one. */
  userAgent?: string;
}

type JsonInit = Parameters<HttpClient['json']>[1];

const BASE_DELAY_MS = 500;
const MAX_BACKOFF_MS = 8_000;
const MAX_RETRY_AFTER_MS = 30_000;
const MIB = 1024 * 1024;

export const AUTH_ERROR = 'authentication required or access denied (gated repository?)';
export const NOT_FOUND = 'not found';
const ABORTED: JsonResponse = { ok: false, error: 'aborted', retryable: true };

/** One attempt's outcome; `retryAfterMs` is the server's `Retry-After`, when it sent one. */
type Attempt = { result: JsonResponse; retryAfterMs?: number; retry: boolean };

export function createHttpClient(options: HttpClientOptions): HttpClient {
  const timeoutMs = positive(options.timeoutMs, 5000);
  const maxBytes = positive(options.maxBytes, 8 * MIB);
  const retries = Math.max(0, Math.floor(options.retries ?? 3));
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const slots = semaphore(Math.max(1, Math.floor(options.concurrency ?? 4)));
  const inflight = new Map<string, Shared>();

  async function attempt(url: string, host: string, init: NonNullable<JsonInit>, headers: Record<string, string>, shared: AbortSignal): Promise<Attempt> {
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => { timedOut = true; controller.abort(); }, timeoutMs);
    const onShared = () => controller.abort();
    shared.addEventListener('abort', onShared, { once: true });
    const fail = (error: string, retryable: boolean, retry = retryable): Attempt => ({ result: { ok: false, error, retryable }, retry });
    try {
      const res = await options.fetch(url, { method: init.method ?? 'GET', headers, body: init.body, signal: controller.signal });
      const { status } = res;
      if (status < 200 || status > 299) {
        void res.body?.cancel().catch(() => undefined);
        const retryable = status === 429 || status >= 500;
        const error = status === 401 || status === 403 ? AUTH_ERROR : status === 404 ? NOT_FOUND : `HTTP ${status} from ${host}`;
        return { result: { ok: false, status, error, retryable }, retry: retryable, retryAfterMs: retryable ? parseRetryAfter(res.headers.get('retry-after')) : undefined };
      }
      const declared = Number(res.headers.get('content-length'));
      if (Number.isFinite(declared) && declared > maxBytes) {
        void res.body?.cancel().catch(() => undefined);
        return { result: { ok: false, status, error: tooLarge(maxBytes), retryable: false }, retry: false };
      }
      const text = await readCapped(res, maxBytes, controller);
      if (text === undefined) return { result: { ok: false, status, error: tooLarge(maxBytes), retryable: false }, retry: false };
      try {
        return { result: { ok: true, status, json: JSON.parse(text) as unknown }, retry: false };
      } catch {
        return { result: { ok: false, status, error: `invalid JSON from ${host}`, retryable: false }, retry: false };
      }
    } catch (e) {
      if (shared.aborted) return { result: ABORTED, retry: false };
      // A server slower than the timeout is unlikely to be quick a moment later: report, do not wait again.
      if (timedOut) return fail(`timed out after ${timeoutMs} ms (${host})`, true, false);
      // fetch rejects a malformed header with its value in the message: never let a token through.
      return fail(`network error (${host}): ${redact(describe(e), headers)}`, true);
    } finally {
      clearTimeout(timer);
      shared.removeEventListener('abort', onShared);
    }
  }

  async function run(url: string, init: NonNullable<JsonInit>, shared: AbortSignal): Promise<JsonResponse> {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return { ok: false, error: 'invalid URL', retryable: false };
    }
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return { ok: false, error: `unsupported protocol ${parsed.protocol}`, retryable: false };
    const headers = withDefaults(init, options.userAgent);
    for (let n = 0; ; n++) {
      if (shared.aborted) return ABORTED;
      const release = await slots.acquire();
      let outcome: Attempt;
      try {
        if (shared.aborted) return ABORTED;
        outcome = await attempt(url, parsed.host, init, headers, shared);
      } finally {
        release();
      }
      if (!outcome.retry || n >= retries) return outcome.result;
      const delay = outcome.retryAfterMs ?? Math.min(BASE_DELAY_MS * 2 ** n, MAX_BACKOFF_MS);
      if (!(await sleepUnlessAborted(sleep, delay, shared))) return ABORTED;
    }
  }

  return {
    json(url, init = {}) {
      const key = requestKey(url, init);
      let shared = inflight.get(key);
      if (!shared) {
        const controller = new AbortController();
        const entry: Shared = { controller, waiters: 0, promise: Promise.resolve(ABORTED) };
        entry.promise = run(url, init, controller.signal)
          .catch((e: unknown): JsonResponse => ({ ok: false, error: `internal error: ${describe(e)}`, retryable: true }))
          .finally(() => { if (inflight.get(key) === entry) inflight.delete(key); });
        inflight.set(key, entry);
        shared = entry;
      }
      return follow(shared, init.signal);
    },
  };
}

/** A request shared by every caller asking for the same thing; aborted only when every caller with a signal gave up. */
interface Shared { controller: AbortController; waiters: number; promise: Promise<JsonResponse> }

function follow(shared: Shared, signal: AbortSignal | undefined): Promise<JsonResponse> {
  shared.waiters++;
  // A caller without a signal never gives up, so the request is never aborted on its behalf.
  if (!signal) return shared.promise;
  const leave = () => { if (--shared.waiters === 0) shared.controller.abort(); };
  if (signal.aborted) {
    leave();
    return Promise.resolve(ABORTED);
  }
  return new Promise((resolve) => {
    const onAbort = () => { leave(); resolve(ABORTED); };
    signal.addEventListener('abort', onAbort, { once: true });
    void shared.promise.then((r) => { signal.removeEventListener('abort', onAbort); resolve(r); });
  });
}

/** Method, URL, body and headers: two requests with different tokens may see different answers. Kept in memory only. */
function requestKey(url: string, init: NonNullable<JsonInit>): string {
  const headers = Object.entries(init.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]).sort(([a], [b]) => (a! < b! ? -1 : 1));
  return JSON.stringify([init.method ?? 'GET', url, init.body ?? null, headers]);
}

function withDefaults(init: NonNullable<JsonInit>, userAgent: string | undefined): Record<string, string> {
  const headers: Record<string, string> = { ...init.headers };
  const has = (name: string) => Object.keys(headers).some((k) => k.toLowerCase() === name);
  if (!has('accept')) headers['accept'] = 'application/json';
  if (userAgent && !has('user-agent')) headers['user-agent'] = userAgent;
  if (init.body !== undefined && !has('content-type')) headers['content-type'] = 'application/json';
  return headers;
}

/** Reads the body chunk by chunk; `undefined` (and the connection aborted) as soon as it passes `maxBytes`. */
async function readCapped(res: Awaited<ReturnType<FetchLike>>, maxBytes: number, controller: AbortController): Promise<string | undefined> {
  if (!res.body) {
    const text = await res.text();
    return Buffer.byteLength(text) > maxBytes ? undefined : text;
  }
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      controller.abort();
      return undefined;
    }
    chunks.push(value);
  }
  return new TextDecoder('utf-8').decode(Buffer.concat(chunks, total));
}

/** `Retry-After` as delay-seconds or an HTTP date, capped; `undefined` when absent or unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null) return undefined;
  const v = value.trim();
  let ms: number;
  if (/^\d+$/.test(v)) ms = Number(v) * 1000;
  else {
    const at = Date.parse(v);
    if (Number.isNaN(at)) return undefined;
    ms = Math.max(0, at - now);
  }
  return Math.min(ms, MAX_RETRY_AFTER_MS);
}

/** Sleeps, cut short by an abort; false when aborted. */
async function sleepUnlessAborted(sleep: (ms: number) => Promise<void>, ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return false;
  let onAbort: () => void = () => undefined;
  const aborted = new Promise<void>((resolve) => { onAbort = resolve; signal.addEventListener('abort', onAbort, { once: true }); });
  try {
    await Promise.race([sleep(ms), aborted]);
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
  return !signal.aborted;
}

function semaphore(limit: number): { acquire(): Promise<() => void> } {
  let active = 0;
  const waiting: Array<() => void> = [];
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else active--;
  };
  return {
    acquire() {
      if (active < limit) {
        active++;
        return Promise.resolve(once(release));
      }
      // The slot passes straight to the next waiter: `active` stays the same.
      return new Promise((resolve) => waiting.push(() => resolve(once(release))));
    },
  };
}

function once(fn: () => void): () => void {
  let done = false;
  return () => { if (!done) { done = true; fn(); } };
}

function tooLarge(maxBytes: number): string {
  if (maxBytes < MIB) return `response larger than ${Math.ceil(maxBytes / 1024)} KB`;
  const mb = maxBytes / MIB;
  return `response larger than ${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`;
}

/** The error's message and its cause's code (undici reports `fetch failed` with the reason in `cause`). */
function describe(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  const cause = (e as { cause?: { code?: unknown; message?: unknown } }).cause;
  const detail = cause && typeof cause.code === 'string' ? cause.code : cause && typeof cause.message === 'string' ? cause.message : '';
  return detail ? `${e.message} (${detail})` : e.message;
}

function redact(message: string, headers: Record<string, string>): string {
  let out = message;
  for (const value of Object.values(headers)) if (value.trim().length >= 4) out = out.split(value.trim()).join('[redacted]');
  return out;
}

function positive(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) && value > 0 ? value : fallback;
}
