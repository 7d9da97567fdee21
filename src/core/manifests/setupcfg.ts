/**
 * setup.cfg (setuptools declarative config), hand-parsed INI: `[section]` headers, `key = value` (or `key: value`),
 * indented continuation lines, full-line `#`/`;` comments. Keys are compared case-insensitively with `-` read as `_`.
 * - `[options] install_requires` → group `dependencies`; `setup_requires` → `setup_requires`; `tests_require` →
 *   `tests_require`; `[options.extras_require] <extra>` → `optional:<extra>`.
 * - A multi-line value has one requirement per line; a single-line value is split on `;` (as setuptools does).
 * - `file: requirements.txt` values go to `includes`.
 */
import type { DeclaredPackage, ManifestResult } from '../types';
import { LineIndex, at, declared, messageOf, splitLines, stripBom } from './text';
import { parsePep508 } from './pep508';

interface Part {
  text: string;
  offset: number;
}
interface Setting {
  section: string;
  key: string;
  first: Part;
  more: Part[];
}

const OPTION_GROUPS: Record<string, string> = {
  install_requires: 'dependencies',
  setup_requires: 'setup_requires',
  tests_require: 'tests_require',
};

export function parseSetupCfg(input: string): ManifestResult {
  const packages: DeclaredPackage[] = [];
  const errors: string[] = [];
  const includes: string[] = [];
  try {
    const text = stripBom(input);
    const lines = new LineIndex(text);
    for (const s of settings(text, lines, errors)) {
      const group =
        s.section === 'options'
          ? OPTION_GROUPS[s.key]
          : s.section === 'options.extras_require'
            ? `optional:${s.key}`
            : undefined;
      if (group !== undefined) readValue(s, group, lines, packages, errors, includes);
    }
  } catch (e) {
    errors.push(`line 1: could not read setup.cfg: ${messageOf(e)}`);
  }
  return includes.length > 0 ? { packages, errors, includes } : { packages, errors };
}

function settings(text: string, lines: LineIndex, errors: string[]): Setting[] {
  const out: Setting[] = [];
  let section = '';
  let current: Setting | undefined;
  for (const line of splitLines(text)) {
    const lead = /^\s*/.exec(line.text)?.[0].length ?? 0;
    const body = line.text.slice(lead).trimEnd();
    if (body === '' || body.startsWith('#') || body.startsWith(';')) continue;
    if (lead > 0 && current) {
      current.more.push({ text: body, offset: line.offset + lead });
      continue;
    }
    const header = /^\[([^\]]+)\]/.exec(body);
    if (header) {
      section = (header[1] ?? '').trim();
      current = undefined;
      continue;
    }
    const kv = /^([^=:]+?)\s*[=:]\s*/.exec(body);
    if (!kv) {
      const p = lines.at(line.offset + lead);
      errors.push(`${at(p.line, p.column)}could not read setup.cfg line "${body}"`);
      current = undefined;
      continue;
    }
    const key = (kv[1] ?? '').toLowerCase().replace(/-/g, '_');
    const first = { text: body.slice(kv[0].length), offset: line.offset + lead + kv[0].length };
    current = { section, key, first, more: [] };
    out.push(current);
  }
  return out;
}

function readValue(
  s: Setting,
  group: string,
  lines: LineIndex,
  out: DeclaredPackage[],
  errors: string[],
  includes: string[],
): void {
  const whole = [s.first.text, ...s.more.map((m) => m.text)].join('\n').trim();
  if (/^file:/.test(whole)) {
    for (const f of whole.slice(5).split(',')) if (f.trim()) includes.push(f.trim());
    return;
  }
  let parts: Part[];
  if (s.more.length > 0) {
    parts = [s.first, ...s.more];
  } else {
    parts = [];
    let offset = s.first.offset;
    for (const piece of s.first.text.split(';')) {
      parts.push({ text: piece, offset });
      offset += piece.length + 1;
    }
  }
  for (const part of parts) {
    const comment = /(^|\s)#/.exec(part.text);
    const raw = comment && comment.index > 0 ? part.text.slice(0, comment.index) : part.text;
    if (raw.trim() === '' || raw.trim().startsWith('#')) continue;
    const req = parsePep508(raw);
    if (!req) {
      const p = lines.at(part.offset + (/^\s*/.exec(raw)?.[0].length ?? 0));
      errors.push(`${at(p.line, p.column)}could not read requirement "${raw.trim()}"`);
      continue;
    }
    out.push(declared('pypi', req.name, lines.at(part.offset + req.nameIndex), req.version, group));
  }
}
