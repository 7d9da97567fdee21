/**
 * Browser code of the Framework view (bundled to dist/webview/framework.js). The framework text is Markdown from the
 * extension: rendered with marked, then sanitised with DOMPurify. The workspace's evidence is data and is only ever
 * inserted with DOM APIs and textContent — never as HTML — at each `<!-- evidence:PART -->` marker.
 */
import DOMPurify from 'dompurify';
import type { FrameworkEvidence, ModelEvidence, PackageEvidence, PolicyFileEvidence } from '../core/framework';
import { isSafeLink, type HostMessage, type UpdateMessage, type WebviewMessage } from './protocol';
import { commandButton, el, link, list } from './dom';

interface State {
  last?: UpdateMessage;
  scrollY?: number;
}

declare function acquireVsCodeApi(): {
  postMessage(message: WebviewMessage): void;
  getState(): State | undefined;
  setState(state: State): void;
};

const vscode = acquireVsCodeApi();
let state: State = vscode.getState() ?? {};
const post = (m: WebviewMessage) => vscode.postMessage(m);

// Links in the framework text: https only; everything else loses its href.
DOMPurify.addHook('afterSanitizeAttributes', (node) => {
  if (node.tagName === 'A') {
    if (!isSafeLink(node.getAttribute('href'))) node.removeAttribute('href');
    node.removeAttribute('target');
  }
});

const MARKER = /<!--\s*evidence:([a-z]+)\s*-->/;

/** Markdown → HTML, set once marked has loaded (see the end of this file). */
let toHtml: (md: string) => string = (md) => md;

function markdown(md: string): DocumentFragment {
  const html = toHtml(md);
  return DOMPurify.sanitize(html, {
    RETURN_DOM_FRAGMENT: true,
    FORBID_TAGS: ['style', 'img', 'svg', 'math', 'form', 'input', 'button', 'iframe'],
    FORBID_ATTR: ['style', 'class', 'id'],
  });
}

function kv(label: string, ...value: (Node | string)[]): HTMLElement {
  return el('div', { class: 'kv' }, el('span', { class: 'k', text: `${label}: ` }), el('span', { class: 'v' }, ...value));
}

function licenseLink(l: { id: string; name: string; url: string }): Node {
  return l.url ? link(l.url, l.name) : document.createTextNode(l.name);
}

function places(e: FrameworkEvidence, item: { locations: number; where: string[] }): HTMLElement {
  const rest = item.locations - item.where.length;
  return kv(
    e.labels.locations,
    `${item.locations} — `,
    ...item.where.flatMap((w, i) => [...(i ? [', '] : []), el('code', { class: 'where', text: w })]),
    ...(rest > 0 ? [` (+${rest} ${e.labels.more})`] : []),
  );
}

function modelItem(e: FrameworkEvidence, m: ModelEvidence, extra: Node[] = []): HTMLElement {
  return el(
    'li',
    { class: 'item' },
    el('div', { class: 'head' }, el('strong', { text: m.name }), ' ', el('span', { class: `badge level-${m.level}`, text: m.levelLabel })),
    kv(e.labels.license, licenseLink(m.license), ` (${m.license.id})`),
    ...(m.access === 'self-hostable' ? [kv(e.labels.selfHostable, e.labels.yes)] : []),
    kv(e.labels.writtenAs, ...m.writtenAs.flatMap((w, i) => [...(i ? [', '] : []), el('code', { text: w })])),
    places(e, m),
    ...extra,
    el('div', { class: 'actions' }, commandButton(e.labels.showInFindings, 'aiOpenness.showInView', [m.id], post), ' ', link(m.source, e.labels.source)),
  );
}

function packageItem(e: FrameworkEvidence, p: PackageEvidence): HTMLElement {
  return el(
    'li',
    { class: 'item' },
    el('div', { class: 'head' }, el('code', { text: p.name }), ` (${p.ecosystem}) — `, licenseLink(p.license), ' · ', link(p.source, e.labels.source)),
    places(e, p),
  );
}

function accessPart(e: FrameworkEvidence): Node[] {
  const out: Node[] = [];
  if (!e.access.models.length) out.push(el('p', { class: 'none', text: e.labels.noSelfHostable }));
  else out.push(list(e.access.models.map((m) => modelItem(e, m))));
  if (e.access.runtimes.length) out.push(el('h4', { text: e.labels.runtimes }), list(e.access.runtimes.map((p) => packageItem(e, p))));
  return out;
}

