import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { failsAt, guessPodDuration, podFailureBackoff, simulateCronJob, simulateJob, parseDurationSeconds, formatSeconds } from '../../server/src/core/simulate';
import { lesson } from '../helpers/fixtures';

const FROM = new Date('2026-01-01T10:00:00Z');
const at = (iso: string) => new Date(iso).getTime();

function jobSpec(spec: Record<string, unknown>, restartPolicy = 'Never') {
  return { ...spec, template: { spec: { restartPolicy, containers: [{ name: 'c', image: 'busybox', command: ['sh', '-c', 'sleep 10'] }] } } };
}

describe('Job over time', () => {
  test('the lesson hello-job: two pods at once, complete after 10 s, deleted 60 s later', () => {
    const job = parse(lesson.job());
    const t = simulateJob('hello-job', job.spec);
    assert.deepEqual(t.pods.map((p) => [p.createdAt, p.endedAt, p.phase]), [[0, 10, 'Succeeded'], [0, 10, 'Succeeded']]);
    assert.equal(t.outcome, 'Complete');
    assert.equal(t.finishedAt, 10);
    assert.equal(t.deletedAt, 70);
    assert.equal(t.settings.podDurationSource, 'the container command (sleep 10s)');
  });
  test('parallelism 1, completions 3: one pod after the other', () => {
    const t = simulateJob('seq', jobSpec({ completions: 3, parallelism: 1 }));
    assert.deepEqual(t.pods.map((p) => p.createdAt), [0, 10, 20]);
    assert.equal(t.finishedAt, 30);
  });
  test('defaults: completions and parallelism 1, backoffLimit 6', () => {
    const t = simulateJob('d', jobSpec({}));
    assert.equal(t.settings.completions, 1);
    assert.equal(t.settings.parallelism, 1);
    assert.equal(t.settings.backoffLimit, 6);
  });
  test('work queue (parallelism without completions): done when a pod succeeded and none is active', () => {
    const t = simulateJob('q', jobSpec({ parallelism: 3 }));
    assert.equal(t.pods.length, 3);
    assert.equal(t.outcome, 'Complete');
    assert.equal(t.settings.completions, null);
  });
  test('failed pods are retried with back-off 10 s, 20 s, 40 s… until failures exceed backoffLimit', () => {
    const t = simulateJob('f', jobSpec({ backoffLimit: 3 }), { failureRate: 1 });
    // fail at 10 → +10 s; fail at 30 → +20 s; fail at 60 → +40 s; fail at 110 → 4 failures > 3.
    assert.deepEqual(t.pods.map((p) => p.createdAt), [0, 20, 50, 100]);
    assert.equal(t.outcome, 'Failed');
    assert.equal(t.finishedAt, 110);
    assert.match(t.reason!, /^BackoffLimitExceeded/);
    assert.equal(t.failed, 4);
  });
  test('the back-off doubles from 10 s and is capped at 10 minutes (the code, not the docs\' six)', () => {
    assert.deepEqual([1, 2, 3, 4, 5, 6, 7, 8].map(podFailureBackoff), [10, 20, 40, 80, 160, 320, 600, 600]);
  });
  test('a success resets the back-off', () => {
    const t = simulateJob('r', jobSpec({ completions: 2, parallelism: 1 }), { failureRate: 0.5 });
    // run 1 fails at 10 → back-off 10 → run 2 at 20 succeeds at 30 → run 3 at 30 (reset) fails at 40 → run 4 at 50 succeeds.
    assert.deepEqual(t.pods.map((p) => [p.createdAt, p.phase]), [[0, 'Failed'], [20, 'Succeeded'], [30, 'Failed'], [50, 'Succeeded']]);
    assert.equal(t.finishedAt, 60);
  });
  test('backoffLimit 0: the first failure fails the Job', () => {
    const t = simulateJob('z', jobSpec({ backoffLimit: 0 }), { failureRate: 1 });
    assert.equal(t.outcome, 'Failed');
    assert.equal(t.pods.length, 1);
  });
  test('activeDeadlineSeconds fails the Job and deletes its running pods', () => {
    const t = simulateJob('dl', jobSpec({ activeDeadlineSeconds: 25, completions: 5, parallelism: 1 }));
    assert.equal(t.outcome, 'Failed');
    assert.equal(t.finishedAt, 25);
    assert.match(t.reason!, /^DeadlineExceeded/);
    assert.deepEqual(t.pods.map((p) => p.phase), ['Succeeded', 'Succeeded', 'Deleted']);
    // The Job's status counts the deleted running pod as failed (job_controller trackJobStatusAndRemoveFinalizers;
    // seen in test/cluster/jobTimeline.test.ts against the real controller).
    assert.equal(t.succeeded, 2);
    assert.equal(t.failed, 1);
  });
  test('restartPolicy OnFailure restarts the container in place and fails at backoffLimit restarts', () => {
    const t = simulateJob('o', jobSpec({ backoffLimit: 2 }, 'OnFailure'), { failureRate: 1 });
    assert.equal(t.pods.length, 1);
    // fails at 10 → restarted at once; fails at 20 → restarted after 10 s (restart 2 reaches backoffLimit 2).
    assert.deepEqual(t.pods[0].restarts, [10, 30]);
    assert.equal(t.outcome, 'Failed');
    assert.equal(t.finishedAt, 30);
  });
  test('Indexed completion: one pod per index', () => {
    const t = simulateJob('ix', jobSpec({ completionMode: 'Indexed', completions: 3, parallelism: 3 }));
    assert.deepEqual(t.pods.map((p) => p.index), [0, 1, 2]);
    assert.equal(t.outcome, 'Complete');
  });
  test('Indexed with backoffLimitPerIndex: a failing index fails the Job at the end', () => {
    const t = simulateJob('pi', jobSpec({ completionMode: 'Indexed', completions: 2, parallelism: 2, backoffLimitPerIndex: 0 }), { failureRate: 0.5 });
    assert.equal(t.outcome, 'Failed');
    assert.match(t.reason!, /^FailedIndexes/);
  });
  test('suspend: no pods', () => {
    const t = simulateJob('s', jobSpec({ suspend: true }));
    assert.equal(t.outcome, 'Suspended');
    assert.equal(t.pods.length, 0);
  });
  test('pods that fit no node stay Pending; the deadline still fails the Job', () => {
    assert.equal(simulateJob('p', jobSpec({})).outcome, 'Complete');
    assert.equal(simulateJob('p', jobSpec({}), { unschedulable: true }).outcome, 'Stuck');
    const t = simulateJob('p', jobSpec({ activeDeadlineSeconds: 100 }), { unschedulable: true });
    assert.equal(t.outcome, 'Failed');
    assert.equal(t.finishedAt, 100);
  });
  test('without ttlSecondsAfterFinished the Job is never deleted', () => {
    const t = simulateJob('k', jobSpec({}));
    assert.equal(t.deletedAt, undefined);
    assert.match(t.notes.join(), /no ttlSecondsAfterFinished/);
  });
  test('a user pod duration wins over the guess', () => {
    assert.equal(simulateJob('u', jobSpec({}), { podDurationSeconds: 90 }).finishedAt, 90);
  });
  test('huge completions are capped', () => {
    const t = simulateJob('big', jobSpec({ completions: 100000, parallelism: 100 }), { maxPods: 500 });
    assert.ok(t.pods.length <= 600);
  });
});

