// The first check of a large file is shared with a worker thread (dist/worker.js). These tests run
// the same files and edits through a server that checks on one thread (WORKLOAD_LENS_WORKER=off) and
// one that hands the second half of the documents to the worker (=split), and require identical results.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Diagnostic, DocumentSymbol, Hover } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LspTestClient, SERVER } from '../helpers/lspClient';

/** One of eight kinds of document: clean, API errors with fixes, duplicate keys, broken YAML, not a workload, a disable comment. */
function manifest(i: number): string {
  switch (i % 8) {
    case 0:
      return `apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: agent-${i}\nspec:\n  selector:\n    matchLabels: {app: agent-${i}}\n  template:\n    metadata:\n      labels: {app: agent-${i}}\n    spec:\n      containers:\n        - name: agent\n          image: fluent/fluent-bit\n          resources: {requests: {cpu: 10m}, limits: {cpu: 20m}}\n`;
    case 1:
      return `apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: job-${i}\nspec:\n  completionz: 3\n  template:\n    spec:\n      restartPolicy: Always\n      containers:\n        - name: main\n          image: busybox:1.36\n          command: ["sh", "-c", "echo ${i}"]\n`;
    case 2:
      return `apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: cron-${i}\nspec:\n  schedule: "61 * * * *"\n  timeZone: Europe/Lndon\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: OnFailure\n          containers:\n            - name: c\n              image: busybox:1.36\n`;
    case 3:
      return `apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: dup-${i}\n  name: dup-${i}-again\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n        - name: main\n          image: busybox:1.36\n`;
    case 4:
      return `apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: broken-${i}\nspec:\n\tcompletions: 2\n  template: [unclosed\n`;
    case 5:
      return `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings-${i}\ndata:\n  key: "{{ not a template in quotes }}"\n`;
    case 6:
      return `apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: quiet-${i}\nspec:\n  ttlSecondsAfterFinished: 60\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n        - name: main\n          # workload-lens-disable-next-line lint-image-tag\n          image: busybox\n          resources: {requests: {memory: 10Mi}, limits: {memory: 10Mi}}\n`;
    default:
      return `# comment before document ${i}\napiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: Bad_Name_${i}\nspec:\n  selector:\n    matchLabels: {app: a}\n  template:\n    metadata:\n      labels: {app: b}\n    spec:\n      containers:\n        - name: agent\n          image: busybox:1.36\n          resources: {requests: {cpu: 2}, limits: {cpu: 1}}\n`;
  }
}

