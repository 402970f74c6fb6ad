import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { State } from 'vscode-languageclient/node';
import { activate, closeAll, codeOf, describe, docUri, errors, languageClient, open, openNew, ours, settledDiagnostics, waitForDiagnostics } from './helper';

const LESSON = ['hello-cronjob.yaml', 'hello-job.yaml', 'log-collector-daemonset.yaml'];

suite('Diagnostics in a real VS Code', () => {
  suiteSetup(activate);
  teardown(closeAll);

  for (const name of LESSON) {
    test(`lesson manifest ${name} opens with zero errors`, async () => {
      const editor = await open(docUri(name));
      const ds = await settledDiagnostics(editor);
      assert.deepEqual(errors(ds), [], `errors in ${name}:\n  ${describe(ds)}`);
      assert.ok(ds.every((d) => d.source === 'workload-lens'));
    });
  }

  test('a YAML syntax error is reported as an error at its line', async () => {
    const text = ['apiVersion: batch/v1', 'kind: Job', 'metadata:', '  name: broken', 'spec:', '  template: [unclosed', ''].join('\n');
    const editor = await openNew('syntax-error.yaml', text);
    const ds = await waitForDiagnostics(editor.document.uri, (d) => errors(d).length > 0, 'a syntax error');
    const err = errors(ds)[0];
    assert.ok(err.range.start.line >= 5, `the error should be at or after line 6, got ${describe(ds)}`);
    assert.match(codeOf(err), /^yaml-/, `syntax errors carry a yaml-* code: ${describe(ds)}`);
  });

  test('fixing the syntax error clears it while typing', async () => {
    const editor = await openNew('syntax-fix.yaml', 'apiVersion: v1\nkind: ConfigMap\ndata: {a: 1\n');
    const uri = editor.document.uri;
    await waitForDiagnostics(uri, (d) => errors(d).length > 0, 'a syntax error');
    const line = editor.document.lineAt(2);
    assert.ok(await editor.edit((b) => b.insert(line.range.end, '}')));
    await waitForDiagnostics(uri, (d) => errors(d).length === 0, 'no errors after the fix');
  });
});

suite('Server lifecycle', () => {
  suiteSetup(activate);
  teardown(closeAll);

  test('workloadLens.restartServer restarts the server and diagnostics come back', async () => {
    const editor = await openNew('restart.yaml', 'apiVersion: v1\nkind: ConfigMap\ndata: [unclosed\n');
    const uri = editor.document.uri;
    await waitForDiagnostics(uri, (d) => errors(d).length > 0, 'the error before the restart');
    const client = languageClient();
    const states: State[] = [];
    const sub = client.onDidChangeState((e) => states.push(e.newState));
    // a restart keeps the old diagnostics on screen; empty them so only the new server can refill them
    client.diagnostics?.clear();
    assert.equal(ours(uri).length, 0);
    try {
      await vscode.commands.executeCommand('workloadLens.restartServer');
      await waitForDiagnostics(uri, (d) => errors(d).length > 0, 'the error published again by the new server');
    } finally {
      sub.dispose();
    }
    assert.ok(states.includes(State.Stopped), `the client should have stopped; states: ${states.join(',')}`);
    assert.equal(client.state, State.Running);
    // the new server follows edits too
    assert.ok(await editor.edit((b) => b.replace(new vscode.Range(2, 0, 3, 0), 'data: {}\n')));
    await waitForDiagnostics(uri, (d) => errors(d).length === 0, 'the restarted server to see the fix');
  });
});

suite('Large files', () => {
  suiteSetup(activate);
  teardown(closeAll);

  test('a file with more findings than are shown: scrolling brings the findings in view among them', async () => {
    // 1,500 Jobs of 16 lines, each with an unknown field (line 16·k + 6) and every third with restartPolicy Always: 2,000 errors.
    const job = (i: number) => `apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: job-${i}\n  labels: {team: data}\nspec:\n  completionz: 3\n  backoffLimit: 2\n  template:\n    spec:\n      restartPolicy: ${i % 3 === 0 ? 'Always' : 'Never'}\n      containers:\n        - name: main\n          image: busybox:1.36\n          command: ["sh", "-c", "echo ${i}"]\n---\n`;
    const editor = await openNew('many-findings.yaml', Array.from({ length: 1500 }, (_, i) => job(i)).join(''));
    const uri = editor.document.uri;
    const lastUnknown = 16 * 1499 + 6;
    const capped = await waitForDiagnostics(uri, (d) => d.some((x) => codeOf(x) === 'too-many-problems'), 'the capped set');
    assert.ok(!capped.some((d) => d.range.start.line === lastUnknown), 'the end of the file is not shown while the top is in view');
    editor.revealRange(new vscode.Range(lastUnknown, 0, lastUnknown, 0), vscode.TextEditorRevealType.InCenter);
    const scrolled = await waitForDiagnostics(uri, (d) => d.some((x) => codeOf(x) === 'unknown-field' && x.range.start.line === lastUnknown), 'the findings in view after scrolling');
    assert.ok(scrolled.some((d) => codeOf(d) === 'too-many-problems'), `still capped: ${scrolled.length}`);
  });
});
