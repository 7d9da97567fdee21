/**
 * The scan as a Markdown report for people (also what the editor's "Open Report" shows).
 */
import type { PolicyResult } from '../policy/types';
import type { Finding, Location, ScanResult } from '../types';
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

/** A code span; in a table cell `|` must still be escaped (GFM splits cells before it parses code spans). */
function code(s: string, inTable = false): string {
  const t = s.replace(/`/g, "'").replace(/\r?\n/g, ' ');
  return `\`${inTable ? t.replace(/\|/g, '\\|') : t}\``;
}

function where(l: Location, inTable = false): string {
  return code(`${l.path}:${l.line}:${l.column}`, inTable);
}

/** The policy's verdict: its file, clean or how many violations, each violation, the exceptions and the file's problems. */
export function renderPolicy(policy: PolicyResult): string[] {
  const v = policy.violations;
  const errors = policy.problems.filter((p) => p.severity === 'error').length;
  const file = policy.policy?.file ?? policy.problems[0]?.file;
  const status = !policy.policy
    ? `not applied (${errors ? `${errors} error${errors === 1 ? '' : 's'} in the policy file` : 'no valid policy'})`
    : v.length
      ? `**${v.length} violation${v.length === 1 ? '' : 's'}**`
      : 'clean (no violations)';
  const out = ['## Policy', '', `Policy file: ${file ? code(file) : '_none_'}; status: ${status}.`, ''];
  if (v.length) {
    out.push('| Rule | Severity | Name | Where | Message |', '|---|---|---|---|---|');
    for (const x of v) {
      const name = x.finding.kind === 'package' ? `${escapeMarkdown(x.finding.name)} (${x.finding.ecosystem})` : escapeMarkdown(x.finding.name);
      const at = x.locations.slice(0, 3).map((l) => where(l, true)).join(', ') + (x.locations.length > 3 ? ` and ${x.locations.length - 3} more` : '');
      out.push(`| ${x.rule} | ${x.severity} | ${name} | ${at} | ${markdownLink(x.message, x.helpUri)} |`);
    }
    out.push('');
  }
  if (policy.excepted.length) {
    out.push('### Exceptions', '');
    for (const x of policy.excepted) {
      out.push(`- ${x.rule}: ${escapeMarkdown(x.finding.name)} at ${where(x.location)}, excepted: ${escapeMarkdown(x.reason)}`);
    }
    out.push('');
  }
  if (policy.problems.length) {
    out.push('### Policy problems', '');
    for (const p of policy.problems) out.push(`- ${p.severity}: ${where({ path: p.file, line: p.line, column: p.column })} ${escapeMarkdown(p.message)}`);
    out.push('');
  }
  return out;
}

/**
 * The report; with `policy`, a Policy section after the summary. Also usable as `results.map(renderMarkdown)`: the
 * first overload fits `map`'s callback, and a second argument that is not a policy result (map's index) is ignored.
 */
export function renderMarkdown(result: ScanResult): string;
export function renderMarkdown(result: ScanResult, policy: PolicyResult | undefined): string;
export function renderMarkdown(result: ScanResult, arg?: unknown): string {
  const policy = arg && typeof arg === 'object' && 'violations' in arg ? (arg as PolicyResult) : undefined;
  const models = result.findings.filter((f) => f.kind === 'model');
  const packages = result.findings.filter((f) => f.kind === 'package');
  const s = result.summary;
  const out = [
    `# AI Openness report`,
    '',
    `Scanned \`${result.root.replace(/`/g, "'")}\`: ${s.filesScanned} files, ${s.findings} findings ` +
      `(${s.models} models, ${s.packages} packages), ${s.errors} problems.`,
    '',
    ...(policy ? renderPolicy(policy) : []),
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
