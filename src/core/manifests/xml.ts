/**
 * A small element tree with positions, read with saxes. Used by the Maven and NuGet parsers. Malformed XML does not
 * stop the reading: saxes reports the problem (kept in `errors`, with line and column) and the tree holds what was read.
 */
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { LineIndex, at, messageOf, stripBom } from './text';

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  /** Offset of the '<' that opens the element. */
  start: number;
  /** Offset just after the '>' that ends the start tag. */
  openEnd: number;
  children: XmlElement[];
  parent?: XmlElement;
  /** Text content directly inside this element (entities decoded). */
  text: string;
  /** Offset of the first non-blank character of the text as written in the file. */
  textOffset?: number;
}

export interface XmlDocument {
  text: string;
  lines: LineIndex;
  /** A pseudo element holding the document's root element(s). */
  document: XmlElement;
  errors: string[];
}

export function readXml(input: string): XmlDocument {
  const text = stripBom(input);
  const lines = new LineIndex(text);
  const document: XmlElement = { name: '#document', attributes: {}, start: 0, openEnd: 0, children: [], text: '' };
  const errors: string[] = [];
  const parser = new SaxesParser({ xmlns: false, position: true });
  /** Our own element stack: saxes closes every open element on a mismatched close tag, which would lose the rest. */
  const stack: XmlElement[] = [];
  const current = () => stack[stack.length - 1] ?? document;
  /** Offset just after the last piece of markup: where the next text starts. */
  let lastEnd = 0;
  const markupEnd = () => {
    lastEnd = parser.position;
  };
  /** Closes the element named by the close tag just read: up to the nearest open element with that name, or, for a
   * misspelt name, just the innermost element. saxes may report one close tag several times; only the first counts. */
  let lastClose = -1;
  const closeWritten = () => {
    const end = parser.position;
    lastEnd = end;
    if (end === lastClose) return;
    lastClose = end;
    const open = text.lastIndexOf('</', end - 1);
    const name = open < 0 ? undefined : /^<\/\s*([^\s>]+)/.exec(text.slice(open, end))?.[1];
    if (name === undefined) return;
    let i = stack.length - 1;
    while (i >= 0 && stack[i]?.name !== name) i--;
    stack.length = i >= 0 ? i : Math.max(0, stack.length - 1);
  };
  parser.on('opentag', (tag: SaxesTagPlain) => {
    const openEnd = parser.position;
    const start = Math.max(0, text.lastIndexOf('<', openEnd - 1));
    const parent = current();
    const el: XmlElement = { name: tag.name, attributes: tag.attributes, start, openEnd, parent, children: [], text: '' };
    parent.children.push(el);
    if (!tag.isSelfClosing) stack.push(el);
    lastEnd = openEnd;
  });
  parser.on('closetag', (tag: SaxesTagPlain) => {
    if (tag.isSelfClosing) markupEnd();
    else closeWritten();
  });
  const addText = (content: string) => {
    const el = current();
    if (el.textOffset === undefined && content.trim() !== '') {
      const lead = /^\s*/.exec(text.slice(lastEnd, lastEnd + 4096))?.[0].length ?? 0;
      // In CDATA the content starts after "<![CDATA[".
      const cdata = text.startsWith('<![CDATA[', lastEnd + lead) ? 9 : 0;
      el.textOffset = lastEnd + lead + cdata;
    }
    el.text += content;
  };
  parser.on('text', addText);
  parser.on('cdata', (content: string) => {
    addText(content);
    markupEnd();
  });
  parser.on('comment', markupEnd);
  parser.on('processinginstruction', markupEnd);
  parser.on('doctype', markupEnd);
  parser.on('error', (e: Error) => {
    const message = messageOf(e).replace(/^\d+:\d+:\s*/, '');
    if (message.startsWith('unmatched closing tag')) closeWritten();
    const p = lines.at(Math.max(0, parser.position - 1));
    const sentence = `${at(p.line, p.column)}malformed XML: ${message}`;
    if (errors[errors.length - 1] !== sentence) errors.push(sentence);
  });
  try {
    parser.write(text).close();
  } catch (e) {
    errors.push(`${at(1)}could not read XML: ${messageOf(e)}`);
  }
  return { text, lines, document, errors };
}

/** Direct children with this name (case-sensitive unless `ignoreCase`). */
export function childrenNamed(el: XmlElement, name: string, ignoreCase = false): XmlElement[] {
  const n = ignoreCase ? name.toLowerCase() : name;
  return el.children.filter((c) => (ignoreCase ? c.name.toLowerCase() : c.name) === n);
}

/** Every element below `el`, depth first, in document order. */
export function* descendants(el: XmlElement): Generator<XmlElement> {
  for (const c of el.children) {
    yield c;
    yield* descendants(c);
  }
}

/** Offset of an attribute's value (just inside its quote) in the start tag as written, found case-insensitively. */
export function attributeValueOffset(doc: XmlDocument, el: XmlElement, attribute: string): number | undefined {
  const tag = doc.text.slice(el.start, el.openEnd);
  const re = new RegExp(`\\s${attribute.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*=\\s*["']`, 'i');
  const m = re.exec(tag);
  return m ? el.start + m.index + m[0].length : undefined;
}

/** The value of an attribute, compared case-insensitively (MSBuild-style). */
export function attributeValue(el: XmlElement, attribute: string): { name: string; value: string } | undefined {
  const want = attribute.toLowerCase();
  for (const [name, value] of Object.entries(el.attributes)) if (name.toLowerCase() === want) return { name, value };
  return undefined;
}
