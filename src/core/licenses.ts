/**
 * Licence resolution: a catalog profile when we have one, else the SPDX licence list (names, URLs, OSI flags),
 * and SPDX expressions (`MIT OR Apache-2.0`) judged as a whole.
 */
import spdxList from 'spdx-license-list';
import parseSpdx from 'spdx-expression-parse';
import type { Catalog, LicenseProfile } from './types';

export interface ResolvedLicense {
  id: string;
  name: string;
  url: string;
  /** True when every way of taking the licence (for OR: at least one branch) is OSI-approved. */
  osiApproved: boolean;
  /** False when the id is neither a catalog profile nor valid SPDX. */
  known: boolean;
  profile?: LicenseProfile;
}

type SpdxNode = ReturnType<typeof parseSpdx>;

function osiOf(node: SpdxNode, profiles: Map<string, LicenseProfile>): boolean {
  if ('license' in node) {
    const id = node.license;
    return profiles.get(id.toLowerCase())?.osiApproved ?? spdxList[id]?.osiApproved ?? false;
  }
  const left = osiOf(node.left, profiles);
  const right = osiOf(node.right, profiles);
  return node.conjunction === 'or' ? left || right : left && right;
}

/** Resolves licence ids (profiles, SPDX ids, SPDX expressions) against one catalog. Build once, reuse. */
export class LicenseResolver {
  private readonly profiles = new Map<string, LicenseProfile>();
  private readonly cache = new Map<string, ResolvedLicense>();

  constructor(catalog: Pick<Catalog, 'licenses'>) {
    for (const p of catalog.licenses) {
      this.profiles.set(p.id.toLowerCase(), p);
      for (const tag of p.hfTags ?? []) this.profiles.set(tag.toLowerCase(), p);
    }
  }

  /** The profile for an id or a Hugging Face licence tag, if the catalog has one. */
  profile(id: string): LicenseProfile | undefined {
    return this.profiles.get(id.toLowerCase());
  }

  resolve(id: string): ResolvedLicense {
    let r = this.cache.get(id);
    if (!r) {
      r = this.compute(id);
      this.cache.set(id, r);
    }
    return r;
  }

  private compute(id: string): ResolvedLicense {
    const profile = this.profile(id);
    if (profile) {
      return { id: profile.id, name: profile.name, url: profile.url, osiApproved: profile.osiApproved, known: true, profile };
    }
    const single = spdxList[id];
    if (single) return { id, name: single.name, url: `https://spdx.org/licenses/${id}.html`, osiApproved: single.osiApproved, known: true };
    if (/^LicenseRef-/i.test(id)) return { id, name: id, url: '', osiApproved: false, known: false }; // not ours: unknown terms
    try {
      const tree = parseSpdx(id);
      return { id, name: id, url: 'https://spdx.org/licenses/', osiApproved: osiOf(tree, this.profiles), known: true };
    } catch {
      return { id, name: id, url: '', osiApproved: false, known: false };
    }
  }
}
