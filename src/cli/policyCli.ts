/**
 * The scan as `scan` and `export` run it — the files, `--online`, then the policy gate (`--policy FILE`, else the
 * policy file at DIR's root) — and the policy's part of the output: a "Policy" section for the table, a `policy`
 * object for JSON, `file:line:col: severity: message` lines on standard error, and the exit status.
 */
import { promises as fsp } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { createEngine, type Engine } from '../core/engine';
import { nodeFileSystem } from '../core/fs';
import { enrichScan } from '../core/online/enrich';
import { evaluatePolicy, hasViolationAtOrAbove } from '../core/policy/evaluate';
import { loadPolicy } from '../core/policy/load';
import { POLICY_FILE_NAMES, type PolicyResult, type PolicySeverity } from '../core/policy/types';
import { fit, style as makeStyle, wrap } from '../core/report/text';
import { scanWorkspace } from '../core/scan';
import type { Finding, Location, ScanResult } from '../core/types';
import { UsageError, type OnlineMode } from './args';
import { onlineOptionsFromEnv } from './online';
import type { CliIo } from './run';

export function reportOnlineErrors(io: CliIo, errors: string[]): void {
  if (!errors.length) return;
  const more = errors.length > 3 ? ` (and ${errors.length - 3} more)` : '';
  io.stderr(`ai-openness: online look-up failed for ${errors.length} item(s); the offline answer stands: ${errors.slice(0, 3).join('; ')}${more}\n`);
}

/** Writes to standard output, or to `output` (relative to the working folder). */
export async function emit(io: CliIo, text: string, output: string | undefined): Promise<void> {
  if (!output) return io.stdout(text);
  await fsp.writeFile(resolve(io.cwd, output), text);
}

/** The policy side of a scan: absent `result` means no policy file at the root and none given. */
export interface CliPolicy {
  /** Absolute path of the policy file used (or that could not be used). */
  path?: string;
  /** The verdict (with the file's problems); `policy` inside is absent when the file has errors. */
  result?: PolicyResult;
}

export interface CliScan {
  engine: Engine;
  root: string;
  result: ScanResult;
  policy: CliPolicy;
}

export interface ScanArgs {
  dir: string;
  maxFileSize?: number;
  ignore: string[];
  online: OnlineMode;
  policy?: string;
}

/** Scans `cmd.dir` and applies the policy. A `--policy` file that does not exist fails before the scan (exit 2). */
export async function scanForCli(cmd: ScanArgs, io: CliIo): Promise<CliScan> {
  const root = resolve(io.cwd, cmd.dir);
  const stat = await fsp.stat(root).catch(() => undefined);
  if (!stat?.isDirectory()) throw new UsageError(`${cmd.dir}: no such folder`);
  let explicit: string | undefined;
  if (cmd.policy !== undefined) {
    const abs = resolve(io.cwd, cmd.policy);
    const s = await fsp.stat(abs).catch((e: unknown) => {
      throw Object.assign(e instanceof Error ? e : new Error(String(e)), { path: `--policy ${cmd.policy}` });
    });
    if (!s.isFile()) throw new UsageError(`--policy ${cmd.policy}: not a file`);
    const rel = relative(root, abs);
    explicit = rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel.split('\\').join('/') : abs;
  }
  const engine = createEngine();
  const result = await scanWorkspace(root, {
    engine,
    ...(cmd.maxFileSize !== undefined ? { maxFileSize: cmd.maxFileSize } : {}),
    // The policy file names licences and model ids: it is configuration of this tool, not a use of them.
    ignore: [...cmd.ignore, ...POLICY_FILE_NAMES.map((n) => `/${n}`), ...(explicit && !isAbsolute(explicit) ? [`/${explicit}`] : [])],
    ...(io.signal ? { signal: io.signal } : {}),
  });
  if (cmd.online.enabled) reportOnlineErrors(io, await enrichScan(engine, result, onlineOptionsFromEnv(io.env, cmd.online.refresh, io.fetch)));
  const loaded = await loadPolicy(nodeFileSystem(), root, engine, explicit);
  if (loaded.file === undefined) return { engine, root, result, policy: {} };
  const verdict: PolicyResult = loaded.policy
    ? { ...evaluatePolicy(engine, loaded.policy, result), problems: loaded.problems }
    : { problems: loaded.problems, violations: [], excepted: [] };
  return { engine, root, result, policy: { path: loaded.file, result: verdict } };
}

/** A policy file's name as problems give it (relative to the root, or absolute) → an absolute path. */
function absoluteIn(root: string, file: string): string {
  return isAbsolute(file) ? file : join(root, file);
}

