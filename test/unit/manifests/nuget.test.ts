import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseMsbuildProject } from '../../../src/core/manifests/nuget';
import { assertAt, manifest, names, pkg } from './util';

test('csproj: PackageReference with attribute or child Version, Update, multi-line tags; ProjectReference skipped', () => {
  const text = manifest('nuget', 'Chat.csproj');
  const r = parseMsbuildProject(text);
  assert.deepEqual(r.errors, []);
  assert.deepEqual(
    r.packages.map((p) => `${p.group ?? '-'} ${p.name} ${p.version ?? '-'}`),
    [
      '- Azure.AI.OpenAI 2.0.0',
      '- Microsoft.SemanticKernel 1.21.1',
      '- OllamaSharp 3.0.8',
      '- Anthropic.SDK -',
      'update Newtonsoft.Json 13.0.3',
      '- LLamaSharp 0.16.0',
    ],
  );
  assert.deepEqual(pkg(r, 'Azure.AI.OpenAI'), { ecosystem: 'nuget', name: 'Azure.AI.OpenAI', version: '2.0.0', line: 9, column: 32 });
  assertAt(text, pkg(r, 'Microsoft.SemanticKernel'), 'Microsoft.SemanticKernel');
  assertAt(text, pkg(r, 'Newtonsoft.Json'), 'Newtonsoft.Json');
  assertAt(text, pkg(r, 'LLamaSharp'), 'LLamaSharp');
  assert.ok(!names(r).some((n) => n.includes('Shared')));
});

test('Directory.Packages.props: PackageVersion is managed, GlobalPackageReference is global', () => {
  const text = manifest('nuget', 'Directory.Packages.props');
  const r = parseMsbuildProject(text);
  assert.deepEqual(r.errors, []);
  assert.deepEqual(
    r.packages.map((p) => `${p.group} ${p.name} ${p.version}`),
    [
      'managed Anthropic.SDK 4.1.1',
      'managed Microsoft.Extensions.AI.OpenAI 9.0.0-preview.9.24525.1',
      'global StyleCop.Analyzers 1.1.118',
    ],
  );
  assertAt(text, pkg(r, 'Microsoft.Extensions.AI.OpenAI'), 'Microsoft.Extensions.AI.OpenAI');
});

test('csproj: several items in one Include, case-insensitive names', () => {
  const r = parseMsbuildProject("<Project><ItemGroup><packagereference include='A; B' version='1' /></ItemGroup></Project>");
  assert.deepEqual(
    r.packages.map((p) => [p.name, p.version, p.column]),
    [
      ['A', '1', 48],
      ['B', '1', 51],
    ],
  );
});
