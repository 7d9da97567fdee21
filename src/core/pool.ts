/**
 * The reader threads of a scan (mentions.ts): a pool of workers running `readerMain`, fed with batches of paths and
 * answering in walk order. A worker that dies fails its outstanding jobs (the scan reads them on the main thread).
 */
import { Worker } from 'node:worker_threads';
import { scanBytesLong, scanBytesShort, triageBytes, type TriageKit } from './prefilter';
import { readerMain, type ReadAnswer as Answer } from './reader';

/** Paths sent to a worker at once. */
export const BATCH = 64;

interface PoolWorker {
  worker: Worker;
  /** Outstanding job ids, as ranges in the order sent (answers come in that order, possibly in parts). */
  ranges: { first: number; n: number }[];
  alive: boolean;
  load: number;
}

/** Scan workers fed with batches of paths; job ids are consecutive from 0. */
export class WorkerPool {
  private readonly workers: PoolWorker[] = [];
  private batch: string[] = [];
  private batchFirst = 0;
  private nextId = 0;
  private outstanding = 0;
  private waiters: (() => void)[] = [];

  constructor(
    count: number,
    kit: Pick<TriageKit, 'table' | 'accept' | 'longest'>,
    maxFileSize: number,
    onAnswer: (id: number, a: Answer | number) => void,
    private readonly onFail: (id: number) => void,
  ) {
    const source = `(${readerMain.toString()})(${[triageBytes, scanBytesShort, scanBytesLong].join(', ')});`;
    const workerData = { table: kit.table, accept: kit.accept, longest: kit.longest, maxFileSize };
    for (let i = 0; i < count; i++) {
      const worker = new Worker(source, { eval: true, workerData });
      const entry: PoolWorker = { worker, ranges: [], alive: true, load: 0 };
      worker.on('message', (msg: { first: number; sizes: Float64Array; answers: (Answer & { id: number })[] }) => {
        const range = entry.ranges[0];
        const n = msg.sizes.length;
        if (!range || range.first !== msg.first || n > range.n) return;
        [range.first, range.n, entry.load] = [range.first + n, range.n - n, entry.load - n];
        this.outstanding -= n;
        if (!range.n) entry.ranges.shift();
        for (const a of msg.answers) onAnswer(a.id, a);
        for (let k = 0; k < n; k++) if (msg.sizes[k]! >= 0) onAnswer(msg.first + k, msg.sizes[k]!);
        this.wake();
      });
      const die = () => {
        if (!entry.alive) return;
        entry.alive = false;
        for (const { first, n } of entry.ranges.splice(0)) {
          this.outstanding -= n;
          for (let k = 0; k < n; k++) this.onFail(first + k);
        }
        this.wake();
      };
      worker.on('error', die).on('exit', die);
      this.workers.push(entry);
    }
  }

  get alive(): boolean {
    return this.workers.some((w) => w.alive);
  }

  /** Queues a file; returns its job id. */
  submit(path: string): number {
    if (!this.batch.length) this.batchFirst = this.nextId;
    this.batch.push(path);
    this.outstanding++;
    if (this.batch.length >= BATCH) this.flush();
    return this.nextId++;
  }

  /** Resolves when at most `limit` jobs are outstanding (0: all answered), or on abort. */
  async settle(limit: number, signal?: AbortSignal): Promise<void> {
    while (this.outstanding > limit && !signal?.aborted) {
      this.flush();
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  async close(): Promise<void> {
    for (const w of this.workers) w.alive = false;
    await Promise.all(this.workers.map((w) => w.worker.terminate()));
  }

  private flush(): void {
    const [paths, first, n] = [this.batch, this.batchFirst, this.batch.length];
    if (!n) return;
    this.batch = [];
    let target: PoolWorker | undefined;
    for (const w of this.workers) if (w.alive && (!target || w.load < target.load)) target = w;
    if (!target) {
      this.outstanding -= n;
      for (let k = 0; k < n; k++) this.onFail(first + k);
      return this.wake();
    }
    target.ranges.push({ first, n });
    target.load += n;
    target.worker.postMessage({ first, paths: paths.join('\0') });
  }

  wake(): void {
    for (const w of this.waiters.splice(0)) w();
  }
}
