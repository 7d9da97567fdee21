/**
 * pom.xml. Each `<dependency>` directly inside `<dependencies>` of the `<project>` or of a `<profile>` gives
 * name `groupId:artifactId`, version as written (`${x}` properties are not resolved), and group = its `<scope>`
 * (Maven's default `compile` when none is written). Dependencies inside `<dependencyManagement>` get group `managed`.
 * Plugin dependencies (`<plugin><dependencies>`) are build tooling and are skipped; `<exclusions>` are not read.
 * Position: the first character of the artifactId text (the part that names the artifact).
 */
import type { DeclaredPackage, ManifestResult } from '../types';
import { at, declared } from './text';
import { childrenNamed, descendants, readXml, type XmlElement } from './xml';

export function parsePom(input: string): ManifestResult {
  const doc = readXml(input);
  const packages: DeclaredPackage[] = [];
  const errors = [...doc.errors];
  for (const el of descendants(doc.document)) {
    if (el.name !== 'dependency' || el.parent?.name !== 'dependencies') continue;
    const owner = el.parent.parent?.name;
    let managed = false;
    if (owner === 'dependencyManagement') managed = true;
    else if (owner !== 'project' && owner !== 'profile') continue;
    const field = (name: string): XmlElement | undefined => childrenNamed(el, name)[0];
    const artifact = field('artifactId');
    const groupId = field('groupId')?.text.trim() ?? '';
    const artifactId = artifact?.text.trim() ?? '';
    const p = doc.lines.at(artifact?.textOffset ?? artifact?.start ?? el.start);
    if (artifactId === '' || groupId === '') {
      errors.push(`${at(p.line, p.column)}a dependency needs both a groupId and an artifactId`);
      continue;
    }
    const version = field('version')?.text.trim();
    const scope = field('scope')?.text.trim();
    const group = managed ? 'managed' : scope || 'compile';
    packages.push(declared('maven', `${groupId}:${artifactId}`, p, version, group));
  }
  return { packages, errors };
}
