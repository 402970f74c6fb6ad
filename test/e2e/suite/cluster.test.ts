import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { ClusterContextsRequest, type ClusterContextsResponse, type ClusterDryRunResponse, type ClusterStatus } from '../../../server/src/protocol';
import { activate, closeAll, codeOf, describe, languageClient, openNew, positionOf, waitForDiagnostics, EXTENSION_ID } from './helper';

// The control plane .ci/run starts; its kubeconfig reaches the extension host through the environment.
const KUBECONFIG = process.env.WORKLOAD_LENS_TEST_KUBECONFIG;

interface ClusterFace {
  status(): ClusterStatus;
  statusBarText(): string | undefined;
}

function face(): ClusterFace {
  const exports = vscode.extensions.getExtension<{ cluster: ClusterFace }>(EXTENSION_ID)?.exports;
  assert.ok(exports?.cluster, 'the extension exposes its cluster face');
  return exports.cluster;
}

const JOB = (name: string) => `apiVersion: batch/v1
kind: Job
metadata:
  name: ${name}
spec:
  template:
    spec:
      containers:
        - name: main
          image: busybox:1.36
      restartPolicy: Always
`;

suite('Cluster (a real control plane)', function () {
  suiteSetup(async function () {
    if (!KUBECONFIG) {
      console.log('cluster e2e tests skipped: WORKLOAD_LENS_TEST_KUBECONFIG is not set (.ci/run starts a local control plane and sets it)');
      this.skip();
    }
    await activate();
  });
  teardown(closeAll);
  suiteTeardown(async () => {
    await vscode.workspace.getConfiguration('workloadLens').update('cluster.dryRunOnSave', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.workspace.getConfiguration('workloadLens').update('kubernetesVersion', undefined, vscode.ConfigurationTarget.Workspace);
  });

  test('Connect to Cluster… (context given as argument): status bar shows "context · version"', async () => {
    const contexts = await languageClient().sendRequest<ClusterContextsResponse>(ClusterContextsRequest, { kubeconfig: KUBECONFIG });
    assert.equal(contexts.error, undefined, contexts.error);
    if (contexts.error !== undefined) return;
    const status = await vscode.commands.executeCommand<ClusterStatus>('workloadLens.connectCluster', { kubeconfig: KUBECONFIG, context: contexts.currentContext });
    assert.ok(status?.connected, `not connected: ${status?.error}`);
    assert.match(status.label ?? '', new RegExp(`^${contexts.currentContext} · v1\\.\\d+\\.\\d+`));
    assert.deepEqual(face().status(), status);
    assert.equal(face().statusBarText(), `$(cloud) ${status.label}`);
  });

  test('kubernetesVersion "auto": the target is the connected server\'s version, in the status bar too', async () => {
    await openNew('cluster-auto.yaml', JOB('auto'));
    assert.equal(await vscode.commands.executeCommand('workloadLens.setKubernetesVersion', 'auto'), 'auto');
    const minor = face().status().minor;
    assert.ok(minor, 'connected with a minor');
    const api = vscode.extensions.getExtension<{ kubernetesVersion: () => { text: string } }>(EXTENSION_ID)?.exports;
    const deadline = Date.now() + 10_000;
    while (api?.kubernetesVersion().text !== `K8s 1.${minor} (auto)` && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    assert.equal(api?.kubernetesVersion().text, `K8s 1.${minor} (auto)`);
  });

  test('Check Against Cluster: the server\'s own message at restartPolicy, replacing ours', async () => {
    const editor = await openNew('cluster-job.yaml', JOB(`e2e-${Date.now()}`));
    const uri = editor.document.uri;
    await waitForDiagnostics(uri, (d) => d.some((x) => codeOf(x) === 'api-restart-policy'), 'our api-restart-policy first');
    const answer = await vscode.commands.executeCommand<ClusterDryRunResponse>('workloadLens.checkAgainstCluster', uri);
    assert.equal(answer?.error, undefined, answer?.error);
    assert.equal(answer?.errors, 1);
    const ds = await waitForDiagnostics(uri, (d) => d.some((x) => codeOf(x) === 'cluster-dry-run'), 'cluster-dry-run');
    const d = ds.find((x) => codeOf(x) === 'cluster-dry-run')!;
    assert.equal(d.message, 'Required value: valid values: "OnFailure", "Never"');
    const at = positionOf(editor.document, 'Always');
    assert.deepEqual([d.range.start.line, d.range.start.character], [at.line, at.character], describe([d]));
    assert.ok(!ds.some((x) => codeOf(x) === 'api-restart-policy'), `the cluster has the last word: ${describe(ds)}`);
  });

  test('dryRunOnSave: saving asks the cluster again', async () => {
    await vscode.workspace.getConfiguration('workloadLens').update('cluster.dryRunOnSave', true, vscode.ConfigurationTarget.Workspace);
    const editor = await openNew('cluster-save.yaml', JOB(`e2e-save-${Date.now()}`).replace('restartPolicy: Always', 'restartPolicy: Never'));
    const uri = editor.document.uri;
    await editor.edit((b) => b.insert(positionOf(editor.document, '  template:'), '  parallelismm: 1\n'));
    assert.ok(await editor.document.save(), 'saved');
    const ds = await waitForDiagnostics(uri, (d) => d.some((x) => codeOf(x) === 'cluster-dry-run'), 'cluster-dry-run after save');
    assert.deepEqual(ds.filter((x) => codeOf(x) === 'cluster-dry-run').map((x) => x.message), ['unknown field "spec.parallelismm"']);
  });
});