describe('helpers', () => {
  test('deterministic failure pattern: failures first, then evenly spread', () => {
    const pattern = (rate: number) => [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11].filter((n) => failsAt(n, rate));
    assert.deepEqual(pattern(0), []);
    assert.deepEqual(pattern(0.2), [1, 6, 11]);
    assert.deepEqual(pattern(0.5), [1, 3, 5, 7, 9, 11]);
    assert.deepEqual(pattern(1).length, 11);
  });
  test('pod duration from the command', () => {
    assert.equal(guessPodDuration({ containers: [{ command: ['sh', '-c', 'echo hi && sleep 10'] }] }).seconds, 10);
    assert.equal(guessPodDuration({ containers: [{ args: ['sleep 2m'] }] }).seconds, 120);
    assert.equal(guessPodDuration({ containers: [{ command: ['sh', '-c', 'while true; do sleep 30; done'] }] }).source, 'default (no sleep in the command)');
  });
  test('durations', () => {
    assert.equal(parseDurationSeconds('10s'), 10);
    assert.equal(parseDurationSeconds('1m30s'), 90);
    assert.equal(parseDurationSeconds('2h'), 7200);
    assert.equal(parseDurationSeconds('15'), 15);
    assert.equal(parseDurationSeconds('soon'), undefined);
    assert.equal(formatSeconds(75), '1m15s');
  });
});