/** For JSON: relative to the root (like finding paths) when inside it, else absolute. */
function rootRelative(root: string, file: string): string {
  const rel = relative(root, absoluteIn(root, file));
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel.split('\\').join('/') : absoluteIn(root, file);
}

export function policyHasErrors(p: CliPolicy): boolean {
  return Boolean(p.result?.problems.some((x) => x.severity === 'error'));
}

/** The policy file's problems on standard error as `file:line:col: severity: message` (file relative to the cwd). */
export function reportPolicyProblems(io: CliIo, scan: CliScan): void {
  for (const p of scan.policy.result?.problems ?? []) {
    const abs = absoluteIn(scan.root, p.file);
    const shown = relative(io.cwd, abs) || abs;
    io.stderr(`${shown}:${p.line}:${p.column}: ${p.severity}: ${p.message}\n`);
  }
  if (policyHasErrors(scan.policy)) {
    io.stderr('ai-openness: the policy was not applied because its file has errors (the findings are still reported)\n');
  }
}

/** The exit status a scan's policy gives: 2 when the file has errors, 1 on a violation at or above `failOn`, else 0. */
export function policyExitCode(p: CliPolicy, failOn: PolicySeverity): number {
  if (policyHasErrors(p)) return 2;
  return p.result && hasViolationAtOrAbove(p.result, failOn) ? 1 : 0;
}

function findingRef(f: Finding): { name: string; id: string; kind: Finding['kind']; ecosystem?: string } {
  return { name: f.name, id: f.id, kind: f.kind, ...(f.ecosystem ? { ecosystem: f.ecosystem } : {}) };
}

/** The top-level `policy` object of `scan --format json` (absent when there is no policy file). */
export function policyJson(scan: CliScan): Record<string, unknown> | undefined {
  const { path, result } = scan.policy;
  if (!path || !result) return undefined;
  return {
    file: rootRelative(scan.root, path),
    problems: result.problems.map((p) => ({ ...p, file: rootRelative(scan.root, p.file) })),
    violations: result.violations.map((v) => ({
      rule: v.rule,
      severity: v.severity,
      message: v.message,
      ...findingRef(v.finding),
      locations: v.locations,
      helpUri: v.helpUri,
    })),
    excepted: result.excepted.map((x) => ({ rule: x.rule, ...findingRef(x.finding), location: x.location, reason: x.reason })),
  };
}

function where(locations: readonly Location[]): string {
  const shown = locations.slice(0, 2).map((l) => `${l.path}:${l.line}`);
  return shown.join(', ') + (locations.length > 2 ? ` (+${locations.length - 2})` : '');
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The "Policy" section under the scan table (empty when there is no policy file). */
export function renderPolicySection(scan: CliScan, opts: { color: boolean; width: number }): string {
  const { path, result } = scan.policy;
  if (!path || !result) return '';
  const s = makeStyle(opts.color);
  const width = opts.width;
  const file = rootRelative(scan.root, path);
  const out: string[] = [];
  const para = (text: string, indent: string) => out.push(...wrap(text, width - indent.length).map((l) => indent + l));
  if (!result.policy) {
    out.push(s.bold(`Policy (${file})`));
    para(`Not applied: the file has ${plural(result.problems.filter((p) => p.severity === 'error').length, 'error')} (listed on standard error).`, '  ');
    return out.join('\n') + '\n';
  }
  const errors = result.violations.filter((v) => v.severity === 'error').length;
  const warnings = result.violations.length - errors;
  const counts = result.violations.length ? `${plural(errors, 'error')}, ${plural(warnings, 'warning')}` : 'no violations';
  out.push(s.bold(fit(`Policy (${file}): ${counts}${result.excepted.length ? `, ${result.excepted.length} excepted` : ''}`, width).trimEnd()));
  for (const v of result.violations) {
    const sev = v.severity === 'error' ? s.bold('error  ') : 'warning';
    out.push(`  ${sev}  ${fit(`${v.rule}  ${v.finding.name}  ${where(v.locations)}`, width - 13).trimEnd()}`);
    para(v.message, '    ');
  }
  if (result.excepted.length) {
    out.push('', s.bold(`Excepted (${result.excepted.length})`));
    for (const x of result.excepted) {
      out.push(`  ${fit(`${x.rule}  ${x.finding.name}  ${x.location.path}:${x.location.line}`, width - 2).trimEnd()}`);
      para(`reason: ${x.reason}`, '    ');
    }
  }
  return out.join('\n') + '\n';
}
