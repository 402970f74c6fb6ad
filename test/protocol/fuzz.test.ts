// A short fixed-seed run of the server fuzzer (`npm run fuzz -- --n N --seed S` runs a long one).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runServerFuzz } from '../fuzz/serverFuzz';

test('random edits and every request at random positions: no crash, hang, internal error or corrupting fix; malformed params get InvalidParams', async () => {
  const counts = await runServerFuzz({ edits: 250, seed: 20261130, timeoutMs: 15000 });
  assert.equal(counts.edits, 250);
  assert.ok(counts.requests >= 250);
  assert.deepEqual(
    { crashes: counts.crashes, hangs: counts.hangs, internalErrors: counts.internalErrors, malformedAccepted: counts.malformedAccepted, corruptingFixes: counts.corruptingFixes },
    { crashes: 0, hangs: 0, internalErrors: 0, malformedAccepted: 0, corruptingFixes: 0 },
    counts.examples.join('\n'),
  );
});
