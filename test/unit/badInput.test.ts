import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { parseWorkloadFile } from '../../server/src/core/model/workloadFile';
import { checkFile, MAX_CHECKED_CHARS } from '../../server/src/core/diagnostics';

const JOB_HEAD = 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: bad\n';

function check(text: string) {
  return checkFile(parseWorkloadFile(text));
}

describe('bad input gets a clear diagnostic, never a crash', () => {
  test('an empty file and a lone --- have nothing to report', () => {
    assert.deepEqual(check(''), []);
    assert.deepEqual(check('---\n'), []);
    assert.deepEqual(check('---'), []);
  });

  test('binary data is refused with a reason', () => {
    const junk = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)).toString('latin1');
    const found = check(junk);
    assert.equal(found.length, 1);
    assert.equal(found[0].code, 'not-text');
    assert.match(found[0].message, /binary/);
  });

  test('a file beyond the size limit is refused with its size', () => {
    const big = JOB_HEAD + '#'.repeat(MAX_CHECKED_CHARS);
    const found = check(big);
    assert.equal(found.length, 1);
    assert.equal(found[0].code, 'file-too-large');
    assert.match(found[0].message, /MiB/);
  });

  test('an alias bomb is read without expanding it', () => {
    const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 12; i++) lines.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill('*' + String.fromCharCode(96 + i)).join(',')}]`);
    const text = `${JOB_HEAD}spec:\n  template:\n    metadata:\n      annotations:\n${lines.map((l) => '        ' + l).join('\n')}\n`;
    const started = process.hrtime.bigint();
    const found = check(text);
    assert.ok(Array.isArray(found));
    assert.ok(process.hrtime.bigint() - started < 20_000_000_000n, 'returns instead of expanding 9^12 nodes');
  });

  test('1,000 levels of nesting are read', () => {
    let text = JOB_HEAD + 'spec:\n';
    for (let i = 0; i < 1000; i++) text += ' '.repeat(2 + i * 2) + `k${i}:\n`;
    assert.ok(Array.isArray(check(text)));
    const flow = JOB_HEAD + 'x: ' + '['.repeat(1000) + ']'.repeat(1000) + '\n';
    assert.ok(Array.isArray(check(flow)));
  });

  test('tabs used for indentation are a syntax error on the tab', () => {
    const text = `${JOB_HEAD}spec:\n\tcompletions: 2\n`;
    const found = check(text);
    assert.ok(found.length >= 1);
    const first = found[0];
    assert.equal(first.severity, 'error');
    assert.match(first.code, /^yaml-/);
    assert.equal(text.slice(first.start, first.start + 1), '\t');
  });

  test('a broken document does not hide problems or text of the others', () => {
    const text = `${JOB_HEAD}spec: [\n---\n${JOB_HEAD}`;
    const file = parseWorkloadFile(text);
    assert.equal(file.docs.length, 2);
    assert.equal(file.docs[1].doc.name, 'bad');
    const found = checkFile(file);
    assert.ok(found.some((d) => d.severity === 'error' && d.start < text.indexOf('---')));
    assert.ok(found.every((d) => d.end <= text.length));
  });

  test('YAML that is not a workload gets only syntax errors', () => {
    const compose = 'services:\n  web:\n    image: nginx\n    ports: ["80:80"]\n';
    assert.deepEqual(check(compose), []);
    const workflow = 'on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo hi\n';
    assert.deepEqual(check(workflow), []);
    assert.equal(check('kind: ConfigMap\ndata: {a: 1\n').filter((d) => d.code.startsWith('yaml-')).length > 0, true);
  });

  test('a Helm template gets no diagnostics at all, not even syntax errors', () => {
    const helm = '{{- if .Values.enabled }}\napiVersion: batch/v1\nkind: Job\nmetadata:\n  name: {{ include "x" . }}\nspec:\n  template: {{ toYaml .Values.tpl | nindent 4 }}\n{{- end }}\n';
    assert.deepEqual(check(helm), []);
  });
});
