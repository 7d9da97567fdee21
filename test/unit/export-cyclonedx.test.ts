import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { createEngine } from '../../src/core/engine';
import { toCycloneDx } from '../../src/core/export/index';
import { discoveredFinding } from '../../src/core/findings';
import { gradeDiscovered } from '../../src/core/online/enrich';
import type { OnlineLicense } from '../../src/core/online/types';
import { scanWorkspace } from '../../src/core/scan';
import type { Finding, ScanResult } from '../../src/core/types';
import { fixture, repoRoot } from './helpers';

// The validator is loaded from node_modules at run time (not bundled): it reads the official CycloneDX 1.6 schema
// files that @cyclonedx/cyclonedx-library ships in res/schema, and refuses to fetch anything remote.
type CdxLib = typeof import('@cyclonedx/cyclonedx-library');
const cdx = createRequire(join(repoRoot(), 'package.json'))('@cyclonedx/cyclonedx-library') as CdxLib;

async function schemaErrors(json: string): Promise<unknown> {
  return new cdx.Validation.JsonStrictValidator(cdx.Spec.Version.v1dot6).validate(json);
}

const engine = createEngine();
const OPTS = { toolName: 'ai-openness', toolVersion: '0.1.0', timestamp: new Date('2026-01-02T03:04:05.000Z'), serialNumber: '3e671687-395b-41f5-a30f-a58921a69b79' };

interface Cdx {
  specVersion: string;
  serialNumber: string;
  metadata: { timestamp: string; tools: { components: { type: string; name: string; version: string }[] }; component?: { type: string; name: string; 'bom-ref': string } };
  components: {
    type: string;
    name: string;
    group?: string;
    'bom-ref': string;
    purl?: string;
    publisher?: string;
    supplier?: { name: string };
    licenses?: { license?: { id?: string; name?: string; url?: string }; expression?: string }[];
    externalReferences?: { type: string; url: string }[];
    properties?: { name: string; value: string }[];
    modelCard?: { modelParameters?: { task?: string }; considerations?: { useCases?: string[]; ethicalConsiderations?: { name: string; mitigationStrategy?: string }[] } };
  }[];
  dependencies?: { ref: string; dependsOn?: string[] }[];
}

function component(bom: Cdx, ref: string): Cdx['components'][number] {
  const c = bom.components.find((x) => x['bom-ref'] === ref);
  assert.ok(c, `component ${ref} in ${bom.components.map((x) => x['bom-ref']).join(', ')}`);
  return c;
}

function prop(c: Cdx['components'][number], name: string): string[] {
  return (c.properties ?? []).filter((p) => p.name === `ai-openness:${name}`).map((p) => p.value);
}

function result(root: string, findings: Finding[]): ScanResult {
  return {
    root,
    findings,
    errors: [],
    summary: { filesScanned: 1, bytesScanned: 1, findings: findings.length, models: findings.length, packages: 0, byAccess: {}, byLevel: {}, errors: 0, durationMs: 1 },
  };
}

let scanned: Promise<ScanResult> | undefined;
function workspaceScan(): Promise<ScanResult> {
  return (scanned ??= scanWorkspace(fixture('workspace'), { engine }));
}

