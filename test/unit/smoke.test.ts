import { test } from 'node:test';
import assert from 'node:assert/strict';
import { repoRoot } from './helpers';
test('repo root found', () => assert.ok(repoRoot().length > 0));
