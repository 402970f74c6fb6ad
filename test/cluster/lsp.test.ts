import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { LspTestClient } from '../helpers/lspClient';
import { lesson } from '../helpers/fixtures';
import { SKIP_REASON, TEST_KUBECONFIG, apiOk, createNamespace, dropNamespace, eventually, testContext } from '../helpers/testCluster';
import { ClusterDryRunRequest, ClusterStatusNotification, PlacementRequest, type ClusterDryRunResponse, type ClusterStatus, type PlacementResponse } from '../../server/src/protocol';

const JOB_URI = 'file:///work/cluster/job.yaml';
const DS_URI = 'file:///work/lesson/log-collector-daemonset.yaml';

describe('against a real control plane: the language server', { skip: SKIP_REASON }, () => {
  let client: LspTestClient;
  let ns: string;
  const statuses: ClusterStatus[] = [];
  before(async () => {
    ns = await createNamespace('wl-lsp');
    client = new LspTestClient();
    client.connection.onNotification(ClusterStatusNotification, (s: ClusterStatus) => statuses.push(s));
    client.settings = { cluster: { enable: true, kubeconfig: TEST_KUBECONFIG, dryRunOnSave: true } };
    await client.initialize();
  });
  after(async () => {
    await client?.shutdown();
    if (ns) await dropNamespace(ns);
  });

  test('workloadLens.cluster.enable connects: status "context · version" from GET /version', async () => {
    const status = await eventually(async () => statuses.find((s) => s.connected), 10000, 'a connected status');
    const version = (await apiOk('GET', '/version')) as { gitVersion: string; minor: string };
    assert.equal(status.context, testContext());
    assert.equal(status.version, version.gitVersion);
    assert.equal(status.minor, Number(version.minor));
    assert.equal(status.label, `${testContext()} · ${version.gitVersion}`);
  });

  test('Check Against Cluster: the server\'s answer as a cluster-dry-run diagnostic, replacing our identical one', async () => {
    const text = lesson.job().replace('restartPolicy: Never', 'restartPolicy: Always').replace('metadata:\n', `metadata:\n  namespace: ${ns}\n`);
    client.open(JOB_URI, text);
    const own = await client.nextDiagnostics(JOB_URI, 1);
    assert.ok(own.some((d) => d.code === 'api-restart-policy'));
    const published = client.nextDiagnostics(JOB_URI, 1);
    const answer = await client.request<ClusterDryRunResponse>(ClusterDryRunRequest, { uri: JOB_URI });
    assert.deepEqual({ objects: answer.objects, errors: answer.errors, error: answer.error, context: answer.context }, { objects: 1, errors: 1, error: undefined, context: testContext() });
    const ds = await published;
    const cluster = ds.filter((d) => d.code === 'cluster-dry-run');
    assert.equal(cluster.length, 1);
    assert.equal(cluster[0].message, 'Required value: valid values: "OnFailure", "Never"');
    const line = text.split('\n').findIndex((l) => l.includes('restartPolicy: Always'));
    assert.equal(cluster[0].range.start.line, line);
    assert.ok(!ds.some((d) => d.code === 'api-restart-policy'));
  });

  test('an edit drops the cluster\'s answer (it was for the saved text); saving asks again (dryRunOnSave)', async () => {
    const text = lesson.job().replace('metadata:\n', `metadata:\n  namespace: ${ns}\n`).replace('  completions: 2', '  completions: 2\n  parallelismm: 1');
    client.change(JOB_URI, 2, [{ text }]);
    const edited = await client.nextDiagnostics(JOB_URI, 2);
    assert.ok(!edited.some((d) => d.code === 'cluster-dry-run'));
    const afterSave = client.nextDiagnostics(JOB_URI, 2);
    void client.connection.sendNotification('textDocument/didSave', { textDocument: { uri: JOB_URI } });
    const ds = await afterSave;
    assert.deepEqual(ds.filter((d) => d.code === 'cluster-dry-run').map((d) => d.message), ['unknown field "spec.parallelismm"']);
  });

  test('placement offers the cluster and places on its nodes', async () => {
    client.open(DS_URI, lesson.daemonset());
    const files = await client.request<PlacementResponse>(PlacementRequest, { uri: DS_URI, position: { line: 0, character: 0 } });
    assert.equal(files.error, undefined);
    if (files.error !== undefined) return;
    assert.equal(files.cluster?.context, testContext());
    const live = await client.request<PlacementResponse>(PlacementRequest, { uri: DS_URI, position: { line: 0, character: 0 }, nodesFrom: 'cluster' });
    if (live.error !== undefined) assert.fail(live.error);
    assert.deepEqual(live.nodeSources, [`cluster ${testContext()}`]);
    assert.equal(live.counts.scheduled, 3);
  });
});
