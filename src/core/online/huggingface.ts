/**
 * The licence of a Hugging Face model as the Hub states it (GET /api/models/{id}), following `base_model` when the
 * card states none. Pure over the HttpClient: no network of its own, no VS Code.
 *
 * Decisions:
 * - `cardData.license` as an array keeps the FIRST entry as `license` and names the others in `note`: the Hub does not
 *   say whether several entries are a choice (OR) or cumulative (AND), so no expression is invented.
 * - Same for `base_model` as an array: the first is followed, the others are named in `note`.
 * - A requested model the Hub cannot give (bad id, 404, 401/403, no cardData and no licence tag) is `{ error }`.
 *   Once the requested model was read, a dead end further up (ancestor missing or private, cycle, depth limit, no
 *   base_model) gives `license: 'unknown'` with the reason in `note`, keeping the model's own `gated` and `task`.
 * - An inherited licence carries `inheritedFrom` (nearest first, ending at the ancestor that states it) and `from`
 *   is the URL of that ancestor, since that is where the licence fact was read.
 * - The token goes only in the Authorization header to `endpoint`, and is scrubbed from every message.
 */
import type { HttpClient, OnlineLicense } from './types';

export interface HubOptions {
  /** Default https://huggingface.co; the CLI passes HF_ENDPOINT. */
  endpoint?: string;
  /** Sent as `Authorization: Bearer`; never in results or errors. */
  token?: string;
  /** How many `base_model` hops to follow (default 4). */
  maxDepth?: number;
  now?: () => Date;
}

const DEFAULT_ENDPOINT = 'https://huggingface.co';
/** One segment of a repo id: the Hub allows letters, digits, `-`, `_`, `.`; no leading/trailing `-`/`.`, no `--`/`..`. */
const SEGMENT = /^(?![-.])(?!.*(?:--|\.\.))[A-Za-z0-9._-]{1,96}(?<![-.])$/;

/** `org/name` (or a legacy bare `name` such as `gpt2`) with the Hub's allowed characters. */
export function isValidHubId(id: string): boolean {
  const parts = id.split('/');
  return parts.length >= 1 && parts.length <= 2 && parts.every((p) => SEGMENT.test(p));
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);

/** A string or an array of strings as a list (other values dropped). */
function list(v: unknown): string[] {
  if (Array.isArray(v)) return v.map(str).filter((s): s is string => s !== undefined);
  const s = str(v);
  return s === undefined ? [] : [s];
}

