/**
 * The scan as a Markdown report for people (also what the editor's "Open Report" shows).
 */
import type { Finding, ScanResult } from '../types';
import { LEVEL_LABEL } from './text';

/**
 * Escapes text so Markdown renders it literally inline and inside table cells (names can hold any character, HTML
 * included). Only characters that can start markup mid-line are escaped, so ids stay readable in the raw file.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*[\]|~]/g, (c) => `\\${c}`)
    .replace(/(^|[^A-Za-z0-9])_|_(?=$|[^A-Za-z0-9])/g, (m) => m.replace('_', '\\_'))
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r?\n/g, ' ');
}

/** Percent-encodes the characters that could end or break a Markdown link destination (encodeURIComponent keeps
 * `(`, `)` and `'`, so it cannot be used for this). */
export function markdownUrl(s: string): string {
  return s.replace(/[()<>"'`\\[\]\s]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/** `[text](url)` for https URLs; anything else is plain (escaped) text. */
export function markdownLink(text: string, url: string): string {
  if (!/^https:\/\/[^\s]+$/i.test(url)) return escapeMarkdown(text);
  return `[${escapeMarkdown(text)}](${markdownUrl(url)})`;
}

function locations(f: Finding, max = 5): string {
  const shown = f.locations.slice(0, max).map((l) => `\`${l.path.replace(/`/g, "'")}:${l.line}:${l.column}\``);
  const more = f.locations.length > max ? ` and ${f.locations.length - max} more` : '';
  return shown.join(', ') + more;
}

function table(findings: Finding[]): string[] {
  if (!findings.length) return ['_None._', ''];
  const rows = findings.map((f) => {
    const name = f.kind === 'package' ? `${escapeMarkdown(f.name)} (${f.ecosystem})` : escapeMarkdown(f.name);
    return `| ${name} | ${markdownLink(f.license.id, f.license.url)} | ${LEVEL_LABEL[f.openness.level] ?? f.openness.level} | ${f.openness.osaid} | ${locations(f, 2)} |`;
  });
  return ['| Name | Licence | Openness | OSAID | Where |', '|---|---|---|---|---|', ...rows, ''];
}

function details(f: Finding): string[] {
  const title = f.kind === 'package' ? `${f.name} (${f.ecosystem} package)` : f.name;
  return [
    `### ${escapeMarkdown(title)}`,
    '',
    `- Catalog id: \`${f.id.replace(/`/g, "'")}\`${f.aliases?.length ? ` (also written ${f.aliases.map(escapeMarkdown).join(', ')})` : ''}`,
    `- Licence: ${markdownLink(f.license.name, f.license.url)} (\`${f.license.id}\`)`,
    `- Reached: ${f.access}; openness: **${LEVEL_LABEL[f.openness.level] ?? f.openness.level}**; OSAID: ${f.openness.osaid}`,
    ...f.openness.reasons.map((r) => `  - ${escapeMarkdown(r)}`),
    `- Found at: ${locations(f)}`,
    '',
  ];
}

export function renderMarkdown(result: ScanResult): string {
  const models = result.findings.filter((f) => f.kind === 'model');
  const packages = result.findings.filter((f) => f.kind === 'package');
  const s = result.summary;
  const out = [
    `# AI Openness report`,
    '',
    `Scanned \`${result.root.replace(/`/g, "'")}\`: ${s.filesScanned} files, ${s.findings} findings ` +
      `(${s.models} models, ${s.packages} packages), ${s.errors} problems.`,
    '',
    '## Models',
    '',
    ...table(models),
    '## AI packages',
    '',
    ...table(packages),
    '## Details',
    '',
    ...result.findings.flatMap(details),
  ];
  if (result.errors.length) {
    out.push('## Problems', '', ...result.errors.map((e) => `- \`${e.path.replace(/`/g, "'")}\`: ${escapeMarkdown(e.message)}`), '');
  }
  out.push(
    '---',
    '',
    'Openness levels: API only → hosted → restricted weights (downloadable, custom licence) → open weights (OSI licence) → ' +
      'fully open (weights, code and data). OSAID: the Open Source AI Definition 1.0 (https://opensource.org/ai).',
    '',
  );
  return out.join('\n');
}