test('CycloneDX: a real scan of the fixture workspace validates against the official 1.6 schema', async () => {
  const json = toCycloneDx(engine, [await workspaceScan()], OPTS);
  assert.equal(await schemaErrors(json), null);
  const bom = JSON.parse(json) as Cdx;
  assert.equal(bom.specVersion, '1.6');
  assert.equal(bom.serialNumber, `urn:uuid:${OPTS.serialNumber}`);
  assert.equal(bom.metadata.timestamp, '2026-01-02T03:04:05.000Z');
  assert.deepEqual(bom.metadata.tools.components, [{ type: 'application', name: 'ai-openness', version: '0.1.0' }]);
  assert.deepEqual(bom.metadata.component, { type: 'application', name: 'workspace', 'bom-ref': 'project:workspace' });
  // The project depends on every component.
  const project = bom.dependencies?.find((d) => d.ref === 'project:workspace');
  assert.equal(project?.dependsOn?.length, bom.components.length);

  // A Hub model: ML component, Hub purl, named (non-SPDX) licence with its URL, publisher, model card with considerations.
  // The catalog entry meta-llama/Meta-Llama-3-8B covers the Instruct repo written here: that repo is its own component,
  // with the catalog id as a property; the GGUF file name joins the catalog id's component.
  const llama = component(bom, 'model:meta-llama/Meta-Llama-3-8B-Instruct');
  assert.equal(llama.type, 'machine-learning-model');
  assert.equal(llama.name, 'meta-llama/Meta-Llama-3-8B-Instruct');
  assert.equal(llama.purl, 'pkg:huggingface/meta-llama/Meta-Llama-3-8B-Instruct');
  assert.deepEqual(prop(llama, 'catalog.id'), ['meta-llama/Meta-Llama-3-8B']);
  assert.equal(llama.publisher, 'Meta');
  assert.deepEqual(llama.licenses, [{ license: { name: 'Meta Llama 3 Community License Agreement', url: 'https://www.llama.com/llama3/license/' } }]);
  assert.deepEqual(prop(llama, 'openness.level'), ['restricted-weights']);
  assert.deepEqual(prop(llama, 'openness.osaid'), ['no']);
  assert.deepEqual(prop(llama, 'source'), ['catalog']);
  assert.deepEqual(prop(llama, 'catalog.verified'), ['true']);
  assert.match(prop(llama, 'catalog.checked')[0] ?? '', /^\d{4}-\d{2}-\d{2}$/);
  assert.deepEqual(prop(llama, 'locations'), ['1']);
  assert.match(prop(llama, 'location')[0] ?? '', /^[^:]+:\d+:\d+$/);
  assert.ok(llama.externalReferences?.some((r) => r.type === 'model-card' && r.url === 'https://huggingface.co/meta-llama/Meta-Llama-3-8B-Instruct'));
  const base = component(bom, 'model:meta-llama/Meta-Llama-3-8B');
  assert.deepEqual(prop(base, 'name'), ['models/Meta-Llama-3-8B-Instruct.Q4_K_M.gguf']);
  assert.deepEqual(prop(base, 'catalog.id'), []);
  // An API id written with a gateway prefix stays the provider's model (no Hub component, no purl).
  const mini = component(bom, 'model:gpt-4o-mini');
  assert.equal(mini.purl, undefined);
  assert.ok(llama.externalReferences?.some((r) => r.type === 'license' && r.url === 'https://www.llama.com/llama3/license/'));
  assert.equal(llama.modelCard?.modelParameters?.task, 'chat');
  assert.ok(llama.modelCard?.considerations?.useCases?.some((u) => /700 million monthly active users/.test(u)));
  assert.ok(llama.modelCard?.considerations?.ethicalConsiderations?.some((e) => e.name === 'Acceptable use policy' && /use-policy/.test(e.mitigationStrategy ?? '')));

  // An SPDX-licensed Hub model: the licence is an SPDX id.
  assert.deepEqual(component(bom, 'model:mistralai/Mistral-7B-Instruct-v0.3').licenses, [{ license: { id: 'Apache-2.0' } }]);

  // An API model: no purl (no Hub page), the provider's terms as a named licence, still a model card (task).
  const gpt = component(bom, 'model:gpt-4o');
  assert.equal(gpt.type, 'machine-learning-model');
  assert.equal(gpt.purl, undefined);
  assert.equal(gpt.licenses?.[0]?.license?.id, undefined);
  assert.ok(gpt.licenses?.[0]?.license?.name);
  assert.deepEqual(prop(gpt, 'openness.level'), ['api-only']);

  // Packages: library components with purls per ecosystem.
  const purls = new Map(bom.components.filter((c) => c.type === 'library').map((c) => [c['bom-ref'], c.purl]));
  assert.equal(purls.get('package:npm:openai'), 'pkg:npm/openai');
  assert.equal(purls.get('package:npm:@anthropic-ai/sdk'), 'pkg:npm/%40anthropic-ai/sdk');
  assert.equal(purls.get('package:pypi:transformers'), 'pkg:pypi/transformers');
  assert.equal(purls.get('package:cargo:async-openai'), 'pkg:cargo/async-openai');
  assert.equal(purls.get('package:go:github.com/sashabaranov/go-openai'), 'pkg:golang/github.com/sashabaranov/go-openai');
  assert.equal(purls.get('package:maven:com.openai:openai-java'), 'pkg:maven/com.openai/openai-java');
  assert.equal(purls.get('package:nuget:Azure.AI.OpenAI'), 'pkg:nuget/Azure.AI.OpenAI');
  const java = component(bom, 'package:maven:com.openai:openai-java');
  assert.equal(java.group, 'com.openai');
  assert.equal(java.name, 'openai-java');
  const transformers = component(bom, 'package:pypi:transformers');
  assert.deepEqual(transformers.licenses, [{ license: { id: 'Apache-2.0' } }]);
  assert.deepEqual(prop(transformers, 'ecosystem'), ['pypi']);
  assert.equal(transformers.modelCard, undefined);
});

