import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { daemonSet, job, cronJob, pod, yaml, check, errors, full, applyFix, type Obj } from './rules-api.helpers';
import { lesson } from '../helpers/fixtures';
import { parseWorkloadFile } from '../../server/src/core/model/workloadFile';
import { checkFile } from '../../server/src/core/diagnostics';
import { allRules } from '../../server/src/core/rules/registry';
import { imageTag, toleratesNoSchedule } from '../../server/src/core/rules/lint';

const lints = (text: string, code: string) => check(text).filter((d) => d.code === code);

interface LintCase {
  rule: string;
  why: string;
  base: () => Obj;
  quiet: (o: Obj) => void;
  fires: (o: Obj) => void;
  want: RegExp;
}

const withResources = (o: Obj) => { for (const c of pod(o).containers) c.resources = { requests: { cpu: '10m', memory: '16Mi' } }; };

const cases: LintCase[] = [
  { rule: 'lint-no-resources', why: 'a container with neither requests nor limits', base: daemonSet,
    quiet: (o) => { pod(o).containers[0].resources = { limits: { memory: '64Mi' } }; },
    fires: (o) => { pod(o).containers[0].resources = {}; },
    want: /^Container "main" sets no resource requests or limits.*every node/ },
  { rule: 'lint-no-resources', why: 'a sidecar counts, a plain init container does not', base: job,
    quiet: (o) => { withResources(o); pod(o).initContainers = [{ name: 'setup', image: 'busybox:1.36' }]; },
    fires: (o) => { withResources(o); pod(o).initContainers = [{ name: 'proxy', image: 'envoy:1.30', restartPolicy: 'Always' }]; },
    want: /^Container "proxy" sets no resource requests or limits/ },
  { rule: 'lint-image-tag', why: 'no tag means :latest', base: job,
    quiet: (o) => { pod(o).containers[0].image = 'registry.local:5000/team/app:1.2.3'; },
    fires: (o) => { pod(o).containers[0].image = 'registry.local:5000/team/app'; },
    want: /^Image "registry\.local:5000\/team\/app" has no tag/ },
  { rule: 'lint-image-tag', why: ':latest; a digest is pinned', base: cronJob,
    quiet: (o) => { pod(o).containers[0].image = 'busybox@sha256:' + 'a'.repeat(64); },
    fires: (o) => { pod(o).containers[0].image = 'busybox:latest'; },
    want: /uses the :latest tag/ },
  { rule: 'lint-relative-command', why: 'bin/sh resolves against the working directory', base: job,
    quiet: (o) => { pod(o).containers[0].command = ['sh', '-c', 'true']; },
    fires: (o) => { pod(o).containers[0].command = ['bin/sh', '-c', 'true']; },
    want: /^"bin\/sh" is a relative path.*Use "\/bin\/sh"\.$/ },
  { rule: 'lint-relative-command', why: 'an explicit workingDir or ./ is intentional', base: job,
    quiet: (o) => { pod(o).containers[0].command = ['bin/run']; pod(o).containers[0].workingDir = '/app'; },
    fires: (o) => { pod(o).containers[0].command = ['usr/bin/env', 'true']; },
    want: /"usr\/bin\/env" is a relative path/ },
  { rule: 'lint-job-ttl', why: 'a Job without ttlSecondsAfterFinished is kept', base: job,
    quiet: (o) => { o.spec.ttlSecondsAfterFinished = 3600; },
    fires: () => {},
    want: /^No spec\.ttlSecondsAfterFinished/ },
  { rule: 'lint-host-path', why: 'hostPath exposes the node', base: daemonSet,
    quiet: (o) => { pod(o).volumes = [{ name: 'tmp', emptyDir: {} }]; },
    fires: (o) => { pod(o).volumes = [{ name: 'logs', hostPath: { path: '/var/log' } }]; pod(o).containers[0].volumeMounts = [{ name: 'logs', mountPath: '/var/log', readOnly: true }]; },
    want: /^Volume "logs" mounts the node's \/var\/log into the pod \(hostPath\): the pod can read the node's files there\.$/ },
  { rule: 'lint-daemonset-control-plane', why: 'no control-plane toleration', base: daemonSet,
    quiet: (o) => { pod(o).tolerations = [{ operator: 'Exists' }]; },
    fires: (o) => { pod(o).tolerations = [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoExecute' }]; },
    want: /will not run on control-plane nodes/ },
  { rule: 'lint-daemonset-control-plane', why: 'the legacy master toleration alone', base: daemonSet,
    quiet: (o) => { pod(o).tolerations = [{ key: 'node-role.kubernetes.io/master', effect: 'NoSchedule' }, { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }]; },
    fires: (o) => { pod(o).tolerations = [{ key: 'node-role.kubernetes.io/master', effect: 'NoSchedule' }]; },
    want: /^Tolerates only the old node-role\.kubernetes\.io\/master taint/ },
  { rule: 'lint-cronjob-starting-deadline', why: 'a deadline under the controller\'s 10-second period', base: cronJob,
    quiet: (o) => { o.spec.startingDeadlineSeconds = 10; },
    fires: (o) => { o.spec.startingDeadlineSeconds = 5; },
    want: /^startingDeadlineSeconds is 5: the CronJob controller checks about every 10 seconds/ },
  { rule: 'lint-hostnetwork-dns', why: 'hostNetwork with the default dnsPolicy', base: daemonSet,
    quiet: (o) => { pod(o).hostNetwork = true; pod(o).dnsPolicy = 'ClusterFirstWithHostNet'; },
    fires: (o) => { pod(o).hostNetwork = true; },
    want: /^hostNetwork: true with dnsPolicy ClusterFirst/ },
  { rule: 'lint-privileged', why: 'a privileged container', base: daemonSet,
    quiet: (o) => { pod(o).containers[0].securityContext = { privileged: false, capabilities: { add: ['NET_ADMIN'] } }; },
    fires: (o) => { pod(o).containers[0].securityContext = { privileged: true }; },
    want: /^Container "main" is privileged/ },
  { rule: 'lint-privileged', why: 'hostPID', base: daemonSet,
    quiet: (o) => { pod(o).hostPID = false; },
    fires: (o) => { pod(o).hostPID = true; },
    want: /^hostPID: true shares the node's process namespace/ },
  { rule: 'lint-ondelete-rolling-update', why: 'rollingUpdate ignored with OnDelete', base: daemonSet,
    quiet: (o) => { o.spec.updateStrategy = { type: 'OnDelete' }; },
    fires: (o) => { o.spec.updateStrategy = { type: 'OnDelete', rollingUpdate: { maxUnavailable: 2 } }; },
    want: /rollingUpdate is ignored/ },
];

describe('lints: each fires on its case and stays quiet on the other; never an error', () => {
  for (const c of cases) {
    test(`${c.rule}: ${c.why}`, () => {
      const quiet = c.base();
      c.quiet(quiet);
      assert.deepEqual(lints(yaml(quiet), c.rule).map(full), []);
      const loud = c.base();
      c.fires(loud);
      const text = yaml(loud);
      const found = lints(text, c.rule);
      assert.equal(found.length, 1, `${c.rule} on\n${text}`);
      assert.match(found[0].message, c.want);
      assert.notEqual(found[0].severity, 'error');
      assert.deepEqual(errors(text).map(full), [], 'lint cases are valid manifests');
    });
  }

  test('every lint rule is registered as a lint, with a non-error severity and docs', () => {
    const ids = allRules().filter((r) => r.id.startsWith('lint-'));
    assert.ok(ids.length >= 7);
    for (const r of ids) {
      assert.equal(r.category, 'lint', r.id);
      assert.notEqual(r.severity, 'error', r.id);
      assert.match(r.docs, /^https:\/\/kubernetes\.io\//);
    }
  });

  test('each lint can be switched off by id, or raised to another severity', () => {
    const text = lesson.job();
    const file = parseWorkloadFile(text);
    assert.ok(checkFile(file).some((d) => d.code === 'lint-relative-command'));
    assert.ok(!checkFile(file, { enable: true, rules: { 'lint-relative-command': 'off' } }).some((d) => d.code === 'lint-relative-command'));
    const raised = checkFile(file, { enable: true, rules: { 'lint-image-tag': 'info' } }).find((d) => d.code === 'lint-image-tag');
    assert.equal(raised?.severity, 'info');
  });
});

describe('lint quick fixes: applied and re-checked', () => {
  test("the lesson's bin/sh becomes /bin/sh and the hint is gone (Job and CronJob)", () => {
    for (const text of [lesson.job(), lesson.cronjob()]) {
      const [d] = lints(text, 'lint-relative-command');
      assert.ok(d);
      assert.equal(d.severity, 'warning');
      assert.equal(text.slice(d.start, d.end), '"bin/sh"');
      const after = applyFix(text, d.fixes![0]);
      assert.match(after, /command: \["\/bin\/sh", "-c"/);
      assert.deepEqual(lints(after, 'lint-relative-command'), []);
      assert.deepEqual(errors(after).map(full), []);
    }
  });

  test('ttlSecondsAfterFinished is added at the spec indentation', () => {
    const text = lesson.job().replace(/  ttlSecondsAfterFinished: 60\n/, '');
    const [d] = lints(text, 'lint-job-ttl');
    assert.ok(d);
    const after = applyFix(text, d.fixes![0]);
    assert.match(after, /\nspec:\n  ttlSecondsAfterFinished: 86400\n/);
    assert.deepEqual(lints(after, 'lint-job-ttl'), []);
    assert.deepEqual(errors(after).map(full), []);
  });

  test('dnsPolicy: ClusterFirstWithHostNet is added next to hostNetwork', () => {
    const text = lesson.daemonset().replace('    spec:\n      tolerations:', '    spec:\n      hostNetwork: true\n      tolerations:');
    const [d] = lints(text, 'lint-hostnetwork-dns');
    assert.ok(d);
    const after = applyFix(text, d.fixes![0]);
    assert.match(after, /\n {6}dnsPolicy: ClusterFirstWithHostNet\n {6}hostNetwork: true\n/);
    assert.deepEqual(lints(after, 'lint-hostnetwork-dns'), []);
    assert.deepEqual(errors(after).map(full), []);
  });

  test('the control-plane toleration is added to existing tolerations, or as a new list', () => {
    const existing = lesson.daemonset().replace('- key: "node-role.kubernetes.io/control-plane"', '- key: "example.com/dedicated"');
    const none = lesson.daemonset().replace(/      tolerations:\n(        .*\n|          #.*\n)+?(?=      containers:)/, '');
    assert.ok(!none.includes('tolerations'));
    for (const text of [existing, none]) {
      const [d] = lints(text, 'lint-daemonset-control-plane');
      assert.ok(d, text);
      const after = applyFix(text, d.fixes![0]);
      assert.deepEqual(lints(after, 'lint-daemonset-control-plane'), [], after);
      assert.deepEqual(errors(after).map(full), []);
    }
  });
});

describe("the lesson's manifests get sensible lints and no errors", () => {
  test('hello-job: no resources, busybox without tag, bin/sh', () => {
    const codes = check(lesson.job()).map((d) => d.code).sort();
    assert.deepEqual(codes, ['lint-image-tag', 'lint-no-resources', 'lint-relative-command']);
  });
  test('hello-cronjob: the same three (history limits clean up its Jobs: no ttl lint)', () => {
    const codes = check(lesson.cronjob()).filter((d) => d.code.startsWith('lint-')).map((d) => d.code).sort();
    assert.deepEqual(codes, ['lint-image-tag', 'lint-no-resources', 'lint-relative-command']);
  });
  test('log-collector: tag and hostPath only (it sets resources and tolerates the control plane)', () => {
    const codes = check(lesson.daemonset()).map((d) => d.code).sort();
    assert.deepEqual(codes, ['lint-host-path', 'lint-image-tag']);
  });
});

describe('helpers', () => {
  test('imageTag ignores registry ports and sees digests', () => {
    assert.deepEqual(imageTag('localhost:5000/app'), { tag: undefined, digest: false });
    assert.deepEqual(imageTag('app:1.0'), { tag: '1.0', digest: false });
    assert.deepEqual(imageTag('app@sha256:abc'), { digest: true });
  });
  test('toleratesNoSchedule follows the taint matching of the scheduler', () => {
    const key = 'node-role.kubernetes.io/control-plane';
    assert.equal(toleratesNoSchedule({ operator: 'Exists' }, key), true);
    assert.equal(toleratesNoSchedule({ key, operator: 'Exists' }, key), true);
    assert.equal(toleratesNoSchedule({ key, effect: 'NoSchedule' }, key), true);
    assert.equal(toleratesNoSchedule({ key, value: 'x', effect: 'NoSchedule' }, key), false);
    assert.equal(toleratesNoSchedule({ key, operator: 'Exists', effect: 'PreferNoSchedule' }, key), false);
    assert.equal(toleratesNoSchedule({ key: 'node-role.kubernetes.io/master', operator: 'Exists' }, key), false);
  });
});
