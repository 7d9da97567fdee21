import { test } from 'node:test';
import assert from 'node:assert/strict';
import { escapeMarkdown, renderMarkdown } from '../../src/core/report/markdown';
import { renderTable } from '../../src/core/report/table';
import type { Finding, ScanResult } from '../../src/core/types';

const hostile = '<img src=x onerror=alert(1)>|`x`*y*[z](javascript:alert(1))';

function finding(over: Partial<Finding>): Finding {
  return {
    kind: 'model',
    name: 'meta-llama/Meta-Llama-3-8B-Instruct',
    id: 'meta-llama/Meta-Llama-3-8B',
    locations: [
      { path: 'src/a.py', line: 3, column: 10 },
      { path: 'src/b.py', line: 1, column: 1 },
      { path: 'src/c.py', line: 7, column: 2 },
    ],
    license: { id: 'LicenseRef-llama3', name: 'Meta Llama 3 Community License', url: 'https://www.llama.com/llama3/license/' },
    access: 'self-hostable',
    openness: { level: 'restricted-weights', osaid: 'no', reasons: ['Weights are downloadable under a custom licence.'] },
    source: 'catalog',
    ...over,
  };
}

function result(findings: Finding[]): ScanResult {
  return {
    root: '/ws',
    findings,
    errors: [{ path: 'big.log', message: '60.0 MB exceeds the 5 MB limit; skipped' }],
    summary: { filesScanned: 3, bytesScanned: 2048, findings: findings.length, models: 1, packages: 1, byAccess: {}, byLevel: {}, errors: 1, durationMs: 12 },
  };
}

test('markdown escaping keeps ids readable and makes markup and HTML inert', () => {
  assert.equal(escapeMarkdown('Meta-Llama-3-8B-Instruct.Q4_K_M.gguf'), 'Meta-Llama-3-8B-Instruct.Q4_K_M.gguf');
  const e = escapeMarkdown(hostile);
  assert.doesNotMatch(e, /<img/);
  assert.match(e, /&lt;img src=x onerror=alert\(1\)&gt;/);
  assert.match(e, /\\\|/);
  assert.match(e, /\\\[z\\\]/);
  assert.equal(escapeMarkdown('a\nb'), 'a b');
});

test('markdown report: tables, details, problems; hostile names stay text', () => {
  const md = renderMarkdown(
    result([
      finding({}),
      finding({ kind: 'package', name: hostile, id: 'x', ecosystem: 'npm', access: 'api', locations: [{ path: 'package.json', line: 2, column: 5 }] }),
    ]),
  );
  assert.match(md, /^# AI Openness report/);
  assert.match(md, /\| meta-llama\/Meta-Llama-3-8B-Instruct \| \[LicenseRef-llama3\]\(https:\/\/www\.llama\.com\/llama3\/license\/\) \| restricted weights \| no \|/);
  assert.match(md, /`src\/a\.py:3:10`, `src\/b\.py:1:1` and 1 more/);
  assert.doesNotMatch(md, /<img/);
  assert.match(md, /## Problems\n\n- `big\.log`: 60\.0 MB exceeds the 5 MB limit; skipped/);
  // Every table row has the header's number of cells (an unescaped | would add one).
  for (const line of md.split('\n').filter((l) => l.startsWith('| '))) {
    assert.equal(line.replace(/\\\|/g, '').split('|').length, 7, line);
  }
});

test('terminal table: two lines a finding, 80 columns, problems listed', () => {
  const long = 'x'.repeat(120);
  const text = renderTable(result([finding({}), finding({ name: long })]), { color: false, width: 80 });
  for (const line of text.split('\n')) assert.ok([...line].length <= 80, line);
  assert.match(text, /Models you can self-host \(2\)/);
  assert.match(text, /meta-llama\/Meta-Llama-3-8B-Instruct\s+restricted weights/);
  assert.match(text, /Meta Llama 3 Community License · self-hostable · src\/a\.py:3, src\/b\.py:1 \(\+1\)/);
  assert.match(text, /x+…/);
  assert.match(text, /Problems \(1\)\n  big\.log: 60\.0 MB exceeds the 5 MB limit; skipped/);
});
