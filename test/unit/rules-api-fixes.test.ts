import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { check, errors, full, applyFix } from './rules-api.helpers';
import { lesson } from '../helpers/fixtures';

/** Applies the fix titled `title` of the first finding with `code`, re-checks, and returns the new text. */
function fixAndRecheck(text: string, code: string, title: RegExp): string {
  const before = errors(text);
  const d = check(text).find((x) => x.code === code);
  assert.ok(d, `no ${code} in:\n${text}`);
  const fix = d.fixes?.find((f) => title.test(f.title));
  assert.ok(fix, `no fix ${title} on ${full(d)}; fixes: ${d.fixes?.map((f) => f.title).join(', ')}`);
  const after = applyFix(text, fix);
  assert.ok(!check(after).some((x) => x.code === code), `${code} still there after the fix:\n${after}`);
  const newErrors = errors(after).filter((e) => !before.some((b) => full(b) === full(e)));
  assert.deepEqual(newErrors.map(full), [], `the fix introduced errors:\n${after}`);
  return after;
}

const JOB_NO_POLICY = `apiVersion: batch/v1
kind: Job
metadata:
  name: pi
spec:
  backoffLimit: 4
  template:
    spec:
      # the container
      containers:
        - name: pi
          image: perl:5.34.0
          command: ["perl", "-Mbignum=bpi", "-wle", "print bpi(2000)"]
`;

