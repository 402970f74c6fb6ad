import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PlacementResponse, SimulateResponse } from '../../../server/src/protocol';
import { activate, closeAll, codeOf, contributes, EXTENSION_ID, openNew, positionOf, waitForDiagnostics } from './helper';

const COMMAND = 'workloadLens.setKubernetesVersion';

const JOB = `apiVersion: batch/v1
kind: Job
metadata:
  name: versioned
spec:
  completionMode: Indexed
  completions: 2
  parallelism: 2
  successPolicy:
    rules:
      - succeededCount: 1
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: main
          image: busybox
`;

const SIDECAR_JOB = `apiVersion: batch/v1
kind: Job
metadata:
  name: with-sidecar
spec:
  completions: 1
  template:
    spec:
      restartPolicy: Never
      initContainers:
        - name: proxy
          image: envoy:v1
          restartPolicy: Always
          resources:
            requests:
              cpu: 600m
      containers:
        - name: main
          image: busybox:1.36
          resources:
            requests:
              cpu: 500m
`;

interface StatusApi {
  kubernetesVersion?(): { text: string; tooltip: string; visible: boolean; version: string };
}

function status() {
  const api = vscode.extensions.getExtension<StatusApi>(EXTENSION_ID)?.exports;
  assert.ok(api?.kubernetesVersion, 'the extension exposes the Kubernetes version status');
  return api.kubernetesVersion();
}

function setting(): string | undefined {
  return vscode.workspace.getConfiguration('workloadLens').inspect<string>('kubernetesVersion')?.workspaceValue;
}

async function hoverText(uri: vscode.Uri, at: vscode.Position): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, at);
  return (hovers ?? []).flatMap((h) => h.contents).map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : '')).join('\n');
}

/** Polls until `accept` holds (the setting reaches the server through didChangeConfiguration). */
async function eventually<T>(get: () => Promise<T> | T, accept: (v: T) => boolean, what: string, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: T;
  for (;;) {
    last = await get();
    if (accept(last)) return last;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; last: ${String(last)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

suite('Target Kubernetes version', () => {
  suiteSetup(activate);
  teardown(async () => {
    await vscode.workspace.getConfiguration('workloadLens').update('kubernetesVersion', undefined, vscode.ConfigurationTarget.Workspace);
    await closeAll();
  });

  test('the command is contributed and the status bar shows the target for a YAML editor only', async () => {
    assert.ok(contributes(COMMAND), `${COMMAND} is in package.json`);
    await openNew('version-status.yaml', JOB);
    const shown = await eventually(status, (s) => s.visible, 'the status item to show');
    assert.equal(shown.text, 'K8s 1.36');
    assert.match(shown.tooltip, /Kubernetes 1\.36/);
    const doc = await vscode.workspace.openTextDocument({ language: 'plaintext', content: 'not yaml' });
    await vscode.window.showTextDocument(doc);
    await eventually(status, (s) => !s.visible, 'the status item to hide for a plain-text editor');
  });

  test('Set Kubernetes Version with an argument writes the workspace setting; diagnostics and hovers follow', async () => {
    const editor = await openNew('version-job.yaml', JOB);
    const uri = editor.document.uri;
    const onField = (ds: vscode.Diagnostic[], code: string, severity: vscode.DiagnosticSeverity) => ds.some((d) => codeOf(d) === code && d.severity === severity && editor.document.getText(d.range) === 'successPolicy');
    await waitForDiagnostics(uri, (ds) => ds.length > 0 && !ds.some((d) => editor.document.getText(d.range) === 'successPolicy'), 'diagnostics on 1.36, none at successPolicy');
    const at = positionOf(editor.document, 'successPolicy', 3);
    assert.doesNotMatch(await hoverText(uri, at), /on your target/);

    const picked = await vscode.commands.executeCommand<string | undefined>(COMMAND, '1.30');
    assert.equal(picked, '1.30');
    assert.equal(setting(), '1.30');
    assert.equal(status().text, 'K8s 1.30');
    await waitForDiagnostics(uri, (ds) => onField(ds, 'version-dropped-field', vscode.DiagnosticSeverity.Warning), 'the drop warning on 1.30');
    await eventually(() => hoverText(uri, at), (t) => /on your target 1\.30 this field is dropped: feature gate JobSuccessPolicy is off/.test(t), 'the hover to speak of 1.30');

    await vscode.commands.executeCommand(COMMAND, 'v1.29');
    assert.equal(setting(), '1.29');
    await waitForDiagnostics(uri, (ds) => onField(ds, 'unknown-field', vscode.DiagnosticSeverity.Error), 'the unknown-field error on 1.29');
    await eventually(() => hoverText(uri, at), (t) => /on your target 1\.29 this field does not exist/.test(t), 'the hover to speak of 1.29');
  });

  test('Simulate Pod Placement follows the target: a sidecar dropped on 1.28 is a plain init container', async () => {
    const editor = await openNew('version-sidecar.yaml', SIDECAR_JOB);
    editor.selection = new vscode.Selection(positionOf(editor.document, 'completions'), positionOf(editor.document, 'completions'));
    const place = () => vscode.commands.executeCommand<{ placement: PlacementResponse; simulation?: SimulateResponse } | undefined>('workloadLens.simulatePlacement');
    const now = await place();
    assert.ok(now?.placement && now.placement.error === undefined, 'placement on 1.36');
    assert.deepEqual(now.placement.requests, { cpu: '1100m' });
    await vscode.commands.executeCommand(COMMAND, '1.28');
    const old = await place();
    assert.ok(old?.placement && old.placement.error === undefined, 'placement on 1.28');
    assert.deepEqual(old.placement.requests, { cpu: '600m' });
    assert.ok(old.placement.warnings.some((w) => /restartPolicy is dropped by a 1\.28 API server/.test(w)), old.placement.warnings.join('\n'));
    const sim = old.simulation;
    assert.ok(sim && sim.error === undefined && sim.kind === 'Job', 'a Job simulation');
    assert.ok(sim.kind === 'Job' && sim.job.notes.some((n) => /becomes a plain init container/.test(n)), 'the simulation says what the drop does');
  });

  test('an unknown version is refused and leaves the setting alone', async () => {
    await vscode.commands.executeCommand(COMMAND, '1.31');
    assert.equal(await vscode.commands.executeCommand(COMMAND, '1.99'), undefined);
    assert.equal(setting(), '1.31');
  });
});
