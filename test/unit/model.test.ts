import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { LineIndex } from '../../server/src/core/model/lineIndex';
import { WorkloadParser, parseWorkloadFile, splitChunks } from '../../server/src/core/model/workloadFile';
import { formatPath, nodeAtOffset, rangeOfPath } from '../../server/src/core/model/path';
import { caret } from '../helpers/lspClient';
import { lesson } from '../helpers/fixtures';

describe('LineIndex', () => {
  test('maps offsets to UTF-16 positions and back, over LF and CRLF', () => {
    const text = 'a: 1\r\nb: "é😀"\nc: 3';
    const lines = new LineIndex(text);
    assert.equal(lines.lineCount, 3);
    assert.deepEqual(lines.positionAt(text.indexOf('c')), { line: 2, character: 0 });
    const afterEmoji = text.indexOf('"', text.indexOf('😀'));
    // The emoji is two UTF-16 code units, as LSP counts them.
    assert.deepEqual(lines.positionAt(afterEmoji), { line: 1, character: 7 });
    assert.equal(lines.offsetAt({ line: 1, character: 7 }), afterEmoji);
    assert.equal(lines.offsetAt({ line: 9, character: 0 }), text.length);
    assert.equal(lines.offsetAt({ line: 0, character: 99 }), 6, 'a character past the line end stops at the next line start');
  });
});

describe('splitting a stream into documents', () => {
  test('splits at --- lines, not at --- inside text or after indentation', () => {
    const text = 'a: 1\n---\nb: |\n  ---\n--- # c\nc: 3\n---x: no\n';
    const chunks = splitChunks(text).map((c) => text.slice(c.start, c.end));
    assert.deepEqual(chunks, ['a: 1\n', '---\nb: |\n  ---\n', '--- # c\nc: 3\n---x: no\n']);
  });

  test('a leading comment or directive block stays with the first document', () => {
    const text = '# header\n%YAML 1.2\n---\nkind: Job\n---\nkind: CronJob\n';
    const file = parseWorkloadFile(text);
    assert.equal(file.docs.length, 2);
    assert.deepEqual(file.docs.map((d) => d.doc.kind), ['Job', 'CronJob']);
    assert.equal(file.docs[0].doc.syntax.length, 0);
  });

  test('documents know their kind and whether we check them', () => {
    const file = parseWorkloadFile([lesson.daemonset(), lesson.job(), 'apiVersion: apps/v1\nkind: Deployment\n', 'apiVersion: batch/v1beta1\nkind: CronJob\n', lesson.cronjob()].join('---\n'));
    assert.deepEqual(file.docs.map((d) => d.doc.workload ?? null), ['DaemonSet', 'Job', null, null, 'CronJob']);
    assert.deepEqual(file.docs.map((d) => d.doc.name ?? null), ['log-collector', 'hello-job', null, null, 'hello-cronjob']);
  });
});

describe('incremental parsing', () => {
  test('an edit re-parses only the document it touches', () => {
    const parser = new WorkloadParser();
    const docs = Array.from({ length: 5 }, (_, i) => `apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: job-${i}\n`);
    const before = parser.parse(docs.join('---\n'));
    docs[2] = docs[2].replace('job-2', 'job-two');
    const after = parser.parse(docs.join('---\n'));
    assert.equal(after.docs.length, 5);
    for (const i of [0, 1, 3, 4]) assert.equal(after.docs[i].doc, before.docs[i].doc, `document ${i} is reused`);
    assert.notEqual(after.docs[2].doc, before.docs[2].doc);
    assert.equal(after.docs[2].doc.name, 'job-two');
    assert.equal(after.docs[3].start, before.docs[3].start + 2, 'later documents move with the edit');
  });
});

