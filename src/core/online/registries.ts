/**
 * Package licences from the registries: npm packuments, PyPI's JSON API and deps.dev (Cargo, Go, Maven, NuGet, npm,
 * PyPI). Pure over the HttpClient; a bad name makes no request.
 *
 * Decisions:
 * - npm: the top-level `license` (hoisted from the latest version), else the latest version's; legacy
 *   `{ type }` and `licenses: [{ type }]` are read too; several legacy entries are joined with ' OR ' (the
 *   convention npm itself documented for `licenses` arrays: dual licensing).
 * - PyPI: `license_expression` (PEP 639), then `license` when it is short (≤ 100 characters, one line) and not
 *   UNKNOWN; a longer `license` is a licence body, so the classifiers decide and the note says "licence text in
 *   metadata". Classifiers are mapped to SPDX only where the classifier names one licence version unambiguously
 *   (`BSD License` and `GPL` without a version are kept as the classifier's own text). Several classifiers: the first
 *   is `license`, the others are in `note` (PyPI does not say whether they are a choice).
 * - deps.dev: `licenses` are separate declared licences (e.g. several in a pom) and are joined with ' AND ', each
 *   compound one parenthesised: the conservative reading, as all may apply. `non-standard` entries are dropped from the
 *   expression and named in `note`; when all are non-standard the licence is `non-standard`.
 */
import type { HttpClient, JsonResponse, OnlineLicense } from './types';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
const stamp = (now?: () => Date): string => (now ?? (() => new Date()))().toISOString();

function failed(response: JsonResponse & { ok: false }, what: string): { error: string } {
  if (response.status === 404) return { error: `${what} not found` };
  return { error: `could not read ${what}: ${response.error}` };
}

// ---------------------------------------------------------------- npm

const NPM_NAME = /^(?:@[a-z0-9][a-z0-9._~-]*\/)?[a-z0-9~][a-z0-9._~-]*$/i;

export function isValidNpmName(name: string): boolean {
  return name.length <= 214 && NPM_NAME.test(name);
}

/** The licence a packument (or a version document) declares: `license` string, `{ type }`, or `licenses: [{ type }]`. */
export function npmDeclaredLicense(doc: Json): string | undefined {
  const license = doc['license'];
  if (str(license) !== undefined) return str(license);
  if (isObject(license) && str(license['type']) !== undefined) return str(license['type']);
  const legacy = doc['licenses'];
  if (Array.isArray(legacy)) {
    const types = legacy.map((l) => (isObject(l) ? str(l['type']) : str(l))).filter((t): t is string => t !== undefined);
    if (types.length === 1) return types[0];
    if (types.length > 1) return types.map((t) => (/\s/.test(t) ? `(${t})` : t)).join(' OR ');
  }
  return undefined;
}

export async function npmLicense(
  client: HttpClient,
  name: string,
  options: { registry?: string; now?: () => Date } = {},
): Promise<OnlineLicense | { error: string }> {
  if (!isValidNpmName(name)) return { error: `not an npm package name: ${JSON.stringify(name)}` };
  const registry = (options.registry ?? 'https://registry.npmjs.org').replace(/\/+$/, '');
  const url = `${registry}/${name.replace('/', '%2F')}`;
  // The full packument: the abbreviated one (application/vnd.npm.install-v1+json) carries no licence.
  const response = await client.json(url, { headers: { Accept: 'application/json' } });
  if (!response.ok) return failed(response, `npm package ${name}`);
  if (!isObject(response.json)) return { error: `unexpected packument for ${name}` };
  const doc = response.json;
  let license = npmDeclaredLicense(doc);
  let note: string | undefined;
  if (license === undefined) {
    const latest = isObject(doc['dist-tags']) ? str(doc['dist-tags']['latest']) : undefined;
    const versions = isObject(doc['versions']) ? doc['versions'] : {};
    const version = latest !== undefined ? versions[latest] : undefined;
    if (isObject(version)) license = npmDeclaredLicense(version);
    if (license !== undefined) note = `from version ${latest}`;
  }
  if (license === undefined) return { error: `npm package ${name} declares no licence` };
  return { license, source: 'npm', from: url, fetchedAt: stamp(options.now), ...(note ? { note } : {}) };
}

