/**
 * The extension's fetch over node:http(s) (VS Code applies its proxy settings to those modules): status, headers,
 * body as a stream or text, POST bodies, redirects, abort, and the HTTP client's limits on top of it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHttpClient } from '../../src/core/online/http';
import { nodeFetch } from '../../src/core/online/nodeFetch';
import { startLocalServer } from './localServer';

test('nodeFetch: status, headers, text and stream bodies, POST, redirects, bad URLs, abort', async () => {
  const server = await startLocalServer({});
  try {
    server.route('/ok', { json: { a: 1 }, headers: { 'x-test': 'yes' } });
    server.route('/moved', { status: 302, headers: { location: '/ok' } });
    server.route('/loop', { status: 302, headers: { location: '/loop' } });
    server.route('/slow', { json: {}, delayMs: 2000 });
    const f = nodeFetch();
    const ok = await f(`${server.url}/ok`, { headers: { accept: 'application/json' } });
    assert.equal(ok.status, 200);
    assert.equal(ok.headers.get('X-Test'), 'yes');
    assert.equal(ok.headers.get('x-missing'), null);
    assert.deepEqual(JSON.parse(await ok.text()), { a: 1 });
    const streamed = await f(`${server.url}/ok`);
    const chunks: Uint8Array[] = [];
    for await (const c of streamed.body as unknown as AsyncIterable<Uint8Array>) chunks.push(c);
    assert.deepEqual(JSON.parse(Buffer.concat(chunks).toString()), { a: 1 });
    assert.equal((await f(`${server.url}/moved`)).status, 200, 'redirect followed');
    await assert.rejects(f(`${server.url}/loop`), /too many redirects/);
    assert.equal((await f(`${server.url}/missing`)).status, 404);
    await f(`${server.url}/ok`, { method: 'POST', body: '{"name":"x"}', headers: { 'content-type': 'application/json' } });
    const post = server.requests.find((r) => r.method === 'POST');
    assert.equal(post?.body, '{"name":"x"}');
    await assert.rejects(f('file:///etc/passwd'), /unsupported protocol/);
    await assert.rejects(f('not a url'), /invalid URL/);
    const controller = new AbortController();
    const pending = f(`${server.url}/slow`, { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await assert.rejects(pending, (e: Error) => e.name === 'AbortError');
    // The client's timeout and JSON handling work the same over it.
    const client = createHttpClient({ fetch: f, timeoutMs: 200, retries: 0 });
    const slow = await client.json(`${server.url}/slow`);
    assert.equal(slow.ok, false);
    assert.match(!slow.ok ? slow.error : '', /timed out|timeout/i);
    const good = await client.json(`${server.url}/ok`);
    assert.deepEqual(good.ok && good.json, { a: 1 });
  } finally {
    await server.close();
  }
});
