/**
 * A scripted HTTP server on 127.0.0.1 (port 0) for tests of online code without the internet. Each route answers
 * with a sequence of replies (the last one repeats), records every request, and notes whether the client hung up
 * before the reply ended and how many requests were in flight at once.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Reply =
  | { status?: number; headers?: Record<string, string>; body?: string | Uint8Array; json?: unknown; delayMs?: number }
  | ((req: IncomingMessage, res: ServerResponse, recorded: RecordedRequest) => void | Promise<void>);

export interface RecordedRequest {
  method: string;
  /** Path and query, as sent. */
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
  /** Settles when the exchange ends: `aborted` when the client closed the connection before the reply ended. */
  done: Promise<'finished' | 'aborted'>;
}

export interface LocalServer {
  /** `http://127.0.0.1:PORT` (no trailing slash). */
  readonly url: string;
  readonly requests: RecordedRequest[];
  /** The most requests in flight at the same time so far. */
  readonly maxConcurrent: number;
  /** Sets (or replaces) the replies of a path (query ignored); an unknown path answers 404. */
  route(path: string, ...replies: Reply[]): void;
  close(): Promise<void>;
}

/** Waits `ms`, or less if the client hangs up first; true when the response is still open. */
export function wait(res: ServerResponse, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => { res.off('close', onClose); resolve(!res.destroyed); }, ms);
    const onClose = () => { clearTimeout(timer); resolve(false); };
    res.once('close', onClose);
  });
}

/** A reply streaming `totalBytes` of JSON-looking filler in 64 KiB chunks, honouring back-pressure; `sent` counts bytes written. */
export function streamReply(totalBytes: number, counter: { sent: number }): Reply {
  return async (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    while (counter.sent < totalBytes && !res.destroyed) {
      counter.sent += chunk.length;
      if (!res.write(chunk)) {
        const open = await new Promise<boolean>((resolve) => {
          const onDrain = () => { res.off('close', onClose); resolve(true); };
          const onClose = () => { res.off('drain', onDrain); resolve(false); };
          res.once('drain', onDrain);
          res.once('close', onClose);
        });
        if (!open) return;
      }
    }
    res.end();
  };
}

export async function startLocalServer(routes: Record<string, Reply | Reply[]> = {}): Promise<LocalServer> {
  const scripts = new Map<string, { replies: Reply[]; next: number }>();
  const requests: RecordedRequest[] = [];
  let inFlight = 0;
  let maxConcurrent = 0;

  const route = (path: string, ...replies: Reply[]) => { scripts.set(path, { replies, next: 0 }); };
  for (const [path, r] of Object.entries(routes)) route(path, ...(Array.isArray(r) ? r : [r]));

  const server = createServer((req, res) => {
    inFlight++;
    maxConcurrent = Math.max(maxConcurrent, inFlight);
    let settle: (how: 'finished' | 'aborted') => void = () => undefined;
    const done = new Promise<'finished' | 'aborted'>((resolve) => { settle = resolve; });
    res.once('close', () => {
      inFlight--;
      settle(res.writableFinished ? 'finished' : 'aborted');
    });
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const recorded: RecordedRequest = { method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), done };
      requests.push(recorded);
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      const script = scripts.get(path);
      const reply: Reply = script
        ? (script.replies[Math.min(script.next++, script.replies.length - 1)] ?? { status: 404 })
        : { status: 404, json: { error: 'no route' } };
      void answer(reply, req, res, recorded).catch(() => res.destroy());
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    get maxConcurrent() { return maxConcurrent; },
    route,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

async function answer(reply: Reply, req: IncomingMessage, res: ServerResponse, recorded: RecordedRequest): Promise<void> {
  if (typeof reply === 'function') return reply(req, res, recorded);
  if (reply.delayMs && !(await wait(res, reply.delayMs))) return;
  const body = reply.json !== undefined ? JSON.stringify(reply.json) : reply.body ?? '';
  const headers = { ...(reply.json !== undefined ? { 'content-type': 'application/json' } : {}), ...reply.headers };
  res.writeHead(reply.status ?? 200, headers);
  res.end(body);
}
