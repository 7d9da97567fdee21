/**
 * The licence of a local Ollama model (POST /api/show). Talks only to `host` — loopback by default, or the one the
 * user configured — and never to any address taken from a response.
 *
 * Decisions:
 * - The licence text is matched against known licence headings; the one that occurs EARLIEST wins (a model may carry
 *   several texts, e.g. a licence followed by its acceptable-use policy), the others are named in `note`.
 * - No known heading: `license` is 'see licence text' and `note` quotes the first non-empty line.
 * - No licence text at all: `license` is 'unknown'.
 * - `modelfileFrom` is the Modelfile's FROM unless it is a local blob path (which says nothing about the model).
 */
import type { HttpClient, OnlineLicense } from './types';

export type OllamaLicense = OnlineLicense & { modelfileFrom?: string; family?: string };

/** Headings (case-insensitive) → licence id, using Hugging Face ids for model licences and SPDX ids otherwise. */
const KNOWN: ReadonlyArray<[RegExp, string]> = [
  [/LLAMA 4 COMMUNITY LICENSE/i, 'llama4'],
  [/LLAMA 3\.3 COMMUNITY LICENSE/i, 'llama3.3'],
  [/LLAMA 3\.2 COMMUNITY LICENSE/i, 'llama3.2'],
  [/LLAMA 3\.1 COMMUNITY LICENSE/i, 'llama3.1'],
  [/LLAMA 3 COMMUNITY LICENSE/i, 'llama3'],
  [/LLAMA 2 COMMUNITY LICENSE/i, 'llama2'],
  [/Gemma Terms of Use/i, 'gemma'],
  [/Apache License,?\s+Version 2\.0/i, 'Apache-2.0'],
  [/\bMIT License\b/i, 'MIT'],
  [/Permission is hereby granted, free of charge/i, 'MIT'],
  [/Qwen RESEARCH LICENSE AGREEMENT/i, 'qwen-research'],
  [/Tongyi Qianwen LICENSE AGREEMENT/i, 'tongyi-qianwen'],
  [/Qwen LICENSE AGREEMENT/i, 'qwen'],
  [/DEEPSEEK LICENSE AGREEMENT/i, 'deepseek'],
  [/Mistral AI Research License/i, 'mrl'],
  [/Mistral AI Non-Production License/i, 'mnpl'],
  [/Attribution-NonCommercial 4\.0 International/i, 'CC-BY-NC-4.0'],
  [/Attribution-ShareAlike 4\.0 International/i, 'CC-BY-SA-4.0'],
  [/Attribution 4\.0 International/i, 'CC-BY-4.0'],
  [/CreativeML Open RAIL-M/i, 'creativeml-openrail-m'],
  [/BigScience RAIL License v1\.0/i, 'bigscience-bloom-rail-1.0'],
  [/GNU GENERAL PUBLIC LICENSE\s+Version 3/i, 'GPL-3.0'],
];

/** The licence ids whose headings occur in `text`, earliest first. */
export function detectLicenses(text: string): string[] {
  const hits: Array<[number, string]> = [];
  for (const [pattern, id] of KNOWN) {
    const m = pattern.exec(text);
    if (m && !hits.some(([, seen]) => seen === id)) hits.push([m.index, id]);
  }
  return hits.sort((a, b) => a[0] - b[0]).map(([, id]) => id);
}

/** The model a Modelfile starts FROM, or undefined (also for a local blob path). */
export function modelfileFrom(modelfile: string): string | undefined {
  for (const line of modelfile.split(/\r?\n/)) {
    const m = /^\s*FROM\s+(\S+)/i.exec(line);
    if (!m) continue;
    const from = m[1] as string;
    return /(^[/~.]|^[A-Za-z]:[\\/]|sha256[-:])/.test(from) ? undefined : from;
  }
  return undefined;
}

const MODEL = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,199}(?::[A-Za-z0-9][A-Za-z0-9._-]{0,127})?$/;

export function isValidOllamaModel(model: string): boolean {
  return MODEL.test(model) && !model.includes('..') && !model.includes('//');
}

/** `host` as an origin (scheme://host:port), or undefined when it is not a plain http(s) origin. */
export function ollamaOrigin(host: string): string | undefined {
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(host) ? host : `http://${host}`);
  } catch {
    return undefined;
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.username || url.password) return undefined;
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) return undefined;
  return url.origin;
}

export async function ollamaShow(
  client: HttpClient,
  model: string,
  options: { host?: string; now?: () => Date } = {},
): Promise<OllamaLicense | { error: string }> {
  if (!isValidOllamaModel(model)) return { error: `not an Ollama model name: ${JSON.stringify(model)}` };
  const origin = ollamaOrigin(options.host ?? 'http://127.0.0.1:11434');
  if (origin === undefined) return { error: `not an Ollama host (expected http://host:port): ${JSON.stringify(options.host)}` };
  const url = `${origin}/api/show`;
  const response = await client.json(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ model }),
  });
  if (!response.ok) {
    if (response.status === 404) return { error: `Ollama has no model ${model} (ollama pull ${model})` };
    return { error: `could not ask Ollama at ${origin} about ${model}: ${response.error}` };
  }
  const body = response.json;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { error: `unexpected Ollama response for ${model}` };
  const show = body as Record<string, unknown>;
  const rawLicense = show['license'];
  // Some versions give several licence texts as an array.
  const text = (Array.isArray(rawLicense) ? rawLicense.filter((l) => typeof l === 'string').join('\n\n') : typeof rawLicense === 'string' ? rawLicense : '').trim();
  const from = typeof show['modelfile'] === 'string' ? modelfileFrom(show['modelfile']) : undefined;
  const details = show['details'];
  const family = typeof details === 'object' && details !== null && typeof (details as Record<string, unknown>)['family'] === 'string'
    ? ((details as Record<string, unknown>)['family'] as string)
    : undefined;

  let license: string;
  let note: string | undefined;
  const found = detectLicenses(text);
  if (text === '') {
    license = 'unknown';
    note = 'Ollama reports no licence text for this model';
  } else if (found.length > 0) {
    license = found[0] as string;
    if (found.length > 1) note = `the licence text also contains: ${found.slice(1).join(', ')}`;
  } else {
    license = 'see licence text';
    const first = text.split(/\r?\n/).map((l) => l.trim()).find((l) => l !== '') ?? '';
    note = `first line: ${first.length > 120 ? `${first.slice(0, 117)}...` : first}`;
  }
  return {
    license,
    source: 'ollama',
    from: url,
    fetchedAt: (options.now ?? (() => new Date()))().toISOString(),
    ...(note !== undefined ? { note } : {}),
    ...(from !== undefined ? { modelfileFrom: from } : {}),
    ...(family !== undefined ? { family } : {}),
  };
}
