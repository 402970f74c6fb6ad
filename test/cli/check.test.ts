import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LESSON_DIR } from '../helpers/fixtures';
import { runCli } from '../helpers/cli';


const run = runCli;

describe('workload-lens check', () => {
  test('the lesson directory checks without errors (exit 0)', () => {
    const r = run(['check', LESSON_DIR, '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const findings = JSON.parse(r.stdout) as Array<{ severity: string }>;
    assert.ok(Array.isArray(findings));
    assert.deepEqual(findings.filter((f) => f.severity === 'error'), []);
  });

  test('errors give exit 1 and JSON findings of the documented shape', () => {
    const r = run(['check', '-', '--format=json'], 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: x\nspec: [1, 2\n');
    assert.equal(r.code, 1);
    const findings = JSON.parse(r.stdout) as Array<Record<string, unknown>>;
    assert.ok(findings.length >= 1);
    const f = findings[0];
    assert.deepEqual(Object.keys(f).sort(), ['code', 'column', 'endColumn', 'endLine', 'file', 'line', 'message', 'path', 'severity'].sort());
    assert.equal(f.file, '<stdin>');
    assert.equal(f.severity, 'error');
    assert.equal(typeof f.line, 'number');
    assert.ok((f.line as number) >= 1 && (f.column as number) >= 1, 'positions are 1-based');
    assert.ok(f.path === null || typeof f.path === 'string');
  });

  test('text output is file:line:col severity code message', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wl-cli-'));
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, 'apiVersion: batch/v1\nkind: Job\nspec:\n\tcompletions: 1\n');
    const r = run(['check', file]);
    assert.equal(r.code, 1);
    assert.match(r.stdout, new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:4:1 error yaml-[a-z-]+ `, 'm'));
  });

  test('directories are walked for .yaml and .yml files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wl-cli-'));
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'sub', 'a.yml'), 'a: [\n');
    writeFileSync(join(dir, 'notes.txt'), 'a: [\n');
    const r = run(['check', dir, '--format', 'json']);
    const files = new Set((JSON.parse(r.stdout) as Array<{ file: string }>).map((f) => f.file));
    assert.deepEqual([...files], [join(dir, 'sub', 'a.yml')]);
  });

  test('bad usage and unreadable input exit 2 with a clear message', () => {
    let r = run(['check']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /needs at least one file/);
    r = run(['check', '/no/such/file.yaml']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /cannot read \/no\/such\/file.yaml: no such file or directory/);
    r = run(['check', LESSON_DIR, '--format', 'xml']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--format must be one of text, json/);
    r = run(['frobnicate']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /unknown command "frobnicate"/);
    r = run(['check', LESSON_DIR, '--colour']);
    assert.equal(r.code, 2);
  });

  test('binary input is reported as such (exit 1)', () => {
    const r = run(['check', '-', '--format', 'json'], '\u0000\u0001binary\u0000\u0002'.repeat(20));
    assert.equal(r.code, 1);
    assert.equal((JSON.parse(r.stdout) as Array<{ code: string }>)[0].code, 'not-text');
  });
});

test('findings of a file are listed in text order', () => {
  const r = run(['check', '-', '--format', 'json'], 'apiVersion: batch/v1\nkind: Job\nmetadata: {name: x}\nspec:\n  template:\n    spec:\n      containers: [{name: a, image: busybox:1.36}]\n      restartPolicy: Always\n');
  const lines = (JSON.parse(r.stdout) as Array<{ line: number; column: number }>).map((f) => f.line * 1000 + f.column);
  assert.ok(lines.length >= 2);
  assert.deepEqual(lines, [...lines].sort((a, b) => a - b));
});