describe('paths', () => {
  test('finds the node and the Kubernetes path under an offset', () => {
    const { text, offset } = caret(lesson.daemonset().replace('image: busybox', 'image: busy|box'));
    const file = parseWorkloadFile(text);
    const placed = file.docs[0];
    const hit = nodeAtOffset(placed.doc, offset - placed.start);
    assert.ok(hit);
    assert.deepEqual(hit.segs, ['spec', 'template', 'spec', 'containers', 0, 'image']);
    assert.equal(hit.onKey, false);
    assert.equal(formatPath(hit.segs), 'spec.template.spec.containers[0].image');
  });

  test('knows when the offset is on a key', () => {
    const { text, offset } = caret('apiVersion: batch/v1\nkind: Job\nspec:\n  backoff|Limit: 4\n');
    const hit = nodeAtOffset(parseWorkloadFile(text).docs[0].doc, offset);
    assert.deepEqual(hit?.segs, ['spec', 'backoffLimit']);
    assert.equal(hit?.onKey, true);
  });

  test('writes free-form map keys in brackets as kubectl does', () => {
    assert.equal(formatPath(['spec', 'template', 'spec', 'containers', 0, 'resources', 'requests', 'cpu']), 'spec.template.spec.containers[0].resources.requests[cpu]');
    assert.equal(formatPath(['metadata', 'labels', 'app.kubernetes.io/name']), 'metadata.labels[app.kubernetes.io/name]');
    assert.equal(formatPath(['spec', 'selector', 'matchLabels', 'labels']), 'spec.selector.matchLabels[labels]');
  });

  test('maps a path back to the range of its value', () => {
    const text = lesson.job();
    const doc = parseWorkloadFile(text).docs[0].doc;
    const range = rangeOfPath(doc, ['spec', 'template', 'spec', 'restartPolicy']);
    assert.ok(range);
    assert.equal(text.slice(range[0], range[1]), 'Never');
    assert.equal(rangeOfPath(doc, ['spec', 'nothing']), undefined);
  });

  test('works through flow-style (JSON-like) YAML', () => {
    const { text, offset } = caret('{"apiVersion": "batch/v1", "kind": "Job", "spec": {"completions": 5|}}');
    const hit = nodeAtOffset(parseWorkloadFile(text).docs[0].doc, offset);
    assert.deepEqual(hit?.segs, ['spec', 'completions']);
  });
});

describe('templates', () => {
  test('Helm markers in structure mark the file as a template', () => {
    assert.equal(parseWorkloadFile('apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: {{ .Release.Name }}\n').templated, true);
    assert.equal(parseWorkloadFile('{{- if .Values.enabled }}\napiVersion: apps/v1\nkind: DaemonSet\n{{- end }}\n').templated, true);
  });

  test('braces inside quoted or block text are only text', () => {
    const text = 'apiVersion: batch/v1\nkind: Job\nspec:\n  template:\n    spec:\n      containers:\n        - name: a\n          args: ["--format={{.Name}}"]\n          command:\n            - sh\n            - -c\n            - |\n              kubectl get po -o go-template=\'{{range .items}}{{end}}\'\n';
    assert.equal(parseWorkloadFile(text).templated, false);
  });

  test('a syntax error marks a file as a template only when braces stand outside quotes', () => {
    const quoted = 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: x\n  annotations:\n    note: -\n    tpl: "{{ .Values.x }}"\n';
    const file = parseWorkloadFile(quoted);
    assert.equal(file.templated, false);
    assert.ok(file.docs[0].doc.syntax.some((p) => p.severity === 'error'), 'the syntax error is reported');
    assert.equal(parseWorkloadFile('apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: x\n  labels: {{ include "labels" . | nindent 4 }}\n    note: -\n').templated, true);
  });
});

describe('duplicate keys (kubectl keeps the last value)', () => {
  test('the last value is what the model holds; the earlier pair is recorded', () => {
    const doc = parseWorkloadFile('apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: a\n  name: b\n').docs[0].doc;
    assert.equal(doc.syntax.length, 0);
    assert.equal(doc.name, 'b');
    assert.deepEqual(doc.duplicateKeys?.map((d) => d.key), ['name']);
  });
  test('merge keys may repeat', () => {
    const doc = parseWorkloadFile('a: &a {x: 1}\nb: &b {y: 2}\nc:\n  <<: *a\n  <<: *b\n').docs[0].doc;
    assert.equal(doc.duplicateKeys, undefined);
  });
});
