import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { AUTH_ERROR, NOT_FOUND, createHttpClient, parseRetryAfter, type HttpClientOptions } from '../../src/core/online/http';
import type { FetchLike } from '../../src/core/online/types';
import { startLocalServer, streamReply, wait, type LocalServer } from './localServer';

let server: LocalServer;
before(async () => { server = await startLocalServer(); });
after(() => server.close());

/** A client on the global fetch whose sleeps are recorded, not slept. */
function client(options: Partial<HttpClientOptions> = {}) {
  const sleeps: number[] = [];
  const http = createHttpClient({ fetch: fetch as FetchLike, sleep: async (ms) => { sleeps.push(ms); }, ...options });
  return { http, sleeps };
}

/** The requests the server saw for one path. */
const seen = (path: string) => server.requests.filter((r) => r.url.split('?')[0] === path);

test('success: parsed JSON, status, default headers and user agent', async () => {
  server.route('/ok', { json: { hello: 'world' } });
  const { http } = client({ userAgent: 'ai-openness-test/1' });
  const r = await http.json(`${server.url}/ok`);
  assert.deepEqual(r, { ok: true, status: 200, json: { hello: 'world' } });
  assert.equal(seen('/ok')[0]?.headers['user-agent'], 'ai-openness-test/1');
  assert.equal(seen('/ok')[0]?.headers['accept'], 'application/json');
});

test('POST sends the body with a JSON content type', async () => {
  server.route('/post', { json: [1] });
  const { http } = client();
  const r = await http.json(`${server.url}/post`, { method: 'POST', body: '{"q":1}' });
  assert.equal(r.ok, true);
  const req = seen('/post')[0];
  assert.equal(req?.method, 'POST');
  assert.equal(req?.body, '{"q":1}');
  assert.equal(req?.headers['content-type'], 'application/json');
});

test('404: "not found", not retryable, one request', async () => {
  server.route('/missing', { status: 404, body: 'nope' });
  const { http, sleeps } = client();
  const r = await http.json(`${server.url}/missing`);
  assert.deepEqual(r, { ok: false, status: 404, error: NOT_FOUND, retryable: false });
  assert.equal(seen('/missing').length, 1);
  assert.deepEqual(sleeps, []);
});

test('401 and 403: access error, no retry, and the token never appears in the error', async () => {
  for (const status of [401, 403]) {
    const path = `/gated${status}`;
    server.route(path, { status, json: { error: 'gated' } });
    const { http, sleeps } = client();
    const r = await http.json(`${server.url}${path}`, { headers: { authorization: 'Bearer hf_SECRET' } });
    assert.deepEqual(r, { ok: false, status, error: AUTH_ERROR, retryable: false });
    assert.equal(seen(path).length, 1);
    assert.equal(seen(path)[0]?.headers['authorization'], 'Bearer hf_SECRET');
    assert.deepEqual(sleeps, []);
  }
});

test('other 4xx: no retry', async () => {
  server.route('/bad', { status: 400 });
  const { http } = client();
  const r = await http.json(`${server.url}/bad`);
  assert.equal(r.ok, false);
  assert.equal(!r.ok && r.retryable, false);
  assert.equal(seen('/bad').length, 1);
});

test('429 with Retry-After: 1, then success: two requests, waited 1 s', async () => {
  server.route('/busy', { status: 429, headers: { 'retry-after': '1' } }, { json: { ok: 1 } });
  const { http, sleeps } = client();
  const r = await http.json(`${server.url}/busy`);
  assert.deepEqual(r, { ok: true, status: 200, json: { ok: 1 } });
  assert.equal(seen('/busy').length, 2);
  assert.deepEqual(sleeps, [1000]);
});

