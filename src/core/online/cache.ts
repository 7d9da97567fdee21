/**
 * Caches for online look-ups: one JSON file per key on disk for the CLI and the extension, a Map for tests and as the
 * fallback when no folder is writable. Both store only what callers pass as `value`, which must be response data — never
 * a request header, a token or anything derived from one: the files are plain text in the user's cache folder.
 * A broken store behaves as empty: every failure reads as a miss, and a failed write is dropped.
 */
import { createHash, randomBytes } from 'node:crypto';
import { promises as nodeFs } from 'node:fs';
import { homedir } from 'node:os';
import * as nodePath from 'node:path';
import type { JsonCache } from './types';

/** The part of `node:fs/promises` the file cache uses (tests inject failures through it). */
export interface CacheFs {
  readFile(path: string, encoding: 'utf8'): Promise<string>;
  writeFile(path: string, data: string, encoding: 'utf8'): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
  mkdir(path: string, options: { recursive: true }): Promise<unknown>;
}

export interface CacheOptions {
  /** How long an entry stays fresh; older ones read as missing. */
  ttlMs: number;
  /** The clock, in ms since the epoch. Default `Date.now`. */
  now?: () => number;
}

/** The on-disk shape; `v` changes when the shape does, and other versions read as missing. */
interface Entry { v: 1; storedAt: number; value: unknown }

function isFresh(storedAt: number, now: number, ttlMs: number): boolean {
  const age = now - storedAt;
  // An entry from the future means the clock moved back: do not trust it.
  return age >= 0 && age < ttlMs;
}

function parseEntry(text: string): Entry | undefined {
  try {
    const e = JSON.parse(text) as Partial<Entry> | null;
    if (e && typeof e === 'object' && e.v === 1 && typeof e.storedAt === 'number' && Number.isFinite(e.storedAt) && 'value' in e) {
      return e as Entry;
    }
  } catch {
    // fall through: corrupt
  }
  return undefined;
}

/** The file name of a key: keys are URLs and may hold any character, names must not. */
export function cacheFileName(key: string): string {
  return createHash('sha256').update(key).digest('hex') + '.json';
}

/**
 * A cache in `dir` (created on first write), one file per key named by the key's SHA-256, holding
 * `{ v: 1, storedAt, value }`. Writes go to a temporary file renamed into place, so a reader never sees half a file;
 * a file that cannot be parsed is deleted and reads as missing.
 */
export function fileCache(dir: string, options: CacheOptions & { fs?: CacheFs }): JsonCache {
  const fs: CacheFs = options.fs ?? nodeFs;
  const now = options.now ?? Date.now;
  const pathOf = (key: string) => nodePath.join(dir, cacheFileName(key));
  const discard = (path: string) => fs.unlink(path).catch(() => undefined);

  return {
    async get(key) {
      const path = pathOf(key);
      let text: string;
      try {
        text = await fs.readFile(path, 'utf8');
      } catch {
        return undefined; // missing or unreadable: a miss either way
      }
      const entry = parseEntry(text);
      if (!entry) {
        await discard(path);
        return undefined;
      }
      if (!isFresh(entry.storedAt, now(), options.ttlMs)) return undefined;
      return { value: entry.value, storedAt: entry.storedAt };
    },

    async set(key, value) {
      if (value === undefined) return;
      const path = pathOf(key);
      const tmp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
      let text: string;
      try {
        text = JSON.stringify({ v: 1, storedAt: now(), value } satisfies Entry);
      } catch {
        return; // not JSON (a cycle, a BigInt): nothing to store
      }
      try {
        await fs.mkdir(dir, { recursive: true });
        await fs.writeFile(tmp, text, 'utf8');
        await fs.rename(tmp, path);
      } catch {
        await discard(tmp);
      }
    },
  };
}

/**
 * A cache in memory, holding each value as JSON text so that it behaves as the file cache does: a caller mutating what
 * it got does not change the cache, and a value that is not JSON is not stored. `maxEntries` (default 1000) drops the
 * oldest entries first.
 */
export function memoryCache(options: CacheOptions & { maxEntries?: number }): JsonCache {
  const now = options.now ?? Date.now;
  const maxEntries = Math.max(1, options.maxEntries ?? 1000);
  const entries = new Map<string, { storedAt: number; text: string }>();
  return {
    async get(key) {
      const e = entries.get(key);
      if (!e || !isFresh(e.storedAt, now(), options.ttlMs)) return undefined;
      return { value: JSON.parse(e.text) as unknown, storedAt: e.storedAt };
    },
    async set(key, value) {
      if (value === undefined) return;
      let text: string;
      try {
        text = JSON.stringify(value);
      } catch {
        return;
      }
      entries.delete(key);
      entries.set(key, { storedAt: now(), text });
      while (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
    },
  };
}

/**
 * The CLI's cache folder: `$XDG_CACHE_HOME/ai-openness` when set to an absolute path (on every platform), otherwise
 * `~/Library/Caches/ai-openness` on macOS, `%LOCALAPPDATA%\ai-openness\Cache` on Windows and `~/.cache/ai-openness`
 * elsewhere.
 */
export function defaultCacheDir(env: Record<string, string | undefined>, platform: string = process.platform): string {
  const path = platform === 'win32' ? nodePath.win32 : nodePath.posix;
  const xdg = env['XDG_CACHE_HOME'];
  if (xdg && path.isAbsolute(xdg)) return path.join(xdg, 'ai-openness');
  if (platform === 'win32') {
    const local = env['LOCALAPPDATA'] || path.join(env['USERPROFILE'] || homedir(), 'AppData', 'Local');
    return path.join(local, 'ai-openness', 'Cache');
  }
  const home = env['HOME'] || homedir();
  if (platform === 'darwin') return path.join(home, 'Library', 'Caches', 'ai-openness');
  return path.join(home, '.cache', 'ai-openness');
}