/** `license_link` made absolute: http(s) kept, a relative path resolved to the file in the repo, anything else dropped. */
export function resolveLicenseLink(link: string | undefined, endpoint: string, id: string): string | undefined {
  if (link === undefined) return undefined;
  if (/^https?:\/\//i.test(link)) return link;
  if (/^[a-z][a-z0-9+.-]*:/i.test(link) || link.startsWith('//')) return undefined;
  const path = link.replace(/^(\.\/|\/)+/, '');
  if (path === '' || path.split('/').includes('..')) return undefined;
  return `${endpoint}/${id}/blob/main/${path}`;
}

/** A `base_model` value as a repo id: a full Hub URL is reduced to its id. */
function baseModelId(value: string, endpoint: string): string {
  for (const prefix of [`${endpoint}/`, `${DEFAULT_ENDPOINT}/`]) {
    if (value.startsWith(prefix)) return value.slice(prefix.length).replace(/\/+$/, '');
  }
  return value;
}

interface CardLicense {
  license?: string;
  name?: string;
  url?: string;
  notes: string[];
}

/** The licence a model's own metadata states: cardData.license, then `license:` tags; `other` adds name and link. */
export function licenseFromModelInfo(info: Json, endpoint: string, id: string): CardLicense {
  const card = isObject(info['cardData']) ? info['cardData'] : {};
  const notes: string[] = [];
  let licenses = list(card['license']);
  if (licenses.length === 0 && Array.isArray(info['tags'])) {
    licenses = list(info['tags'])
      .filter((t) => t.startsWith('license:'))
      .map((t) => t.slice('license:'.length))
      .filter((t) => t !== '');
  }
  const [license, ...others] = licenses;
  if (license === undefined) return { notes };
  if (others.length > 0) notes.push(`the card also lists: ${others.join(', ')}`);
  if (license.toLowerCase() !== 'other') return { license, notes };
  const name = str(card['license_name']);
  const url = resolveLicenseLink(str(card['license_link']), endpoint, id);
  return { license, ...(name !== undefined ? { name } : {}), ...(url !== undefined ? { url } : {}), notes };
}

function scrub(message: string, token: string | undefined): string {
  return token ? message.split(token).join('***') : message;
}

function failure(status: number | undefined, id: string, token: string | undefined, error: string): string {
  if (status === 404) return `model not found on the Hub: ${id}`;
  if (status === 401 || status === 403) {
    return token
      ? `access to ${id} denied (${status}) even with HF_TOKEN: the repo is private, or the licence was not accepted on the Hub`
      : `access to ${id} denied (${status}): private or gated: accept the licence on the Hub and set HF_TOKEN`;
  }
  return `could not read ${id} from the Hub: ${scrub(error, token)}`;
}

/** The licence of Hub model `id`, following `base_model` when its card states none. */
export async function hubModelLicense(
  client: HttpClient,
  id: string,
  options: HubOptions = {},
): Promise<OnlineLicense | { error: string }> {
  const endpoint = (options.endpoint ?? DEFAULT_ENDPOINT).replace(/\/+$/, '');
  const token = options.token;
  const maxDepth = Math.max(0, options.maxDepth ?? 4);
  const now = options.now ?? (() => new Date());
  if (!isValidHubId(id)) return { error: `not a Hugging Face model id: ${JSON.stringify(id)}` };
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (token) headers['Authorization'] = `Bearer ${token}`;

  const notes: string[] = [];
  const chain: string[] = [];
  const visited = new Set<string>();
  let own: Pick<OnlineLicense, 'gated' | 'task'> = {};
  let ownUrl = '';
  let current = id;

  const unknown = (reason: string): OnlineLicense => ({
    license: 'unknown',
    source: 'huggingface',
    from: ownUrl,
    fetchedAt: now().toISOString(),
    ...own,
    ...(chain.length > 0 ? { inheritedFrom: [...chain] } : {}),
    note: scrub([...notes, reason].join('; '), token),
  });

  for (let depth = 0; ; depth++) {
    visited.add(current.toLowerCase());
    const url = `${endpoint}/api/models/${current}`;
    const response = await client.json(url, { headers });
    if (!response.ok || !isObject(response.json)) {
      const error = response.ok ? `unexpected response for ${current}` : failure(response.status, current, token, response.error);
      if (depth === 0) return { error };
      return unknown(`base model ${error}`);
    }
    const info = response.json;
    if (depth === 0) {
      ownUrl = url;
      const gated = info['gated'];
      own = {
        ...(gated === false || gated === 'auto' || gated === 'manual' ? { gated } : {}),
        ...(str(info['pipeline_tag']) !== undefined ? { task: str(info['pipeline_tag']) } : {}),
      };
    }
    const found = licenseFromModelInfo(info, endpoint, current);
    notes.push(...found.notes.map((n) => (depth === 0 ? n : `${current}: ${n}`)));
    if (found.license !== undefined) {
      const inherited = chain.length > 0;
      if (inherited) notes.unshift(`licence inherited from ${current} through base_model`);
      return {
        license: found.license,
        ...(found.name !== undefined ? { name: found.name } : {}),
        ...(found.url !== undefined ? { url: found.url } : {}),
        source: 'huggingface',
        from: url,
        fetchedAt: now().toISOString(),
        ...own,
        ...(inherited ? { inheritedFrom: [...chain] } : {}),
        ...(notes.length > 0 ? { note: scrub(notes.join('; '), token) } : {}),
      };
    }
    if (!isObject(info['cardData'])) {
      if (depth === 0) return { error: `no model card metadata (cardData) for ${current}: the licence is not stated` };
      return unknown(`${current} has no model card metadata`);
    }
    const [base, ...otherBases] = list(info['cardData']['base_model']).map((b) => baseModelId(b, endpoint));
    if (base === undefined) return unknown(depth === 0 ? 'the model card states no licence and no base_model' : `${current} states no licence and no base_model`);
    if (otherBases.length > 0) notes.push(`${current} also names base models ${otherBases.join(', ')} (not followed)`);
    if (!isValidHubId(base)) return unknown(`base_model of ${current} is not a model id: ${JSON.stringify(base)}`);
    if (visited.has(base.toLowerCase())) return unknown(`base_model cycle cut: ${[id, ...chain, base].join(' → ')}`);
    if (depth + 1 > maxDepth) return unknown(`no licence within ${maxDepth} base_model hops (stopped before ${base})`);
    chain.push(base);
    current = base;
  }
}
