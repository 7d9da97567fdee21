/**
 * MSBuild project files (*.csproj, *.fsproj, *.vbproj) and Directory.Packages.props / Directory.Build.props.
 * - `<PackageReference Include="X" Version="…"/>` → no group; `<PackageReference Update="X" …/>` → group `update`;
 * - `<PackageVersion Include="X" Version="…"/>` (central package management) → group `managed`;
 * - `<GlobalPackageReference Include="X" …/>` → group `global`.
 * version is the `Version` (or `VersionOverride`) attribute or the `<Version>` child element, as written. Element and
 * attribute names are compared case-insensitively, as MSBuild does. An Include listing several items (`A;B`) gives
 * one package per item. Position: the first character of the package id inside the attribute value.
 */
import type { DeclaredPackage, ManifestResult } from '../types';
import { declared } from './text';
import { attributeValue, attributeValueOffset, childrenNamed, descendants, readXml, type XmlElement } from './xml';

const ELEMENTS: Record<string, string | undefined> = {
  packagereference: undefined,
  packageversion: 'managed',
  globalpackagereference: 'global',
};

export function parseMsbuildProject(input: string): ManifestResult {
  const doc = readXml(input);
  const packages: DeclaredPackage[] = [];
  for (const el of descendants(doc.document)) {
    const kind = el.name.toLowerCase();
    if (!(kind in ELEMENTS)) continue;
    const include = attributeValue(el, 'Include');
    const update = include ? undefined : attributeValue(el, 'Update');
    const attr = include ?? update;
    if (!attr) continue;
    const group = update ? 'update' : ELEMENTS[kind];
    const version = versionOf(el);
    const valueOffset = attributeValueOffset(doc, el, attr.name) ?? el.start;
    // Items are separated by ';'; offsets are exact when the value has no entity references.
    let index = 0;
    for (const piece of attr.value.split(';')) {
      const lead = /^\s*/.exec(piece)?.[0].length ?? 0;
      const id = piece.trim();
      if (id !== '') packages.push(declared('nuget', id, doc.lines.at(valueOffset + index + lead), version, group));
      index += piece.length + 1;
    }
  }
  return { packages, errors: [...doc.errors] };
}

function versionOf(el: XmlElement): string | undefined {
  const attr = attributeValue(el, 'Version') ?? attributeValue(el, 'VersionOverride');
  if (attr) return attr.value.trim();
  const child = childrenNamed(el, 'Version', true)[0] ?? childrenNamed(el, 'VersionOverride', true)[0];
  const text = child?.text.trim();
  return text === '' ? undefined : text;
}
