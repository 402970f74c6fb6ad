import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { LESSON_DIR } from '../helpers/fixtures';
import { runCli } from '../helpers/cli';


const run = runCli;

const SIDECAR_JOB = `apiVersion: batch/v1
kind: Job
metadata:
  name: with-proxy
spec:
  template:
    spec:
      restartPolicy: Never
      initContainers:
        - name: proxy
          image: busybox:1.36
          restartPolicy: Always   # a sidecar
          readinessProbe:
            exec:
              command: ["true"]
      containers:
        - name: main
          image: busybox:1.36
`;

type Finding = { severity: string; code: string; path: string | null; message: string };
const findings = (stdout: string) => JSON.parse(stdout) as Finding[];

describe('workload-lens check --kubernetes-version', () => {
  test('the lesson (its kind cluster runs v1.31.4) has no errors on 1.31', () => {
    const r = run(['check', LESSON_DIR, '--kubernetes-version', '1.31', '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(findings(r.stdout).filter((f) => f.severity === 'error'), []);
  });

  test('1.28 drops the sidecar restartPolicy (warning) and rejects the init container left with a probe (exit 1)', () => {
    const r = run(['check', '-', '--kubernetes-version=v1.28.15', '--format', 'json'], SIDECAR_JOB);
    assert.equal(r.code, 1, r.stdout);
    const list = findings(r.stdout);
    const dropped = list.find((f) => f.code === 'version-dropped-field');
    assert.equal(dropped?.severity, 'warning');
    assert.equal(dropped?.path, 'spec.template.spec.initContainers[0].restartPolicy');
    assert.match(dropped!.message, /a 1\.28 API server drops .* feature gate SidecarContainers is off by default until 1\.29/);
    assert.ok(list.some((f) => f.severity === 'error' && f.path === 'spec.template.spec.initContainers[0].readinessProbe'), r.stdout);
  });

  test('1.27 does not have the field: an unknown-field error; 1.29 and later accept the sidecar', () => {
    const on27 = findings(run(['check', '-', '--kubernetes-version', '1.27', '--format', 'json'], SIDECAR_JOB).stdout);
    assert.ok(on27.some((f) => f.code === 'unknown-field' && f.path === 'spec.template.spec.initContainers[0].restartPolicy' && /arrives in Kubernetes 1\.28/.test(f.message)));
    for (const v of ['1.29', '1.36']) {
      const r = run(['check', '-', '--kubernetes-version', v, '--format', 'json'], SIDECAR_JOB);
      assert.equal(r.code, 0, `${v}: ${r.stdout}`);
      assert.ok(!findings(r.stdout).some((f) => f.code.startsWith('version-') || f.severity === 'error'));
    }
  });

  test('without the flag the target is 1.36; a version outside 1.27–1.36 is a usage error (exit 2)', () => {
    assert.equal(run(['check', '-', '--format', 'json'], SIDECAR_JOB).code, 0);
    for (const bad of ['1.26', '1.37', 'latest', '2.31']) {
      const r = run(['check', '-', '--kubernetes-version', bad], SIDECAR_JOB);
      assert.equal(r.code, 2, bad);
      assert.match(r.stderr, /--kubernetes-version must be a minor from 1\.27 to 1\.36/);
    }
  });
});
