import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { LspTestClient } from '../helpers/lspClient';
import { lesson, ROOT } from '../helpers/fixtures';
import { PlacementRequest, SimulateRequest, type PlacementResponse, type SimulateResponse } from '../../server/src/protocol';

const DS_URI = 'file:///work/lesson/log-collector-daemonset.yaml';
const JOB_URI = 'file:///work/lesson/hello-job.yaml';
const CRON_URI = 'file:///work/lesson/hello-cronjob.yaml';

function ok(r: PlacementResponse) {
  if (r.error !== undefined) throw new Error(r.error);
  return r;
}

describe('workloadLens/placement and workloadLens/simulate over LSP', () => {
  let client: LspTestClient;
  before(async () => {
    client = new LspTestClient();
    await client.initialize();
    client.open(DS_URI, lesson.daemonset());
    client.open(JOB_URI, lesson.job());
    client.open(CRON_URI, lesson.cronjob());
  });
  after(async () => {
    await client.shutdown();
  });

  test('the lesson DaemonSet lands on all three kind nodes', async () => {
    const r = ok(await client.request<PlacementResponse>(PlacementRequest, { uri: DS_URI, position: { line: 20, character: 10 } }));
    assert.equal(r.workload, 'DaemonSet/log-collector');
    assert.equal(r.kind, 'DaemonSet');
    assert.deepEqual(r.counts, { nodes: 3, scheduled: 3, notScheduled: 0, pending: 0 });
    assert.deepEqual(r.nodeSources, ['kind cluster my-second-cluster (the lesson, v1.31.4)']);
    assert.equal(r.nodes[0].role, 'control-plane');
    assert.equal(r.tolerations[0].path, 'spec.template.spec.tolerations[0]');
    assert.match(r.nodes[0].notes.join('\n'), /taint node-role\.kubernetes\.io\/control-plane:NoSchedule tolerated by spec\.template\.spec\.tolerations\[0\]/);
  });

  test('what-if: without its toleration, only the workers', async () => {
    const r = ok(await client.request<PlacementResponse>(PlacementRequest, { uri: DS_URI, position: { line: 0, character: 0 }, whatIf: { removeTolerations: [0] } }));
    assert.deepEqual(r.nodes.map((n) => n.result), ['not-scheduled', 'scheduled', 'scheduled']);
    assert.deepEqual(r.nodes[0].reasons, ['taint node-role.kubernetes.io/control-plane:NoSchedule not tolerated']);
  });

  test('a nodes file given in the request', async () => {
    const r = ok(await client.request<PlacementResponse>(PlacementRequest, { uri: DS_URI, position: { line: 0, character: 0 }, nodesFile: resolve(ROOT, 'examples/nodes/mixed-cluster.yaml') }));
    assert.equal(r.counts.nodes, 7);
    assert.equal(r.counts.scheduled, 5);
  });

  test('a missing nodes file is a warning and the default cluster is used', async () => {
    const r = ok(await client.request<PlacementResponse>(PlacementRequest, { uri: DS_URI, position: { line: 0, character: 0 }, nodesFile: '/no/such/nodes.yaml' }));
    assert.equal(r.counts.nodes, 3);
    assert.match(r.warnings.join(), /cannot be read: no such file/);
  });

  test('Node documents in another open file are used', async () => {
    const uri = 'file:///work/nodes.yaml';
    client.open(uri, 'apiVersion: v1\nkind: Node\nmetadata:\n  name: lonely\n  labels: {disktype: ssd}\nspec:\n  taints:\n  - {key: node-role.kubernetes.io/control-plane, effect: NoSchedule}\n');
    const r = ok(await client.request<PlacementResponse>(PlacementRequest, { uri: JOB_URI, position: { line: 3, character: 0 } }));
    assert.deepEqual(r.nodeSources, [uri]);
    assert.deepEqual(r.nodes.map((n) => [n.node, n.result]), [['lonely', 'not-scheduled']]);
    assert.match(r.summary, /No node fits/);
    client.close(uri);
  });

  test('no workload in the document gives an error message', async () => {
    const uri = 'file:///work/cm.yaml';
    client.open(uri, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n');
    const r = await client.request<PlacementResponse>(PlacementRequest, { uri, position: { line: 0, character: 0 } });
    assert.match(r.error ?? '', /No pod template here/);
  });

  test('simulate the lesson Job', async () => {
    const r = await client.request<SimulateResponse>(SimulateRequest, { uri: JOB_URI, position: { line: 5, character: 2 } });
    assert.equal(r.error, undefined);
    if (r.error !== undefined || r.kind !== 'Job') return;
    assert.equal(r.job.outcome, 'Complete');
    assert.equal(r.job.finishedAt, 10);
    assert.equal(r.job.deletedAt, 70);
  });

  test('simulate: pods that fit no node stay Pending', async () => {
    const nodesFile = resolve(ROOT, 'examples/nodes/kind-3-nodes.yaml');
    const uri = 'file:///work/gpu-job.yaml';
    client.open(uri, 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: gpu\nspec:\n  activeDeadlineSeconds: 300\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: c\n        image: cuda\n        resources:\n          limits:\n            nvidia.com/gpu: 1\n');
    const r = await client.request<SimulateResponse>(SimulateRequest, { uri, position: { line: 3, character: 2 }, nodesFile });
    if (r.error !== undefined || r.kind !== 'Job') throw new Error('expected a Job timeline');
    assert.deepEqual(r.job.pods.map((p) => p.phase), ['Deleted']);
    assert.equal(r.job.outcome, 'Failed');
    assert.match(r.job.reason ?? '', /^DeadlineExceeded/);
    client.close(uri);
  });

  test('simulate the lesson CronJob from a fixed time', async () => {
    const r = await client.request<SimulateResponse>(SimulateRequest, { uri: CRON_URI, position: { line: 5, character: 2 }, from: '2026-01-01T10:00:00Z', hours: 0.1 });
    if (r.error !== undefined || r.kind !== 'CronJob') throw new Error('expected a CronJob timeline');
    assert.equal(r.cron.runs.length, 6);
    assert.equal(r.cron.runs[0].scheduledAt, Date.parse('2026-01-01T10:01:00Z'));
  });
});

describe('workloadLens.placement.nodesFile setting', () => {
  test('is read from the workloadLens settings', async () => {
    const client = new LspTestClient();
    client.settings = { placement: { nodesFile: resolve(ROOT, 'examples/nodes/kind-3-nodes.yaml') } };
    try {
      await client.initialize();
      client.open(DS_URI, lesson.daemonset());
      await client.nextDiagnostics(DS_URI);
      const r = ok(await client.request<PlacementResponse>(PlacementRequest, { uri: DS_URI, position: { line: 0, character: 0 } }));
      assert.deepEqual(r.nodeSources, [resolve(ROOT, 'examples/nodes/kind-3-nodes.yaml')]);
      assert.equal(r.counts.scheduled, 3);
    } finally {
      await client.shutdown();
    }
  });
});
