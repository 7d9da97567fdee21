import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { PolicyResult } from '../../src/core/policy/types';
import { renderMarkdown } from '../../src/core/report/markdown';
import type { Finding, ScanResult } from '../../src/core/types';

const hostile = '<img src=x onerror=alert(1)>|`x`*y*[z](javascript:alert(1))';

const model: Finding = {
  kind: 'model',
  name: hostile,
  id: 'acme/evil',
  locations: [{ path: 'src/a|b.py', line: 3, column: 10 }],
  license: { id: 'CC-BY-NC-4.0', name: 'Creative Commons Attribution Non Commercial 4.0', url: 'https://spdx.org/licenses/CC-BY-NC-4.0.html' },
  access: 'self-hostable',
  openness: { level: 'restricted-weights', osaid: 'no', reasons: [] },
  source: 'catalog',
};

const result: ScanResult = {
  root: '/ws',
  findings: [model],
  errors: [],
  summary: { filesScanned: 1, bytesScanned: 1, findings: 1, models: 1, packages: 0, byAccess: {}, byLevel: {}, errors: 0, durationMs: 1 },
};

const policy: PolicyResult = {
  policy: { file: '.ai-openness.yaml', forbidNonCommercial: { severity: 'error' }, exceptions: [] },
  problems: [{ file: '.ai-openness.yaml', line: 4, column: 2, message: 'Unknown key <script>', severity: 'warning' }],
  violations: [
    {
      rule: 'non-commercial',
      severity: 'error',
      message: `${hostile} is under a non-commercial licence`,
      finding: model,
      locations: model.locations,
      helpUri: 'https://spdx.org/licenses/CC-BY-NC-4.0.html',
    },
  ],
  excepted: [{ rule: 'not-osi-approved', finding: model, location: { path: 'test/x.py', line: 1, column: 1 }, reason: 'Tests only <b>ok</b>' }],
};

test('markdown: the Policy section lists status, violations, exceptions and problems; hostile text stays text', () => {
  const md = renderMarkdown(result, policy);
  assert.match(md, /## Policy\n\nPolicy file: `\.ai-openness\.yaml`; status: \*\*1 violation\*\*\./);
  const row = md.split('\n').find((l) => l.startsWith('| non-commercial |'));
  assert.ok(row, md);
  assert.match(row, /^\| non-commercial \| error \| /);
  assert.match(row, /`src\/a\\\|b\.py:3:10`/);
  assert.match(row, /\]\(https:\/\/spdx\.org\/licenses\/CC-BY-NC-4\.0\.html\) \|$/);
  // Six cells: no unescaped | from the name, the path or the message.
  assert.equal(row.replace(/\\\|/g, '').split('|').length, 7, row);
  assert.doesNotMatch(md, /<img|<script>|<b>/);
  assert.match(md, /&lt;img src=x onerror=alert\(1\)&gt;/);
  assert.match(md, /### Exceptions\n\n- not-osi-approved: .* at `test\/x\.py:1:1`, excepted: Tests only &lt;b&gt;ok&lt;\/b&gt;/);
  assert.match(md, /### Policy problems\n\n- warning: `\.ai-openness\.yaml:4:2` Unknown key &lt;script&gt;/);
  // The section sits before the tables.
  assert.ok(md.indexOf('## Policy') < md.indexOf('## Models'));
});

test('markdown: clean policy, unusable policy, and no policy at all', () => {
  assert.match(renderMarkdown(result, { ...policy, violations: [], excepted: [], problems: [] }), /status: clean \(no violations\)\./);
  const broken = renderMarkdown(result, {
    problems: [{ file: '.ai-openness.json', line: 1, column: 1, message: 'Unexpected token', severity: 'error' }],
    violations: [],
    excepted: [],
  });
  assert.match(broken, /Policy file: `\.ai-openness\.json`; status: not applied \(1 error in the policy file\)\./);
  assert.doesNotMatch(renderMarkdown(result), /## Policy/);
  // Still usable as a map callback: the index is not taken for a policy.
  assert.deepEqual([result, result].map(renderMarkdown), [renderMarkdown(result), renderMarkdown(result)]);
});
