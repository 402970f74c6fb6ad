import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { isScalar } from 'yaml';
import { parseWorkloadFile } from '../../server/src/core/model/workloadFile';
import { checkFile } from '../../server/src/core/diagnostics';
import { registerRules } from '../../server/src/core/rules/registry';
import { disableFix } from '../../server/src/core/rules/suppress';
import { nodeAtPath, nodeRange } from '../../server/src/core/model/path';

// A lint that flags every container image, so suppression has something to act on.
registerRules([
  {
    id: 'test-image-lint',
    kinds: ['Job'],
    category: 'lint',
    severity: 'warning',
    title: 'test',
    description: 'test',
    docs: 'https://kubernetes.io/',
    check(ctx) {
      for (let i = 0; i < 5; i++) {
        const hit = nodeAtPath(ctx.doc, ['spec', 'template', 'spec', 'containers', i, 'image']);
        const range = hit && isScalar(hit.node) ? nodeRange(hit.node) : undefined;
        if (range) ctx.report({ start: range[0], end: range[1], message: 'image seen', path: null });
      }
    },
  },
]);

const job = (containers: string) => `apiVersion: batch/v1
kind: Job
metadata:
  name: demo
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
${containers}`;

// Only this file's test lint and API errors: the product's own lints (lint-*) would fire on these minimal Jobs too.
const codes = (text: string) => checkFile(parseWorkloadFile(text)).map((d) => d.code).filter((c) => !c.startsWith('lint-'));

describe('inline disable comments', () => {
  const table: Array<[string, string, string[]]> = [
    ['no comment: the lint shows', '      - name: a\n        image: busybox\n', ['test-image-lint']],
    ['disable-line with the id', '      - name: a\n        image: busybox  # workload-lens-disable-line test-image-lint\n', []],
    ['disable-line among several ids', '      - name: a\n        image: busybox  # workload-lens-disable-line other, test-image-lint\n', []],
    ['disable-line without ids silences every lint on the line', '      - name: a\n        image: busybox  # workload-lens-disable-line\n', []],
    ['disable-line with another id leaves it', '      - name: a\n        image: busybox  # workload-lens-disable-line other-rule\n', ['test-image-lint']],
    ['disable-next-line above', '      - name: a\n        # workload-lens-disable-next-line test-image-lint\n        image: busybox\n', []],
    ['disable-next-line two lines above does nothing', '      - name: a\n        # workload-lens-disable-next-line test-image-lint\n\n        image: busybox\n', ['test-image-lint']],
    ['disable-line on another line does nothing', '      - name: a  # workload-lens-disable-line test-image-lint\n        image: busybox\n', ['test-image-lint']],
    ['API errors cannot be disabled', '      - name: a\n        image: busybox\n        comand: [x]  # workload-lens-disable-line unknown-field\n', ['unknown-field', 'test-image-lint']],
  ];
  for (const [name, containers, expected] of table) test(name, () => assert.deepEqual(codes(job(containers)).sort(), expected.sort()));

  test('the "disable for this line" fix inserts a next-line comment that silences only that finding', () => {
    const text = job('      - name: a\n        image: busybox\n      - name: b\n        image: alpine\n');
    const file = parseWorkloadFile(text);
    const findings = checkFile(file).filter((d) => d.code === 'test-image-lint');
    assert.equal(findings.length, 2);
    const fix = disableFix(file, findings[1]);
    assert.ok(fix, "a plain line gets a disable fix");
    const e = fix.edits[0];
    const fixed = text.slice(0, e.start) + e.newText + text.slice(e.end);
    assert.match(fixed, /\n      - name: b\n        # workload-lens-disable-next-line test-image-lint\n        image: alpine\n/);
    const after = checkFile(parseWorkloadFile(fixed)).filter((d) => !d.code.startsWith('lint-'));
    assert.deepEqual(after.map((d) => [d.code, fixed.slice(d.start, d.end)]), [['test-image-lint', 'busybox']]);
  });
});
