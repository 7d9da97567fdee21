/**
 * An in-memory FileSystem for tests: files, folders, symbolic links (relative or absolute, loops included) and
 * injected errors (EACCES, EIO… per path and operation), since tests run as root and chmod cannot deny reads.
 * Paths are POSIX and absolute.
 */
import { posix } from 'node:path';
import type { DirEntry, FileStat, FileSystem } from '../../src/core/fs';

type MNode =
  | { kind: 'file'; data: Uint8Array }
  | { kind: 'dir'; children: Map<string, MNode> }
  | { kind: 'link'; target: string };

export type MemOp = 'readDir' | 'stat' | 'realPath' | 'readFile';

function fsError(code: string, syscall: string, path: string): Error {
  return Object.assign(new Error(`${code}: ${syscall} '${path}'`), { code, syscall, path });
}

export class MemFs implements FileSystem {
  private readonly root: MNode & { kind: 'dir' } = { kind: 'dir', children: new Map() };
  private readonly failures = new Map<string, Map<MemOp, string>>();
  /** Every readFile call, for assertions (e.g. a lockfile is never read). */
  readonly reads: string[] = [];

  /** Adds files from a `{ 'a/b.txt': 'content' }` map under `base`. */
  constructor(files: Record<string, string | Uint8Array> = {}, base = '/ws') {
    this.dir(base);
    for (const [rel, content] of Object.entries(files)) this.file(posix.join(base, rel), content);
  }

  file(path: string, content: string | Uint8Array): this {
    const { parent, name } = this.parentOf(path);
    parent.children.set(name, { kind: 'file', data: typeof content === 'string' ? new TextEncoder().encode(content) : content });
    return this;
  }

  dir(path: string): this {
    let cur = this.root;
    for (const seg of posix.normalize(path).split('/').filter(Boolean)) {
      let next = cur.children.get(seg);
      if (!next) cur.children.set(seg, (next = { kind: 'dir', children: new Map() }));
      if (next.kind !== 'dir') throw new Error(`not a folder: ${seg} in ${path}`);
      cur = next;
    }
    return this;
  }

  symlink(path: string, target: string): this {
    const { parent, name } = this.parentOf(path);
    parent.children.set(name, { kind: 'link', target });
    return this;
  }

  /** Makes `op` on `path` (as passed to the FileSystem method) fail with `code`. */
  fail(path: string, op: MemOp, code = 'EACCES'): this {
    const p = posix.normalize(path);
    let m = this.failures.get(p);
    if (!m) this.failures.set(p, (m = new Map()));
    m.set(op, code);
    return this;
  }

  private parentOf(path: string): { parent: MNode & { kind: 'dir' }; name: string } {
    const p = posix.normalize(path);
    this.dir(posix.dirname(p));
    const parent = this.resolve(posix.dirname(p), true, 'mkdir').node;
    if (parent.kind !== 'dir') throw new Error(`not a folder: ${posix.dirname(p)}`);
    return { parent, name: posix.basename(p) };
  }

  private check(path: string, op: MemOp, syscall: string): void {
    const code = this.failures.get(posix.normalize(path))?.get(op);
    if (code) throw fsError(code, syscall, path);
  }

  /** Resolves a path, following links in the middle (and at the end when `follow`). */
  private resolve(path: string, follow: boolean, syscall: string): { node: MNode; real: string } {
    let pending = posix.normalize(path).split('/').filter(Boolean);
    let node: MNode = this.root;
    let real: string[] = [];
    let hops = 0;
    while (pending.length) {
      const seg = pending.shift()!;
      if (node.kind !== 'dir') throw fsError('ENOTDIR', syscall, path);
      if (seg === '.') continue;
      if (seg === '..') {
        real.pop();
        node = this.root;
        for (const s of real) node = (node as MNode & { kind: 'dir' }).children.get(s)!;
        continue;
      }
      const child: MNode | undefined = node.children.get(seg);
      if (!child) throw fsError('ENOENT', syscall, path);
      if (child.kind === 'link' && (pending.length > 0 || follow)) {
        if (++hops > 40) throw fsError('ELOOP', syscall, path);
        const target = child.target.split('/').filter(Boolean);
        if (child.target.startsWith('/')) {
          real = [];
          node = this.root;
        }
        pending = [...target, ...pending];
        continue;
      }
      real.push(seg);
      node = child;
    }
    return { node, real: '/' + real.join('/') };
  }

  async readDir(path: string): Promise<DirEntry[]> {
    this.check(path, 'readDir', 'scandir');
    const { node } = this.resolve(path, true, 'scandir');
    if (node.kind !== 'dir') throw fsError('ENOTDIR', 'scandir', path);
    return [...node.children].map(([name, n]) => ({
      name,
      type: n.kind === 'file' ? 'file' : n.kind === 'dir' ? 'directory' : 'symlink',
    }));
  }

  async stat(path: string): Promise<FileStat> {
    this.check(path, 'stat', 'stat');
    const { node } = this.resolve(path, true, 'stat');
    return node.kind === 'file' ? { type: 'file', size: node.data.length } : { type: 'directory', size: 0 };
  }

  async realPath(path: string): Promise<string> {
    this.check(path, 'realPath', 'realpath');
    return this.resolve(path, true, 'realpath').real;
  }

  async readFile(path: string): Promise<Uint8Array> {
    this.check(path, 'readFile', 'open');
    this.reads.push(path);
    const { node } = this.resolve(path, true, 'open');
    if (node.kind !== 'file') throw fsError('EISDIR', 'read', path);
    return node.data.slice();
  }

  join(...parts: string[]): string {
    return posix.join(...parts);
  }
}
