import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { readFileSync } from 'node:fs';
import { LESSON_DIR, ROOT } from '../helpers/fixtures';
import { runCli } from '../helpers/cli';

const DS = resolve(LESSON_DIR, 'log-collector-daemonset.yaml');
const JOB = resolve(LESSON_DIR, 'hello-job.yaml');
const CRON = resolve(LESSON_DIR, 'hello-cronjob.yaml');
const MIXED = resolve(ROOT, 'examples/nodes/mixed-cluster.yaml');

const run = runCli;

describe('workload-lens place', () => {
  test('the lesson DaemonSet on the default kind cluster, JSON', () => {
    const r = run(['place', DS, '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const json = JSON.parse(r.stdout);
    assert.equal(json.workload, 'DaemonSet/log-collector');
    assert.deepEqual(json.nodes.map((n: { node: string; result: string; reasons: string[] }) => [n.node, n.result, n.reasons]), [
      ['my-second-cluster-control-plane', 'scheduled', []],
      ['my-second-cluster-worker', 'scheduled', []],
      ['my-second-cluster-worker2', 'scheduled', []],
    ]);
  });
  test('without the toleration (stdin): only the two workers', () => {
    const text = readFileSync(DS, 'utf8').replace(/tolerations:[\s\S]*?effect: "NoSchedule"/, 'tolerations: []');
    const json = JSON.parse(run(['place', '-', '--format', 'json'], text).stdout);
    assert.deepEqual(json.nodes.map((n: { result: string }) => n.result), ['not-scheduled', 'scheduled', 'scheduled']);
    assert.deepEqual(json.nodes[0].reasons, ['taint node-role.kubernetes.io/control-plane:NoSchedule not tolerated']);
  });
  test('--nodes file', () => {
    const json = JSON.parse(run(['place', DS, '--nodes', MIXED, '--format', 'json']).stdout);
    assert.equal(json.nodes.length, 7);
    const gpu = json.nodes.find((n: { node: string }) => n.node === 'gpu-1');
    assert.deepEqual([gpu.result, gpu.reasons], ['not-scheduled', ['taint nvidia.com/gpu=present:NoSchedule not tolerated']]);
  });
  test('Node documents in the input files are used', () => {
    const nodes = 'apiVersion: v1\nkind: Node\nmetadata:\n  name: only-node\n';
    const json = JSON.parse(run(['place', '-', DS, '--format', 'json'], nodes).stdout);
    assert.deepEqual(json.nodes.map((n: { node: string }) => n.node), ['only-node']);
  });
  test('several workloads give an array', () => {
    const json = JSON.parse(run(['place', LESSON_DIR, '--format', 'json']).stdout);
    assert.deepEqual(json.map((w: { workload: string }) => w.workload).sort(), ['CronJob/hello-cronjob', 'DaemonSet/log-collector', 'Job/hello-job']);
  });
  test('text output', () => {
    const r = run(['place', DS]);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /log-collector runs a pod on 3 of 3 nodes/);
  });
  test('bad usage and unreadable input exit 2', () => {
    assert.equal(run(['place']).code, 2);
    assert.equal(run(['place', '/no/such/file.yaml']).code, 2);
    assert.equal(run(['place', DS, '--nodes', '/no/such/nodes.yaml']).code, 2);
    assert.equal(run(['place', DS, '--nodes', JOB]).code, 2);
    assert.equal(run(['place', '-'], 'kind: ConfigMap\n').code, 2);
    assert.equal(run(['place', DS, '--format', 'xml']).code, 2);
  });
});

describe('workload-lens simulate', () => {
  test('hello-job JSON', () => {
    const r = run(['simulate', JOB, '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const json = JSON.parse(r.stdout);
    assert.equal(json.kind, 'Job');
    assert.equal(json.job.outcome, 'Complete');
    assert.equal(json.job.finishedAt, 10);
    assert.equal(json.job.deletedAt, 70);
    assert.equal(json.job.pods.length, 2);
  });
  test('--duration and --failure-rate', () => {
    const json = JSON.parse(run(['simulate', JOB, '--duration', '30s', '--failure-rate', '1', '--format', 'json']).stdout);
    assert.equal(json.job.outcome, 'Failed');
    assert.equal(json.job.pods[0].endedAt, 30);
  });
  test('hello-cronjob text', () => {
    const r = run(['simulate', CRON, '--hours', '0.1', '--from', '2026-01-01T10:00:00Z']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /2026-01-01T10:01:00Z {2}started/);
    assert.match(r.stdout, /at most 1 Job\(s\) at once/);
  });
  test('bad usage exits 2', () => {
    assert.equal(run(['simulate']).code, 2);
    assert.equal(run(['simulate', DS]).code, 2);
    assert.equal(run(['simulate', JOB, '--duration', 'soon']).code, 2);
    assert.equal(run(['simulate', JOB, '--failure-rate', '2']).code, 2);
    assert.equal(run(['simulate', '/no/such/file.yaml']).code, 2);
  });
});
