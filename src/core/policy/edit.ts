/**
 * Editing a policy file's text without losing anything in it (comments, formatting, keys we do not know): adding an
 * exception, for the editor's "add an exception" quick fix, and the text of a new policy file.
 */
import { applyEdits, modify, parseTree, stripComments, type Edit } from 'jsonc-parser/lib/esm/main.js';
import { isMap, isNode, isScalar, isSeq, parseDocument, stringify } from 'yaml';
import { policySyntax } from './parse';
import type { PolicyException } from './types';

/** The exception as plain data, keys in a fixed order (path, id, rules, reason), absent ones left out. */
function plain(e: PolicyException): Record<string, unknown> {
  return {
    ...(e.path !== undefined ? { path: e.path } : {}),
    ...(e.id !== undefined ? { id: e.id } : {}),
    ...(e.rules !== undefined ? { rules: [...e.rules] } : {}),
    reason: e.reason,
  };
}

/** The text of a new policy file holding only this exception (YAML when `fileName` ends in .yaml/.yml). */
export function newPolicyText(exception: PolicyException, fileName = '.ai-openness.json'): string {
  if (/\.ya?ml$/i.test(fileName)) return stringify({ exceptions: [plain(exception)] });
  return JSON.stringify({ exceptions: [plain(exception)] }, null, 2) + '\n';
}

/** The indentation of the line `offset` is on, when only blanks precede `offset` on it. */
function indentBefore(text: string, offset: number): string | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const prefix = text.slice(lineStart, offset);
  return /^[ \t]*$/.test(prefix) ? prefix : undefined;
}

/** `value` as indented JSON whose lines after the first start with `indent`. */
function pretty(value: unknown, indent: string, eol: string): string {
  return JSON.stringify(value, null, 2).split('\n').join(eol + indent);
}

/**
 * Edits that add `item` after the node ending at `end` (the last element or property): on a line of its own, with
 * the indentation of `indent`, after any comment that ends that line; or inline when the node shares its line.
 */
function appendAfter(text: string, end: number, indent: string | undefined, item: (indent: string) => string, eol: string): Edit[] {
  let lineEnd = text.indexOf('\n', end);
  if (lineEnd < 0) lineEnd = text.length;
  if (text[lineEnd - 1] === '\r') lineEnd--;
  const rest = text.slice(end, lineEnd);
  if (indent === undefined || !/^\s*,?\s*(\/\/.*|\/\*.*?\*\/\s*)?$/.test(rest)) {
    return [{ offset: end, length: 0, content: `, ${item('').split(/\r?\n\s*/).join(' ')}` }];
  }
  const comma = /^\s*,/.test(rest) ? [] : [{ offset: end, length: 0, content: ',' }];
  return [...comma, { offset: lineEnd, length: 0, content: `${eol}${indent}${item(indent)}` }];
}

function addToJson(text: string, exception: PolicyException): string {
  const root = parseTree(text, [], { allowTrailingComma: true });
  if (!root || root.type !== 'object') throw new Error('the policy file is not a JSON object; fix it before adding an exception');
  const props = root.children ?? [];
  const existing = props.find((p) => p.children?.[0]?.value === 'exceptions')?.children?.[1];
  if (existing && existing.type !== 'array') throw new Error('"exceptions" in the policy file is not a list; fix it before adding an exception');
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const value = plain(exception);
  const last = existing ? existing.children?.at(-1) : props.at(-1);
  let edits: Edit[];
  if (!last) {
    // An empty list or an empty object: nothing to disturb, so jsonc-parser lays it out.
    edits = modify(text, ['exceptions', -1], value, { formattingOptions: { insertSpaces: true, tabSize: 2, eol }, isArrayInsertion: true });
  } else if (existing) {
    edits = appendAfter(text, last.offset + last.length, indentBefore(text, last.offset), (i) => pretty(value, i, eol), eol);
  } else {
    const item = (i: string) => `"exceptions": [${eol}${i}  ${pretty(value, i + '  ', eol)}${eol}${i}]`;
    edits = appendAfter(text, last.offset + last.length, indentBefore(text, last.offset), item, eol);
  }
  return applyEdits(text, edits);
}

/** YAML for `value` as block lines, each starting with `indent`. */
function yamlLines(value: unknown, indent: string, eol: string): string {
  return stringify(value)
    .replace(/\n$/, '')
    .split('\n')
    .map((l) => indent + l)
    .join(eol);
}

