import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalQuantity, parseQuantity, quantityMilli, quantityToDecimal } from '../../server/src/core/quantity';

test('one quantity parser: exact values, milli values rounded up, the API server\'s canonical text', () => {
  assert.equal(quantityToDecimal(parseQuantity('50Mi')!), '52,428,800');
  assert.equal(quantityToDecimal(parseQuantity('50m')!), '0.05');
  assert.equal(quantityMilli(parseQuantity('0.5')!), 500n);
  assert.equal(quantityMilli(parseQuantity('1n')!), 1n, 'MilliValue rounds up');
  assert.equal(parseQuantity('1e3')?.value, 1000);
  assert.equal(canonicalQuantity('0.2'), '200m');
  assert.equal(canonicalQuantity('1024Mi'), '1Gi');
  assert.equal(canonicalQuantity('1000m'), '1');
  for (const bad of ['50MB', '1.5.0', '1K', '1e', ' 1', '']) assert.equal(parseQuantity(bad), undefined, bad);
});
