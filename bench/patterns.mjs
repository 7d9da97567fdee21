// Regular expressions for ripgrep and GNU grep built from the catalog, "equivalent" to what the scan looks for:
//
// - keywords: the alternation of every catalog keyword (case-insensitive). This is exactly the scan's first pass (its
//   Aho-Corasick prefilter), so it is the cheapest thing a grep tool can be asked to do here, and the strict
//   comparison: the scan does all of this plus token expansion, context rules and verification.
// - patterns: the alternation of every catalog pattern, bounded like the scan's tokens (not preceded by an id
//   character; followed, after optional trailing punctuation, by a non-id character or the end of the line). A line
//   counts when a token on it is matched in full by a catalog pattern: the scan's answer without the normalisation
//   (gateway prefixes, Ollama tags, GGUF names) and context rules (URLs, Cargo features, placeholders).
//
// ripgrep gets Rust-regex syntax (which reads the catalog's JS patterns as written: `(?:…)`, `\d`, classes); GNU
// grep -E gets a POSIX ERE translation (`(?:` → `(`, `\d` → `[0-9]`, `\w` → `[A-Za-z0-9_]`, escapes inside classes
// resolved). A pattern that cannot be translated (look-arounds, back-references) throws.

const ERE_META = /[.[\]{}()*+?^$|\\]/g;

export function keywordAlternation(keywords) {
  const uniq = [...new Set(keywords.map((k) => k.toLowerCase()))].sort((a, b) => b.length - a.length);
  return uniq.map((k) => k.replace(ERE_META, '\\$&')).join('|');
}

const ID = 'A-Za-z0-9_./:@+-';

export function patternAlternationRust(patterns) {
  return `(?:^|[^${ID}])(?:${patterns.join('|')})[.:,/@+-]*(?:[^${ID}]|$)`;
}

/** Translates one JS regex source (the catalog's subset) to POSIX ERE. */
export function jsToEre(src) {
  let out = '';
  let inClass = false;
  let classTail = '';
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === '\\') {
      const n = src[++i];
      if (n === undefined) throw new Error(`trailing backslash in ${src}`);
      const cls = { d: '0-9', w: 'A-Za-z0-9_', s: '[:space:]' }[n];
      if (cls) out += inClass ? cls : `[${cls}]`;
      else if (/[DWSbBk1-9]/.test(n)) throw new Error(`\\${n} has no ERE equivalent in ${src}`);
      else if (inClass) {
        if (n === '-') classTail += '-';
        else if (n === ']') throw new Error(`escaped ] in a class is not translated: ${src}`);
        else if (n === '^') classTail += '^';
        else out += n;
      } else out += /[.[\]{}()*+?^$|\\]/.test(n) ? `\\${n}` : n;
      continue;
    }
    if (inClass) {
      if (c === ']') {
        out += classTail + ']';
        classTail = '';
        inClass = false;
      } else out += c;
      continue;
    }
    if (c === '[') {
      inClass = true;
      out += '[';
      if (src[i + 1] === '^') out += src[++i];
      continue;
    }
    if (c === '(' && src[i + 1] === '?') {
      if (src[i + 2] === ':') {
        out += '(';
        i += 2;
        continue;
      }
      throw new Error(`look-around or named group has no ERE equivalent in ${src}`);
    }
    out += c;
  }
  return out;
}

export function patternAlternationEre(patterns) {
  return `(^|[^${ID}])(${patterns.map(jsToEre).join('|')})[.:,/@+-]*([^${ID}]|$)`;
}
