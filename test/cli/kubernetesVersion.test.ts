// explain, simulate and place with --kubernetes-version: what the target changes, and nothing else.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../helpers/cli';


const run = runCli;

const INDEXED_JOB = `apiVersion: batch/v1
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

describe('workload-lens explain --kubernetes-version', () => {
  test('text: a KUBERNETES VERSIONS section for the target; field lists mark what the target lacks or drops', () => {
    const r = run(['explain', 'job.spec.successPolicy', '--kubernetes-version', '1.30']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /KUBERNETES VERSIONS:\n {4}since 1\.30 \(beta 1\.31, GA 1\.33\)[\s\S]*on your\s+target 1\.30 this field is dropped/);
    assert.ok(r.stdout.indexOf('KUBERNETES VERSIONS:') < r.stdout.indexOf('DESCRIPTION:'));
    assert.match(run(['explain', 'job.spec', '--kubernetes-version', '1.29']).stdout, / {2}successPolicy\t<SuccessPolicy> \(not in 1\.29\)/);
    assert.match(run(['explain', 'job.spec', '--kubernetes-version', 'v1.30.2']).stdout, / {2}successPolicy\t<SuccessPolicy> \(dropped on 1\.30\)/);
    assert.match(run(['explain', 'job.spec']).stdout, / {2}successPolicy\t<SuccessPolicy>\n/);
    assert.doesNotMatch(run(['explain', 'job.spec.backoffLimit', '--kubernetes-version', '1.30']).stdout, /KUBERNETES VERSIONS/);
  });

  test('json: the fields it always had are unchanged; kubernetesVersion and versions are added', () => {
    const before = JSON.parse(run(['explain', 'job.spec.successPolicy', '--format', 'json']).stdout);
    const at30 = JSON.parse(run(['explain', 'job.spec.successPolicy', '--format', 'json', '--kubernetes-version', '1.30']).stdout);
    for (const key of ['kind', 'apiVersion', 'field', 'path', 'type', 'required', 'default', 'enum', 'values', 'inShort', 'description', 'docs']) assert.deepEqual(at30[key], before[key], key);
    assert.equal(before.kubernetesVersion, '1.36');
    assert.equal(at30.kubernetesVersion, '1.30');
    assert.deepEqual({ ...at30.versions, text: undefined }, { text: undefined, since: '1.30', gate: 'JobSuccessPolicy', status: 'dropped' });
    assert.match(at30.versions.text, /^since 1\.30/);
    assert.equal(before.versions.status, 'ok');
    assert.equal(JSON.parse(run(['explain', 'job.spec.parallelism', '--format', 'json']).stdout).versions, null);
    const child = JSON.parse(run(['explain', 'job.spec', '--format', 'json', '--kubernetes-version', '1.29']).stdout).fields.find((f: { name: string }) => f.name === 'successPolicy');
    assert.equal(child.versionStatus, 'unknown');
  });

  test('a version outside 1.27–1.36 is a usage error', () => {
    const r = run(['explain', 'job.spec', '--kubernetes-version', '1.26']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--kubernetes-version must be/);
  });
});

describe('workload-lens simulate --kubernetes-version', () => {
  test('1.30 drops successPolicy: the run is simulated without it, and a note says so', () => {
    const r = run(['simulate', '-', '--kubernetes-version', '1.30'], INDEXED_JOB);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /note: spec\.successPolicy is dropped by a 1\.30 API server \(feature gate JobSuccessPolicy is off until 1\.31\): the Job completes only when every index succeeds/);
    assert.doesNotMatch(r.stdout, /successPolicy is not simulated/);
    const now = run(['simulate', '-'], INDEXED_JOB);
    assert.match(now.stdout, /successPolicy is not simulated/);
  });

  test('1.29 does not know it: a warning that the API server rejects the Job', () => {
    const r = run(['simulate', '-', '--kubernetes-version', '1.29', '--format', 'json'], INDEXED_JOB);
    assert.equal(r.code, 0, r.stderr);
    const json = JSON.parse(r.stdout);
    assert.ok(json.job.warnings.some((w: string) => /spec\.successPolicy does not exist in Kubernetes 1\.29 \(since 1\.30\)/.test(w)), json.job.warnings.join('\n'));
  });
});

describe('workload-lens place --kubernetes-version', () => {
  const JOB = `apiVersion: batch/v1
kind: Job
metadata:
  name: with-sidecar
spec:
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
---
apiVersion: v1
kind: Node
metadata:
  name: small
status:
  allocatable:
    cpu: "1"
    memory: 4Gi
    pods: "110"
`;

  test('a sidecar dropped on 1.28 is placed as a plain init container; on 1.29 it does not fit beside the container', () => {
    const old = run(['place', '-', '--kubernetes-version', '1.28', '--format', 'json'], JOB);
    assert.equal(old.code, 0, old.stderr);
    const oldJson = JSON.parse(old.stdout);
    assert.equal(oldJson.nodes[0].result, 'scheduled');
    assert.ok(oldJson.warnings.some((w: string) => /initContainers\[0\]\.restartPolicy is dropped by a 1\.28 API server/.test(w)));
    const now = JSON.parse(run(['place', '-', '--kubernetes-version', '1.29', '--format', 'json'], JOB).stdout);
    assert.deepEqual(now.nodes[0].reasons, ['insufficient cpu: requests 1100m, allocatable 1']);
    assert.deepEqual(Object.keys(now).sort(), Object.keys(oldJson).sort(), 'same JSON shape');
  });
});
