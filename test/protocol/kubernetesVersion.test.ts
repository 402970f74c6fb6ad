import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { CompletionList, Diagnostic, Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { LspTestClient, caret } from '../helpers/lspClient';
import { KubernetesVersionsRequest, SimulateRequest, type KubernetesVersionsResponse, type SimulateResponse } from '../../server/src/protocol';

const JOB = `apiVersion: batch/v1
kind: Job
metadata:
  name: indexed
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

describe('the target Kubernetes version over LSP (workloadLens.kubernetesVersion)', () => {
  let client: LspTestClient;
  const uri = 'file:///versions/job.yaml';
  before(async () => {
    client = new LspTestClient();
    await client.initialize();
    const pending = client.nextDiagnostics(uri, 1);
    client.open(uri, JOB);
    await pending;
  });
  after(async () => {
    if (client.process.exitCode === null) await client.shutdown();
  });

  async function hoverOnSuccessPolicy(): Promise<string> {
    const c = caret(JOB.replace('successPolicy:', 'success|Policy:'));
    const h = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: c.line, character: c.character } });
    return h ? (h.contents as MarkupContent).value : '';
  }

  async function specKeys(): Promise<CompletionList> {
    const keysUri = 'file:///versions/keys.yaml';
    const c = caret('apiVersion: batch/v1\nkind: Job\nspec:\n  |\n  template:\n    spec:\n      containers: []\n');
    client.open(keysUri, c.text);
    const list = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri: keysUri }, position: { line: c.line, character: c.character } });
    client.close(keysUri);
    return list;
  }

  async function pushVersion(version: string | undefined): Promise<Diagnostic[]> {
    const published = client.nextDiagnostics(uri, 1);
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { workloadLens: version === undefined ? {} : { kubernetesVersion: version } } });
    // Every open document is checked again when the settings change.
    return published;
  }
  const atSuccessPolicy = (ds: Diagnostic[]) => ds.filter((d) => d.range.start.line === 8 && d.range.start.character === 2).map((d) => [d.code, d.severity]);

  test('default target 1.36: the field is ordinary in diagnostics, hover and completion', async () => {
    const first = client.nextDiagnostics(uri, 1);
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { workloadLens: {} } });
    assert.deepEqual(atSuccessPolicy(await first), []);
    const value = await hoverOnSuccessPolicy();
    assert.match(value, /\*\*Kubernetes versions\.\*\* since 1\.30/);
    assert.doesNotMatch(value, /on your target/);
    const item = (await specKeys()).items.find((i) => i.label === 'successPolicy');
    assert.ok(item, 'successPolicy is offered');
    assert.equal(item.labelDetails, undefined);
  });

  test('a pushed 1.30 re-checks the open document: a drop warning; hover and completion then speak of 1.30', async () => {
    assert.deepEqual(atSuccessPolicy(await pushVersion('1.30')), [['version-dropped-field', 2]]);
    assert.match(await hoverOnSuccessPolicy(), /on your target 1\.30 this field is dropped: feature gate JobSuccessPolicy is off/);
    const list = await specKeys();
    const item = list.items.find((i) => i.label === 'successPolicy')!;
    assert.deepEqual(item.labelDetails, { description: 'dropped on 1.30' });
    const last = [...list.items].filter((i) => i.kind === 10).sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? '')).pop();
    assert.equal(last?.label, 'successPolicy', 'the dropped field sorts last');
  });

  test('1.29 pulled through workspace/configuration: the field is not offered', async () => {
    client.settings = { kubernetesVersion: '1.29' };
    const published = client.nextDiagnostics(uri, 1);
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    assert.deepEqual(atSuccessPolicy(await published), [['unknown-field', 1]]);
    assert.match(await hoverOnSuccessPolicy(), /on your target 1\.29 this field does not exist/);
    assert.ok(!(await specKeys()).items.some((i) => i.label === 'successPolicy'));
    const versions = await client.request<KubernetesVersionsResponse>(KubernetesVersionsRequest, {});
    assert.equal(versions.current, '1.29');
    assert.equal(versions.versions.length, 10);
    assert.match(versions.versions.find((v) => v.version === '1.31')!.changes, /JobSpec\.successPolicy/);
  });

  test('simulate follows the setting, and a request can ask for another minor', async () => {
    await pushVersion('1.30');
    const notes = (r: SimulateResponse): string[] => ('job' in r && r.job ? r.job.notes : []);
    const atSetting = await client.request<SimulateResponse>(SimulateRequest, { uri, position: { line: 5, character: 2 } });
    assert.ok(notes(atSetting).some((n) => /spec\.successPolicy is dropped by a 1\.30 API server/.test(n)), JSON.stringify(atSetting).slice(0, 500));
    const asked = await client.request<SimulateResponse>(SimulateRequest, { uri, position: { line: 5, character: 2 }, kubernetesMinor: 36 });
    assert.ok(notes(asked).length > 0 && !notes(asked).some((n) => /dropped by/.test(n)));
    assert.deepEqual(atSuccessPolicy(await pushVersion(undefined)), []);
    assert.doesNotMatch(await hoverOnSuccessPolicy(), /on your target/);
  });
});