test('CycloneDX: the same input and options give the same text; the serial number is random without one', async () => {
  const r = await workspaceScan();
  assert.equal(toCycloneDx(engine, [r], OPTS), toCycloneDx(engine, [r], OPTS));
  const a = JSON.parse(toCycloneDx(engine, [r], { toolName: 'x', toolVersion: '1.0.0' })) as Cdx;
  const b = JSON.parse(toCycloneDx(engine, [r], { toolName: 'x', toolVersion: '1.0.0' })) as Cdx;
  assert.match(a.serialNumber, /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  assert.notEqual(a.serialNumber, b.serialNumber);
});

test('CycloneDX: a discovered model (licence unknown offline) has no licence, a property instead, and validates', async () => {
  const f = discoveredFinding('acme-lab/tiny-model', [{ path: 'src/load.py', line: 4, column: 30 }], ['call']);
  const json = toCycloneDx(engine, [result('/tmp/proj', [f])], OPTS);
  assert.equal(await schemaErrors(json), null);
  const c = component(JSON.parse(json) as Cdx, 'model:acme-lab/tiny-model');
  assert.equal(c.type, 'machine-learning-model');
  assert.equal(c.purl, 'pkg:huggingface/acme-lab/tiny-model');
  assert.equal(c.licenses, undefined);
  assert.deepEqual(prop(c, 'license'), ['unknown']);
  assert.deepEqual(prop(c, 'source'), ['discovered']);
  assert.deepEqual(prop(c, 'catalog.checked'), []);
  assert.deepEqual(prop(c, 'location'), ['src/load.py:4:30']);
  assert.equal(c.modelCard, undefined); // nothing known about it
  assert.equal(c.publisher, undefined);
});

test('CycloneDX: online data becomes properties (and the Hub task the model card task); still valid', async () => {
  const online: OnlineLicense = {
    license: 'apache-2.0',
    source: 'huggingface',
    from: 'https://huggingface.co/api/models/acme-lab/tiny-model',
    fetchedAt: '2026-01-02T03:04:05.000Z',
    task: 'text-generation',
  };
  const f = discoveredFinding('acme-lab/tiny-model', [{ path: 'a.py', line: 1, column: 1 }], ['call']);
  f.online = { license: online, cached: false };
  gradeDiscovered(engine, f, online);
  const [llama] = (await workspaceScan()).findings.filter((x) => x.id === 'meta-llama/Meta-Llama-3-8B' && x.name === x.id.concat('-Instruct'));
  assert.ok(llama);
  const withOnline: Finding = {
    ...llama,
    online: { license: { ...online, license: 'llama3', from: 'https://huggingface.co/api/models/meta-llama/Meta-Llama-3-8B' }, agreesWithCatalog: true },
  };
  const json = toCycloneDx(engine, [result('/tmp/proj', [f, withOnline])], OPTS);
  assert.equal(await schemaErrors(json), null);
  const bom = JSON.parse(json) as Cdx;
  const d = component(bom, 'model:acme-lab/tiny-model');
  assert.deepEqual(d.licenses, [{ license: { id: 'Apache-2.0' } }]);
  assert.deepEqual(prop(d, 'online.license'), ['apache-2.0']);
  assert.deepEqual(prop(d, 'online.source'), ['huggingface']);
  assert.deepEqual(prop(d, 'online.fetchedAt'), ['2026-01-02T03:04:05.000Z']);
  assert.equal(d.modelCard?.modelParameters?.task, 'text-generation');
  assert.ok(d.externalReferences?.some((r) => r.type === 'evidence' && r.url === online.from));
  const l = component(bom, 'model:meta-llama/Meta-Llama-3-8B-Instruct');
  assert.deepEqual(prop(l, 'online.license'), ['llama3']);
  assert.deepEqual(prop(l, 'online.agreesWithCatalog'), ['true']);
});

test('CycloneDX: several roots share components; locations are prefixed by the root folder; no project component', async () => {
  const at = (path: string) => [{ path, line: 2, column: 3 }];
  const [llama] = (await workspaceScan()).findings.filter((x) => x.id === 'meta-llama/Meta-Llama-3-8B');
  assert.ok(llama);
  const a = result('/ws/api', [{ ...llama, name: 'llama3', locations: at('a.py') }]);
  const b = result('/ws/web', [{ ...llama, name: 'meta-llama/Meta-Llama-3-8B', locations: at('b.py') }]);
  const json = toCycloneDx(engine, [a, b], OPTS);
  assert.equal(await schemaErrors(json), null);
  const bom = JSON.parse(json) as Cdx;
  assert.equal(bom.metadata.component, undefined);
  assert.equal(bom.components.filter((c) => c['bom-ref'] === 'model:meta-llama/Meta-Llama-3-8B').length, 1);
  const c = component(bom, 'model:meta-llama/Meta-Llama-3-8B');
  assert.deepEqual(prop(c, 'locations'), ['2']);
  assert.deepEqual(prop(c, 'location'), ['api/a.py:2:3']);
  assert.deepEqual(prop(c, 'name'), ['llama3', 'meta-llama/Meta-Llama-3-8B']);
});

test('CycloneDX: the schema check can fail (a model card task that is not a string is rejected)', async () => {
  const bom = JSON.parse(toCycloneDx(engine, [await workspaceScan()], OPTS)) as { components: { modelCard?: { modelParameters?: { task?: unknown } } }[] };
  const withCard = bom.components.find((c) => c.modelCard?.modelParameters);
  assert.ok(withCard?.modelCard?.modelParameters);
  withCard.modelCard.modelParameters.task = 42;
  assert.notEqual(await schemaErrors(JSON.stringify(bom)), null);
});