function addToYaml(text: string, exception: PolicyException): string {
  const doc = parseDocument(text, { keepSourceTokens: true });
  if (doc.errors.length) throw new Error(`the policy file is not valid YAML (${doc.errors[0]!.message.split('\n')[0]}); fix it before adding an exception`);
  if (!isMap(doc.contents)) throw new Error('the policy file is not a YAML mapping; fix it before adding an exception');
  const list = doc.get('exceptions', true);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const empty = list === undefined || list === null || (isScalar(list) && list.value === null);
  if (!empty && !isSeq(list)) throw new Error('"exceptions" in the policy file is not a list; fix it before adding an exception');
  // Block style: add lines of text (so nothing else is re-laid out). Flow style: the Document API (comments kept).
  const lastItem = isSeq(list) && !list.flow ? list.items.at(-1) : undefined;
  const itemStart = lastItem && isNode(lastItem) ? lastItem.range?.[0] : undefined;
  const dash = itemStart === undefined ? undefined : /^([ \t]*)-[ \t]*$/.exec(text.slice(text.lastIndexOf('\n', itemStart - 1) + 1, itemStart));
  if (lastItem && isNode(lastItem) && lastItem.range && dash) {
    const end = lastItem.range[1];
    const at = text[end - 1] === '\n' ? end : text.indexOf('\n', end) < 0 ? text.length : text.indexOf('\n', end) + 1;
    const lead = at === text.length && !text.endsWith('\n') ? eol : '';
    return text.slice(0, at) + lead + yamlLines([plain(exception)], dash[1]!, eol) + eol + text.slice(at);
  }
  const pair = doc.contents.items.find((p) => isScalar(p.key) && p.key.value === 'exceptions');
  const key = pair && isScalar(pair.key) ? pair.key : undefined;
  if (empty && key?.range && !doc.contents.flow) {
    // `exceptions:` with nothing after it (maybe a comment): the items go on the lines after the key.
    const nl = text.indexOf('\n', key.range[1]);
    const lineEnd = nl < 0 ? text.length : nl;
    if (/^[ \t]*:[ \t]*(#.*)?\r?$/.test(text.slice(key.range[1], lineEnd))) {
      const items = yamlLines([plain(exception)], (indentBefore(text, key.range[0]) ?? '') + '  ', eol);
      return nl < 0 ? `${text}${eol}${items}${eol}` : `${text.slice(0, nl + 1)}${items}${eol}${text.slice(nl + 1)}`;
    }
  }
  if (list === undefined && !doc.contents.flow) {
    const lead = text.endsWith('\n') ? '' : eol;
    return `${text}${lead}exceptions:${eol}${yamlLines([plain(exception)], '  ', eol)}${eol}`;
  }
  if (isSeq(list)) list.add(doc.createNode(plain(exception)));
  else doc.set('exceptions', doc.createNode([plain(exception)]));
  return doc.toString();
}

/**
 * The policy file's whole new text with `exception` appended to `exceptions` (created when absent). Only text is
 * added: JSON is edited at the positions jsonc-parser finds (2-space indentation for what is added, or inline when
 * the list is on one line), block YAML by inserting lines; comments, layout and unknown keys stay as they are. Flow-
 * style YAML (`exceptions: [...]`) goes through the yaml Document API, which keeps comments but re-spaces flow
 * collections. A file of blanks and comments becomes a new policy after its comments. Throws, changing nothing, when
 * the file is not an object to add to (invalid syntax, `exceptions` not a list); the caller shows the message.
 */
export function addException(text: string, fileName: string, exception: PolicyException): string {
  const yaml = policySyntax(fileName, text) === 'yaml';
  const bom = text.startsWith('\uFEFF') ? '\uFEFF' : '';
  const body = text.slice(bom.length);
  const blank = yaml ? !/^[ \t]*[^#\s]/m.test(body) : !stripComments(body).trim();
  if (blank) {
    // Nothing but blanks and comments: keep the comments, then the new policy.
    return bom + (body.trim() ? body.replace(/\s*$/, '\n') : '') + newPolicyText(exception, yaml ? 'policy.yaml' : 'policy.json');
  }
  return bom + (yaml ? addToYaml(body, exception) : addToJson(body, exception));
}
