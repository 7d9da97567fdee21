import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePom } from '../../../src/core/manifests/maven';
import { assertAt, manifest, names, pkg } from './util';

const text = manifest('maven', 'pom.xml');
const r = parsePom(text);

test('pom.xml: project, managed and profile dependencies; plugin dependencies and exclusions skipped', () => {
  assert.deepEqual(r.errors, []);
  assert.deepEqual(
    r.packages.map((p) => `${p.group} ${p.name} ${p.version ?? '-'}`),
    [
      'managed dev.langchain4j:langchain4j-bom ${langchain4j.version}',
      'compile com.theokanning.openai-gpt3-java:service 0.18.2',
      'compile dev.langchain4j:langchain4j-open-ai ${langchain4j.version}',
      'test org.junit.jupiter:junit-jupiter -',
      'runtime de.kherud:llama 3.4.1',
    ],
  );
  assert.ok(!names(r).includes('com.squareup.okhttp3:okhttp'));
  assert.ok(!names(r).includes('org.apache.maven.surefire:surefire-junit-platform'));
  assert.ok(!names(r).includes('com.example:assistant'));
});

test('pom.xml: the position is the first character of the artifactId text', () => {
  assert.deepEqual(pkg(r, 'com.theokanning.openai-gpt3-java:service'), {
    ecosystem: 'maven',
    name: 'com.theokanning.openai-gpt3-java:service',
    version: '0.18.2',
    group: 'compile',
    line: 29,
    column: 19,
  });
  assertAt(text, pkg(r, 'dev.langchain4j:langchain4j-open-ai'), 'langchain4j-open-ai');
  assertAt(text, pkg(r, 'org.junit.jupiter:junit-jupiter'), 'junit-jupiter\n');
  assert.deepEqual([pkg(r, 'org.junit.jupiter:junit-jupiter').line, pkg(r, 'org.junit.jupiter:junit-jupiter').column], [46, 9]);
});

test('pom.xml: entities and CDATA are decoded; a dependency without groupId is an error', () => {
  const res = parsePom(
    '<project><dependencies>\n<dependency><groupId>a&amp;b</groupId><artifactId><![CDATA[c]]></artifactId></dependency>\n' +
      '<dependency><artifactId>lonely</artifactId></dependency></dependencies></project>',
  );
  assert.deepEqual(names(res), ['a&b:c']);
  assert.deepEqual([res.packages[0]?.line, res.packages[0]?.column], [2, 60]);
  assert.deepEqual(res.errors, ['line 3, column 25: a dependency needs both a groupId and an artifactId']);
});
