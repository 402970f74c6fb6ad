import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { parseWorkloadFile } from '../../server/src/core/model/workloadFile';
import { formatPath, parseFieldPath } from '../../server/src/core/model/path';
import { checkFile } from '../../server/src/core/diagnostics';
import { dryRunDiagnostics, mergeClusterDiagnostics, shortenServerMessage, type DryRunOutcome, type DryRunReport } from '../../server/src/core/clusterFindings';
import { parseWarnings } from '../../server/src/cluster/http';

const JOB = `apiVersion: batch/v1
kind: Job
metadata:
  name: x
  namespace: team-a
spec:
  foo: 1
  template:
    spec:
      nodeSelector:
        beta.kubernetes.io/os: linux
      containers:
        - name: a
          image: busybox:1.36
      restartPolicy: Always
`;

function outcome(over: Partial<DryRunOutcome>): DryRunOutcome {
  return { doc: 0, action: 'create', verb: 'create', resource: 'jobs', group: 'batch', namespace: 'team-a', httpStatus: 201, warnings: [], ...over };
}

function at(text: string, d: { start: number; end: number }): string {
  return text.slice(d.start, d.end);
}

describe('server field paths', () => {
  test('parse as kubectl writes them, and back', () => {
    for (const p of ['spec.template.spec.containers[0].name', 'metadata.labels[app.kubernetes.io/name]', 'spec.template.spec.nodeSelector[beta.kubernetes.io/os]', 'spec.jobTemplate.spec.template.spec.containers[1].resources.requests[cpu]']) {
      const segs = parseFieldPath(p);
      assert.ok(segs, p);
      assert.equal(formatPath(segs), p);
    }
    assert.deepEqual(parseFieldPath('.spec.foo'), ['spec', 'foo']);
    assert.deepEqual(parseFieldPath('spec.containers[0]'), ['spec', 'containers', 0]);
    for (const bad of ['', '.', 'spec.', 'a b', 'spec[0']) assert.equal(parseFieldPath(bad), undefined, bad);
  });
});

