/**
 * The main job: scan a folder for AI dependencies and grade each one.
 */
import { availableParallelism } from 'node:os';
import { createEngine, type Engine } from './engine';
import { buildFindings } from './findings';
import { nodeFileSystem, type FileSystem } from './fs';
import { collectMentions } from './mentions';
import type { Finding, ScanResult, ScanSummary } from './types';

export const DEFAULT_MAX_FILE_SIZE = 5 * 1024 * 1024;

export interface ScanOptions {
  engine?: Engine;
  fs?: FileSystem;
  /** Files larger than this (bytes) are skipped and reported (not GGUF model files: only their header is read). */
  maxFileSize?: number;
  /** Extra gitignore-style patterns to skip. */
  ignore?: string[];
  signal?: AbortSignal;
  onProgress?: (filesScanned: number) => void;
  /** Reader threads (default: one per core, at most 4, when reading the real file system; none with a custom `fs`). */
  workers?: number;
  /** Milliseconds clock, for the duration in the summary. */
  now?: () => number;
}

function countBy(findings: readonly Finding[], key: (f: Finding) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const f of findings) out[key(f)] = (out[key(f)] ?? 0) + 1;
  return out;
}

export async function scanWorkspace(root: string, options: ScanOptions = {}): Promise<ScanResult> {
  const now = options.now ?? (() => performance.now());
  const started = now();
  const engine = options.engine ?? createEngine();
  const collected = await collectMentions(root, {
    fs: options.fs ?? nodeFileSystem(),
    matcher: engine.matcher,
    maxFileSize: options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE,
    // Workers read with node:fs themselves, so they only serve scans of the real file system.
    workers: options.fs ? 0 : (options.workers ?? Math.min(4, availableParallelism())),
    ...(options.ignore ? { ignore: options.ignore } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  const findings = buildFindings(engine, collected.mentions);
  const summary: ScanSummary = {
    filesScanned: collected.filesScanned,
    bytesScanned: collected.bytesScanned,
    findings: findings.length,
    models: findings.filter((f) => f.kind === 'model').length,
    packages: findings.filter((f) => f.kind === 'package').length,
    byAccess: countBy(findings, (f) => f.access),
    byLevel: countBy(findings, (f) => f.openness.level),
    errors: collected.errors.length,
    durationMs: Math.round(now() - started),
  };
  return { root, findings, errors: collected.errors, summary };
}
