/**
 * Reading a policy file (`.ai-openness.json` with comments, or `.ai-openness.yaml`) into a `Policy`, with every
 * problem at a 1-based line and column. Both syntaxes become one small tree first, so one validator serves both.
 * Errors (bad syntax, wrong types, bad values, an exception without a reason, an empty file) mean no policy; warnings
 * (unknown keys, licences the engine does not know) leave it usable.
 */
import { getNodeValue, parseTree, printParseErrorCode, stripComments, type Node as JsonNode, type ParseError } from 'jsonc-parser/lib/esm/main.js';
import spdxList from 'spdx-license-list';
import { LineCounter, isAlias, isMap, isScalar, isSeq, parseDocument, type Document } from 'yaml';
import type { Engine } from '../engine';
import { LineIndex, type LineColumn } from '../text';
import type { OpennessLevel } from '../types';
import { RULE_IDS, type Policy, type PolicyException, type PolicyLicense, type PolicyProblem, type PolicySeverity, type RuleId } from './types';

/** Top-level keys of a policy file (the JSON Schema lists the same ones; a test keeps them in step). */
export const POLICY_KEYS = [
  '$schema',
  'deny',
  'allow',
  'minimumOpenness',
  'forbidNonCommercial',
  'forbidApiOnly',
  'requireOsiApproved',
  'exceptions',
] as const;

/** The levels `minimumOpenness` accepts, from least to most open. */
export const MODEL_LEVELS = ['api-only', 'hosted', 'restricted-weights', 'open-weights', 'fully-open'] as const satisfies readonly OpennessLevel[];

const SEVERITIES: readonly PolicySeverity[] = ['error', 'warning'];

/** One syntax-independent node: what JSON and YAML both become before validation. */
type PNode =
  | { type: 'object'; at: LineColumn; props: { key: string; at: LineColumn; value: PNode }[] }
  | { type: 'array'; at: LineColumn; items: PNode[] }
  | { type: 'string'; at: LineColumn; value: string }
  | { type: 'number' | 'boolean' | 'null' | 'other'; at: LineColumn; value: unknown };

type Syntax = { root?: PNode; errors: { at: LineColumn; message: string }[]; warnings: { at: LineColumn; message: string }[] };

function words(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

function readJson(text: string): Syntax {
  if (!stripComments(text).trim()) return { errors: [], warnings: [] };
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  const index = new LineIndex(text);
  const at = (offset: number) => index.position(offset);
  const out: Syntax = {
    errors: errors.map((e) => ({ at: at(e.offset), message: `invalid JSON: ${words(printParseErrorCode(e.error))}` })),
    warnings: [],
  };
  const convert = (n: JsonNode): PNode => {
    const pos = at(n.offset);
    switch (n.type) {
      case 'object':
        return {
          type: 'object',
          at: pos,
          props: (n.children ?? []).flatMap((p) => {
            const [k, v] = p.children ?? [];
            return k && v ? [{ key: String(k.value), at: at(k.offset), value: convert(v) }] : [];
          }),
        };
      case 'array':
        return { type: 'array', at: pos, items: (n.children ?? []).map(convert) };
      case 'string':
        return { type: 'string', at: pos, value: String(getNodeValue(n)) };
      case 'number':
      case 'boolean':
      case 'null':
        return { type: n.type, at: pos, value: getNodeValue(n) };
      default:
        return { type: 'other', at: pos, value: undefined };
    }
  };
  if (tree && !errors.length) out.root = convert(tree);
  return out;
}

/** A YAML error message without the "at line …, column …" excerpt the library appends (we give the position). */
function yamlMessage(message: string): string {
  return (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?\s*$/, '');
}

function readYaml(text: string): Syntax {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, keepSourceTokens: true, prettyErrors: false });
  const at = (offset: number | undefined): LineColumn => {
    const p = counter.linePos(offset ?? 0);
    return { line: Math.max(1, p.line), column: Math.max(1, p.col) };
  };
  const out: Syntax = {
    errors: doc.errors.map((e) => ({ at: at(e.pos[0]), message: `invalid YAML: ${yamlMessage(e.message)}` })),
    warnings: doc.warnings.map((e) => ({ at: at(e.pos[0]), message: `YAML: ${yamlMessage(e.message)}` })),
  };
  const convert = (n: unknown, fallback: LineColumn, d: Document, depth = 0): PNode => {
    if (isAlias(n) && depth < 20) return convert(n.resolve(d), fallback, d, depth + 1);
    const pos = (n as { range?: [number, number, number] } | null)?.range ? at((n as { range: [number, number, number] }).range[0]) : fallback;
    if (isMap(n)) {
      return {
        type: 'object',
        at: pos,
        props: n.items.map((pair) => {
          const keyAt = isScalar(pair.key) && pair.key.range ? at(pair.key.range[0]) : pos;
          const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
          return { key, at: keyAt, value: convert(pair.value, keyAt, d, depth) };
        }),
      };
    }
    if (isSeq(n)) return { type: 'array', at: pos, items: n.items.map((i) => convert(i, pos, d, depth)) };
    const value = isScalar(n) ? n.value : n;
    if (value === null || value === undefined) return { type: 'null', at: pos, value: null };
    if (typeof value === 'string') return { type: 'string', at: pos, value };
    if (typeof value === 'number' || typeof value === 'boolean') return { type: typeof value as 'number' | 'boolean', at: pos, value };
    return { type: 'other', at: pos, value };
  };
  if (!out.errors.length && doc.contents !== null) out.root = convert(doc.contents, at(0), doc);
  return out;
}