function lockinPart(e: FrameworkEvidence): Node[] {
  if (!e.lockin.providers.length) return [el('p', { class: 'none', text: e.labels.noProviders })];
  return e.lockin.providers.map((p) => {
    const models = p.models.map((m) =>
      modelItem(e, m, [
        el('div', { class: 'alternatives' }, el('span', { class: 'k', text: `${e.labels.alternatives}:` })),
        m.alternatives.length
          ? list(
              m.alternatives.map((a) =>
                el('li', {}, link(a.source, a.name), ' — ', licenseLink(a.license), ' ', el('span', { class: 'badge', text: a.levelLabel })),
              ),
              'alt-list',
            )
          : el('p', { class: 'none', text: e.labels.noAlternatives }),
      ]),
    );
    return el(
      'div',
      { class: 'provider' },
      el('h4', { text: p.provider }),
      ...(models.length ? [el('h5', { text: e.labels.apiModels }), list(models)] : []),
      ...(p.packages.length ? [el('h5', { text: e.labels.apiPackages }), list(p.packages.map((x) => packageItem(e, x)))] : []),
    );
  });
}

function counts(title: string, rows: { key: string; label: string; count: number }[], source?: string): HTMLElement {
  return el(
    'div',
    { class: 'counts' },
    el('h4', {}, title, ...(source ? [' ', link(source, '↗', title)] : [])),
    el('table', {}, el('tbody', {}, ...rows.map((r) => el('tr', { 'data-key': r.key }, el('th', { scope: 'row', text: r.label }), el('td', { text: String(r.count) }))))),
  );
}

function implicationsPart(e: FrameworkEvidence): Node[] {
  const out: Node[] = [];
  if (!e.implications.restrictions.length) out.push(el('p', { class: 'none', text: e.labels.noRestrictions }));
  for (const r of e.implications.restrictions) {
    out.push(
      el(
        'div',
        { class: 'restriction' },
        el('h4', {}, licenseLink(r.license)),
        kv(e.labels.appliesTo, r.models.join(', ')),
        list(
          r.rules.map((rule) =>
            el(
              'li',
              { class: `rule rule-${rule.kind}` },
              link(rule.url, rule.label),
              ...(rule.detail ? [el('div', { class: 'detail', text: rule.detail })] : []),
            ),
          ),
          'rules',
        ),
        el('details', {}, el('summary', { text: e.labels.clauses }), list(r.clauses.map((c) => el('li', { text: c })))),
        el('div', { class: 'actions' }, link(r.source, e.labels.source)),
      ),
    );
  }
  out.push(counts(e.labels.osaid, e.implications.osaid, e.implications.osaidSource), counts(e.labels.levels, e.implications.levels));
  return out;
}

function balancePart(e: FrameworkEvidence): Node[] {
  const b = e.balance;
  const rows = [
    { key: 'models', label: e.labels.models, count: b.models },
    { key: 'only-on-others', label: e.labels.onlyOnOthers, count: b.onlyOnOthers },
    { key: 'via-provider', label: e.labels.viaProvider, count: b.viaProvider },
    { key: 'yours', label: e.labels.yours, count: b.yours },
    { key: 'api-packages', label: e.labels.apiPackages, count: b.apiPackages },
    { key: 'providers', label: e.labels.providers, count: b.providers.length },
  ];
  return [
    el('p', { class: 'answer', text: b.answer }),
    counts(e.labels.inWorkspace, rows),
    ...(b.providers.length ? [kv(e.labels.providers, b.providers.join(', '))] : []),
    el('p', { class: 'note', text: e.labels.distinctModels }),
  ];
}

const PARTS: Record<string, (e: FrameworkEvidence) => Node[]> = {
  access: accessPart,
  lockin: lockinPart,
  implications: implicationsPart,
  balance: balancePart,
};

function evidence(part: string, e: FrameworkEvidence): Node {
  const build = PARTS[part];
  if (!build) return document.createTextNode('');
  const body = e.scanned
    ? build(e)
    : [el('p', { class: 'none', text: e.labels.notScanned }), commandButton(e.labels.scanNow, 'aiOpenness.scanWorkspace', undefined, post)];
  return el('section', { class: `evidence evidence-${part}`, 'data-part': part }, el('h3', { text: e.labels.inWorkspace }), ...body);
}

