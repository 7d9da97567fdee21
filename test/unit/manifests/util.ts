import { readFileSync } from 'node:fs';
import assert from 'node:assert/strict';
import { fixture } from '../helpers';
import type { DeclaredPackage, ManifestResult } from '../../../src/core/types';

/** Text of a fixture under test/fixtures/manifests/. */
export function manifest(...parts: string[]): string {
  return readFileSync(fixture('manifests', ...parts), 'utf8');
}

/** 1-based line/column (UTF-16) of the `nth` occurrence of `needle` in `text`, moved `shift` units right. */
export function locate(text: string, needle: string, shift = 0, nth = 0): { line: number; column: number } {
  let index = -1;
  for (let k = 0; k <= nth; k++) {
    index = text.indexOf(needle, index + 1);
    if (index < 0) throw new Error(`"${needle}" (occurrence ${nth}) not in fixture`);
  }
  index += shift;
  const before = text.slice(0, index);
  const line = before.split(/\r\n|\r|\n/).length;
  const lineStart = Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r')) + 1;
  return { line, column: index - lineStart + 1 };
}

/** The one package with this name (and group, when given). */
export function pkg(result: ManifestResult, name: string, group?: string): DeclaredPackage {
  const found = result.packages.filter((p) => p.name === name && (group === undefined || p.group === group));
  assert.equal(found.length, 1, `expected exactly one "${name}"${group ? ` in ${group}` : ''}, got ${found.length}`);
  return found[0] as DeclaredPackage;
}

/** Asserts the package's position equals that of `needle` (+ shift) in the text. */
export function assertAt(text: string, p: DeclaredPackage, needle: string, shift = 0, nth = 0): void {
  assert.deepEqual({ line: p.line, column: p.column }, locate(text, needle, shift, nth), `position of ${p.name}`);
}

export function names(result: ManifestResult): string[] {
  return result.packages.map((p) => p.name);
}