describe('CronJob over time', () => {
  const cron = (spec: Record<string, unknown>) => ({ schedule: '*/1 * * * *', jobTemplate: { spec: jobSpec({}) }, ...spec });
  test('the lesson hello-cronjob: a Job every minute, each done after 10 s and deleted a minute later', () => {
    const spec = parse(lesson.cronjob()).spec;
    const t = simulateCronJob('hello-cronjob', spec, { from: FROM, hours: 0.25 });
    assert.equal(t.runs.length, 15);
    assert.ok(t.runs.every((r) => r.status === 'started' && r.outcome !== undefined));
    const first = t.runs[0];
    assert.equal(first.scheduledAt, at('2026-01-01T10:01:00Z'));
    assert.equal(first.jobName, `hello-cronjob-${Math.floor(at('2026-01-01T10:01:00Z') / 60000)}`);
    assert.equal(first.endedAt, at('2026-01-01T10:01:10Z'));
    assert.equal(first.deletedAt, at('2026-01-01T10:02:10Z'));
    assert.equal(first.deletedBy, 'ttl');
    assert.equal(t.maxConcurrent, 1);
  });
  test('Allow: long runs overlap', () => {
    const t = simulateCronJob('a', cron({}), { from: FROM, hours: 0.1, runDurationSeconds: 150 });
    assert.equal(t.maxConcurrent, 3);
  });
  test('Forbid: runs are skipped while one is active, and the latest missed time starts late', () => {
    const t = simulateCronJob('f', cron({ concurrencyPolicy: 'Forbid' }), { from: FROM, hours: 0.1, runDurationSeconds: 150 });
    assert.deepEqual(t.runs.map((r) => r.status), ['started', 'skipped', 'started-late', 'skipped', 'skipped', 'started']);
    assert.equal(t.runs[2].startedAt, at('2026-01-01T10:03:30Z'));
    assert.equal(t.maxConcurrent, 1);
  });
  test('Forbid with startingDeadlineSeconds: no late start once the deadline has passed', () => {
    const t = simulateCronJob('fd', cron({ concurrencyPolicy: 'Forbid', startingDeadlineSeconds: 20 }), { from: FROM, hours: 0.1, runDurationSeconds: 150 });
    assert.deepEqual(t.runs.map((r) => r.status), ['started', 'skipped', 'skipped', 'started', 'skipped', 'skipped']);
    assert.equal(t.runs[3].startedAt, at('2026-01-01T10:04:00Z'));
  });
  test('Replace: the running Job is deleted for the new one', () => {
    const t = simulateCronJob('r', cron({ concurrencyPolicy: 'Replace' }), { from: FROM, hours: 0.05, runDurationSeconds: 150 });
    assert.deepEqual(t.runs.map((r) => r.outcome), ['Replaced', 'Replaced', 'Running']);
    assert.equal(t.runs[0].deletedBy, 'replace');
    assert.equal(t.maxConcurrent, 1);
  });
  test('history limits: 3 successful Jobs kept by default, oldest deleted first', () => {
    const t = simulateCronJob('h', cron({}), { from: FROM, hours: 0.2 });
    assert.equal(t.keptAtEnd.succeeded.length, 3);
    assert.equal(t.runs[0].deletedBy, 'history-limit');
    const kept1 = simulateCronJob('h', cron({ successfulJobsHistoryLimit: 1 }), { from: FROM, hours: 0.2 });
    assert.equal(kept1.keptAtEnd.succeeded.length, 1);
  });
  test('failed Jobs: 1 kept by default', () => {
    const t = simulateCronJob('x', cron({ jobTemplate: { spec: jobSpec({ backoffLimit: 0 }) } }), { from: FROM, hours: 0.2, failureRate: 1 });
    assert.equal(t.settings!.jobOutcome, 'Failed');
    assert.equal(t.keptAtEnd.failed.length, 1);
  });
  test('suspend: nothing starts', () => {
    const t = simulateCronJob('s', cron({ suspend: true }), { from: FROM, hours: 0.05 });
    assert.ok(t.runs.every((r) => r.status === 'suspended'));
  });
  test('startingDeadlineSeconds 0: too late at every schedule time', () => {
    const t = simulateCronJob('z', cron({ startingDeadlineSeconds: 0 }), { from: FROM, hours: 0.05 });
    assert.ok(t.runs.every((r) => r.status === 'missed'));
  });
  test('timeZone moves the runs', () => {
    const t = simulateCronJob('tz', cron({ schedule: '0 9 * * *', timeZone: 'Europe/Paris' }), { from: new Date('2026-01-01T00:00:00Z'), hours: 24 });
    assert.equal(t.runs[0].scheduledAt, at('2026-01-01T08:00:00Z'));
    assert.equal(t.runs[0].local, '2026-01-01 09:00');
  });
  test('a bad schedule or time zone gives an error, not a crash', () => {
    assert.match(simulateCronJob('b', cron({ schedule: 'every minute' })).error!, /cannot be parsed/);
    assert.match(simulateCronJob('b', cron({ timeZone: 'Mars/Olympus' })).error!, /not usable/);
    assert.match(simulateCronJob('b', {}).error!, /missing/);
  });
});
