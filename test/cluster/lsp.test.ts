import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { LspTestClient } from '../helpers/lspClient';
import { lesson } from '../helpers/fixtures';
import { SKIP_REASON, TEST_KUBECONFIG, apiOk, createNamespace, dropNamespace, eventually, testContext } from '../helpers/testCluster';
import { ClusterDryRunRequest, ClusterStatusNotification, PlacementRequest, SimulateRequest, type ClusterDryRunResponse, type ClusterStatus, type PlacementResponse, type SimulateResponse } from '../../server/src/protocol';

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

  test('simulate with the cluster\'s nodes: what already runs there decides whether the Job\'s pods can start', async () => {
    // Every schedulable node already has 7 of its 8 CPUs requested; the Job asks for 2.
    const nodes = ((await apiOk('GET', '/api/v1/nodes')).items as Array<{ metadata: { name: string }; spec: { taints?: unknown[] } }>).filter((n) => !n.spec.taints?.length);
    for (const n of nodes) await apiOk('POST', `/api/v1/namespaces/${ns}/pods`, { apiVersion: 'v1', kind: 'Pod', metadata: { name: `busy-${n.metadata.name}` }, spec: { nodeName: n.metadata.name, containers: [{ name: 'c', image: 'busybox:1.36', resources: { requests: { cpu: '7' } } }] } });
    const uri = 'file:///work/cluster/two-cpus.yaml';
    client.open(uri, lesson.job().replace('image: busybox', 'image: busybox\n          resources: {requests: {cpu: "2"}}'));
    await client.nextDiagnostics(uri);
    const onFiles = await client.request<SimulateResponse>(SimulateRequest, { uri, position: { line: 0, character: 0 } });
    const onCluster = await client.request<SimulateResponse>(SimulateRequest, { uri, position: { line: 0, character: 0 }, nodesFrom: 'cluster' });
    assert.equal(onFiles.error, undefined);
    assert.equal(onCluster.error, undefined);
    assert.doesNotMatch(JSON.stringify(onFiles), /no node fits/, 'the lesson\'s empty kind nodes fit 2 CPUs');
    assert.match(JSON.stringify(onCluster), /no node fits: they stay Pending/);
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
