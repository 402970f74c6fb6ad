// A large file's first check: the documents in view are published first, the rest is checked in
// slices between messages (requests are answered meanwhile), and an edit stops a check it supersedes.
import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Diagnostic, Hover } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LspTestClient } from '../helpers/lspClient';
import { VisibleRangesNotification } from '../../server/src/protocol';

/** 16 lines per document; every document has an unknown field on its 7th line, every third a bad restartPolicy. */
function job(i: number): string {
  return [
    'apiVersion: batch/v1',
    'kind: Job',
    'metadata:',
    `  name: job-${i}`,
    '  labels: {team: data}',
    'spec:',
    '  completionz: 3',
    '  backoffLimit: 2',
    '  template:',
    '    spec:',
    `      restartPolicy: ${i % 3 === 0 ? 'Always' : 'Never'}`,
    '      containers:',
    '        - name: main',
    '          image: busybox:1.36',
    `          command: ["sh", "-c", "echo ${i}"]`,
    '---',
  ].join('\n') + '\n';
}

/** `count` documents: line 16·k + 6 holds document k's unknown field. */
function stream(count: number): string {
  return Array.from({ length: count }, (_, i) => job(i)).join('');
}

function start(mode: 'off' | 'split'): { client: LspTestClient; logs: string[] } {
  const client = new LspTestClient(['--stdio'], { env: { ...process.env, WORKLOAD_LENS_WORKER: mode } });
  const logs: string[] = [];
  client.connection.onNotification('window/logMessage', (p: { message: string }) => logs.push(p.message));
  return { client, logs };
}

const lines = (list: Diagnostic[]) => list.map((d) => d.range.start.line);

