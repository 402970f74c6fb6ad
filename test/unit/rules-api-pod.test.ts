import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { errors, full, yaml } from './rules-api.helpers';
import { acceptedIn136, podCases } from './rules-api-pod.cases';

describe('pod template checks: a valid and an invalid case per check (answers of the 1.36 API server)', () => {
  for (const c of podCases) {
    test(`${c.rule}: ${c.k8s}`, () => {
      const good = c.base();
      c.valid(good);
      const goodText = yaml(good);
      assert.deepEqual(errors(goodText).map(full), [], `valid case must have no error:\n${goodText}`);

      const bad = c.base();
      c.invalid(bad);
      const badText = yaml(bad);
      const found = errors(badText).filter((d) => d.code === c.rule);
      const hit = found.find((d) => (typeof c.want === 'string' ? full(d) === c.want : c.want.test(full(d))));
      assert.ok(hit, `expected ${String(c.want)}\ngot:\n${errors(badText).map((d) => `${d.code} ${full(d)}`).join('\n')}\n${badText}`);
      assert.ok(hit.end > hit.start, 'the error underlines some text');
    });
  }
});

describe('pod template: what the 1.36 API server accepts is no error', () => {
  for (const c of acceptedIn136) {
    test(c.k8s, () => {
      const o = c.base();
      c.edit(o);
      const text = yaml(o);
      assert.deepEqual(errors(text).map(full), [], text);
    });
  }
});
