import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { parseWorkloadFile } from '../../server/src/core/model/workloadFile';
import { checkFile } from '../../server/src/core/diagnostics';

const JOB = 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: a\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n        - name: a\n          image: busybox:1.36\n';

function findings(text: string, code: string) {
  return checkFile(parseWorkloadFile(text)).filter((d) => d.code === code);
}

describe('duplicate-key: a warning, never an error (kubectl apply succeeds with the last value)', () => {
  test('names the key and the line of its first occurrence; rules see the last value', () => {
    const text = JOB.replace('      restartPolicy: Never\n', '      restartPolicy: Always\n      restartPolicy: Never\n');
    const [d] = findings(text, 'duplicate-key');
    assert.equal(d.severity, 'warning');
    assert.match(d.message, /^Duplicate key "restartPolicy" \(first given on line 8\): kubectl keeps this last value/);
    assert.equal(text.slice(d.start, d.end), 'restartPolicy');
    assert.ok(d.start > text.indexOf('Never') - 20, 'on the key that counts');
    assert.deepEqual(checkFile(parseWorkloadFile(text)).filter((x) => x.severity === 'error'), []);
  });
  test('the first value counts for nothing: a bad last value is still an error', () => {
    const text = JOB.replace('      restartPolicy: Never\n', '      restartPolicy: Never\n      restartPolicy: Always\n');
    assert.equal(findings(text, 'duplicate-key').length, 1);
    assert.deepEqual(findings(text, 'api-restart-policy').map((d) => d.path), ['spec.template.spec.restartPolicy']);
  });
  test('no duplicate, no finding; the line is counted in the file, not the document', () => {
    assert.deepEqual(findings(JOB, 'duplicate-key'), []);
    const second = `${JOB}---\n${JOB.replace('  name: a\n', '  name: a\n  name: b\n')}`;
    assert.match(findings(second, 'duplicate-key')[0].message, /first given on line 16\)/);
  });
});

describe('missing-kind: kubectl refuses a document without kind or apiVersion', () => {
  test('without kind, in kubectl\'s words', () => {
    const [d] = findings(`${JOB}---\napiVersion: batch/v1\nmetadata:\n  name: pi\n`, 'missing-kind');
    assert.equal(d.severity, 'error');
    assert.equal(d.message, `Object 'Kind' is missing in '{"apiVersion":"batch/v1","metadata":{"name":"pi"}}'`);
  });
  test('without apiVersion (even alone in its file, when it has metadata)', () => {
    const [d] = findings('apiVersion: ""\nkind: Job\nmetadata:\n  name: pi\n', 'missing-kind');
    assert.match(d.message, /no matches for kind "Job" in version ""/);
  });
  test('other YAML stays quiet: values files, compose files, empty documents', () => {
    assert.deepEqual(findings('replicaCount: 1\nimage:\n  repository: nginx\n', 'missing-kind'), []);
    assert.deepEqual(findings('version: "3"\nservices:\n  web:\n    image: nginx\n', 'missing-kind'), []);
    assert.deepEqual(findings(`${JOB}---\n# only a comment\n---\n`, 'missing-kind'), []);
  });
  test('can be switched off', () => {
    const text = `${JOB}---\napiVersion: batch/v1\nmetadata:\n  name: pi\n`;
    assert.deepEqual(checkFile(parseWorkloadFile(text), { enable: true, rules: { 'missing-kind': 'off' } }).filter((d) => d.code === 'missing-kind'), []);
  });
});
