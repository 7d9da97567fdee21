/**
 * conda environment files (environment.yml / environment.yaml). `dependencies:` holds conda match specs
 * (`numpy=1.26`, `conda-forge::pytorch>=2`, `cudatoolkit 11.8 h1234_0`) → ecosystem `conda`, no group; the name is the
 * package name without its channel, positioned at its first character, and version is the rest of the spec as
 * written. `python` and `pip` themselves are skipped. A nested `- pip:` list holds pip requirement lines → ecosystem
 * `pypi`, group `pip` (`-r file` there goes to `includes`).
 */
import { LineCounter, Scalar, isMap, isScalar, isSeq, parseDocument, type Node } from 'yaml';
import type { DeclaredPackage, ManifestResult } from '../types';
import { at, declared, messageOf, stripBom } from './text';
import { readRequirementLine } from './requirements';

const SKIP = new Set(['python', 'pip']);
const CONDA_NAME = /[A-Za-z0-9_][A-Za-z0-9_.+-]*/y;

export function parseCondaEnvironment(input: string): ManifestResult {
  const packages: DeclaredPackage[] = [];
  const errors: string[] = [];
  const includes: string[] = [];
  try {
    const text = stripBom(input);
    const counter = new LineCounter();
    const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false });
    const pos = (offset: number) => {
      const p = counter.linePos(offset);
      return { line: Math.max(1, p.line), column: Math.max(1, p.col) };
    };
    for (const e of doc.errors) {
      const p = pos(e.pos[0]);
      errors.push(`${at(p.line, p.column)}invalid YAML: ${firstLine(e.message)}`);
    }
    const root = doc.contents;
    if (!isMap(root)) {
      if (root && !isScalar(root)) errors.push(`${at(1)}an environment file must be a YAML mapping`);
      return result(packages, errors, includes);
    }
    const deps = root.get('dependencies', true);
    if (deps === undefined || deps === null || (isScalar(deps) && deps.value === null)) {
      return result(packages, errors, includes);
    }
    if (!isSeq(deps)) {
      const p = pos(deps.range?.[0] ?? 0);
      errors.push(`${at(p.line, p.column)}"dependencies" should be a list`);
      return result(packages, errors, includes);
    }
    for (const item of deps.items) {
      if (isScalar(item)) {
        condaSpec(item, pos, packages);
      } else if (isMap(item)) {
        const pip = item.get('pip', true);
        if (isSeq(pip)) for (const p of pip.items) if (isScalar(p)) pipLine(p, pos, packages, errors, includes);
      }
    }
  } catch (e) {
    errors.push(`${at(1)}could not read environment file: ${messageOf(e)}`);
  }
  return result(packages, errors, includes);
}

type Pos = (offset: number) => { line: number; column: number };

function result(packages: DeclaredPackage[], errors: string[], includes: string[]): ManifestResult {
  return includes.length > 0 ? { packages, errors, includes } : { packages, errors };
}

function firstLine(message: string): string {
  return (message.split('\n')[0] ?? '').replace(/\s+at line \d+, column \d+:?$/, '').trim();
}

/** Offset of the first content character of a scalar (after an opening quote). */
function contentStart(node: Node): number {
  const start = node.range?.[0] ?? 0;
  return isScalar(node) && (node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE) ? start + 1 : start;
}

function condaSpec(node: Scalar, pos: Pos, out: DeclaredPackage[]): void {
  if (typeof node.value !== 'string') return;
  const spec = node.value;
  const channelEnd = spec.lastIndexOf('::');
  let i = channelEnd >= 0 ? channelEnd + 2 : 0;
  while (spec[i] === ' ' || spec[i] === '\t') i++;
  CONDA_NAME.lastIndex = i;
  const m = CONDA_NAME.exec(spec);
  if (!m) return;
  const name = m[0];
  if (SKIP.has(name.toLowerCase())) return;
  const version = spec.slice(i + name.length).trim();
  out.push(declared('conda', name, pos(contentStart(node) + i), version));
}

function pipLine(node: Scalar, pos: Pos, out: DeclaredPackage[], errors: string[], includes: string[]): void {
  if (typeof node.value !== 'string') return;
  const raw = node.value;
  const comment = /(^|\s)#/.exec(raw);
  const body = comment ? raw.slice(0, comment.index) : raw;
  const lead = /^\s*/.exec(body)?.[0].length ?? 0;
  const r = readRequirementLine(body.trim());
  const start = contentStart(node) + lead;
  if (r.kind === 'include') includes.push(r.path);
  else if (r.kind === 'package') out.push(declared('pypi', r.name, pos(start + r.index), r.version, 'pip'));
  else if (r.kind === 'invalid') {
    const p = pos(start);
    errors.push(`${at(p.line, p.column)}could not read pip requirement "${r.text}"`);
  }
}
