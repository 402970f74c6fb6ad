import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { LspTestClient } from '../helpers/lspClient';
import { lesson } from '../helpers/fixtures';

describe('language server over stdio', () => {
  let client: LspTestClient;
  before(async () => {
    client = new LspTestClient();
    await client.initialize();
  });
  after(async () => {
    if (client.process.exitCode === null) client.kill();
  });

  test('announces incremental sync with open/close notifications', () => {
    const sync = client.initializeResult?.capabilities.textDocumentSync as { openClose?: boolean; change?: number };
    assert.equal(sync.openClose, true);
    assert.equal(sync.change, 2, 'TextDocumentSyncKind.Incremental');
    assert.equal(client.initializeResult?.serverInfo?.name, 'workload-lens');
  });

  test('the lesson manifests get no errors', async () => {
    for (const [name, text] of Object.entries({ ds: lesson.daemonset(), job: lesson.job(), cron: lesson.cronjob() })) {
      const uri = `file:///lesson/${name}.yaml`;
      const pending = client.nextDiagnostics(uri, 1);
      client.open(uri, text);
      const diagnostics = await pending;
      assert.deepEqual(diagnostics.filter((d) => d.severity === 1), [], `${name} has no errors`);
    }
  });

  test('a syntax error appears with its range and goes away after an incremental fix', async () => {
    const uri = 'file:///broken.yaml';
    const text = 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: x\nspec:\n\tcompletions: 2\n';
    let pending = client.nextDiagnostics(uri, 1);
    client.open(uri, text);
    const first = await pending;
    const error = first.find((d) => d.severity === 1);
    assert.ok(error, 'a syntax error is reported');
    assert.equal(error.range.start.line, 5);
    assert.equal(error.range.start.character, 0);
    assert.equal(error.source, 'workload-lens');

    pending = client.nextDiagnostics(uri, 2);
    client.change(uri, 2, [{ range: { start: { line: 5, character: 0 }, end: { line: 5, character: 1 } }, text: '  ' }]);
    const second = await pending;
    assert.deepEqual(second.filter((d) => String(d.code).startsWith('yaml-')), []);
  });

  test('non-workload YAML gets nothing but keeps the server answering', async () => {
    const uri = 'file:///compose.yaml';
    const pending = client.nextDiagnostics(uri, 1);
    client.open(uri, 'services:\n  web:\n    image: nginx\n');
    assert.deepEqual(await pending, []);
  });

  test('binary junk gets one clear diagnostic and the server keeps serving others', async () => {
    const uri = 'file:///junk.yaml';
    let pending = client.nextDiagnostics(uri, 1);
    client.open(uri, '\u0000\u0001\u0002\u0003garbage\u0000'.repeat(50));
    const junk = await pending;
    assert.equal(junk.length, 1);
    assert.equal(junk[0].code, 'not-text');
    const other = 'file:///after-junk.yaml';
    pending = client.nextDiagnostics(other, 1);
    client.open(other, 'kind: ConfigMap\n');
    assert.deepEqual(await pending, []);
  });

  test('closing a document clears its diagnostics', async () => {
    const uri = 'file:///broken.yaml';
    const pending = client.nextDiagnostics(uri);
    client.close(uri);
    assert.deepEqual(await pending, []);
  });

  test('shutdown then exit ends the process with code 0', async () => {
    assert.equal(await client.shutdown(), 0);
  });
});

describe('language server without workspace/configuration support', () => {
  test('works with a client that sends only the basics', async () => {
    const client = new LspTestClient();
    try {
      await client.initialize({});
      const uri = 'file:///plain.yaml';
      const pending = client.nextDiagnostics(uri, 1);
      client.open(uri, 'a: [1, 2\n');
      const diagnostics = await pending;
      assert.ok(diagnostics.length >= 1);
      assert.equal(await client.shutdown(), 0);
    } finally {
      if (client.process.exitCode === null) client.kill();
    }
  });
});
