// Hover, completion, explain, placement and simulation told for a target Kubernetes version.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { parseWorkloadFile } from '../../server/src/core/model/workloadFile';
import { hoverAt } from '../../server/src/core/explain/hover';
import { completionsAt } from '../../server/src/core/explain/completion';
import { explainPath } from '../../server/src/core/explain/explainPath';
import { versionChanges } from '../../server/src/core/explain/versionChanges';
import { asServedBy } from '../../server/src/core/placement/target';
import { simulateJob } from '../../server/src/core/simulate/job';
import { simulateCronJob } from '../../server/src/core/simulate/cronjob';
import { placePod } from '../../server/src/core/placement/engine';
import { caret } from '../helpers/lspClient';

const INDEXED_JOB = `apiVersion: batch/v1
kind: Job
metadata:
  name: indexed
spec:
  completionMode: Indexed
  completions: 3
  parallelism: 3
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

function hover(withCaret: string, minor: number): string {
  const c = caret(withCaret);
  return hoverAt(parseWorkloadFile(c.text), c.offset, [], minor)?.markdown ?? '';
}

function keys(withCaret: string, minor: number) {
  const c = caret(withCaret);
  return completionsAt(parseWorkloadFile(c.text), c.offset, minor).sort((a, b) => a.sortText.localeCompare(b.sortText));
}

const SPEC_KEYS = 'apiVersion: batch/v1\nkind: Job\nspec:\n  |\n  template:\n    spec:\n      containers: []\n';

describe('hover for a target version', () => {
  const text = INDEXED_JOB.replace('successPolicy:', 'success|Policy:');

  test('on a 1.30 target a dropped field says so first, with the gate and the version that turns it on', () => {
    const md = hover(text, 30);
    assert.match(md, /⚠ \*\*Kubernetes versions\.\*\* since 1\.30 \(beta 1\.31, GA 1\.33\)/);
    assert.match(md, /on your target 1\.30 this field is dropped: feature gate JobSuccessPolicy is off/);
    assert.ok(md.indexOf('Kubernetes versions') < md.indexOf('In short'), 'the warning comes before In short');
  });

  test('on 1.29 the field does not exist; on 1.36 its history follows the text, without a warning', () => {
    assert.match(hover(text, 29), /on your target 1\.29 this field does not exist/);
    const md = hover(text, 36);
    assert.match(md, /\*\*Kubernetes versions\.\*\* since 1\.30/);
    assert.doesNotMatch(md, /⚠|on your target/);
    assert.ok(md.indexOf('In short') < md.indexOf('Kubernetes versions'));
  });

  test('a field without version facts, and a list item under a versioned field, get no version line', () => {
    assert.doesNotMatch(hover(INDEXED_JOB.replace('completionMode:', 'completion|Mode:'), 30), /Kubernetes versions/);
    assert.doesNotMatch(hover(INDEXED_JOB.replace('      - succeededCount', '      |- succeededCount'), 30), /Kubernetes versions/);
  });
});

describe('completion for a target version', () => {
  test('1.29: a field the version does not have is not offered', () => {
    const items = keys(SPEC_KEYS, 29);
    assert.ok(items.some((i) => i.label === 'backoffLimit'));
    assert.ok(!items.some((i) => i.label === 'successPolicy'));
  });

  test('1.30: a dropped field is offered last among the keys, marked in its label detail and documentation', () => {
    const items = keys(SPEC_KEYS, 30);
    const item = items.find((i) => i.label === 'successPolicy');
    assert.ok(item, 'successPolicy is offered');
    assert.equal(item.labelDetail, ' dropped on 1.30');
    assert.match(item.detail ?? '', /dropped on 1\.30/);
    assert.match(item.documentation ?? '', /^⚠ \*\*Kubernetes versions\.\*\* .*feature gate JobSuccessPolicy is off/);
    const properties = items.filter((i) => i.kind === 'property');
    assert.equal(properties[properties.length - 1].label, 'successPolicy');
  });

  test('1.36: the same field is an ordinary key', () => {
    const item = keys(SPEC_KEYS, 36).find((i) => i.label === 'successPolicy')!;
    assert.equal(item.labelDetail, undefined);
    assert.doesNotMatch(item.detail ?? '', /dropped/);
    assert.notEqual(item.sortText[0], '9');
    assert.match(item.documentation ?? '', /\*\*Kubernetes versions\.\*\* since 1\.30/);
  });

  test('flow maps follow the target too', () => {
    const items = keys('apiVersion: batch/v1\nkind: Job\nspec: {completions: 1, |}\n', 29);
    assert.ok(items.some((i) => i.label === 'completions') === false && items.some((i) => i.label === 'parallelism'));
    assert.ok(!items.some((i) => i.label === 'successPolicy'));
  });
});

describe('explain for a target version', () => {
  test('the field itself: facts and status for the target', () => {
    const e = explainPath('job.spec.successPolicy', 30).explanation;
    assert.equal(e.versionStatus?.status, 'dropped');
    assert.equal(e.versionFacts?.since, 30);
    assert.equal(e.versionFacts?.gate, 'JobSuccessPolicy');
    assert.match(e.versions ?? '', /on your target 1\.30 this field is dropped/);
    assert.equal(explainPath('job.spec.successPolicy', 33).explanation.versionStatus?.status, 'ok');
    assert.equal(explainPath('job.spec.backoffLimit', 30).explanation.versions, undefined);
  });

  test('the fields of a type carry their status on the target', () => {
    const child = (minor: number) => explainPath('job.spec', minor).fields.find((f) => f.name === 'successPolicy')!;
    assert.equal(child(29).versionStatus, 'unknown');
    assert.equal(child(30).versionStatus, 'dropped');
    assert.equal(child(36).versionStatus, 'ok');
    assert.equal(explainPath('job.spec', 29).fields.find((f) => f.name === 'parallelism')!.versionStatus, undefined);
  });
});

describe('what the target keeps of a workload', () => {
  const spec = { completionMode: 'Indexed', completions: 3, successPolicy: { rules: [{ succeededCount: 1 }] }, template: { spec: { containers: [{ name: 'a' }] } } };

  test('a dropped field is removed from a copy, with its path and gate; the input is left alone', () => {
    const view = asServedBy('JobSpec', spec, 30, 'spec');
    assert.equal('successPolicy' in view.value, false);
    assert.deepEqual(view.changes.map((c) => [c.path, c.status, c.gate, c.enabledIn]), [['spec.successPolicy', 'dropped', 'JobSuccessPolicy', 31]]);
    assert.ok('successPolicy' in spec);
    assert.equal(view.value.template, spec.template, 'untouched branches are shared');
  });

  test('an unknown field is reported as rejected; on a version that has it nothing changes', () => {
    const view = asServedBy('JobSpec', spec, 29, 'spec');
    assert.deepEqual(view.changes.map((c) => [c.path, c.status, c.since]), [['spec.successPolicy', 'unknown', 30]]);
    assert.match(view.changes[0].text, /rejects the object as an unknown field/);
    const kept = asServedBy('JobSpec', spec, 36, 'spec');
    assert.equal(kept.value, spec);
    assert.deepEqual(kept.changes, []);
  });

  test('bad input does not throw', () => {
    for (const v of [null, 3, 'x', [], { template: 'x' }, { template: { spec: { containers: 'x' } } }]) assert.doesNotThrow(() => asServedBy('JobSpec', v, 27, 'spec'));
  });
});

describe('simulation for a target version', () => {
  const spec = { completionMode: 'Indexed', completions: 3, parallelism: 3, successPolicy: { rules: [{ succeededCount: 1 }] }, template: { spec: { restartPolicy: 'Never', containers: [{ name: 'a' }] } } };

  test('1.30 drops successPolicy: the simulation runs without it and says so', () => {
    const t = simulateJob('j', spec, { kubernetesMinor: 30 });
    assert.ok(t.notes.some((n) => /spec\.successPolicy is dropped by a 1\.30 API server .*JobSuccessPolicy.*: the Job completes only when every index succeeds/.test(n)), t.notes.join('\n'));
    assert.ok(!t.notes.some((n) => /successPolicy is not simulated/.test(n)));
    const now = simulateJob('j', spec, { kubernetesMinor: 36 });
    assert.ok(now.notes.some((n) => /successPolicy is not simulated/.test(n)));
    assert.ok(!now.notes.some((n) => /dropped by/.test(n)));
  });

  test('1.29 does not know successPolicy: a warning that the server rejects the Job', () => {
    const t = simulateJob('j', spec, { kubernetesMinor: 29 });
    assert.ok(t.warnings.some((w) => /spec\.successPolicy does not exist in Kubernetes 1\.29/.test(w)), t.warnings.join('\n'));
  });

  test('a CronJob names the path inside its jobTemplate', () => {
    const cron = simulateCronJob('c', { schedule: '*/5 * * * *', jobTemplate: { spec } }, { kubernetesMinor: 30, from: new Date('2026-01-01T00:00:00Z'), hours: 1 });
    assert.ok(cron.notes.some((n) => n.startsWith('spec.jobTemplate.spec.successPolicy is dropped by a 1.30 API server')), cron.notes.join('\n'));
  });

  test('managedBy another controller: the built-in Job controller creates no pods', () => {
    const other = simulateJob('j', { ...spec, managedBy: 'example.com/queue' }, { kubernetesMinor: 36 });
    assert.equal(other.outcome, 'Stuck');
    assert.equal(other.pods.length, 0);
    assert.ok(other.events.some((e) => /managedBy is example\.com\/queue/.test(e.text)));
    const own = simulateJob('j', { ...spec, managedBy: 'kubernetes.io/job-controller' }, { kubernetesMinor: 36 });
    assert.equal(own.outcome, 'Complete');
  });
});

describe('what each version changes (the version picker)', () => {
  test('successPolicy appears off in 1.30 and is on from 1.31', () => {
    const byVersion = new Map(versionChanges().map((v) => [v.version, v]));
    assert.deepEqual([...byVersion.keys()], ['1.27', '1.28', '1.29', '1.30', '1.31', '1.32', '1.33', '1.34', '1.35', '1.36']);
    assert.ok(byVersion.get('1.30')!.newButOff.includes('JobSpec.successPolicy'));
    assert.ok(byVersion.get('1.31')!.usable.includes('JobSpec.successPolicy'));
    assert.ok(!byVersion.get('1.32')!.usable.includes('JobSpec.successPolicy'));
    assert.match(byVersion.get('1.31')!.text, /on: .*JobSpec\.successPolicy/);
  });
});

describe('the target version in placement and simulation (facts from Kubernetes per release)', () => {
  const node = { name: 'small', labels: {}, taints: [], unschedulable: false, allocatable: { cpu: '1', memory: '4Gi', pods: '110' } };
  const withSidecar = {
    restartPolicy: 'Never',
    initContainers: [{ name: 'proxy', image: 'envoy', restartPolicy: 'Always', resources: { requests: { cpu: '600m' } } }],
    containers: [{ name: 'main', image: 'busybox', resources: { requests: { cpu: '500m' } } }],
  };
  const template = (spec: Record<string, unknown>) => ({ kind: 'Job', name: 'j', spec, mode: 'scheduler' as const, path: 'spec.template.spec' });

  test('a sidecar dropped on 1.28 is a plain init container in the resource math; on 1.29 it runs alongside', () => {
    const old = placePod(template(withSidecar), [node], {}, 28);
    assert.deepEqual(old.requests, { cpu: '600m' });
    assert.equal(old.counts.scheduled, 1);
    assert.ok(old.warnings.some((w) => /initContainers\[0\]\.restartPolicy is dropped by a 1\.28 API server \(feature gate SidecarContainers is off until 1\.29\): placed as a plain init container/.test(w)), old.warnings.join('\n'));
    const now = placePod(template(withSidecar), [node], {}, 29);
    assert.deepEqual(now.requests, { cpu: '1100m' });
    assert.equal(now.counts.scheduled, 0);
    assert.ok(!now.warnings.some((w) => /dropped by/.test(w)));
    assert.ok(placePod(template(withSidecar), [node], {}, 27).warnings.some((w) => /restartPolicy does not exist in Kubernetes 1\.27/.test(w)));
  });

  test('pod-level resources dropped on 1.33 (PodLevelResources off): the containers\' requests count', () => {
    const spec = { ...withSidecar, initContainers: [], resources: { requests: { cpu: '2' } } };
    assert.deepEqual(placePod(template(spec), [node], {}, 33).requests, { cpu: '500m' });
    assert.deepEqual(placePod(template(spec), [node], {}, 34).requests, { cpu: '2' });
  });

  test('1.28 drops backoffLimitPerIndex after defaulting saw it: backoffLimit 2147483647, failures count for the whole Job', () => {
    const spec = { completionMode: 'Indexed', completions: 2, parallelism: 2, backoffLimitPerIndex: 1, maxFailedIndexes: 1, template: { spec: { restartPolicy: 'Never', containers: [{ name: 'a', command: ['sleep', '5'] }] } } };
    const old = simulateJob('j', spec, { kubernetesMinor: 28, failureRate: 1, horizonSeconds: 3600 });
    assert.equal(old.settings.backoffLimit, 2147483647);
    assert.equal(old.settings.backoffLimitPerIndex, undefined);
    assert.equal(old.outcome, 'Running', 'still retrying after an hour, in back-off');
    assert.ok(old.notes.some((n) => /backoffLimit is defaulted to 2147483647 before backoffLimitPerIndex is dropped/.test(n)), old.notes.join('\n'));
    const now = simulateJob('j', spec, { kubernetesMinor: 29, failureRate: 1 });
    assert.equal(now.outcome, 'Failed');
    assert.match(now.reason ?? '', /MaxFailedIndexesExceeded/);
    const limited = simulateJob('j', { ...spec, backoffLimit: 3 }, { kubernetesMinor: 28, failureRate: 1 });
    assert.equal(limited.settings.backoffLimit, 3);
    assert.equal(limited.outcome, 'Failed');
  });

  test('managedBy is dropped on 1.31 (JobManagedBy off): the built-in controller runs the Job', () => {
    const spec = { managedBy: 'example.com/queue', template: { spec: { restartPolicy: 'Never', containers: [{ name: 'a' }] } } };
    const old = simulateJob('j', spec, { kubernetesMinor: 31 });
    assert.equal(old.outcome, 'Complete');
    assert.ok(old.notes.some((n) => /spec\.managedBy is dropped by a 1\.31 API server .*: the built-in Job controller runs the Job/.test(n)));
    assert.equal(simulateJob('j', spec, { kubernetesMinor: 32 }).outcome, 'Stuck');
  });

  test('hover and completion tell Container.restartPolicy by the list that holds the container', () => {
    const pod = (list: string, key = 'restart|Policy: Always') => `apiVersion: batch/v1\nkind: Job\nspec:\n  template:\n    spec:\n      ${list}:\n        - name: a\n          image: b\n          ${key}\n`;
    assert.match(hover(pod('initContainers'), 28), /feature gate SidecarContainers is off until 1\.29/);
    assert.doesNotMatch(hover(pod('initContainers'), 29), /on your target/);
    assert.match(hover(pod('containers'), 34), /feature gate ContainerRestartRules is off until 1\.35/);
    const init = (minor: number) => keys(pod('initContainers', '|'), minor).find((i) => i.label === 'restartPolicy');
    assert.equal(init(27), undefined);
    assert.equal(init(28)?.labelDetail, ' dropped on 1.28');
    assert.equal(init(29)?.labelDetail, undefined);
  });
});
