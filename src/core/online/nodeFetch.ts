/**
 * A `FetchLike` over node:http / node:https. The extension uses it rather than the global fetch because VS Code
 * routes extensions' node:http(s) requests through the user's proxy settings (`http.proxy`, `http.proxySupport`,
 * `http.noProxy`, system proxy; https://code.visualstudio.com/docs/setup/network#_proxy-server-support) in every
 * version this extension supports, while the global fetch follows them only in newer ones. Redirects are followed (at
 * most 5, http(s) only), as fetch does.
 */
import * as http from 'node:http';
import * as https from 'node:https';
import { Readable } from 'node:stream';
import type { FetchLike } from './types';

const MAX_REDIRECTS = 5;

export function nodeFetch(modules: { http: typeof http; https: typeof https } = { http, https }): FetchLike {
  const go = (url: string, init: Parameters<FetchLike>[1], hops: number): ReturnType<FetchLike> =>
    new Promise((resolve, reject) => {
      let target: URL;
      try {
        target = new URL(url);
      } catch {
        return reject(new TypeError(`invalid URL: ${url}`));
      }
      if (target.protocol !== 'http:' && target.protocol !== 'https:') return reject(new TypeError(`unsupported protocol: ${target.protocol}`));
      const lib = target.protocol === 'https:' ? modules.https : modules.http;
      const req = lib.request(target, { method: init?.method ?? 'GET', headers: init?.headers ?? {}, signal: init?.signal }, (res) => {
        const status = res.statusCode ?? 0;
        const location = res.headers.location;
        if (status >= 300 && status < 400 && location && (init?.method ?? 'GET') === 'GET') {
          res.resume();
          if (hops >= MAX_REDIRECTS) return reject(new Error(`too many redirects from ${url}`));
          return resolve(go(new URL(location, target).toString(), init, hops + 1));
        }
        const body = Readable.toWeb(res) as unknown as ReadableStream<Uint8Array>;
        resolve({
          status,
          headers: {
            get(name: string) {
              const v = res.headers[name.toLowerCase()];
              return v === undefined ? null : Array.isArray(v) ? v.join(', ') : String(v);
            },
          },
          body,
          async text() {
            const chunks: Uint8Array[] = [];
            const reader = body.getReader(); // throws if the body was already read, as fetch does
            for (let r = await reader.read(); !r.done; r = await reader.read()) chunks.push(r.value);
            return Buffer.concat(chunks).toString('utf8');
          },
        });
      });
      req.on('error', reject);
      if (init?.body !== undefined) req.write(init.body);
      req.end();
    });
  return (url, init) => go(url, init, 0);
}
