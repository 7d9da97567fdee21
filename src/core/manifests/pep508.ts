/**
 * PEP 508 requirement strings ("name[extra1,extra2] >=1.0,<2 ; python_version < '3.12'", "name @ https://…"), read
 * just far enough to find the name, its position and the requirement as written. The name is kept as written
 * (normalisation happens elsewhere).
 */

export interface Pep508 {
  /** The distribution name as written. */
  name: string;
  /** Index of the name's first character in the input string. */
  nameIndex: number;
  extras: string[];
  /** What follows the name and extras, before any marker, trimmed: ">=1.0,<2", "(>=1.0)", "@ https://…". */
  version?: string;
  /** The environment marker after ';', trimmed. */
  marker?: string;
}

const NAME = /[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?/y;

/** Parses one requirement; undefined when it is not a PEP 508 requirement. */
export function parsePep508(input: string): Pep508 | undefined {
  const lead = /^\s*/.exec(input)?.[0].length ?? 0;
  NAME.lastIndex = lead;
  const m = NAME.exec(input);
  if (!m) return undefined;
  const name = m[0];
  let i = lead + name.length;
  const extras: string[] = [];
  const afterName = /^\s*\[([^\]]*)\]/.exec(input.slice(i));
  if (afterName) {
    for (const e of (afterName[1] ?? '').split(',')) if (e.trim()) extras.push(e.trim());
    i += afterName[0].length;
  } else if (/^\s*\[/.test(input.slice(i))) {
    return undefined; // unclosed extras
  }
  const rest = input.slice(i);
  const trimmed = rest.trim();
  let spec = rest;
  let marker: string | undefined;
  if (trimmed.startsWith('@')) {
    // A URL may itself contain ';', so the marker of a direct reference must be preceded by whitespace.
    const sep = /\s;/.exec(rest);
    if (sep) {
      spec = rest.slice(0, sep.index);
      marker = rest.slice(sep.index + 2).trim();
    }
  } else {
    const sep = rest.indexOf(';');
    if (sep >= 0) {
      spec = rest.slice(0, sep);
      marker = rest.slice(sep + 1).trim();
    }
  }
  const version = spec.trim();
  if (version !== '' && !/^(?:[<>=!~(@]|===)/.test(version)) return undefined;
  if (version.startsWith('@') && version.slice(1).trim() === '') return undefined;
  const out: Pep508 = { name, nameIndex: lead, extras };
  if (version !== '') out.version = version;
  if (marker) out.marker = marker;
  return out;
}
