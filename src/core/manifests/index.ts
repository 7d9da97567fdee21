/**
 * Which manifest parser reads a file, by its name. Lockfiles are not manifests and are never parsed.
 */
import type { ManifestParser } from '../types';

/** The parser for a manifest file name (base name, any case rules per format), or undefined. */
export function manifestParserFor(fileName: string): ManifestParser | undefined {
  void fileName;
  return undefined;
}
