/**
 * pip requirements files (requirements*.txt, *.in). Follows pip's own reading order: backslash continuation lines are
 * joined, then comments (`#` at the start or after whitespace) are removed, then each logical line is an option or a
 * requirement. Positions always point at the name's real line and column, also inside continued lines.
 *
 * - `-r`/`--requirement` and `-c`/`--constraint` files go to `includes`, as written.
 * - `-e`/`--editable` and bare URLs/paths are skipped unless they carry `#egg=name`, which then gives the package.
 * - Any other option line (`--index-url`, `--hash` on its own line, …) is skipped; per-requirement options such as
 *   `--hash=sha256:…` after a requirement are ignored.
 * - version is the requirement as written after the name/extras and before any marker (">=1.0,<2", "@ https://…").
 */
import type { DeclaredPackage, ManifestResult } from '../types';
import { LineIndex, at, declared, messageOf, splitLines, stripBom } from './text';
import { parsePep508 } from './pep508';

interface LogicalLine {
  text: string;
  /** Offset in the file of each character of `text`. */
  map: number[];
  /** 1-based line where it starts. */
  line: number;
}

const COMMENT_START = /^\s*#/;
const COMMENT = /(^|\s)#/;
const INCLUDE = /^(?:-r|-c|--requirement|--constraint)(?:\s*=\s*|\s+|(?=[^\s=-]))(.+)$/;
const EDITABLE = /^(?:-e|--editable)(?:\s*=\s*|\s+|(?=[^\s=-]))(.+)$/;
const EGG = /[#&]egg=([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)/;
/** `name @ url` (PEP 508 direct reference): a requirement, even though it holds a URL. */
const DIRECT_REFERENCE = /^[A-Za-z0-9][A-Za-z0-9._-]*\s*(?:\[[^\]]*\])?\s*@/;
/** A URL, a local path or an archive/wheel file name: not a PEP 508 name. */
const URL_OR_PATH =
  /^(?:[A-Za-z][A-Za-z0-9+.-]*:\/\/|[./~\\]|[A-Za-z]:[\\/])|\.(?:whl|zip|tar\.gz|tar\.bz2|tgz)(?:$|[#?])/i;

export function parseRequirements(input: string): ManifestResult {
  const packages: DeclaredPackage[] = [];
  const errors: string[] = [];
  const includes: string[] = [];
  try {
    const text = stripBom(input);
    const lines = new LineIndex(text);
    for (const logical of logicalLines(text)) {
      readLine(logical, lines, packages, errors, includes);
    }
  } catch (e) {
    errors.push(`line 1: could not read requirements: ${messageOf(e)}`);
  }
  return includes.length > 0 ? { packages, errors, includes } : { packages, errors };
}

/** pip's join_lines: a line ending in a backslash continues on the next one; a comment line ends the join. */
function logicalLines(text: string): LogicalLine[] {
  const out: LogicalLine[] = [];
  let current: LogicalLine | undefined;
  splitLines(text).forEach((physical, index) => {
    const lineNo = index + 1;
    const isComment = COMMENT_START.test(physical.text);
    const continues = physical.text.endsWith('\\') && !isComment;
    let body = physical.text;
    let start = physical.offset;
    if (continues) {
      body = body.replace(/\\+$/, '');
    }
    if (isComment) {
      // A leading space makes sure the comment is removed later, exactly as pip does.
      body = ' ' + body;
      start -= 1;
    }
    if (!current) current = { text: '', map: [], line: lineNo };
    for (let i = 0; i < body.length; i++) current.map.push(start + i);
    current.text += body;
    if (!continues) {
      out.push(current);
      current = undefined;
    }
  });
  if (current) out.push(current);
  return out;
}

function readLine(
  logical: LogicalLine,
  lines: LineIndex,
  packages: DeclaredPackage[],
  errors: string[],
  includes: string[],
): void {
  const comment = COMMENT.exec(logical.text);
  const body = comment ? logical.text.slice(0, comment.index) : logical.text;
  const lead = /^\s*/.exec(body)?.[0].length ?? 0;
  const posOf = (i: number) => lines.at(logical.map[lead + i] ?? logical.map[0] ?? 0);
  const r = readRequirementLine(body.trim());
  if (r.kind === 'include') includes.push(r.path);
  else if (r.kind === 'package') packages.push(declared('pypi', r.name, posOf(r.index), r.version));
  else if (r.kind === 'invalid') {
    const p = posOf(0);
    errors.push(`${at(p.line, p.column)}could not read requirement "${r.text}"`);
  }
}

/** What one requirements line (without comment, trimmed) declares. `index` is the name's index in the line. */
export type RequirementLine =
  | { kind: 'include'; path: string }
  | { kind: 'package'; name: string; index: number; version?: string }
  | { kind: 'skip' }
  | { kind: 'invalid'; text: string };

/** Reads one requirements-file line (also used for the `pip:` list of conda environment files). */
export function readRequirementLine(content: string): RequirementLine {
  if (content === '') return { kind: 'skip' };
  if (content.startsWith('-')) {
    const include = INCLUDE.exec(content);
    if (include) return { kind: 'include', path: (include[1] ?? '').trim() };
    const editable = EDITABLE.exec(content);
    if (editable) {
      const target = editable[1] ?? '';
      return egg(target, content.length - target.length);
    }
    return { kind: 'skip' }; // other options (index URLs, find-links, …) declare no package
  }
  // pip stops the requirement at the first space-separated token that starts with '-' (per-requirement options).
  const option = /\s-/.exec(content);
  const requirement = (option ? content.slice(0, option.index) : content).trimEnd();
  if (!DIRECT_REFERENCE.test(requirement) && URL_OR_PATH.test(requirement)) return egg(requirement, 0);
  const req = parsePep508(requirement);
  if (!req) return { kind: 'invalid', text: requirement };
  const out: RequirementLine = { kind: 'package', name: req.name, index: req.nameIndex };
  if (req.version !== undefined) out.version = req.version;
  return out;
}

/** A VCS URL or path with `#egg=name` gives that package; otherwise it is skipped. */
function egg(target: string, targetIndex: number): RequirementLine {
  const m = EGG.exec(target);
  if (!m || m[1] === undefined) return { kind: 'skip' };
  return { kind: 'package', name: m[1], index: targetIndex + m.index + m[0].length - m[1].length };
}