describe('large files: in view first, sliced, superseded by edits', () => {
  const servers: LspTestClient[] = [];
  after(() => {
    for (const c of servers) if (c.process.exitCode === null) c.kill();
  });

  test('the documents the editor shows are published first; then every finding', async () => {
    const { client } = start('off');
    servers.push(client);
    await client.initialize();
    const text = stream(1500); // 24,000 lines, ~600 KB
    const uri = 'file:///large/in-view.yaml';
    await client.connection.sendNotification(VisibleRangesNotification, { uri, ranges: [{ start: { line: 16000, character: 0 }, end: { line: 16040, character: 0 } }] });
    const first = client.nextDiagnostics(uri, 1, 60000);
    const all = client.nextDiagnostics(uri, 1, 60000, (d) => d.length === 1001);
    client.open(uri, text);
    const early = await first;
    assert.ok(early.length > 0, 'findings in view are published early');
    // Documents 1000–1002 cover lines 16000–16040: only their findings are known yet.
    for (const line of lines(early)) assert.ok(line >= 16000 && line < 16048, `early finding on line ${line} is in view`);
    assert.ok(lines(early).includes(16006) && lines(early).includes(16038), 'both documents in view have their unknown field');
    const complete = await all;
    // The cap: 1,000 findings (errors first) and one "… and N more".
    assert.ok(complete.some((d) => d.code === 'too-many-problems'));
    // The cap keeps the findings in view among those shown.
    for (const d of early.filter((x) => x.range.start.line <= 16040)) assert.ok(complete.some((c) => c.code === d.code && c.range.start.line === d.range.start.line), `early ${d.code}@${d.range.start.line} stays`);
  });

  test('without word from the editor, the top of the file comes first', async () => {
    const { client } = start('off');
    servers.push(client);
    await client.initialize();
    const uri = 'file:///large/top.yaml';
    const first = client.nextDiagnostics(uri, 1, 60000);
    client.open(uri, stream(1500));
    const early = await first;
    assert.ok(early.length > 0);
    for (const line of lines(early)) assert.ok(line < 128, `early finding on line ${line} is near the top`);
  });

  for (const mode of ['off', 'split'] as const) {
    test(`an edit during the check stops it; requests are answered meanwhile (worker ${mode})`, async () => {
      const { client, logs } = start(mode);
      servers.push(client);
      await client.initialize();
      const uri = 'file:///large/edited.yaml';
      const text = stream(3000); // 48,000 lines, ~1.2 MB
      const events: string[] = [];
      client.diagnosticsListeners.push((p) => events.push(`diagnostics v${p.version} (${p.diagnostics.length})`));
      const early = client.nextDiagnostics(uri, 1, 60000);
      client.open(uri, text);
      await early;
      // The rest of version 1 is being checked: a hover is answered, and an edit supersedes it.
      const hover = client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 47990, character: 4 } }).then((h) => {
        events.push('hover');
        return h;
      });
      const edited = client.nextDiagnostics(uri, 2, 60000, (d) => d.length === 1001);
      client.change(uri, 2, [{ range: { start: { line: 6, character: 2 }, end: { line: 6, character: 13 } }, text: 'completions' }]);
      const [h, v2] = await Promise.all([hover, edited]);
      assert.ok(h, 'the hover in the last document answers during the check');
      assert.ok(logs.some((l) => /Stopped checking file:\/\/\/large\/edited\.yaml \(version 1\)/.test(l)), `version 1's check stopped (${logs.join(' | ')})`);
      assert.equal(events.filter((e) => e.startsWith('diagnostics v1')).length, 1, `only the early set of version 1 was published: ${events.join(', ')}`);
      assert.ok(events.indexOf('hover') < events.findIndex((e) => e.startsWith('diagnostics v2')), `hover before version 2's diagnostics: ${events.join(', ')}`);
      assert.ok(!v2.some((d) => d.code === 'unknown-field' && d.range.start.line === 6), 'the edit is seen');
      assert.ok(v2.some((d) => d.code === 'unknown-field' && d.range.start.line === 22), 'the next document keeps its finding');
      // The same text opened fresh gives the same findings.
      const fresh = client.nextDiagnostics('file:///large/fresh.yaml', 1, 60000, (d) => d.length === 1001);
      client.open('file:///large/fresh.yaml', text.replace('completionz', 'completions'));
      assert.deepEqual(await fresh, v2);
    });
  }

  for (const mode of ['off', 'split'] as const) {
    test(`a burst of edits during long checks ends with the findings of the last text, in version order (worker ${mode})`, async () => {
      const { client, logs } = start(mode);
      const { client: reference } = start('off');
      servers.push(client, reference);
      await Promise.all([client.initialize(), reference.initialize()]);
      const uri = 'file:///large/burst.yaml';
      let text = stream(2000); // 32,000 lines
      const document = TextDocument.create(uri, 'yaml', 1, text);
      const versions: number[] = [];
      client.diagnosticsListeners.push((p) => versions.push(p.version ?? -1));
      client.open(uri, text);
      let random = 20261130;
      const next = (n: number) => {
        random = (random * 1103515245 + 12345) % 2 ** 31;
        return random % n;
      };
      for (let version = 2; version <= 31; version++) {
        await new Promise((r) => setTimeout(r, next(60)));
        const line = next(document.lineCount - 1);
        const edits = [
          { range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: '# note\n' },
          { range: { start: { line, character: 0 }, end: { line: line + 1, character: 0 } }, text: '' },
          { range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: job(10_000 + version) },
          { range: { start: { line, character: 2 }, end: { line, character: 3 } }, text: 'z' },
        ];
        const change = edits[next(edits.length)];
        TextDocument.update(document, [change], version);
        client.change(uri, version, [change]);
        if (next(3) === 0) void client.request('textDocument/hover', { textDocument: { uri }, position: { line: next(document.lineCount), character: 3 } });
      }
      text = document.getText();
      // Both have more than 1,000 findings: the complete sets are the capped ones (1,001), the documents in view come earlier.
      const expected = reference.nextDiagnostics('file:///large/reference.yaml', 1, 60000, (d) => d.length === 1001);
      reference.open('file:///large/reference.yaml', text);
      const final = await client.nextDiagnostics(uri, 31, 60000, (d) => d.length === 1001);
      assert.deepEqual(final, await expected);
      await new Promise((r) => setTimeout(r, 500));
      for (let i = 1; i < versions.length; i++) assert.ok(versions[i] >= versions[i - 1], `published in version order: ${versions.join(',')}`);
      assert.equal(versions[versions.length - 1], 31, `nothing older after the last version: ${versions.join(',')}`);
      assert.ok(logs.some((l) => /^Stopped checking file:\/\/\/large\/burst\.yaml/.test(l)), `some check was superseded mid-way: ${logs.join(' | ')}; versions ${versions.join(',')}`);
    });
  }

  test('visibleRanges: malformed notices are ignored, many documents do not pile up, the server answers', async () => {
    const { client } = start('off');
    servers.push(client);
    await client.initialize();
    const junk: unknown[] = [null, 1, 'x', {}, { uri: 1 }, { uri: 'file:///a', ranges: 'no' }, { uri: 'file:///a', ranges: [null, 1, { start: {} }, { start: { line: -1 }, end: { line: 2 } }, { start: { line: 5 }, end: { line: 1 } }] }];
    for (const params of junk) await client.connection.sendNotification(VisibleRangesNotification, params);
    for (let i = 0; i < 5000; i++) await client.connection.sendNotification(VisibleRangesNotification, { uri: `file:///many/${i}.yaml`, ranges: Array.from({ length: 40 }, () => ({ start: { line: i, character: 0 }, end: { line: i + 9, character: 0 } })) });
    const uri = 'file:///large/after-junk.yaml';
    const pending = client.nextDiagnostics(uri, 1, 30000);
    client.open(uri, job(1));
    assert.ok((await pending).some((d) => d.code === 'unknown-field'), 'still checking');
    assert.equal(client.stderr, '');
  });

  test('a document closed and opened again at version 1 with other text: hover reads the new text', async () => {
    const { client } = start('off');
    servers.push(client);
    await client.initialize();
    const uri = 'file:///large/reopened.yaml';
    const first = client.nextDiagnostics(uri, 1);
    client.open(uri, job(1));
    await first;
    const before = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 10, character: 8 } });
    assert.match(JSON.stringify(before), /restartPolicy/);
    client.close(uri);
    const again = client.nextDiagnostics(uri, 1);
    client.open(uri, `# moved\n# down\n${job(1)}`);
    await again;
    const after = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 12, character: 8 } });
    assert.match(JSON.stringify(after), /restartPolicy/);
    assert.equal(after?.range?.start.line, 12);
  });
});
