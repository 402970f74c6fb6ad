import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { renderRulesDoc } from '../../scripts/docs/rulesDoc';
import { allRules } from '../../server/src/core/rules/registry';
import { ROOT } from '../helpers/fixtures';

test('docs/rules.md matches the rule registry (run `npm run docs:rules` after changing a rule)', () => {
  const onDisk = readFileSync(resolve(ROOT, 'docs/rules.md'), 'utf8');
  assert.equal(onDisk, renderRulesDoc());
});

test('every registered rule has an id, kinds, a description and an https docs link', () => {
  const rules = allRules();
  assert.ok(rules.length >= 5);
  for (const r of rules) {
    assert.match(r.id, /^[a-z0-9]+(-[a-z0-9]+)*$/, r.id);
    assert.ok(r.kinds.length > 0, r.id);
    assert.ok(r.description.length > 20, r.id);
    assert.match(r.docs, /^https:\/\//, r.id);
    if (r.category === 'lint') assert.notEqual(r.severity, 'error', `${r.id}: a lint is never an error`);
  }
});