test('500, 500, then success: exponential back-off', async () => {
  server.route('/flaky', { status: 500 }, { status: 502 }, { json: 'third time' });
  const { http, sleeps } = client();
  const r = await http.json(`${server.url}/flaky`);
  assert.deepEqual(r, { ok: true, status: 200, json: 'third time' });
  assert.equal(seen('/flaky').length, 3);
  assert.deepEqual(sleeps, [500, 1000]);
});

test('5xx every time: gives up after the retries, retryable', async () => {
  server.route('/down', { status: 503 });
  const { http, sleeps } = client({ retries: 2 });
  const r = await http.json(`${server.url}/down`);
  assert.equal(r.ok, false);
  assert.equal(!r.ok && r.status, 503);
  assert.equal(!r.ok && r.retryable, true);
  assert.equal(seen('/down').length, 3);
  assert.equal(sleeps.length, 2);
});

test('Retry-After as seconds or an HTTP date, capped at 30 s', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');
  assert.equal(parseRetryAfter('2', now), 2000);
  assert.equal(parseRetryAfter('Thu, 01 Jan 2026 00:00:05 GMT', now), 5000);
  assert.equal(parseRetryAfter('Wed, 31 Dec 2025 23:00:00 GMT', now), 0);
  assert.equal(parseRetryAfter('3600', now), 30_000);
  assert.equal(parseRetryAfter('soon', now), undefined);
  assert.equal(parseRetryAfter(null, now), undefined);
});

test('network error (connection refused): retried, then reported as retryable', async () => {
  const gone = await startLocalServer();
  await gone.close();
  const { http, sleeps } = client({ retries: 1 });
  const r = await http.json(`${gone.url}/x`);
  assert.equal(r.ok, false);
  assert.match(!r.ok ? r.error : '', /^network error \(127\.0\.0\.1:\d+\)/);
  assert.equal(!r.ok && r.retryable, true);
  assert.deepEqual(sleeps, [500]);
});

test('a response slower than the timeout: error, and the server sees the abort', async () => {
  server.route('/slow', { delayMs: 5000, json: {} });
  const { http } = client({ timeoutMs: 200 });
  const started = Date.now();
  const r = await http.json(`${server.url}/slow`);
  assert.ok(Date.now() - started < 2000);
  assert.equal(r.ok, false);
  assert.match(!r.ok ? r.error : '', /timed out after 200 ms/);
  assert.equal(await seen('/slow')[0]?.done, 'aborted');
  assert.equal(seen('/slow').length, 1, 'a timeout is not retried');
});

test("the caller's signal aborts the request", async () => {
  server.route('/wait', { delayMs: 5000, json: {} });
  const { http } = client();
  const controller = new AbortController();
  const pending = http.json(`${server.url}/wait`, { signal: controller.signal });
  setTimeout(() => controller.abort(), 50);
  assert.deepEqual(await pending, { ok: false, error: 'aborted', retryable: true });
  assert.equal(await seen('/wait')[0]?.done, 'aborted');
});

test('invalid JSON: error naming the host', async () => {
  server.route('/html', { body: '<html>rate limited</html>', headers: { 'content-type': 'text/html' } });
  const { http } = client();
  const r = await http.json(`${server.url}/html`);
  assert.deepEqual(r, { ok: false, status: 200, error: `invalid JSON from ${new URL(server.url).host}`, retryable: false });
});

test('a 20 MB body with a 1 MB cap: size error, the stream is cut short', async () => {
  const counter = { sent: 0 };
  server.route('/huge', streamReply(20 * 1024 * 1024, counter));
  const { http } = client({ maxBytes: 1024 * 1024 });
  const r = await http.json(`${server.url}/huge`);
  assert.deepEqual(r, { ok: false, status: 200, error: 'response larger than 1 MB', retryable: false });
  assert.equal(await seen('/huge')[0]?.done, 'aborted');
  assert.ok(counter.sent < 10 * 1024 * 1024, `server stopped early (${counter.sent} bytes sent)`);
});