describe('dry-run answers as diagnostics', () => {
  const file = parseWorkloadFile(JOB);
  const report = (o: Partial<DryRunOutcome>, problem?: string): DryRunReport => ({ context: 'kind-x', outcomes: problem ? [] : [outcome(o)], problem });

  test('422 Invalid: one error per cause, at the field the server names, in its words', () => {
    // recorded from kube-apiserver v1.34.9 (POST …/jobs?dryRun=All&fieldValidation=Strict)
    const status = { kind: 'Status', code: 422, reason: 'Invalid', message: 'Job.batch "x" is invalid: spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"', details: { name: 'x', group: 'batch', kind: 'Job', causes: [{ reason: 'FieldValueRequired', message: 'Required value: valid values: "OnFailure", "Never"', field: 'spec.template.spec.restartPolicy' }] } };
    const [d, ...rest] = dryRunDiagnostics(file, report({ httpStatus: 422, status }));
    assert.equal(rest.length, 0);
    assert.equal(d.code, 'cluster-dry-run');
    assert.equal(d.severity, 'error');
    assert.equal(d.path, 'spec.template.spec.restartPolicy');
    assert.equal(d.message, 'Required value: valid values: "OnFailure", "Never"');
    assert.equal(at(JOB, d), 'Always');
  });

  test('a cause on a field the YAML leaves out points at its nearest parent', () => {
    const status = { reason: 'Invalid', message: 'x', details: { causes: [{ message: 'Required value', field: 'spec.template.spec.containers[0].resources.limits' }] } };
    const [d] = dryRunDiagnostics(file, report({ httpStatus: 422, status }));
    assert.equal(at(JOB, d), 'name');
    assert.equal(d.start, JOB.indexOf('name: a'));
    assert.equal(d.path, 'spec.template.spec.containers[0].resources.limits');
  });

  test('strict decoding (400): every unknown field on its key', () => {
    const status = { code: 400, reason: 'BadRequest', message: 'Job in version "v1" cannot be handled as a Job: strict decoding error: unknown field "spec.foo", unknown field "spec.template.spec.containers[0].baz"' };
    const ds = dryRunDiagnostics(file, report({ httpStatus: 400, status }));
    assert.deepEqual(ds.map((d) => [d.path, d.message, at(JOB, d)]), [
      ['spec.foo', 'unknown field "spec.foo"', 'foo'],
      // not in this YAML: the container it belongs to
      ['spec.template.spec.containers[0].baz', 'unknown field "spec.template.spec.containers[0].baz"', 'name'],
    ]);
  });

  test('server-side apply of an unknown field (500 from the typed patch)', () => {
    const status = { code: 500, message: 'failed to create typed patch object (team-a/x; batch/v1, Kind=Job): .spec.foo: field not declared in schema' };
    const [d] = dryRunDiagnostics(file, report({ action: 'apply', verb: 'patch', httpStatus: 500, status }));
    assert.deepEqual([d.path, d.message, at(JOB, d)], ['spec.foo', 'field not declared in schema', 'foo']);
  });

  test('a missing namespace: one error on metadata.namespace that says what to do', () => {
    const status = { code: 404, reason: 'NotFound', message: 'namespaces "team-a" not found', details: { name: 'team-a', kind: 'namespaces' } };
    const ds = dryRunDiagnostics(file, report({ httpStatus: 404, status }));
    assert.equal(ds.length, 1);
    assert.equal(at(JOB, ds[0]), 'team-a');
    assert.match(ds[0].message, /^namespaces "team-a" not found: .*kubectl create namespace team-a/);
  });

  test('RBAC denial names the verb, resource and namespace needed', () => {
    const status = { code: 403, reason: 'Forbidden', message: 'jobs.batch is forbidden: User "system:serviceaccount:t:nobody" cannot create resource "jobs" in API group "batch" in the namespace "team-a"' };
    const ds = dryRunDiagnostics(file, report({ httpStatus: 403, status }));
    assert.equal(ds.length, 1);
    assert.match(ds[0].message, /needs create on jobs in namespace team-a/);
    assert.equal(at(JOB, ds[0]), 'Job');
  });

  test('an unreachable server: one error for the whole file, on the first workload', () => {
    const two = parseWorkloadFile(`${JOB}---\n${JOB}`);
    const ds = dryRunDiagnostics(two, report({}, 'cannot reach the API server at https://127.0.0.1:9 (context "kind-x"): connection refused (is the cluster running?)'));
    assert.equal(ds.length, 1);
    assert.equal(at(two.text, ds[0]), 'Job');
    assert.equal(ds[0].start, JOB.indexOf('Job'));
  });

  test('Warning headers: warnings at the path they start with, else on the kind', () => {
    const warnings = parseWarnings(['299 - "spec.template.spec.nodeSelector[beta.kubernetes.io/os]: deprecated since v1.14; use \\"kubernetes.io/os\\" instead"', '299 - "something general"']);
    assert.deepEqual(warnings, ['spec.template.spec.nodeSelector[beta.kubernetes.io/os]: deprecated since v1.14; use "kubernetes.io/os" instead', 'something general']);
    const ds = dryRunDiagnostics(file, report({ warnings }));
    assert.deepEqual(ds.map((d) => [d.severity, d.path, d.message, at(JOB, d)]), [
      ['warning', 'spec.template.spec.nodeSelector[beta.kubernetes.io/os]', 'deprecated since v1.14; use "kubernetes.io/os" instead', 'linux'],
      ['warning', null, 'something general', 'Job'],
    ]);
  });

  test('the cluster has the last word: our finding with the same path and message is dropped', () => {
    const own = checkFile(file);
    const ours = own.find((d) => d.code === 'api-restart-policy');
    assert.ok(ours, 'our rule reports restartPolicy Always');
    const status = { reason: 'Invalid', message: 'x', details: { causes: [{ message: ours.message, field: 'spec.template.spec.restartPolicy' }] } };
    const cluster = dryRunDiagnostics(file, report({ httpStatus: 422, status }));
    const merged = mergeClusterDiagnostics(own, cluster);
    assert.equal(merged.filter((d) => d.path === 'spec.template.spec.restartPolicy').map((d) => d.code).join(), 'cluster-dry-run');
    assert.equal(merged.length, own.length);
    // a different message keeps both
    const other = dryRunDiagnostics(file, report({ httpStatus: 422, status: { reason: 'Invalid', details: { causes: [{ message: 'Unsupported value', field: 'spec.template.spec.restartPolicy' }] } } }));
    assert.equal(mergeClusterDiagnostics(own, other).length, own.length + 1);
  });

  test('huge quoted values are shortened, the reason kept', () => {
    const long = `Invalid value: {${'"a":1,'.repeat(200)}}: field is immutable`;
    const short = shortenServerMessage(long);
    assert.ok(short.length < 200, String(short.length));
    assert.match(short, /^Invalid value: \{"a":1,.*…: field is immutable$/);
  });
});
