// The server over stdio on hostile requests: malformed params, endless files, out-of-range dates, floods.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { LspTestClient } from '../helpers/lspClient';

describe('server robustness', () => {
  const client = new LspTestClient();
  const logged: string[] = [];
  before(async () => {
    client.connection.onNotification('window/logMessage', (p: { type: number; message: string }) => {
      if (p.type === 1) logged.push(p.message);
    });
    await client.initialize({});
  });
  after(async () => {
    await client.shutdown();
  });

  test('null or wrong-typed params get InvalidParams (-32602), never an internal error', async () => {
    const cases: Array<[string, unknown]> = [
      ['textDocument/hover', null],
      ['textDocument/completion', { textDocument: { uri: 5 }, position: { line: 0, character: 0 } }],
      ['textDocument/codeAction', { textDocument: { uri: 'file:///x.yaml' }, range: null, context: { diagnostics: [] } }],
      ['textDocument/documentSymbol', {}],
      ['textDocument/foldingRange', { textDocument: null }],
      ['textDocument/codeLens', []],
      ['workloadLens/placement', { uri: 'file:///x.yaml', position: { line: -1, character: 0 } }],
      ['workloadLens/simulate', { uri: 'file:///x.yaml', position: { line: 0, character: 0 }, hours: 'many' }],
      ['workloadLens/cronPreview', { schedule: 5 }],
    ];
    for (const [method, params] of cases) {
      await assert.rejects(client.request(method, params), (e: { code?: number }) => e.code === -32602, method);
    }
    assert.deepEqual(logged, []);
  });

  test('an endless nodes file is refused with a reason, not read', async () => {
    const uri = 'file:///robust/ds.yaml';
    client.open(uri, 'apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: d\nspec:\n  selector:\n    matchLabels: {app: d}\n  template:\n    metadata:\n      labels: {app: d}\n    spec:\n      containers:\n      - name: c\n        image: busybox\n');
    const r = await client.request<{ warnings?: string[]; nodeSources?: string[] }>('workloadLens/placement', { uri, position: { line: 3, character: 2 }, nodesFile: '/dev/zero' });
    assert.ok(r.warnings?.some((w) => w.includes('/dev/zero') && w.includes('not a regular file')), JSON.stringify(r.warnings));
  });

  test('a cron preview from the edge of the date range is a clean error', async () => {
    const r = await client.request<{ error?: string; runs: unknown[] }>('workloadLens/cronPreview', { schedule: '* * * * *', timeZone: 'Europe/London', count: 10, from: '+275760-09-13T00:00:00.000Z' });
    assert.match(r.error ?? '', /between the years 1 and 9990/);
    assert.deepEqual(logged, []);
  });

  test('100,000 syntax problems: 1000 diagnostics and one "… and N more"', async () => {
    const uri = 'file:///robust/commas.yaml';
    const pending = client.nextDiagnostics(uri, 1, 60_000);
    client.open(uri, `a: {\n ${','.repeat(100_000)}\n`);
    const diagnostics = await pending;
    assert.equal(diagnostics.length, 1001);
    assert.equal(diagnostics[1000].code, 'too-many-problems');
    assert.match(diagnostics[1000].message, /and 99001 more problems/);
  });
});
