import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { WorkloadParser } from '../../server/src/core/model/workloadFile';
import { checkChunk, checkFile, placeDiagnostics, DEFAULT_CHECK_SETTINGS } from '../../server/src/core/diagnostics';
import { LineIndex } from '../../server/src/core/model/lineIndex';

const job = (name: string, policy = 'Never') => `apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: ${name}\nspec:\n  template:\n    spec:\n      restartPolicy: ${policy}\n      containers:\n        - name: c\n          image: busybox:1.36\n`;

describe('WorkloadParser: pieces and chunks (the language server checks a file document by document)', () => {
  test('pieces() parses nothing; chunk() parses and keeps; parse() reuses what chunk() kept', () => {
    const parser = new WorkloadParser();
    const text = [job('a'), job('b'), job('c')].join('---\n');
    const pieces = parser.pieces(text);
    assert.equal(pieces.length, 3);
    assert.ok(pieces.every((p) => p.parsed === undefined));
    assert.equal(pieces[1].text, text.slice(pieces[1].start, pieces[1].end));
    const b = parser.chunk(pieces[1].text);
    assert.equal(parser.chunk(pieces[1].text), b, 'kept');
    const file = parser.parse(text);
    assert.equal(file.docs[1].doc, b.docs[0], 'parse() takes the kept chunk');
    assert.deepEqual(parser.pieces(text).map((p) => p.parsed !== undefined), [true, true, true]);
  });

  test('chunks no longer in the text are forgotten', () => {
    const parser = new WorkloadParser();
    const before = [job('a'), job('b')].join('---\n');
    parser.parse(before);
    const after = [job('a'), job('b', 'Always')].join('---\n');
    assert.deepEqual(parser.pieces(after).map((p) => p.parsed !== undefined), [true, false]);
    assert.deepEqual(parser.pieces(before).map((p) => p.parsed !== undefined), [true, false], 'b was dropped by the previous call');
  });

  test('findings placed chunk by chunk equal checkFile', () => {
    const text = ['# leading comment\n' + job('a', 'Always'), job('b'), 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: x\n  name: y\n', job('Bad_Name')].join('---\n');
    const parser = new WorkloadParser();
    const results = parser.pieces(text).map((p) => ({ start: p.start, result: checkChunk(parser.chunk(p.text), DEFAULT_CHECK_SETTINGS) }));
    const placed = placeDiagnostics({ text, lines: new LineIndex(text) }, results.some((r) => r.result.templated), () => results.flatMap((r) => r.result.docs.map((diagnostics) => ({ start: r.start, diagnostics }))));
    const whole = checkFile(new WorkloadParser().parse(text));
    assert.ok(whole.length >= 3);
    assert.deepEqual(placed, whole);
  });
});