// ---------------------------------------------------------------- PyPI

const PYPI_NAME = /^(?:[A-Z0-9]|[A-Z0-9][A-Z0-9._-]*[A-Z0-9])$/i;

export function isValidPypiName(name: string): boolean {
  return name.length <= 200 && PYPI_NAME.test(name);
}

/** Classifier text after `License :: OSI Approved :: ` (or `License :: `) → SPDX id, only where unambiguous. */
const CLASSIFIER_SPDX: Record<string, string> = {
  'MIT License': 'MIT',
  'MIT No Attribution License (MIT-0)': 'MIT-0',
  'Apache Software License': 'Apache-2.0',
  'ISC License (ISCL)': 'ISC',
  'Mozilla Public License 2.0 (MPL 2.0)': 'MPL-2.0',
  'GNU General Public License v2 (GPLv2)': 'GPL-2.0-only',
  'GNU General Public License v2 or later (GPLv2+)': 'GPL-2.0-or-later',
  'GNU General Public License v3 (GPLv3)': 'GPL-3.0-only',
  'GNU General Public License v3 or later (GPLv3+)': 'GPL-3.0-or-later',
  'GNU Lesser General Public License v2 (LGPLv2)': 'LGPL-2.0-only',
  'GNU Lesser General Public License v2 or later (LGPLv2+)': 'LGPL-2.0-or-later',
  'GNU Lesser General Public License v3 (LGPLv3)': 'LGPL-3.0-only',
  'GNU Lesser General Public License v3 or later (LGPLv3+)': 'LGPL-3.0-or-later',
  'GNU Affero General Public License v3': 'AGPL-3.0-only',
  'GNU Affero General Public License v3 or later (AGPLv3+)': 'AGPL-3.0-or-later',
  'Python Software Foundation License': 'PSF-2.0',
  'The Unlicense (Unlicense)': 'Unlicense',
  'Boost Software License 1.0 (BSL-1.0)': 'BSL-1.0',
  'Eclipse Public License 2.0 (EPL-2.0)': 'EPL-2.0',
  'Universal Permissive License (UPL)': 'UPL-1.0',
  'Zero-Clause BSD (0BSD)': '0BSD',
  'CC0 1.0 Universal (CC0 1.0) Public Domain Dedication': 'CC0-1.0',
};

/** A `License ::` classifier as SPDX id where unambiguous, else its own text (without the `License ::` prefix). */
export function classifierLicense(classifier: string): string {
  const text = classifier.replace(/^License\s*::\s*/, '').trim();
  const leaf = text.replace(/^(?:OSI Approved|CC0 1\.0 Universal \(CC0 1\.0\))\s*::\s*/, '').trim();
  return CLASSIFIER_SPDX[leaf] ?? CLASSIFIER_SPDX[text] ?? text;
}

export async function pypiLicense(
  client: HttpClient,
  name: string,
  options: { index?: string; now?: () => Date } = {},
): Promise<OnlineLicense | { error: string }> {
  if (!isValidPypiName(name)) return { error: `not a PyPI project name: ${JSON.stringify(name)}` };
  const index = (options.index ?? 'https://pypi.org').replace(/\/+$/, '');
  const url = `${index}/pypi/${name.toLowerCase().replace(/[-_.]+/g, '-')}/json`;
  const response = await client.json(url, { headers: { Accept: 'application/json' } });
  if (!response.ok) return failed(response, `PyPI project ${name}`);
  const info = isObject(response.json) && isObject(response.json['info']) ? response.json['info'] : undefined;
  if (!info) return { error: `unexpected PyPI response for ${name}` };
  const base = { source: 'pypi', from: url, fetchedAt: stamp(options.now) };

  const expression = str(info['license_expression']);
  if (expression !== undefined) return { license: expression, ...base };

  const notes: string[] = [];
  const text = str(info['license']);
  if (text !== undefined && !/^unknown$/i.test(text)) {
    if (text.length <= 100 && !/[\r\n]/.test(text)) return { license: text, ...base };
    notes.push('licence text in metadata');
  }
  const classifiers = (Array.isArray(info['classifiers']) ? info['classifiers'] : [])
    .map(str)
    .filter((c): c is string => c !== undefined && /^License\s*::/.test(c))
    .map(classifierLicense);
  const [first, ...others] = classifiers;
  if (first !== undefined) {
    if (others.length > 0) notes.push(`also classified: ${others.join(', ')}`);
    return { license: first, ...base, ...(notes.length > 0 ? { note: notes.join('; ') } : {}) };
  }
  if (notes.length > 0) return { license: 'licence text in metadata', ...base, note: 'the project gives a licence text but no identifier' };
  return { error: `PyPI project ${name} declares no licence` };
}

