import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseGradle } from '../../../src/core/manifests/gradle';
import { assertAt, manifest, names, pkg } from './util';

test('build.gradle: string, GString, platform, map notation, closures, lists; skips project/files/libs/comments', () => {
  const text = manifest('gradle', 'build.gradle');
  const r = parseGradle(text);
  assert.deepEqual(r.errors, []);
  assert.deepEqual(
    r.packages.map((p) => `${p.group} ${p.name} ${p.version ?? '-'}`),
    [
      'classpath com.google.cloud.tools:jib-gradle-plugin 3.4.3',
      'implementation com.theokanning.openai-gpt3-java:service 0.18.2',
      'implementation dev.langchain4j:langchain4j-open-ai ${langchain4jVersion}',
      'implementation org.springframework.ai:spring-ai-bom 1.0.0-M2',
      'implementation dev.langchain4j:langchain4j-ollama 0.35.0',
      'api com.azure:azure-ai-openai 1.0.0-beta.11',
      'compileOnly org.projectlombok:lombok 1.18.34',
      'compileOnly com.google.code.findbugs:jsr305 3.0.2',
      'annotationProcessor org.projectlombok:lombok 1.18.34',
      'testImplementation org.junit.jupiter:junit-jupiter 5.11.0',
    ],
  );
  assert.deepEqual(pkg(r, 'com.theokanning.openai-gpt3-java:service'), {
    ecosystem: 'maven',
    name: 'com.theokanning.openai-gpt3-java:service',
    version: '0.18.2',
    group: 'implementation',
    line: 18,
    column: 21,
  });
  assertAt(text, pkg(r, 'dev.langchain4j:langchain4j-ollama'), "'dev.langchain4j', name", 1);
  assertAt(text, pkg(r, 'com.azure:azure-ai-openai'), 'com.azure:');
  assertAt(text, pkg(r, 'com.google.code.findbugs:jsr305'), 'com.google.code.findbugs');
  assert.ok(!names(r).some((n) => n.includes('commented') || n.includes('netty')));
});

test('build.gradle.kts: calls, named arguments, platform(), blocks; skips kotlin(), project(), catalogs, string configs', () => {
  const text = manifest('gradle', 'build.gradle.kts');
  const r = parseGradle(text);
  assert.deepEqual(r.errors, []);
  assert.deepEqual(
    r.packages.map((p) => `${p.group} ${p.name} ${p.version ?? '-'}`),
    [
      'implementation com.aallam.openai:openai-client $aallamVersion',
      'implementation io.ktor:ktor-bom 2.3.12',
      'implementation io.ktor:ktor-client-okhttp -',
      'implementation dev.langchain4j:langchain4j-anthropic 0.35.0',
      'runtimeOnly com.microsoft.semantic-kernel:semantickernel-aiservices-openai 1.2.2',
      'ksp io.insert-koin:koin-ksp-compiler 1.3.1',
      'testImplementation io.kotest:kotest-runner-junit5 5.9.1',
    ],
  );
  assertAt(text, pkg(r, 'com.aallam.openai:openai-client'), 'com.aallam');
  assertAt(text, pkg(r, 'io.ktor:ktor-bom'), 'io.ktor:ktor-bom');
  assertAt(text, pkg(r, 'dev.langchain4j:langchain4j-anthropic'), '"dev.langchain4j"', 1);
  assert.deepEqual([pkg(r, 'io.insert-koin:koin-ksp-compiler').line, pkg(r, 'io.insert-koin:koin-ksp-compiler').column], [17, 10]);
});

test('gradle: classifiers and @ext are dropped from the version; unterminated strings are errors', () => {
  const r = parseGradle("dependencies {\n  implementation 'g:a:1.0:linux@aar'\n  runtimeOnly 'g:b@jar'\n  api 'oops\n}");
  assert.deepEqual(
    r.packages.map((p) => [p.name, p.version]),
    [
      ['g:a', '1.0'],
      ['g:b', undefined],
    ],
  );
  assert.deepEqual(r.errors, ['line 4, column 7: unterminated string']);
});
