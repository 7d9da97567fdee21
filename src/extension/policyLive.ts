/**
 * "See violations while they type": the findings of one document's text alone, built as the scan builds them
 * (manifests parsed, never model-matched; other files matched for model ids and Hub ids), so the policy can be applied
 * to a file before it is saved. Files a scan leaves out (.gitignore, aiOpenness.exclude, files.exclude, skipped
 * folders and file types, lockfiles, files over the size limit) are left out here too. No `vscode` here.
 */
import { promises as fsp } from 'node:fs';
import * as nodePath from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { discoverInText } from '../core/discover';
import type { Engine } from '../core/engine';
import { buildFindings } from '../core/findings';
import { manifestParserFor } from '../core/manifests/index';
import type { Mention } from '../core/mentions';
import type { Finding, ScanResult } from '../core/types';
import { isLockfile, isSkippedFileName, SKIPPED_DIRS } from '../core/walk';

/** `source` of the policy's Problems entries (the quick fixes act on these only). */
export const POLICY_SOURCE = 'AI Openness policy';

/** The findings of `text`, the content of the file at `rel` (relative to its folder, `/`-separated). */
export function documentFindings(engine: Engine, rel: string, text: string): Finding[] {
  const name = rel.slice(rel.lastIndexOf('/') + 1);
  const mentions: Mention[] = [];
  const parse = manifestParserFor(name);
  if (parse) {
    for (const pkg of parse(text).packages) mentions.push({ kind: 'package', pkg, location: { path: rel, line: pkg.line, column: pkg.column } });
  } else {
    for (const h of engine.matcher.findAll(text)) {
      mentions.push({ kind: 'model', name: h.name, modelId: h.model.id, location: { path: rel, line: h.line, column: h.column } });
    }
    for (const d of discoverInText(text, (id) => engine.matcher.matchToken(id) !== undefined)) {
      mentions.push({ kind: 'model', name: d.name, discovered: d.context, location: { path: rel, line: d.line, column: d.column } });
    }
  }
  return buildFindings(engine, mentions);
}

/** A scan result holding only `findings` (what the policy is applied to for one file). */
export function resultOf(root: string, findings: Finding[]): ScanResult {
  const models = findings.filter((f) => f.kind === 'model').length;
  return {
    root,
    findings,
    errors: [],
    summary: {
      filesScanned: 1,
      bytesScanned: 0,
      findings: findings.length,
      models,
      packages: findings.length - models,
      byAccess: {},
      byLevel: {},
      errors: 0,
      durationMs: 0,
    },
  };
}

async function gitignoreAt(dir: string): Promise<Ignore | undefined> {
  try {
    return ignore().add(await fsp.readFile(nodePath.join(dir, '.gitignore'), 'utf8'));
  } catch {
    return undefined; // none, or unreadable (the scan reports that one)
  }
}

/**
 * Whether a scan of `root` leaves the file at `rel` out, as the walk decides (src/core/walk.ts): the extra patterns
 * first, then each folder's .gitignore from the deepest up, skipped folder names, skipped file types and lockfiles.
 */
export async function leftOutOfScan(root: string, rel: string, extra: readonly string[]): Promise<boolean> {
  const parts = rel.split('/');
  const name = parts[parts.length - 1] ?? '';
  if (!name || isSkippedFileName(name) || isLockfile(name)) return true;
  if (parts.slice(0, -1).some((p) => SKIPPED_DIRS.has(p))) return true;
  const patterns = extra.length ? ignore().add([...extra]) : undefined;
  const layers: { base: string; ig: Ignore }[] = [];
  for (let i = 0; i < parts.length; i++) {
    const dir = parts.slice(0, i);
    const ig = await gitignoreAt(nodePath.join(root, ...dir));
    if (ig) layers.push({ base: dir.length ? `${dir.join('/')}/` : '', ig });
    const p = parts.slice(0, i + 1).join('/') + (i < parts.length - 1 ? '/' : '');
    if (patterns?.ignores(p)) return true;
    for (let j = layers.length - 1; j >= 0; j--) {
      const layer = layers[j]!;
      const r = layer.ig.test(p.slice(layer.base.length));
      if (r.ignored) return true;
      if (r.unignored) break;
    }
  }
  return false;
}