test('the size cap reads no further than the cap (endless stream)', async () => {
  let pulled = 0;
  const endless: FetchLike = async () => ({
    status: 200,
    headers: { get: () => null },
    text: () => Promise.reject(new Error('must stream')),
    body: new ReadableStream<Uint8Array>({
      pull(c) { pulled += 1024; c.enqueue(new Uint8Array(1024)); },
    }),
  });
  const http = createHttpClient({ fetch: endless, maxBytes: 64 * 1024 });
  const r = await http.json('https://example.test/endless');
  assert.equal(!r.ok && r.error, 'response larger than 64 KB');
  assert.ok(pulled <= 64 * 1024 + 2 * 1024, `pulled ${pulled} bytes`);
});

test('a declared Content-Length over the cap is refused before reading', async () => {
  server.route('/declared', { body: 'x'.repeat(5000), headers: { 'content-length': '5000' } });
  const { http } = client({ maxBytes: 1000 });
  const r = await http.json(`${server.url}/declared`);
  assert.equal(!r.ok && r.error, 'response larger than 1 KB');
});

test('concurrency: never more than N requests in flight', async () => {
  const counting = await startLocalServer({ '/c': { delayMs: 80, json: 1 } });
  try {
    const { http } = client({ concurrency: 3 });
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => http.json(`${counting.url}/c?i=${i}`)));
    assert.ok(results.every((r) => r.ok));
    assert.equal(counting.requests.length, 10);
    assert.ok(counting.maxConcurrent <= 3 && counting.maxConcurrent > 1, `max in flight: ${counting.maxConcurrent}`);
  } finally {
    await counting.close();
  }
});

test('in-flight de-duplication: identical calls share one request, different ones do not', async () => {
  server.route('/dedup', { delayMs: 50, json: { n: 1 } });
  const { http } = client();
  const url = `${server.url}/dedup`;
  const [a, b] = await Promise.all([http.json(url), http.json(url)]);
  assert.deepEqual(a, b);
  assert.equal(seen('/dedup').length, 1);
  await Promise.all([http.json(url, { method: 'POST', body: '1' }), http.json(url, { method: 'POST', body: '2' })]);
  assert.equal(seen('/dedup').length, 3);
  await http.json(url); // after completion a new call goes out again
  assert.equal(seen('/dedup').length, 4);
});

test('de-duplicated callers: one giving up does not abort the other', async () => {
  server.route('/shared', async (_req, res) => {
    if (await wait(res, 150)) res.writeHead(200, { 'content-type': 'application/json' }).end('{"shared":true}');
  });
  const { http } = client();
  const url = `${server.url}/shared`;
  const quitter = new AbortController();
  const first = http.json(url, { signal: quitter.signal });
  const second = http.json(url, { signal: new AbortController().signal });
  setTimeout(() => quitter.abort(), 20);
  assert.deepEqual(await first, { ok: false, error: 'aborted', retryable: true });
  assert.deepEqual(await second, { ok: true, status: 200, json: { shared: true } });
  assert.equal(seen('/shared').length, 1);
});

test('never throws: a fetch that throws synchronously or an invalid URL become errors', async () => {
  const throwing: FetchLike = () => { throw new TypeError('boom'); };
  const http = createHttpClient({ fetch: throwing, retries: 0 });
  const r = await http.json('https://example.test/');
  assert.equal(r.ok, false);
  assert.match(!r.ok ? r.error : '', /boom/);
  assert.deepEqual(await http.json('not a url'), { ok: false, error: 'invalid URL', retryable: false });
  assert.equal((await http.json('file:///etc/passwd')).ok, false);
});

test('a malformed header value (a pasted token with a newline) is never echoed in the error', async () => {
  const { http } = client({ retries: 0 });
  const r = await http.json(`${server.url}/ok`, { headers: { authorization: 'Bearer hf_SECRET\nx' } });
  assert.equal(r.ok, false);
  assert.doesNotMatch(!r.ok ? r.error : '', /hf_SECRET/);
});