const COUNT = 320;
const mixed = Array.from({ length: COUNT }, (_, i) => manifest(i)).join('---\n');
const templatedLate = Array.from({ length: COUNT }, (_, i) => (i === COUNT - 10 ? 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: {{ .Values.name }}\n' : manifest(i))).join('---\n');
const crlf = mixed.replace(/\n/g, '\r\n');

/** The line of the n-th occurrence of `needle`, counted from the end (0 = last). */
function lineOfLast(text: string, needle: string, fromEnd = 0): { line: number; character: number } {
  let at = text.length;
  for (let k = 0; k <= fromEnd; k++) at = text.lastIndexOf(needle, at - 1);
  const before = text.slice(0, at).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

function server(mode: 'off' | 'split' | 'auto', path = SERVER): { client: LspTestClient; logs: string[] } {
  const client = new LspTestClient(['--stdio'], { server: path, env: { ...process.env, WORKLOAD_LENS_WORKER: mode } });
  const logs: string[] = [];
  client.connection.onNotification('window/logMessage', (p: { message: string }) => logs.push(p.message));
  return { client, logs };
}

async function open(client: LspTestClient, uri: string, text: string): Promise<Diagnostic[]> {
  const pending = client.nextDiagnostics(uri, 1, 30000);
  client.open(uri, text);
  return pending;
}

function workerShare(logs: string[]): number {
  const counts = logs.map((l) => /, (\d+) of them in the worker thread/.exec(l)).filter((m) => m).map((m) => Number(m![1]));
  return counts.reduce((a, b) => a + b, 0);
}

describe('diagnostics worker thread', () => {
  let one: ReturnType<typeof server>;
  let two: ReturnType<typeof server>;
  before(async () => {
    one = server('off');
    two = server('split');
    await Promise.all([one.client.initialize(), two.client.initialize()]);
  });
  after(() => {
    for (const s of [one, two]) if (s.client.process.exitCode === null) s.client.kill();
  });

  test('finds exactly what one thread finds: mixed findings, CRLF, a templated document in the worker half', async () => {
    for (const [name, text] of Object.entries({ mixed, crlf, templatedLate })) {
      const uri = `file:///same/${name}.yaml`;
      const shareBefore = workerShare(two.logs);
      const [single, shared] = await Promise.all([open(one.client, uri, text), open(two.client, uri, text)]);
      assert.deepEqual(shared, single, name);
      // The documents in view (the top 120 lines, 5–7 documents) are checked first on the main thread; the worker gets the second half of the rest.
      assert.ok(workerShare(two.logs) - shareBefore >= (COUNT - 8) / 2 - 1, `${name}: the worker checked the second half (${two.logs.join(' | ')})`);
      if (name === 'templatedLate') {
        assert.deepEqual(single, [], 'a templated document silences the file');
      } else {
        const codes = new Set(single.map((d) => String(d.code)));
        for (const code of ['duplicate-key', 'yaml-tab-as-indent', 'unknown-field', 'api-restart-policy', 'cron-schedule-invalid', 'cron-timezone-invalid', 'api-metadata', 'api-resources', 'lint-image-tag']) {
          assert.ok(codes.has(code), `${name} reports ${code}`);
        }
        const last = lineOfLast(text, 'completionz');
        assert.ok(single.some((d) => d.code === 'unknown-field' && d.range.start.line === last.line), 'a finding in the worker half sits on its line');
        const quiet = lineOfLast(text, 'image: busybox\n'.replace('\n', name === 'crlf' ? '\r\n' : '\n'));
        assert.ok(!single.some((d) => d.code === 'lint-image-tag' && d.range.start.line === quiet.line), 'the disable comment holds in the worker half');
      }
    }
  });

  test('edits after a worker-checked open: findings, hover and symbols match one thread', async () => {
    const uri = 'file:///edits/mixed.yaml';
    await Promise.all([open(one.client, uri, mixed), open(two.client, uri, mixed)]);
    const policy = lineOfLast(mixed, 'restartPolicy: Never');
    const firstName = { line: 3, character: 8 };
    const marker = lineOfLast(mixed, '---', 3);
    const edits = [
      // a document the worker checked: Never → Always is an error now
      [{ range: { start: { line: policy.line, character: policy.character + 15 }, end: { line: policy.line, character: policy.character + 20 } }, text: 'Always' }],
      // a document the main thread checked
      [{ range: { start: firstName, end: { line: firstName.line, character: firstName.character + 5 } }, text: 'Agent' }],
      // two documents of the worker's half become one
      [{ range: { start: { line: marker.line, character: 0 }, end: { line: marker.line + 1, character: 0 } }, text: '' }],
      // and a templated marker, then its removal
      [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# {{ .Values }}\n{{ include "x" . }}\n' }],
      [{ range: { start: { line: 0, character: 0 }, end: { line: 2, character: 0 } }, text: '' }],
    ];
    let version = 1;
    const document = TextDocument.create(uri, 'yaml', 1, mixed);
    for (const change of edits) {
      version++;
      TextDocument.update(document, change, version);
      const results = await Promise.all([one, two].map(({ client }) => {
        const pending = client.nextDiagnostics(uri, version, 30000);
        client.change(uri, version, change);
        return pending;
      }));
      assert.deepEqual(results[1], results[0], `after edit ${version - 1}`);
      if (version === 2) assert.ok(results[0].some((d) => d.code === 'api-restart-policy' && d.range.start.line === policy.line), 'the edit in the worker half is seen');
    }
    const final = document.getText();
    const position = document.positionAt(final.lastIndexOf('restartPolicy: Never') + 3);
    const [h1, h2] = await Promise.all([one, two].map(({ client }) => client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position })));
    assert.ok(h1, 'hover in the worker half answers');
    assert.deepEqual(h2, h1);
    const [s1, s2] = await Promise.all([one, two].map(({ client }) => client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } })));
    assert.ok(s1.length > COUNT / 2, `${s1.length} symbols`);
    assert.deepEqual(s2, s1);
  });

  test('a server whose worker cannot start checks on one thread', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wl-noworker-'));
    const alone = join(dir, 'server.js');
    copyFileSync(SERVER, alone);
    const expected = await open(one.client, 'file:///fallback.yaml', mixed);
    for (const mode of ['split', 'auto'] as const) {
      const s = server(mode, alone);
      try {
        await s.client.initialize();
        const got = await open(s.client, 'file:///fallback.yaml', mixed);
        assert.deepEqual(got, expected, mode);
        assert.equal(workerShare(s.logs), 0);
        const pending = s.client.nextDiagnostics('file:///fallback.yaml', 2, 30000);
        s.client.change('file:///fallback.yaml', 2, [{ range: { start: { line: 3, character: 8 }, end: { line: 3, character: 8 } }, text: 'x' }]);
        assert.ok((await pending).length > 0, 'edits are checked too');
        assert.equal(await s.client.shutdown(), 0);
      } finally {
        if (s.client.process.exitCode === null) s.client.kill();
      }
      assert.ok(s.logs.some((l) => /worker thread failed/.test(l)), `${mode}: the failure is logged once (${s.logs.join(' | ')})`);
    }
  });

  test('check on the command line finds what the worker-checked server finds', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wl-cli-worker-'));
    writeFileSync(join(dir, 'mixed.yaml'), mixed);
    const r = spawnSync(process.execPath, [resolve(__dirname, '../../dist/cli.js'), 'check', join(dir, 'mixed.yaml'), '--format', 'json'], { encoding: 'utf8' });
    assert.equal(r.status, 1, r.stderr);
    const findings = JSON.parse(r.stdout) as Array<{ code: string; line: number; column: number }>;
    return open(two.client, 'file:///cli/mixed.yaml', mixed).then((shared) => {
      const key = (code: string, line: number, column: number) => `${code}@${line}:${column}`;
      assert.deepEqual(findings.map((f) => key(f.code, f.line, f.column)).sort(), shared.map((d) => key(String(d.code), d.range.start.line + 1, d.range.start.character + 1)).sort());
    });
  });
});
