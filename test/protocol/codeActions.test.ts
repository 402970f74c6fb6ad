import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-protocol';
import { LspTestClient } from '../helpers/lspClient';

const BROKEN = `apiVersion: batch/v1
kind: Job
metadata:
  name: demo   # keep this comment
spec:
  backoffLimit: "4"
  template:
    spec:
      restartPolicy: onFailure  # how pods restart
      containers:
      - name: app
        image: busybox:1.36
        comand: ["sh", "-c", "date"]
        env:
        - name: PORT
          value: 8080
`;

function applyEdits(text: string, edits: TextEdit[]): string {
  const lines = text.split('\n');
  const offset = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  return [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start)).reduce((t, e) => t.slice(0, offset(e.range.start)) + e.newText + t.slice(offset(e.range.end)), text);
}

describe('quick fixes over LSP', () => {
  let client: LspTestClient;
  before(async () => {
    client = new LspTestClient();
    await client.initialize();
  });
  after(async () => {
    if (client.process.exitCode === null) await client.shutdown();
  });

  test('announces quick fixes', () => {
    const provider = client.initializeResult?.capabilities.codeActionProvider as { codeActionKinds?: string[] };
    assert.deepEqual(provider.codeActionKinds, ['quickfix']);
  });

  test('each diagnostic with a fix gets a preferred quick fix that clears it, keeping comments', async () => {
    const uri = 'file:///fix/job.yaml';
    let pending = client.nextDiagnostics(uri, 1);
    client.open(uri, BROKEN);
    const diagnostics = (await pending).filter((d) => d.severity === 1);
    assert.deepEqual(diagnostics.map((d) => d.code).sort(), ['unknown-field', 'unsupported-value', 'wrong-type', 'wrong-type']);

    let text = BROKEN;
    let version = 1;
    let current = diagnostics;
    for (const title of ['Remove the quotes: 4', 'Change to "OnFailure"', 'Rename "comand" to "command"', 'Quote the value: "8080"']) {
      const action = await findAction(uri, current, title);
      assert.ok(action, `offers "${title}"`);
      assert.equal(action.kind, 'quickfix');
      assert.equal(action.isPreferred, true);
      assert.equal(action.diagnostics?.length, 1, 'names the diagnostic it fixes');
      const edits = action.edit?.changes?.[uri];
      assert.ok(edits?.length);
      text = applyEdits(text, edits);
      version++;
      pending = client.nextDiagnostics(uri, version);
      client.change(uri, version, [{ text }]);
      const after = (await pending).filter((d) => d.severity === 1);
      assert.equal(after.length, current.length - 1, `"${title}" removes exactly one error and adds none`);
      current = after;
    }
    assert.deepEqual(current, []);
    assert.match(text, /name: demo   # keep this comment/);
    assert.match(text, /restartPolicy: OnFailure  # how pods restart/);
    assert.match(text, /backoffLimit: 4\n/);
    assert.match(text, /value: "8080"\n/);
    assert.match(text, /command: \["sh", "-c", "date"\]/);
  });

  async function findAction(uri: string, diagnostics: Diagnostic[], title: string): Promise<CodeAction | undefined> {
    for (const d of diagnostics) {
      const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });
      const found = actions.find((a) => a.title === title);
      if (found) return found;
    }
    return undefined;
  }

  test('a lint can be disabled for its line by a quick fix', async () => {
    const uri = 'file:///fix/lint.yaml';
    const text = 'apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: hello\nspec:\n  schedule: "0 0 13 * 5"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: OnFailure\n          containers:\n          - name: hello\n            image: busybox:1.36\n';
    let pending = client.nextDiagnostics(uri, 1);
    client.open(uri, text);
    const before = await pending;
    const lints = before.filter((d) => d.severity !== 1 && !String(d.code).startsWith('yaml-'));
    assert.ok(lints.length > 0, 'some lint fires on this CronJob');
    const lint = lints[0];
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: lint.range, context: { diagnostics: [lint] } });
    const disable = actions.find((a) => a.title === `Disable ${lint.code} for this line`);
    assert.ok(disable, 'offers to disable the lint');
    assert.notEqual(disable.isPreferred, true, 'never the preferred fix');
    const fixed = applyEdits(text, disable.edit?.changes?.[uri] ?? []);
    assert.match(fixed, new RegExp(`\\n *# workload-lens-disable-next-line ${lint.code}\\n`));
    pending = client.nextDiagnostics(uri, 2);
    client.change(uri, 2, [{ text: fixed }]);
    const after = await pending;
    assert.ok(!after.some((d) => d.code === lint.code && d.range.start.line === lint.range.start.line + 1), 'the lint is gone from its line');
    const silenced = before.filter((d) => d.code === lint.code && d.range.start.line === lint.range.start.line).length;
    assert.equal(after.length, before.length - silenced, 'nothing else changes');
  });

  test('asking only for refactorings gets no quick fixes', async () => {
    const uri = 'file:///fix/only.yaml';
    const pending = client.nextDiagnostics(uri, 1);
    client.open(uri, BROKEN);
    const [d] = (await pending).filter((x) => x.code === 'unknown-field');
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d], only: ['refactor'] } });
    assert.deepEqual(actions, []);
  });

  test('settings: a rule turned off or re-levelled, and validation disabled, take effect at once', async () => {
    const uri = 'file:///fix/settings.yaml';
    let pending = client.nextDiagnostics(uri, 1);
    client.open(uri, BROKEN);
    assert.ok((await pending).some((d) => d.code === 'unknown-field'));

    pending = client.nextDiagnostics(uri, 1);
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { workloadLens: { validate: { rules: { 'unknown-field': 'off', 'wrong-type': 'warning' } } } } });
    let list = await pending;
    assert.ok(!list.some((d) => d.code === 'unknown-field'), 'unknown-field is off');
    assert.ok(list.filter((d) => d.code === 'wrong-type').every((d) => d.severity === 2), 'wrong-type is a warning now');
    assert.ok(list.some((d) => d.code === 'unsupported-value' && d.severity === 1), 'others unchanged');

    pending = client.nextDiagnostics(uri, 1);
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { workloadLens: { validate: { enable: false } } } });
    list = await pending;
    assert.deepEqual(list, []);

    pending = client.nextDiagnostics(uri, 1);
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { workloadLens: {} } });
    list = await pending;
    assert.ok(list.some((d) => d.code === 'unknown-field'), 'defaults restored');
  });
});
