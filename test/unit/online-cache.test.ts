import { test } from 'node:test';
import assert from 'node:assert/strict';
import { promises as fsp } from 'node:fs';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cacheFileName, defaultCacheDir, fileCache, memoryCache, type CacheFs } from '../../src/core/online/cache';

const HOUR = 3_600_000;

function tempDir(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'ai-openness-cache-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

test('file cache: set then get, one file named by the sha256 of the key', async () => {
  const t = tempDir();
  try {
    const dir = join(t.dir, 'nested', 'cache'); // created on first write
    let now = 1_000;
    const cache = fileCache(dir, { ttlMs: HOUR, now: () => now });
    assert.equal(await cache.get('https://huggingface.co/api/models/x'), undefined);
    await cache.set('https://huggingface.co/api/models/x', { license: 'llama3', tags: ['a'] });
    now = 2_000;
    assert.deepEqual(await cache.get('https://huggingface.co/api/models/x'), { value: { license: 'llama3', tags: ['a'] }, storedAt: 1_000 });
    const files = readdirSync(dir);
    assert.deepEqual(files, [cacheFileName('https://huggingface.co/api/models/x')]);
    assert.match(files[0] ?? '', /^[0-9a-f]{64}\.json$/);
    assert.deepEqual(JSON.parse(readFileSync(join(dir, files[0] ?? ''), 'utf8')), { v: 1, storedAt: 1_000, value: { license: 'llama3', tags: ['a'] } });
    // a second instance (another process) reads the same file; overwriting replaces it, no temp file is left
    await fileCache(dir, { ttlMs: HOUR, now: () => 3_000 }).set('https://huggingface.co/api/models/x', null);
    now = 3_500;
    assert.deepEqual(await cache.get('https://huggingface.co/api/models/x'), { value: null, storedAt: 3_000 });
    assert.equal(readdirSync(dir).length, 1);
  } finally {
    t.remove();
  }
});

test('file cache: entries expire after the TTL (injected clock)', async () => {
  const t = tempDir();
  try {
    let now = 0;
    const cache = fileCache(t.dir, { ttlMs: 1000, now: () => now });
    await cache.set('k', 42);
    now = 999;
    assert.equal((await cache.get('k'))?.value, 42);
    now = 1000;
    assert.equal(await cache.get('k'), undefined);
    now = -5; // the clock moved back: an entry from the future is not trusted
    assert.equal(await cache.get('k'), undefined);
    now = 2000;
    await cache.set('k', 43);
    assert.equal((await cache.get('k'))?.value, 43);
  } finally {
    t.remove();
  }
});

test('file cache: a corrupt file is deleted, read as missing, and rebuilt by the next set', async () => {
  const t = tempDir();
  try {
    const cache = fileCache(t.dir, { ttlMs: HOUR });
    const file = join(t.dir, cacheFileName('k'));
    for (const junk of ['{"v":1,"storedAt":', 'null', '{"v":2,"storedAt":1,"value":1}', '{"v":1,"value":1}', '\u0000\u0001']) {
      writeFileSync(file, junk);
      assert.equal(await cache.get('k'), undefined, junk);
      assert.deepEqual(readdirSync(t.dir), [], `deleted: ${junk}`);
    }
    writeFileSync(file, 'garbage');
    await cache.set('k', { ok: true });
    assert.deepEqual((await cache.get('k'))?.value, { ok: true });
  } finally {
    t.remove();
  }
});

test('file cache: an unwritable or unusable folder never throws', async () => {
  const t = tempDir();
  try {
    // A file where the folder should be: mkdir fails even as root.
    writeFileSync(join(t.dir, 'blocker'), 'x');
    const blocked = fileCache(join(t.dir, 'blocker', 'cache'), { ttlMs: HOUR });
    await blocked.set('k', 1);
    assert.equal(await blocked.get('k'), undefined);

    // Injected failures (tests run as root, so chmod cannot deny): every operation fails.
    const denied = Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
    const failing: CacheFs = {
      readFile: () => Promise.reject(denied),
      writeFile: () => Promise.reject(denied),
      rename: () => Promise.reject(denied),
      unlink: () => Promise.reject(denied),
      mkdir: () => Promise.reject(denied),
    };
    const broken = fileCache(t.dir, { ttlMs: HOUR, fs: failing });
    await broken.set('k', 1);
    assert.equal(await broken.get('k'), undefined);

    // The rename fails: the temp file is removed, nothing half-written stays behind.
    const renameFails: CacheFs = { ...fsp, readFile: (p, e) => fsp.readFile(p, e), rename: () => Promise.reject(denied) };
    const half = fileCache(join(t.dir, 'half'), { ttlMs: HOUR, fs: renameFails });
    await half.set('k', 1);
    assert.deepEqual(readdirSync(join(t.dir, 'half')), []);

    // A value that is not JSON is not stored, and does not throw.
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    await fileCache(t.dir, { ttlMs: HOUR }).set('cyclic', cyclic);
    assert.equal(await fileCache(t.dir, { ttlMs: HOUR }).get('cyclic'), undefined);
  } finally {
    t.remove();
  }
});

test('memory cache: set/get, TTL, copies values, bounded', async () => {
  let now = 0;
  const cache = memoryCache({ ttlMs: 100, now: () => now, maxEntries: 2 });
  const value = { a: [1] };
  await cache.set('a', value);
  value.a.push(2); // the caller's later mutation does not reach the cache
  assert.deepEqual(await cache.get('a'), { value: { a: [1] }, storedAt: 0 });
  now = 100;
  assert.equal(await cache.get('a'), undefined);
  await cache.set('a', 1);
  await cache.set('b', 2);
  await cache.set('c', 3);
  assert.equal(await cache.get('a'), undefined, 'oldest dropped');
  assert.equal((await cache.get('c'))?.value, 3);
  const cyclic: Record<string, unknown> = {};
  cyclic['self'] = cyclic;
  await cache.set('cyclic', cyclic);
  assert.equal(await cache.get('cyclic'), undefined);
});

test('defaultCacheDir: XDG_CACHE_HOME first, then the platform convention', () => {
  assert.equal(defaultCacheDir({ XDG_CACHE_HOME: '/x/cache', HOME: '/home/u' }, 'linux'), '/x/cache/ai-openness');
  assert.equal(defaultCacheDir({ XDG_CACHE_HOME: '/x/cache', HOME: '/Users/u' }, 'darwin'), '/x/cache/ai-openness');
  assert.equal(defaultCacheDir({ XDG_CACHE_HOME: 'relative', HOME: '/home/u' }, 'linux'), '/home/u/.cache/ai-openness', 'relative XDG ignored');
  assert.equal(defaultCacheDir({ XDG_CACHE_HOME: '', HOME: '/home/u' }, 'linux'), '/home/u/.cache/ai-openness');
  assert.equal(defaultCacheDir({ HOME: '/Users/u' }, 'darwin'), '/Users/u/Library/Caches/ai-openness');
  assert.equal(defaultCacheDir({ LOCALAPPDATA: 'C:\\Users\\u\\AppData\\Local' }, 'win32'), 'C:\\Users\\u\\AppData\\Local\\ai-openness\\Cache');
  assert.equal(defaultCacheDir({ USERPROFILE: 'C:\\Users\\u' }, 'win32'), 'C:\\Users\\u\\AppData\\Local\\ai-openness\\Cache');
  assert.ok(defaultCacheDir({}, 'linux').endsWith('/.cache/ai-openness'));
});
