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
    assert.doesNotMatch(hover(INDEXED_JOB.replace('succeededCount:', 'succeeded|Count:'), 30), /Kubernetes versions/);
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
