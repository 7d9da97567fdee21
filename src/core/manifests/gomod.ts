/**
 * go.mod: `require path version` lines and `require ( … )` blocks. Requirements marked `// indirect` are skipped (they
 * are not direct dependencies); replace / exclude / retract / tool / godebug and other directives are ignored. No
 * group is set. A quoted module path is positioned at its first character inside the quotes.
 */
import type { DeclaredPackage, ManifestResult } from '../types';
import { LineIndex, at, declared, messageOf, splitLines, stripBom } from './text';

interface Token {
  text: string;
  /** Offset of the token's first content character in the file. */
  offset: number;
}

export function parseGoMod(input: string): ManifestResult {
  const packages: DeclaredPackage[] = [];
  const errors: string[] = [];
  try {
    const text = stripBom(input);
    const lines = new LineIndex(text);
    let block: string | undefined;
    let blockLine = 0;
    splitLines(text).forEach((line, index) => {
      const { tokens, comment, error } = tokenize(line.text, line.offset);
      if (error) errors.push(`${at(index + 1)}${error}`);
      const first = tokens[0];
      if (first === undefined) return;
      if (block !== undefined) {
        if (first.text === ')') block = undefined;
        else if (block === 'require') requirement(tokens, comment, index + 1, lines, packages, errors);
        return;
      }
      if (tokens[1]?.text === '(') {
        if (tokens[tokens.length - 1]?.text === ')') return; // an empty one-line block: `require ()`
        block = first.text;
        blockLine = index + 1;
        return;
      }
      if (first.text === 'require') requirement(tokens.slice(1), comment, index + 1, lines, packages, errors);
    });
    if (block !== undefined) errors.push(`${at(blockLine)}"${block} (" block is not closed`);
  } catch (e) {
    errors.push(`${at(1)}could not read go.mod: ${messageOf(e)}`);
  }
  return { packages, errors };
}

function requirement(
  tokens: Token[],
  comment: string | undefined,
  lineNo: number,
  lines: LineIndex,
  out: DeclaredPackage[],
  errors: string[],
): void {
  const [path, version] = tokens;
  if (path === undefined || version === undefined || tokens.length > 2) {
    errors.push(`${at(lineNo)}a requirement needs a module path and a version`);
    return;
  }
  if (isIndirect(comment)) return;
  out.push(declared('go', path.text, lines.at(path.offset), version.text));
}

/** Go's own rule: the comment's first word is `indirect` (alone) or `indirect;` (followed by more text). */
function isIndirect(comment: string | undefined): boolean {
  if (comment === undefined) return false;
  const words = comment.trim().split(/\s+/);
  return (words.length === 1 && words[0] === 'indirect') || (words.length > 1 && words[0] === 'indirect;');
}

/** Splits a go.mod line into tokens (bare words, "interpreted" and `raw` strings, parentheses) and its comment. */
function tokenize(line: string, lineOffset: number): { tokens: Token[]; comment?: string; error?: string } {
  const tokens: Token[] = [];
  let i = 0;
  while (i < line.length) {
    const c = line[i] as string;
    if (c === ' ' || c === '\t') {
      i++;
    } else if (line.startsWith('//', i)) {
      return { tokens, comment: line.slice(i + 2) };
    } else if (c === '(' || c === ')') {
      tokens.push({ text: c, offset: lineOffset + i });
      i++;
    } else if (c === '"' || c === '`') {
      let j = i + 1;
      while (j < line.length && line[j] !== c) j += line[j] === '\\' && c === '"' ? 2 : 1;
      if (j >= line.length) return { tokens, error: 'unterminated quoted string' };
      tokens.push({ text: line.slice(i + 1, j), offset: lineOffset + i + 1 });
      i = j + 1;
    } else {
      const m = /[^\s()"`]+/y;
      m.lastIndex = i;
      let word = m.exec(line)?.[0] ?? c;
      const comment = word.indexOf('//');
      if (comment > 0) word = word.slice(0, comment);
      tokens.push({ text: word, offset: lineOffset + i });
      i += word.length;
    }
  }
  return { tokens };
}
