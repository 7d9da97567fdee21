/**
 * build.gradle (Groovy) and build.gradle.kts (Kotlin). There is no JavaScript parser for either language, so this is a
 * small tokenizer (strings, comments, identifiers, punctuation) followed by a reader of dependency declarations:
 *   implementation 'g:a:v'          implementation("g:a:v")           api "g:a:$ver"
 *   implementation group: 'g', name: 'a', version: 'v'       implementation(group = "g", name = "a", version = "v")
 *   implementation platform('g:a:v')                          implementation(enforcedPlatform("g:a:v"))
 *   implementation 'a:b:1', 'c:d:2'                          classpath 'g:a:v' (buildscript)
 * Skipped silently: project(':x'), files(…), fileTree(…), kotlin("…"), gradleApi(), version catalogs (libs.foo).
 * name = "group:artifact", version = the third part as written (classifier and @ext dropped), group = the
 * configuration. Position: the first character of the group id inside the string.
 */
import type { DeclaredPackage, ManifestResult } from '../types';
import { LineIndex, at, declared, messageOf, stripBom } from './text';

interface Token {
  kind: 'ident' | 'string' | 'punct' | 'nl' | 'other';
  value: string;
  /** For strings, the first content character; otherwise the token's first character. */
  offset: number;
}

const CONFIGURATIONS = new Set([
  'implementation', 'api', 'compileOnly', 'runtimeOnly', 'compileOnlyApi', 'annotationProcessor', 'kapt', 'ksp',
  'compile', 'runtime', 'provided', 'providedCompile', 'providedRuntime', 'classpath', 'developmentOnly',
  'testAndDevelopmentOnly', 'coreLibraryDesugaring', 'lintChecks', 'lintPublish', 'detektPlugins', 'androidTestUtil',
]);
const CONFIGURATION_SUFFIX =
  /^[a-z][A-Za-z0-9]*(?:Implementation|Api|CompileOnly|RuntimeOnly|CompileOnlyApi|AnnotationProcessor|Compile|Runtime)$/;
const PROCESSOR_VARIANT = /^(?:kapt|ksp)[A-Z][A-Za-z0-9]*$/;
/** Words before a configuration name that make it a declaration, not a call. */
const NOT_A_CALL = new Set(['val', 'var', 'def', 'fun']);
/** Calls whose string argument is still a Maven coordinate. */
const COORDINATE_CALLS = new Set(['platform', 'enforcedPlatform', 'testFixtures', 'variantOf']);

export function isConfiguration(name: string): boolean {
  return CONFIGURATIONS.has(name) || CONFIGURATION_SUFFIX.test(name) || PROCESSOR_VARIANT.test(name);
}

export function parseGradle(input: string): ManifestResult {
  const packages: DeclaredPackage[] = [];
  const errors: string[] = [];
  try {
    const text = stripBom(input);
    const lines = new LineIndex(text);
    const tokens = tokenize(text, lines, errors);
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i] as Token;
      if (t.kind !== 'ident' || !isConfiguration(t.value)) continue;
      const prev = tokens[i - 1];
      if (prev && (prev.value === '.' || NOT_A_CALL.has(prev.value))) continue;
      const args = argumentsAfter(tokens, i + 1);
      if (args) readArguments(args, t.value, lines, packages);
    }
  } catch (e) {
    errors.push(`${at(1)}could not read Gradle build file: ${messageOf(e)}`);
  }
  return { packages, errors };
}

/** The argument tokens of a call starting at `start`: `( … )`, or Groovy's command form up to the end of the line. */
function argumentsAfter(tokens: Token[], start: number): Token[] | undefined {
  const first = tokens[start];
  if (!first) return undefined;
  if (first.value === '(' && first.kind === 'punct') {
    let depth = 0;
    for (let j = start; j < tokens.length; j++) {
      const v = (tokens[j] as Token).kind === 'punct' ? (tokens[j] as Token).value : '';
      if (v === '(' || v === '[') depth++;
      else if (v === ')' || v === ']') depth--;
      if (depth === 0) return tokens.slice(start + 1, j);
    }
    return tokens.slice(start + 1);
  }
  if (first.kind !== 'string' && first.kind !== 'ident' && first.value !== '[') return undefined;
  const out: Token[] = [];
  let depth = 0;
  for (let j = start; j < tokens.length; j++) {
    const t = tokens[j] as Token;
    const v = t.kind === 'punct' ? t.value : '';
    if (depth === 0 && (v === '{' || v === '}' || v === ';' || v === ')')) break;
    if (t.kind === 'nl') {
      if (depth === 0 && out[out.length - 1]?.value !== ',') break;
      continue;
    }
    if (v === '(' || v === '[') depth++;
    else if (v === ')' || v === ']') depth--;
    out.push(t);
  }
  return out;
}