describe('API quick fixes: applied, re-checked clean, comments kept', () => {
  test('Job without restartPolicy: inserting restartPolicy: Never at the pod spec indentation', () => {
    const [d] = errors(JOB_NO_POLICY).filter((x) => x.code === 'api-restart-policy');
    assert.equal(full(d), 'spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"');
    assert.deepEqual(d.fixes?.map((f) => f.title), ['Set restartPolicy: Never', 'Set restartPolicy: OnFailure']);
    assert.equal(d.fixes?.[0].preferred, true);
    const after = fixAndRecheck(JOB_NO_POLICY, 'api-restart-policy', /Never/);
    assert.match(after, /\n {6}restartPolicy: Never\n {6}# the container\n {6}containers:/);
    fixAndRecheck(JOB_NO_POLICY, 'api-restart-policy', /OnFailure/);
  });

  test('CronJob restartPolicy: Always is replaced in place', () => {
    const text = lesson.cronjob().replace('restartPolicy: Never', 'restartPolicy: Always');
    const after = fixAndRecheck(text, 'api-restart-policy', /OnFailure/);
    assert.match(after, /restartPolicy: OnFailure {2}# Ensures Pods/);
  });

  test('DaemonSet restartPolicy: Never gets the fix to Always', () => {
    const text = lesson.daemonset().replace('    spec:\n      tolerations:', '    spec:\n      restartPolicy: Never\n      tolerations:');
    assert.ok(text.includes('restartPolicy: Never'));
    const after = fixAndRecheck(text, 'api-restart-policy', /Always/);
    assert.match(after, /restartPolicy: Always/);
  });

  test('podFailurePolicy with OnFailure: only Never is offered', () => {
    const text = JOB_NO_POLICY.replace('  backoffLimit: 4\n', '  backoffLimit: 4\n  podFailurePolicy:\n    rules:\n      - action: FailJob\n        onExitCodes: {operator: In, values: [42]}\n').replace('      # the container', '      restartPolicy: OnFailure\n      # the container');
    const d = errors(text).find((x) => x.code === 'api-restart-policy');
    assert.equal(d && full(d), 'spec.template.spec.restartPolicy: Invalid value: "OnFailure": only "Never" is supported when podFailurePolicy is specified');
    assert.deepEqual(d?.fixes?.map((f) => f.title), ['Set restartPolicy: Never']);
    fixAndRecheck(text, 'api-restart-policy', /Never/);
  });

  test('DaemonSet selector mismatch: a differing label value is replaced', () => {
    const text = lesson.daemonset().replace('        app: log-collector  # Labels assigned', '        app: log-collecter  # Labels assigned');
    const after = fixAndRecheck(text, 'api-selector', /Copy/);
    assert.match(after, /app: log-collector {2}# Labels assigned/);
  });

  test('DaemonSet selector mismatch: missing labels are added to existing labels', () => {
    const text = lesson.daemonset().replace('      app: log-collector  # Ensures', '      app: log-collector\n      tier: "node"  # Ensures');
    const after = fixAndRecheck(text, 'api-selector', /Copy/);
    assert.match(after, /\n {8}tier: node\n {8}app: log-collector {2}# Labels assigned/);
  });

  test('DaemonSet template without labels (metadata present, then absent)', () => {
    const base = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  selector:
    matchLabels:
      app: agent
      "example.com/role": "node-agent"
  template:
    metadata:
      annotations:
        note: x
    spec:
      containers:
      - name: agent
        image: busybox:1.36
`;
    const a = fixAndRecheck(base, 'api-selector', /Copy/);
    assert.match(a, /metadata:\n {6}labels:\n {8}app: agent\n {8}example.com\/role: node-agent\n {6}annotations:/);
    const noMeta = base.replace('    metadata:\n      annotations:\n        note: x\n', '');
    const b = fixAndRecheck(noMeta, 'api-selector', /Copy/);
    assert.match(b, /template:\n {4}metadata:\n {6}labels:\n {8}app: agent\n/);
  });

  test('DaemonSet maxSurge with the default maxUnavailable: the fix adds maxUnavailable: 0', () => {
    const text = lesson.daemonset().replace('  template:\n', '  updateStrategy:\n    rollingUpdate:\n      maxSurge: 1\n  template:\n');
    const after = fixAndRecheck(text, 'api-daemonset-spec', /maxUnavailable: 0/);
    assert.match(after, /rollingUpdate:\n {6}maxUnavailable: 0\n {6}maxSurge: 1\n/);
  });

  test('Job with manualSelector and mismatching template labels', () => {
    const text = JOB_NO_POLICY.replace('  backoffLimit: 4\n', '  backoffLimit: 4\n  manualSelector: true\n  selector:\n    matchLabels:\n      job: pi\n').replace('      # the container', '      restartPolicy: Never\n      # the container');
    const after = fixAndRecheck(text, 'api-selector', /Copy/);
    assert.match(after, /template:\n {4}metadata:\n {6}labels:\n {8}job: pi\n {4}spec:/);
  });
});

describe('range: errors sit on the node Kubernetes names', () => {
  test('requests > limits underlines the request value', () => {
    const text = lesson.daemonset().replace('cpu: "50m"', 'cpu: "200m"');
    const d = errors(text).find((x) => x.code === 'api-resources');
    assert.ok(d);
    assert.equal(full(d), 'spec.template.spec.containers[0].resources.requests: Invalid value: "200m": must be less than or equal to cpu limit of 100m');
    assert.equal(text.slice(d.start, d.end), '"200m"');
  });

  test('an omitted restartPolicy underlines the pod template spec key', () => {
    const d = errors(JOB_NO_POLICY).find((x) => x.code === 'api-restart-policy');
    assert.ok(d);
    assert.equal(JOB_NO_POLICY.slice(d.start, d.end), 'spec');
    assert.equal(JOB_NO_POLICY.lastIndexOf('\n', d.start), JOB_NO_POLICY.indexOf('\n    spec:'));
  });

  test('a volumeMount naming no volume underlines the name', () => {
    const text = lesson.daemonset().replace('- name: varlog\n              mountPath', '- name: varlogs\n              mountPath');
    const d = errors(text).find((x) => x.code === 'api-containers');
    assert.ok(d);
    assert.equal(full(d), 'spec.template.spec.containers[0].volumeMounts[0].name: Not found: "varlogs"');
    assert.equal(text.slice(d.start, d.end), 'varlogs');
  });
});

describe('what the API server accepts is never an error', () => {
  test('the lesson manifests have no error', () => {
    for (const text of [lesson.daemonset(), lesson.job(), lesson.cronjob()]) assert.deepEqual(errors(text).map(full), []);
  });

  test('a Job without selector (generated by the API server) and a sidecar init container', () => {
    const text = `apiVersion: batch/v1
kind: Job
metadata:
  name: with-sidecar
spec:
  template:
    spec:
      restartPolicy: Never
      initContainers:
        - name: logshipper
          image: alpine:3.20
          restartPolicy: Always
          command: ['sh', '-c', 'tail -F /opt/logs.txt']
          readinessProbe:
            exec:
              command: ["true"]
          volumeMounts:
            - name: data
              mountPath: /opt
      containers:
        - name: main
          image: alpine:3.20
          command: ['sh', '-c', 'echo "logging" > /opt/logs.txt']
          volumeMounts:
            - name: data
              mountPath: /opt
      volumes:
        - name: data
`;
    assert.deepEqual(errors(text).map(full), []);
  });

  test('DaemonSet defaults: no updateStrategy, OnDelete with rollingUpdate, maxSurge with maxUnavailable 0', () => {
    const base = lesson.daemonset();
    for (const strategy of ['', '  updateStrategy:\n    type: OnDelete\n    rollingUpdate:\n      maxUnavailable: 0\n', '  updateStrategy:\n    rollingUpdate:\n      maxSurge: "10%"\n      maxUnavailable: 0\n']) {
      const text = base.replace('  template:\n', `${strategy}  template:\n`);
      assert.deepEqual(errors(text).map(full), [], strategy);
    }
  });

  test('aliases and merge keys are read as the API server receives them', () => {
    const text = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  selector:
    matchLabels: &labels
      app: agent
  template:
    metadata:
      labels:
        <<: *labels
        extra: "1"
    spec:
      containers:
        - name: agent
          image: busybox:1.36
`;
    assert.deepEqual(errors(text).map(full), []);
  });
});
