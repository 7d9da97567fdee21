/**
 * The file-system seam. The engine only ever touches files through this interface, so that tests can use an
 * in-memory fake (errors included) and the extension could pass another implementation.
 */
import { promises as fsp } from 'node:fs';
import * as nodePath from 'node:path';

export type EntryType = 'file' | 'directory' | 'symlink' | 'other';

export interface DirEntry {
  name: string;
  type: EntryType;
}

export interface FileStat {
  /** Type after following symbolic links. */
  type: Exclude<EntryType, 'symlink'>;
  size: number;
}

/** Paths are absolute, in the host's syntax. Errors are thrown as Node-style errors carrying a `code` (ENOENT, EACCES…). */
export interface FileSystem {
  readDir(path: string): Promise<DirEntry[]>;
  /** Follows symbolic links. */
  stat(path: string): Promise<FileStat>;
  realPath(path: string): Promise<string>;
  readFile(path: string): Promise<Uint8Array>;
  /** Reads at most `length` bytes from the start of the file. */
  readHead?(path: string, length: number): Promise<Uint8Array>;
  join(...parts: string[]): string;
}

function typeOf(d: { isFile(): boolean; isDirectory(): boolean; isSymbolicLink(): boolean }): EntryType {
  if (d.isSymbolicLink()) return 'symlink';
  if (d.isFile()) return 'file';
  if (d.isDirectory()) return 'directory';
  return 'other';
}

/** The real file system, through node:fs promises. */
export function nodeFileSystem(): FileSystem {
  return {
    async readDir(path) {
      const entries = await fsp.readdir(path, { withFileTypes: true });
      return entries.map((d) => ({ name: d.name, type: typeOf(d) }));
    },
    async stat(path) {
      const s = await fsp.stat(path);
      const t = typeOf(s);
      return { type: t === 'symlink' ? 'other' : t, size: s.size };
    },
    realPath: (path) => fsp.realpath(path),
    readFile: (path) => fsp.readFile(path),
    async readHead(path, length) {
      const handle = await fsp.open(path, 'r');
      try {
        const buf = Buffer.alloc(length);
        const { bytesRead } = await handle.read(buf, 0, length, 0);
        return buf.subarray(0, bytesRead);
      } finally {
        await handle.close();
      }
    },
    join: (...parts) => nodePath.join(...parts),
  };
}

/** The `code` of a Node-style error, if any. */
export function errorCode(e: unknown): string | undefined {
  return typeof e === 'object' && e !== null && 'code' in e && typeof (e as { code: unknown }).code === 'string'
    ? (e as { code: string }).code
    : undefined;
}

/** A short human description of an I/O error. */
export function describeIoError(e: unknown): string {
  const code = errorCode(e);
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied; skipped';
    case 'ENOENT':
      return 'disappeared during the scan; skipped';
    case 'ELOOP':
      return 'symbolic link loop; skipped';
    case 'EISDIR':
      return 'is a directory';
    default:
      return `could not be read (${code ?? (e instanceof Error ? e.message : String(e))}); skipped`;
  }
}
