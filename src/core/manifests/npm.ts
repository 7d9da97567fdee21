/**
 * package.json: dependencies, devDependencies, peerDependencies and optionalDependencies (group = that key).
 * The file is read tolerantly with jsonc-parser (so a stray comma or comment does not lose the rest), but anything
 * that is not strict JSON is reported as an error with its position, since npm would refuse it.
 */
import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser/lib/esm/main.js';
import type { DeclaredPackage, ManifestResult } from '../types';
import { LineIndex, at, declared, messageOf, stripBom } from './text';

const GROUPS = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'] as const;

const WORDS: Record<string, string> = {
  InvalidSymbol: 'unexpected symbol',
  InvalidNumberFormat: 'invalid number',
  PropertyNameExpected: 'property name expected',
  ValueExpected: 'value expected',
  ColonExpected: 'colon expected',
  CommaExpected: 'comma expected',
  CloseBraceExpected: 'closing brace expected',
  CloseBracketExpected: 'closing bracket expected',
  EndOfFileExpected: 'end of file expected',
  InvalidCommentToken: 'comments are not allowed in JSON',
  UnexpectedEndOfComment: 'unterminated comment',
  UnexpectedEndOfString: 'unterminated string',
  UnexpectedEndOfNumber: 'unterminated number',
  InvalidUnicode: 'invalid unicode escape',
  InvalidEscapeCharacter: 'invalid escape character',
  InvalidCharacter: 'invalid character',
};

export function parsePackageJson(input: string): ManifestResult {
  const packages: DeclaredPackage[] = [];
  const errors: string[] = [];
  try {
    const text = stripBom(input);
    const lines = new LineIndex(text);
    const parseErrors: ParseError[] = [];
    const root = parseTree(text, parseErrors, { disallowComments: true, allowTrailingComma: false });
    for (const e of parseErrors) {
      const p = lines.at(e.offset);
      const code = printParseErrorCode(e.error);
      errors.push(`${at(p.line, p.column)}invalid JSON: ${WORDS[code] ?? code}`);
    }
    if (root === undefined) {
      if (parseErrors.length === 0) errors.push('line 1: invalid JSON: the file is empty');
      return { packages, errors };
    }
    if (root.type !== 'object') {
      const p = lines.at(root.offset);
      errors.push(`${at(p.line, p.column)}package.json must hold a JSON object`);
      return { packages, errors };
    }
    for (const prop of root.children ?? []) {
      const [key, value] = prop.children ?? [];
      const group = key?.value;
      if (typeof group !== 'string' || !(GROUPS as readonly string[]).includes(group) || value === undefined) continue;
      if (value.type !== 'object') {
        const p = lines.at(value.offset);
        errors.push(`${at(p.line, p.column)}"${group}" should be an object`);
        continue;
      }
      readGroup(value, group, lines, packages);
    }
  } catch (e) {
    errors.push(`line 1: could not read package.json: ${messageOf(e)}`);
  }
  return { packages, errors };
}

function readGroup(obj: Node, group: string, lines: LineIndex, out: DeclaredPackage[]): void {
  for (const prop of obj.children ?? []) {
    const [key, value] = prop.children ?? [];
    if (key === undefined || typeof key.value !== 'string' || key.value === '') continue;
    // The key node's offset is its opening quote; the name starts one unit later.
    const version = value?.type === 'string' && typeof value.value === 'string' ? value.value : undefined;
    out.push(declared('npm', key.value, lines.at(key.offset + 1), version, group));
  }
}
