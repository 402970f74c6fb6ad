import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { parseWorkloadFile } from '../../server/src/core/model/workloadFile';
import { documentSymbols, foldingRanges } from '../../server/src/core/explain/outline';
import { lesson } from '../helpers/fixtures';

describe('outline core', () => {
  test('documents of any kind are listed; unnamed ones by kind; children only for workloads', () => {
    const file = parseWorkloadFile(`apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\n---\n${lesson.cronjob()}---\napiVersion: batch/v1\nkind: Job\nspec:\n  template:\n    spec:\n      containers:\n        - image: x\n`);
    const symbols = documentSymbols(file);
    assert.deepEqual(symbols.map((s) => s.name), ['ConfigMap cfg', 'CronJob hello-cronjob', 'Job']);
    assert.deepEqual(symbols[0].children, []);
    assert.deepEqual(symbols[2].children.map((c) => c.name), ['#0']);
    for (const s of symbols) {
      assert.ok(s.start <= s.selectionStart && s.selectionEnd <= s.end, s.name);
    }
  });

  test('symbol offsets point into the right document', () => {
    const text = `${lesson.job()}---\n${lesson.daemonset()}`;
    const [job, ds] = documentSymbols(parseWorkloadFile(text));
    assert.equal(text.slice(job.selectionStart, job.selectionEnd), 'hello-job');
    assert.equal(text.slice(ds.selectionStart, ds.selectionEnd), 'log-collector');
    assert.equal(text.slice(ds.children[1].selectionStart, ds.children[1].selectionEnd), 'varlog');
  });

  test('folding: flow collections over several lines, block scalars, documents', () => {
    const text = 'apiVersion: batch/v1\nkind: Job\nspec:\n  template:\n    spec:\n      containers:\n        - name: a\n          command: [\n            "sh",\n            "-c"]\n          args:\n            - |\n              echo one\n              echo two\n---\napiVersion: batch/v1\nkind: Job\n';
    const ranges = foldingRanges(parseWorkloadFile(text));
    const lines = text.split('\n');
    const has = (start: RegExp, end: RegExp) => ranges.some((r) => start.test(lines[r.startLine]) && end.test(lines[r.endLine]));
    assert.ok(has(/command: \[/, /"-c"\]/), 'flow sequence');
    assert.ok(has(/- \|/, /echo two/), 'block scalar');
    assert.ok(has(/^apiVersion/, /echo two/), 'first document');
    assert.ok(ranges.every((r) => r.endLine > r.startLine));
  });
});