function readArguments(args: Token[], configuration: string, lines: LineIndex, out: DeclaredPackage[]): void {
  // Map notation: group: 'g', name: 'a', version: 'v' (Groovy) or group = "g", … (Kotlin named arguments).
  const named = new Map<string, Token>();
  for (let k = 0; k + 2 < args.length; k++) {
    const [key, sep, value] = [args[k] as Token, args[k + 1] as Token, args[k + 2] as Token];
    const isPair = key.kind === 'ident' && (sep.value === ':' || sep.value === '=') && value.kind === 'string';
    if (isPair && !named.has(key.value)) {
      named.set(key.value, value);
    }
  }
  if (named.has('name')) {
    const group = named.get('group');
    const name = named.get('name');
    if (group && name && group.value && name.value) {
      const version = named.get('version')?.value;
      out.push(declared('maven', `${group.value}:${name.value}`, lines.at(group.offset), version, configuration));
    }
    return;
  }
  // String notation, at the top level or inside platform(…) and the like; other calls (project, files…) are skipped.
  const calls: string[] = [];
  for (let k = 0; k < args.length; k++) {
    const t = args[k] as Token;
    if (t.kind === 'punct' && t.value === '(') {
      const callee = args[k - 1];
      calls.push(callee?.kind === 'ident' ? callee.value : '');
    } else if (t.kind === 'punct' && t.value === ')') {
      calls.pop();
    } else if (t.kind === 'string') {
      const inCall = calls[calls.length - 1];
      // Groovy command form without parentheses, e.g. platform 'g:a:v'.
      const prev = args[k - 1];
      const groovyCall = prev?.kind === 'ident' ? prev.value : undefined;
      const allowed =
        (inCall === undefined || COORDINATE_CALLS.has(inCall)) &&
        (groovyCall === undefined || COORDINATE_CALLS.has(groovyCall));
      if (allowed) coordinate(t, configuration, lines, out);
    }
  }
}

/** "group:artifact[:version[:classifier]][@ext]" → a package; anything else is not a module coordinate. */
function coordinate(t: Token, configuration: string, lines: LineIndex, out: DeclaredPackage[]): void {
  const parts = splitColons(t.value);
  const [group, artifact, version] = parts;
  if (group === undefined || artifact === undefined) return;
  if (!group || !artifact || /\s/.test(group + artifact)) return;
  const artifactName = parts.length === 2 ? artifact.replace(/@[\w.-]+$/, '') : artifact;
  const v = version?.replace(/@[\w.-]+$/, '');
  out.push(declared('maven', `${group}:${artifactName}`, lines.at(t.offset), v, configuration));
}

/** Splits on ':' outside `${…}` interpolations. */
function splitColons(s: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '$' && s[i + 1] === '{') {
      depth++;
      i++;
    } else if (s[i] === '}' && depth > 0) depth--;
    else if (s[i] === ':' && depth === 0) {
      parts.push(s.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(s.slice(start));
  return parts;
}

function tokenize(text: string, lines: LineIndex, errors: string[]): Token[] {
  const tokens: Token[] = [];
  const n = text.length;
  let i = 0;
  const fail = (offset: number, what: string) => {
    const p = lines.at(offset);
    errors.push(`${at(p.line, p.column)}${what}`);
  };
  while (i < n) {
    const c = text[i] as string;
    if (c === '\n' || c === '\r') {
      if (tokens[tokens.length - 1]?.kind !== 'nl') tokens.push({ kind: 'nl', value: '\n', offset: i });
      i++;
    } else if (c === ' ' || c === '\t' || c === '\f') {
      i++;
    } else if (text.startsWith('//', i)) {
      while (i < n && text[i] !== '\n' && text[i] !== '\r') i++;
    } else if (text.startsWith('/*', i)) {
      const end = text.indexOf('*/', i + 2);
      if (end < 0) fail(i, 'unterminated comment');
      // A block comment spanning lines still ends the statement, as a newline would.
      if (end < 0 || /[\r\n]/.test(text.slice(i, end))) tokens.push({ kind: 'nl', value: '\n', offset: i });
      i = end < 0 ? n : end + 2;
    } else if (c === '"' || c === "'") {
      const triple = text.startsWith(c.repeat(3), i);
      const open = triple ? 3 : 1;
      const end = stringEnd(text, i + open, c, triple);
      if (end < 0) {
        fail(i, 'unterminated string');
        break;
      }
      tokens.push({ kind: 'string', value: text.slice(i + open, end), offset: i + open });
      i = end + open;
    } else if (/[A-Za-z_$]/.test(c)) {
      const m = /[A-Za-z0-9_$]+/y;
      m.lastIndex = i;
      const word = m.exec(text)?.[0] ?? c;
      tokens.push({ kind: 'ident', value: word, offset: i });
      i += word.length;
    } else if ('(){}[],:=.;'.includes(c)) {
      tokens.push({ kind: 'punct', value: c, offset: i });
      i++;
    } else {
      tokens.push({ kind: 'other', value: c, offset: i });
      i++;
    }
  }
  return tokens;
}

/** Index of the closing quote(s) of a string whose content starts at `i`, or -1. Skips `${ … }` in double quotes. */
function stringEnd(text: string, i: number, quote: string, triple: boolean): number {
  const n = text.length;
  const close = triple ? quote.repeat(3) : quote;
  while (i < n) {
    const c = text[i];
    if (c === '\\') {
      i += 2;
    } else if (text.startsWith(close, i)) {
      return i;
    } else if (!triple && (c === '\n' || c === '\r')) {
      return -1;
    } else if (quote === '"' && c === '$' && text[i + 1] === '{') {
      let depth = 1;
      i += 2;
      while (i < n && depth > 0) {
        const d = text[i];
        if (d === '{') depth++;
        else if (d === '}') depth--;
        else if (d === '"' || d === "'") {
          const e = text.indexOf(d, i + 1);
          if (e < 0) return -1;
          i = e;
        }
        i++;
      }
    } else {
      i++;
    }
  }
  return -1;
}
