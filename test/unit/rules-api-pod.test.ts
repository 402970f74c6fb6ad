import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { errors, full, validAndInvalidCases, yaml } from './rules-api.helpers';
import { acceptedIn136, podCases } from './rules-api-pod.cases';

validAndInvalidCases('pod template checks: a valid and an invalid case per check (answers of the 1.36 API server)', podCases);

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