// ---------------------------------------------------------------- deps.dev

export type DepsDevSystem = 'CARGO' | 'GO' | 'MAVEN' | 'NUGET' | 'NPM' | 'PYPI';
const SYSTEMS: readonly DepsDevSystem[] = ['CARGO', 'GO', 'MAVEN', 'NUGET', 'NPM', 'PYPI'];

/** Package names as deps.dev takes them (Maven `group:artifact`, Go module paths, scoped npm…): printable, no spaces. */
const DEPS_NAME = /^[A-Za-z0-9@][A-Za-z0-9@._~:/+-]{0,299}$/;
const VERSION = /^[A-Za-z0-9+._~-]{1,100}$/;

export function depsDevExpression(licenses: string[]): { license: string; note?: string } {
  const standard = licenses.filter((l) => l !== 'non-standard');
  const nonStandard = licenses.length - standard.length;
  const note = nonStandard > 0 ? `${nonStandard} declared licence(s) deps.dev could not map to SPDX (non-standard)` : undefined;
  if (standard.length === 0) return { license: 'non-standard', ...(note ? { note } : {}) };
  const unique = [...new Set(standard)];
  const license = unique.length === 1 ? (unique[0] as string) : unique.map((l) => (/\s/.test(l) ? `(${l})` : l)).join(' AND ');
  return { license, ...(note ? { note } : {}) };
}

export async function depsDevLicense(
  client: HttpClient,
  system: DepsDevSystem,
  name: string,
  version?: string,
  options: { endpoint?: string; now?: () => Date } = {},
): Promise<OnlineLicense | { error: string }> {
  if (!SYSTEMS.includes(system)) return { error: `not a deps.dev system: ${JSON.stringify(system)}` };
  if (!DEPS_NAME.test(name) || name.includes('..')) return { error: `not a package name: ${JSON.stringify(name)}` };
  if (version !== undefined && !VERSION.test(version)) return { error: `not a version: ${JSON.stringify(version)}` };
  const endpoint = (options.endpoint ?? 'https://api.deps.dev').replace(/\/+$/, '');
  const packageUrl = `${endpoint}/v3/systems/${system.toLowerCase()}/packages/${encodeURIComponent(name)}`;
  const what = `${system} package ${name}`;

  let resolved = version;
  if (resolved === undefined) {
    const pkg = await client.json(packageUrl);
    if (!pkg.ok) return failed(pkg, what);
    const versions = isObject(pkg.json) && Array.isArray(pkg.json['versions']) ? pkg.json['versions'].filter(isObject) : [];
    const chosen = versions.find((v) => v['isDefault'] === true) ?? versions[versions.length - 1];
    const key = chosen && isObject(chosen['versionKey']) ? chosen['versionKey'] : undefined;
    resolved = key ? str(key['version']) : undefined;
    if (resolved === undefined) return { error: `deps.dev lists no version of ${what}` };
  }
  const url = `${packageUrl}/versions/${encodeURIComponent(resolved)}`;
  const response = await client.json(url);
  if (!response.ok) return failed(response, `${what} ${resolved}`);
  const licenses = isObject(response.json) && Array.isArray(response.json['licenses']) ? response.json['licenses'].map(str) : [];
  const declared = licenses.filter((l): l is string => l !== undefined);
  if (declared.length === 0) return { error: `${what} ${resolved}: deps.dev knows no licence` };
  const { license, note } = depsDevExpression(declared);
  const notes = [version === undefined ? `default version ${resolved}` : undefined, note].filter(Boolean);
  return {
    license,
    source: 'deps.dev',
    from: url,
    fetchedAt: stamp(options.now),
    ...(notes.length > 0 ? { note: notes.join('; ') } : {}),
  };
}
