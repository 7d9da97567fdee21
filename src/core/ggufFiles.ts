/**
 * Local GGUF model files as findings. The walk yields `*.gguf` files apart (walk.ts, `weights: 'gguf'`); the scan reads
 * only their header (online/gguf.ts: the metadata, before the tensor data, growing up to a cap) and makes one model
 * mention at line 1, column 1, named by the file's base name and matched to the catalog by that name (matcher.ts strips
 * shard and quantisation suffixes). The header's licence (`general.license`, `.name`, `.link`) goes with it:
 * - a catalog model: the catalog finding stands, with the header's licence beside it as `online` (source `gguf`) and
 *   whether it agrees with the catalog — a disagreement is shown, never resolved;
 * - a file the catalog does not know: a discovered, self-hostable finding graded from the header's licence, or of
 *   unknown licence when the header states none.
 */
import type { Engine } from './engine';
import { describeIoError, type FileSystem } from './fs';
import type { ModelMatcher } from './matcher';
import type { Mention } from './mentions';
import { gradeDiscovered } from './online/enrich';
import { ggufLicenseOf, readGgufHeader } from './online/gguf';
import { agreesWithCatalog } from './online/resolver';
import type { OnlineLicense } from './online/types';
import type { Finding, Location } from './types';

/** What a GGUF file's header says, carried by its mention. */
export interface GgufFileInfo {
  /** The licence the header states (source `gguf`, `from`: the file's path relative to the scan root). */
  license?: OnlineLicense;
  /** `general.name`, when the header gives it. */
  name?: string;
  /** `general.basename`, when the header gives it. */
  basename?: string;
}

/** Bytes of the head read at most per file (online/gguf.ts' cap): the scan's in-flight weight of one header read. */
export const GGUF_HEAD_CAP = 16 * 1024 * 1024;

export type GgufRead = { mention: Mention; bytesRead: number } | { error: string; bytesRead: number };

/** Reads the header of the GGUF file at `abs` (`rel`: relative to the scan root): its mention, or the problem. */
export async function ggufMention(fs: FileSystem, matcher: ModelMatcher, abs: string, rel: string): Promise<GgufRead> {
  const h = await readGgufHeader(fs, abs, { maxBytes: GGUF_HEAD_CAP });
  if ('error' in h) {
    const why = h.cause !== undefined ? describeIoError(h.cause) : `GGUF header cannot be read: ${h.error}; skipped`;
    return { error: why, bytesRead: h.bytesRead };
  }
  const name = rel.slice(rel.lastIndexOf('/') + 1);
  const license = ggufLicenseOf(h.keys, rel, new Date().toISOString());
  const gguf: GgufFileInfo = {
    ...(license ? { license } : {}),
    ...(h.keys['general.name'] !== undefined ? { name: h.keys['general.name'] } : {}),
    ...(h.keys['general.basename'] !== undefined ? { basename: h.keys['general.basename'] } : {}),
  };
  const modelId = matcher.matchToken(name)?.id;
  const location: Location = { path: rel, line: 1, column: 1 };
  return { mention: { kind: 'model', name, ...(modelId ? { modelId } : {}), location, gguf }, bytesRead: h.bytesRead };
}

const NO_LICENCE = 'states no licence (no general.license, general.license.name or general.license.link)';

/** The headers' licences, one per distinct licence, in the order met. */
function distinctLicenses(files: readonly GgufFileInfo[]): OnlineLicense[] {
  const seen = new Map<string, OnlineLicense>();
  for (const f of files) {
    const key = f.license && `${f.license.license}\u0000${f.license.name ?? ''}`;
    if (key && !seen.has(key)) seen.set(key, f.license!);
  }
  return [...seen.values()];
}

const shown = (l: OnlineLicense) => (l.name && l.name !== l.license ? `${l.license} (${l.name})` : l.license);

/** Reasons that are the same for catalog and discovered files: copies that disagree, headers without a licence. */
function commonReasons(files: readonly GgufFileInfo[], paths: readonly string[]): string[] {
  const out: string[] = [];
  const licenses = distinctLicenses(files);
  if (licenses.length > 1) {
    out.push(`Copies of this file state different licences in their GGUF headers: ${licenses.map((l) => `${shown(l)} (${l.from})`).join(', ')}.`);
  }
  const silent = paths.filter((_, k) => !files[k]!.license);
  if (silent.length) out.push(`The GGUF header of ${silent.join(', ')} ${NO_LICENCE}.`);
  return out;
}

/** Adds what the GGUF headers say to a catalog model's finding (`online`, source `gguf`, and reasons). */
export function annotateCatalogGguf(engine: Engine, f: Finding, files: readonly GgufFileInfo[], paths: readonly string[]): void {
  const license = distinctLicenses(files)[0];
  if (license) {
    const agree = agreesWithCatalog(engine, f.license.id, license);
    f.online = { license, ...(agree === undefined ? {} : { agreesWithCatalog: agree }) };
  }
  f.openness.reasons.push(...commonReasons(files, paths));
}

/**
 * A GGUF file the catalog does not know: self-hostable weights, graded from the licence its header states (read
 * offline, from the file), or of unknown licence when the header states none.
 */
export function ggufFinding(engine: Engine, name: string, locations: Location[], files: readonly GgufFileInfo[], paths: readonly string[]): Finding {
  const header = files.find((f) => f.name ?? f.basename);
  const named = header ? ` Its header names the model "${header.name ?? header.basename}".` : '';
  const intro = `${name} is a local GGUF model file the AI Openness catalog does not know.${named}`;
  const f: Finding = {
    kind: 'model',
    name,
    id: name,
    locations,
    license: { id: 'unknown', name: 'Unknown (not in the catalog)', url: '' },
    access: 'self-hostable',
    openness: { level: 'unknown', osaid: 'unknown', reasons: [intro] },
    source: 'discovered',
  };
  const license = distinctLicenses(files)[0];
  if (license) {
    gradeDiscovered(engine, f, license);
    // gradeDiscovered's first reason names the source generically; say plainly that it is this file's header.
    f.openness.reasons[0] = `Licence read from the GGUF file header of ${license.from} (${statedKeys(license)}), offline; this model is not in the catalog.`;
    f.openness.reasons.unshift(intro);
  }
  f.openness.reasons.push(...commonReasons(files, paths));
  if (!license) f.openness.reasons.push("Its licence is unknown: read its model card or its publisher's terms before use.");
  return f;
}

/** The header keys a licence was read from, as the file states them. */
function statedKeys(l: OnlineLicense): string {
  const parts: string[] = [];
  if (!l.note) parts.push(`general.license "${l.license}"`);
  if (l.name) parts.push(`general.license.name "${l.name}"`);
  if (l.url) parts.push(`general.license.link ${l.url}`);
  return parts.join(', ');
}