/** The policy block (one entry per folder with a policy file), above the framework text; absent without a policy. */
function policyBlock(e: FrameworkEvidence): Node[] {
  if (!e.policy?.length) return []; // absent in a state saved by an older version
  const rule = (r: { key: string; label: string; count: number }) =>
    el('tr', { 'data-key': r.key }, el('th', { scope: 'row' }, r.label, ' ', el('code', { text: r.key })), el('td', { text: String(r.count) }));
  const entry = (p: PolicyFileEvidence): HTMLElement => {
    const open = el('button', { type: 'button', class: 'command', text: e.labels.openPolicy });
    open.addEventListener('click', () => post({ type: 'openPolicy', path: p.path }));
    const status =
      p.status === 'invalid'
        ? el('p', { class: 'policy-status invalid', text: e.labels.policyInvalid })
        : p.status === 'ok'
          ? el('p', { class: 'policy-status ok', text: e.labels.policyOk })
          : kv(e.labels.policyViolations, el('strong', { class: 'policy-count', text: String(p.violations) }));
    return el(
      'div',
      { class: `policy-file policy-${p.status}`, 'data-status': p.status },
      kv(e.labels.policyFile, el('code', { text: p.file })),
      status,
      ...(p.byRule.length ? [el('div', { class: 'counts' }, el('table', {}, el('tbody', {}, ...p.byRule.map(rule))))] : []),
      ...(p.excepted ? [kv(e.labels.policyExcepted, String(p.excepted))] : []),
      ...(p.problems && p.status !== 'invalid' ? [kv(e.labels.policyProblems, String(p.problems))] : []),
      el('div', { class: 'actions' }, open, ' ', commandButton(e.labels.showProblems, 'workbench.actions.view.problems', undefined, post)),
    );
  };
  return [el('section', { class: 'policy', 'aria-label': e.labels.policy }, el('h3', { text: e.labels.policy }), ...e.policy.map(entry))];
}

function render(message: UpdateMessage): void {
  document.documentElement.lang = message.lang;
  const root = document.getElementById('root');
  if (!root) return;
  const out = document.createDocumentFragment();
  out.append(...policyBlock(message.evidence));
  // split() with a capture group alternates text and marker names: [text, part, text, part, text].
  message.markdown.split(new RegExp(MARKER.source, 'g')).forEach((piece, i) => {
    out.append(i % 2 === 0 ? markdown(piece) : evidence(piece, message.evidence));
  });
  root.replaceChildren(out);
  root.setAttribute('aria-busy', 'false');
}

// Links anywhere in the view (framework text or evidence) open through the host, which allows https only. Stopping
// the event here, at the document, keeps it from VS Code's own link handler on the window (which would open it again).
for (const type of ['click', 'auxclick'] as const) {
  document.addEventListener(type, (event) => {
    const a = (event.target as Element | null)?.closest?.('a');
    if (!a) return;
    event.preventDefault();
    event.stopPropagation();
    const href = a.getAttribute('href');
    if (isSafeLink(href)) post({ type: 'openLink', url: href });
  });
}

let scrollTimer: ReturnType<typeof setTimeout> | undefined;
window.addEventListener('scroll', () => {
  clearTimeout(scrollTimer);
  scrollTimer = setTimeout(() => vscode.setState((state = { ...state, scrollY: window.scrollY })), 150);
});

function start(): void {
  window.addEventListener('message', (event: MessageEvent<HostMessage>) => {
    const message = event.data;
    if (message?.type !== 'update') return;
    const y = window.scrollY;
    render(message);
    window.scrollTo(0, y);
    vscode.setState((state = { ...state, last: message }));
  });
  // Show the last content at once when the view is re-created, then ask the host for fresh data.
  if (state.last) {
    render(state.last);
    window.scrollTo(0, state.scrollY ?? 0);
  }
  post({ type: 'ready' });
}

// marked is an ES module only, and tsconfig checks this file as CommonJS, where only a dynamic import may load one.
// esbuild still inlines it into the bundle: nothing is fetched at run time.
void import('marked').then(({ marked }) => {
  toHtml = (md) => marked.parse(md, { async: false, gfm: true }) as string;
  start();
});
