// Property tests over the core (a short, fixed-seed run; `npm run fuzz` runs the long one over the server).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { documentArb, SEEDS, uniform } from '../fuzz/documents';
import { checkCoreAt } from '../fuzz/coreProperties';

const offsetsArb = fc.array(uniform(), { minLength: 1, maxLength: 4 });

test('every core feature answers at random offsets of randomly edited manifests, and every quick fix re-parses clean', () => {
  fc.assert(
    fc.property(documentArb, offsetsArb, (text, fractions) => {
      const failures = checkCoreAt(text, fractions.map((f) => Math.floor(f * text.length)));
      assert.deepEqual(failures, [], `text: ${JSON.stringify(text)}`);
    }),
    { seed: 20261130, numRuns: 150 },
  );
});

test('the real manifests themselves pass at every line start', () => {
  for (const text of SEEDS) {
    const offsets = [...text.matchAll(/^/gm)].map((m) => m.index ?? 0);
    assert.deepEqual(checkCoreAt(text, offsets), []);
  }
});
