import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { DocumentSymbol, FoldingRange } from 'vscode-languageserver-protocol';
import { LspTestClient } from '../helpers/lspClient';
import { lesson } from '../helpers/fixtures';

describe('outline and folding over LSP', () => {
  let client: LspTestClient;
  before(async () => {
    client = new LspTestClient();
    const init = await client.initialize();
    assert.equal(init.capabilities.documentSymbolProvider, true);
    assert.equal(init.capabilities.foldingRangeProvider, true);
  });
  after(async () => {
    if (client.process.exitCode === null) await client.shutdown();
  });

  const all = () => `${lesson.daemonset()}---\n${lesson.job()}---\n${lesson.cronjob()}`;

  test('each document is `Kind name` with its containers and volumes beneath', async () => {
    const uri = 'file:///outline.yaml';
    client.open(uri, all());
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    assert.deepEqual(symbols.map((s) => s.name), ['DaemonSet log-collector', 'Job hello-job', 'CronJob hello-cronjob']);
    assert.deepEqual(symbols[0].children!.map((c) => `${c.name} (${c.detail})`), ['log-collector (container · busybox)', 'varlog (volume · hostPath)']);
    assert.deepEqual(symbols[2].children!.map((c) => c.name), ['hello']);
    const lines = all().split('\n');
    assert.match(lines[symbols[1].selectionRange.start.line], /name: hello-job/);
    assert.ok(symbols[1].range.start.line < symbols[1].selectionRange.start.line);
  });

  test('init containers are listed too', async () => {
    const uri = 'file:///outline-init.yaml';
    client.open(uri, 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: migrate\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      initContainers:\n        - name: wait-db\n          image: busybox:1.36\n      containers:\n        - name: run\n          image: app:1\n');
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    assert.deepEqual(symbols[0].children!.map((c) => `${c.name} (${c.detail})`), ['wait-db (init container · busybox:1.36)', 'run (container · app:1)']);
  });

  test('folding ranges follow the YAML tree and comment runs', async () => {
    const uri = 'file:///folding.yaml';
    const text = lesson.job();
    client.open(uri, text);
    const ranges = await client.request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri } });
    const lines = text.split('\n');
    const starting = (re: RegExp) => ranges.filter((r) => re.test(lines[r.startLine]));
    const template = starting(/^  template:/);
    assert.equal(template.length, 1);
    assert.match(lines[template[0].endLine], /restartPolicy: Never|# - restartPolicy: Never/);
    const comments = ranges.filter((r) => r.kind === 'comment');
    assert.ok(comments.some((r) => /# Total number of successful/.test(lines[r.startLine]) && r.endLine - r.startLine === 2));
    for (const r of ranges) assert.ok(r.endLine > r.startLine);
  });
});