/** Which syntax a file is in: by extension, else by its first character. */
export function policySyntax(file: string, text: string): 'json' | 'yaml' {
  if (/\.ya?ml$/i.test(file)) return 'yaml';
  if (/\.jsonc?$/i.test(file)) return 'json';
  return /^\s*[{[]/.test(text) ? 'json' : 'yaml';
}

let spdxLower: Map<string, string> | undefined;

/**
 * The id a licence as written in a policy stands for: a catalog profile (`llama3` → `LicenseRef-llama3`, `apache-2.0`
 * → `Apache-2.0`), an SPDX id in any case, or an SPDX expression. `known: false` when it is none of these.
 */
export function resolvePolicyLicense(engine: Engine, written: string): { id: string; known: boolean } {
  const r = engine.licenses.resolve(written);
  if (r.known) return { id: r.id, known: true };
  spdxLower ??= new Map(Object.keys(spdxList).map((id) => [id.toLowerCase(), id]));
  const spdx = spdxLower.get(written.toLowerCase());
  return spdx ? { id: engine.licenses.resolve(spdx).id, known: true } : { id: written, known: false };
}

function describe(n: PNode): string {
  switch (n.type) {
    case 'object':
      return 'an object';
    case 'array':
      return 'a list';
    case 'string':
      return `"${n.value}"`;
    case 'null':
      return 'nothing (null)';
    default:
      return String(n.value);
  }
}

const quoteAll = (xs: readonly string[]) => xs.map((x) => `"${x}"`).join(', ');

class Validator {
  readonly problems: PolicyProblem[] = [];
  constructor(
    private readonly file: string,
    private readonly engine: Engine,
  ) {}

  add(severity: PolicySeverity, at: LineColumn, message: string): void {
    this.problems.push({ file: this.file, line: at.line, column: at.column, message, severity });
  }

  /** The properties of an object node, warning about keys outside `known` (and about repeated keys: the last wins). */
  props(n: PNode & { type: 'object' }, path: string, known: readonly string[]): Map<string, { at: LineColumn; value: PNode }> {
    const out = new Map<string, { at: LineColumn; value: PNode }>();
    for (const p of n.props) {
      const name = path ? `${path}.${p.key}` : p.key;
      if (!known.includes(p.key)) {
        const near = known.find((k) => k.toLowerCase() === p.key.toLowerCase());
        this.add('warning', p.at, `unknown key "${name}" is ignored${near ? ` (did you mean "${near}"?)` : ` (known keys: ${known.join(', ')})`}`);
        continue;
      }
      if (out.has(p.key)) this.add('warning', p.at, `"${name}" is given twice; the last one is used`);
      out.set(p.key, { at: p.at, value: p.value });
    }
    return out;
  }

  severity(n: PNode | undefined, path: string): PolicySeverity {
    if (!n) return 'error';
    if (n.type === 'string' && (SEVERITIES as string[]).includes(n.value)) return n.value as PolicySeverity;
    this.add('error', n.at, `"${path}" must be "error" or "warning" (got ${describe(n)})`);
    return 'error';
  }

  licenses(n: PNode, path: string): { licenses: PolicyLicense[]; severity: PolicySeverity } | undefined {
    if (n.type !== 'object') {
      this.add('error', n.at, `"${path}" must be an object like { "licenses": ["llama3"] } (got ${describe(n)})`);
      return undefined;
    }
    const props = this.props(n, path, ['licenses', 'severity']);
    const severity = this.severity(props.get('severity')?.value, `${path}.severity`);
    const list = props.get('licenses');
    if (!list) {
      this.add('error', n.at, `"${path}" needs a "licenses" list`);
      return undefined;
    }
    if (list.value.type !== 'array') {
      this.add('error', list.value.at, `"${path}.licenses" must be a list of licence ids (got ${describe(list.value)})`);
      return undefined;
    }
    if (!list.value.items.length) this.add('warning', list.value.at, `"${path}.licenses" is empty, so this rule has no effect`);
    const licenses: PolicyLicense[] = [];
    list.value.items.forEach((item, i) => {
      if (item.type !== 'string' || !item.value.trim()) {
        this.add('error', item.at, `"${path}.licenses[${i}]" must be a licence id such as "Apache-2.0" or "llama3" (got ${describe(item)})`);
        return;
      }
      const written = item.value.trim();
      const r = resolvePolicyLicense(this.engine, written);
      if (!r.known) {
        this.add('warning', item.at, `licence "${written}" is not an SPDX id, a catalog licence or a Hugging Face licence tag; it is compared as written`);
      }
      licenses.push({ written, resolved: r.id });
    });
    return { licenses, severity };
  }

  minimumOpenness(n: PNode): { level: OpennessLevel; severity: PolicySeverity } | undefined {
    let levelNode: PNode | undefined = n;
    let severity: PolicySeverity = 'error';
    if (n.type === 'object') {
      const props = this.props(n, 'minimumOpenness', ['level', 'severity']);
      severity = this.severity(props.get('severity')?.value, 'minimumOpenness.severity');
      levelNode = props.get('level')?.value;
      if (!levelNode) {
        this.add('error', n.at, `"minimumOpenness" needs a "level" (one of ${quoteAll(MODEL_LEVELS)})`);
        return undefined;
      }
    }
    if (levelNode.type === 'string' && (MODEL_LEVELS as readonly string[]).includes(levelNode.value)) {
      return { level: levelNode.value as OpennessLevel, severity };
    }
    this.add('error', levelNode.at, `"minimumOpenness" must be one of ${quoteAll(MODEL_LEVELS)} (got ${describe(levelNode)})`);
    return undefined;
  }

  flag(n: PNode, key: string): { severity: PolicySeverity } | undefined {
    if (n.type === 'boolean') return n.value ? { severity: 'error' } : undefined;
    if (n.type === 'string' && (SEVERITIES as string[]).includes(n.value)) return { severity: n.value as PolicySeverity };
    this.add('error', n.at, `"${key}" must be true, false, "error" or "warning" (got ${describe(n)})`);
    return undefined;
  }

  exceptions(n: PNode): PolicyException[] {
    if (n.type !== 'array') {
      this.add('error', n.at, `"exceptions" must be a list (got ${describe(n)})`);
      return [];
    }
    const out: PolicyException[] = [];
    n.items.forEach((item, i) => {
      const path = `exceptions[${i}]`;
      if (item.type !== 'object') {
        this.add('error', item.at, `"${path}" must be an object with a "reason" (got ${describe(item)})`);
        return;
      }
      const props = this.props(item, path, ['path', 'id', 'rules', 'reason']);
      const ex: Partial<PolicyException> = {};
      for (const key of ['path', 'id'] as const) {
        const v = props.get(key)?.value;
        if (!v) continue;
        if (v.type === 'string' && v.value.trim()) ex[key] = v.value.trim();
        else this.add('error', v.at, `"${path}.${key}" must be a non-empty ${key === 'path' ? 'gitignore-style pattern' : 'id (`*` wildcards allowed)'} (got ${describe(v)})`);
      }
      const rules = props.get('rules')?.value;
      if (rules?.type === 'array') {
        ex.rules = [];
        rules.items.forEach((r, j) => {
          if (r.type === 'string' && (RULE_IDS as readonly string[]).includes(r.value)) ex.rules!.push(r.value as RuleId);
          else this.add('error', r.at, `"${path}.rules[${j}]" must be one of ${quoteAll(RULE_IDS)} (got ${describe(r)})`);
        });
      } else if (rules) this.add('error', rules.at, `"${path}.rules" must be a list of rule ids (got ${describe(rules)})`);
      const reason = props.get('reason')?.value;
      if (!reason) this.add('error', item.at, `"${path}" has no "reason": every exception must say why it is granted`);
      else if (reason.type !== 'string' || !reason.value.trim()) {
        this.add('error', reason.at, `"${path}.reason" must be a non-empty sentence saying why (got ${describe(reason)})`);
      } else ex.reason = reason.value.trim();
      if (!ex.path && !ex.id && !ex.rules && props.has('reason')) {
        this.add('warning', item.at, `"${path}" has no "path", "id" or "rules", so it lifts every rule for every finding`);
      }
      if (ex.reason !== undefined) out.push(ex as PolicyException);
    });
    return out;
  }

  policy(root: PNode): Omit<Policy, 'file'> | undefined {
    if (root.type !== 'object') {
      this.add('error', root.at, `a policy must be an object with keys such as "deny" or "minimumOpenness" (got ${describe(root)})`);
      return undefined;
    }
    const props = this.props(root, '', POLICY_KEYS);
    const policy: Omit<Policy, 'file'> = { exceptions: [] };
    const schema = props.get('$schema');
    if (schema && schema.value.type !== 'string') this.add('error', schema.value.at, `"$schema" must be a string (got ${describe(schema.value)})`);
    for (const [key, field] of [
      ['deny', 'denyLicenses'],
      ['allow', 'allowLicenses'],
    ] as const) {
      const v = props.get(key);
      const parsed = v && this.licenses(v.value, key);
      if (parsed) policy[field] = parsed;
    }
    const min = props.get('minimumOpenness');
    const minimum = min && this.minimumOpenness(min.value);
    if (minimum) policy.minimumOpenness = minimum;
    for (const key of ['forbidNonCommercial', 'forbidApiOnly', 'requireOsiApproved'] as const) {
      const v = props.get(key);
      const flag = v && this.flag(v.value, key);
      if (flag) policy[key] = flag;
    }
    const ex = props.get('exceptions');
    if (ex) policy.exceptions = this.exceptions(ex.value);
    const rules = ['denyLicenses', 'allowLicenses', 'minimumOpenness', 'forbidNonCommercial', 'forbidApiOnly', 'requireOsiApproved'] as const;
    if (!rules.some((k) => policy[k]) && !this.problems.some((p) => p.severity === 'error')) {
      this.add('warning', root.at, 'the policy turns on no rule (add "deny", "allow", "minimumOpenness", "forbidNonCommercial", "forbidApiOnly" or "requireOsiApproved")');
    }
    return policy;
  }
}

/**
 * Parses and validates a policy file's text. `file` names it in problems (and in `policy.file`) and chooses the
 * syntax: `.yaml`/`.yml` is YAML, anything else JSON with comments (a name with neither: by its first character).
 * `policy` is undefined when any problem is an error.
 */
export function parsePolicy(text: string, file: string, engine: Engine): { policy?: Policy; problems: PolicyProblem[] } {
  const out = parseUnsorted(text, file, engine);
  out.problems.sort((a, b) => a.line - b.line || a.column - b.column);
  return out;
}

function parseUnsorted(text: string, file: string, engine: Engine): { policy?: Policy; problems: PolicyProblem[] } {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const v = new Validator(file, engine);
  const syntax = policySyntax(file, body) === 'yaml' ? readYaml(body) : readJson(body);
  for (const e of syntax.errors) v.add('error', e.at, e.message);
  for (const w of syntax.warnings) v.add('warning', w.at, w.message);
  if (syntax.errors.length) return { problems: v.problems };
  if (!syntax.root) {
    v.add('error', { line: 1, column: 1 }, 'the policy file is empty: write at least one rule, e.g. { "deny": { "licenses": ["llama3"] } }');
    return { problems: v.problems };
  }
  const parsed = v.policy(syntax.root);
  if (!parsed || v.problems.some((p) => p.severity === 'error')) return { problems: v.problems };
  return { policy: { file, ...parsed }, problems: v.problems };
}
