/**
 * The program of the reader threads that mentions.ts starts: read each walked file, triage it, answer in packed messages.
 */
import type { scanBytesLong, scanBytesShort, triageBytes, TriageKit } from './prefilter';

/** What reading a file gave, when there is more to do than counting its bytes. */
export type ReadAnswer =
  | NonNullable<ReturnType<typeof triageBytes>>
  | { tooBig: number }
  | { error: { code?: string; message: string } };

/**
 * The program of mentions.ts' reader threads: read each path (size limit first), triage it, answer in packed messages
 * (a Float64Array of sizes for files that only need counting). Serialized with toString() and run with `eval: true`,
 * so it must stay self-contained: parameters, built-ins and `require` of node modules only.
 */
export function readerMain(
  triage: typeof triageBytes,
  short: typeof scanBytesShort,
  long: typeof scanBytesLong,
): void {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { parentPort, workerData } = require('node:worker_threads') as typeof import('node:worker_threads');
  const nfs = require('node:fs') as typeof import('node:fs');
  const { Buffer, isUtf8 } = require('node:buffer') as typeof import('node:buffer');
  const { table, accept, longest, maxFileSize } = workerData as TriageKit & { maxFileSize: number };
  const kit = { table, accept, longest, short, long, Buffer, isUtf8 };
  let scratch = new Uint8Array(1 << 20);
  const answer = (path: string): ReadAnswer | number => {
    try {
      const fd = nfs.openSync(path, 'r');
      let bytes: Uint8Array;
      try {
        const size = nfs.fstatSync(fd).size;
        if (size > maxFileSize) return { tooBig: size };
        // One reused buffer (no allocation per file); bytes that go back are copied out.
        if (scratch.length < size) scratch = new Uint8Array(Math.max(size, 2 * scratch.length));
        let off = 0;
        for (let n = 1; off < size && n > 0; off += n) n = nfs.readSync(fd, scratch, off, size - off, off);
        bytes = scratch.subarray(0, off);
      } finally {
        nfs.closeSync(fd);
      }
      const a = triage(bytes, path.toLowerCase().endsWith('.ipynb'), kit);
      return a === null ? bytes.length : 'bytes' in a ? { ...a, bytes: bytes.slice() } : a;
    } catch (e) {
      const err = e as { code?: string; message?: string };
      return { error: { ...(err.code ? { code: err.code } : {}), message: String(err.message ?? e) } };
    }
  };
  parentPort!.on('message', ({ first, paths }: { first: number; paths: string }) => {
    const list = paths.split('\0');
    let from = 0;
    let sizes: number[] = [];
    let answers: (ReadAnswer & { id: number })[] = [];
    let transfer: ArrayBuffer[] = [];
    let pending = 0;
    const send = () => {
      const packed = Float64Array.from(sizes);
      parentPort!.postMessage({ first: first + from, sizes: packed, answers }, [...transfer, packed.buffer]);
      from += sizes.length;
      [sizes, answers, transfer, pending] = [[], [], [], 0];
    };
    list.forEach((path, k) => {
      const a = answer(path);
      sizes.push(typeof a === 'number' ? a : -1);
      if (typeof a === 'number') return;
      answers.push({ ...a, id: first + k });
      if ('bytes' in a) {
        transfer.push(a.bytes.buffer as ArrayBuffer);
        pending += a.bytes.length;
      }
      if (pending >= 16 * 1024 * 1024 && k < list.length - 1) send(); // bound the memory in flight
    });
    send();
  });
}
