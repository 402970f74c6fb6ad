import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { parseWorkloadFile } from '../../server/src/core/model/workloadFile';
import { checkFile, type CoreDiagnostic } from '../../server/src/core/diagnostics';
import { lesson } from '../helpers/fixtures';

function cronJob(specLines: string): string {
  return `apiVersion: batch/v1
kind: CronJob
metadata:
  name: demo
spec:
${specLines}
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: Never
          containers:
            - name: main
              image: busybox
`;
}

function cronFindings(text: string): CoreDiagnostic[] {
  return checkFile(parseWorkloadFile(text)).filter((d) => d.code.startsWith('cron-'));
}

function applyFix(text: string, d: CoreDiagnostic): string {
  const edits = [...(d.fixes?.[0]?.edits ?? [])].sort((a, b) => b.start - a.start);
  let out = text;
  for (const e of edits) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

describe('cron rules', () => {
  test("the lesson's hello-cronjob gets no cron finding", () => {
    assert.deepEqual(cronFindings(lesson.cronjob()), []);
  });

  test('an invalid schedule is an error worded as the API server words it', () => {
    const text = cronJob('  schedule: "0 0 * * 7"');
    const [d] = cronFindings(text);
    assert.equal(d.code, 'cron-schedule-invalid');
    assert.equal(d.severity, 'error');
    assert.equal(d.path, 'spec.schedule');
    assert.equal(`${d.path}: ${d.message}`, 'spec.schedule: Invalid value: "0 0 * * 7": end of range (7) above maximum (6): 7');
    assert.equal(text.slice(d.start, d.end), '"0 0 * * 7"');
  });

  test('six fields, L and an empty schedule are errors', () => {
    assert.match(cronFindings(cronJob('  schedule: "0 0 0 * * *"'))[0].message, /expected exactly 5 fields, found 6/);
    assert.match(cronFindings(cronJob('  schedule: "0 0 L * *"'))[0].message, /failed to parse int from L/);
    assert.equal(cronFindings(cronJob('  schedule: ""'))[0].message, 'Required value');
  });

  test('valid but unusual schedules the cluster accepts are never errors', () => {
    for (const s of ['"? * * * *"', '"@every 90m"', '"@midnight"', '"+5 * * * *"', '"1,,2 * * * *"', '"*/90 * * * *"', '"0 0 * JAN-mar Mon-FRI"']) {
      const errors = cronFindings(cronJob(`  schedule: ${s}`)).filter((d) => d.severity === 'error');
      assert.deepEqual(errors, [], s);
    }
  });

  test('TZ= in the schedule is an error with a fix that moves the zone into spec.timeZone', () => {
    const text = cronJob('  schedule: "CRON_TZ=Europe/Paris 30 9 * * 1-5"');
    const [d] = cronFindings(text).filter((x) => x.code === 'cron-schedule-tz');
    assert.equal(d.severity, 'error');
    assert.equal(d.message, 'Invalid value: "CRON_TZ=Europe/Paris 30 9 * * 1-5": cannot use TZ or CRON_TZ in schedule, use timeZone field instead');
    const fixed = applyFix(text, d);
    assert.match(fixed, /\n {2}timeZone: "Europe\/Paris"\n {2}schedule: "30 9 \* \* 1-5"\n/);
    assert.deepEqual(cronFindings(fixed).filter((x) => x.severity === 'error'), []);
  });

  test('TZ= fix replaces an existing timeZone value', () => {
    const text = cronJob('  schedule: TZ=Asia/Tokyo 0 9 * * *\n  timeZone: Etc/UTC');
    const d = cronFindings(text).find((x) => x.code === 'cron-schedule-tz')!;
    const fixed = applyFix(text, d);
    assert.match(fixed, /schedule: "0 9 \* \* \*"\n {2}timeZone: "Asia\/Tokyo"/);
  });

  const zones: Array<[string, string | undefined]> = [
    ['"America/New_York"', undefined],
    ['"US/Eastern"', undefined],
    ['"Local"', 'Invalid value: "Local": timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones'],
    ['""', 'Invalid value: "": timeZone must be nil or non-empty string'],
    ['"Mars/Olympus"', 'Invalid value: "Mars/Olympus": unknown time zone Mars/Olympus'],
    ['"america/new_york"', 'Invalid value: "america/new_york": unknown time zone america/new_york'],
  ];
  for (const [zone, message] of zones) {
    test(`timeZone ${zone}: ${message ?? 'accepted'}`, () => {
      const found = cronFindings(cronJob(`  schedule: "0 9 * * *"\n  timeZone: ${zone}`)).filter((d) => d.code === 'cron-timezone-invalid');
      if (!message) return assert.deepEqual(found, []);
      assert.equal(found.length, 1);
      assert.equal(found[0].message, message);
      assert.equal(found[0].path, 'spec.timeZone');
    });
  }

  test('zone names only a host\'s zoneinfo has (posix/, right/, posixrules, localtime) are a warning, never an error', () => {
    for (const [zone, fixTo] of [['posix/UTC', 'UTC'], ['right/Europe/Berlin', 'Europe/Berlin'], ['posixrules', undefined], ['localtime', undefined]] as const) {
      const text = cronJob(`  schedule: "0 9 * * *"\n  timeZone: ${zone}`);
      const found = cronFindings(text).filter((d) => d.code === 'cron-timezone-invalid');
      assert.equal(found.length, 1, zone);
      assert.equal(found[0].severity, 'warning', zone);
      assert.match(found[0].message, new RegExp(`/usr/share/zoneinfo/${zone}`));
      assert.equal(found[0].fixes?.[0]?.title, fixTo ? `Change to ${fixTo}` : undefined);
      if (fixTo) assert.deepEqual(cronFindings(applyFix(text, found[0])), []);
    }
    const unknown = cronFindings(cronJob('  schedule: "0 9 * * *"\n  timeZone: posix/Mars')).filter((d) => d.code === 'cron-timezone-invalid');
    assert.equal(unknown[0]?.severity, 'error');
  });

  test('a miscased zone gets a fix to the exact spelling', () => {
    const text = cronJob('  schedule: "0 9 * * *"\n  timeZone: america/new_york');
    const d = cronFindings(text).find((x) => x.code === 'cron-timezone-invalid')!;
    assert.equal(d.fixes?.[0].title, 'Change to America/New_York');
    assert.deepEqual(cronFindings(applyFix(text, d)), []);
  });

  test('a schedule that never fires is a warning', () => {
    const [d] = cronFindings(cronJob('  schedule: "0 0 30 2 *"\n  timeZone: Etc/UTC'));
    assert.equal(d.code, 'cron-never-runs');
    assert.equal(d.severity, 'warning');
    assert.match(d.message, /never runs/);
  });

  test('both day fields restricted: an info about OR', () => {
    const found = cronFindings(cronJob('  schedule: "0 0 13 * 5"\n  timeZone: Etc/UTC'));
    assert.equal(found.length, 1);
    assert.equal(found[0].code, 'cron-day-or');
    assert.equal(found[0].severity, 'info');
    assert.match(found[0].message, /"13" OR day-of-week "5"/);
    assert.deepEqual(cronFindings(cronJob('  schedule: "0 0 13 * *"\n  timeZone: Etc/UTC')), []);
    assert.deepEqual(cronFindings(cronJob('  schedule: "0 0 13 * */1"\n  timeZone: Etc/UTC')), []);
  });

  test('an hour without timeZone gets only a hint, with a fix adding one', () => {
    const text = cronJob('  schedule: "0 2 * * *"');
    const found = cronFindings(text);
    assert.equal(found.length, 1);
    assert.equal(found[0].code, 'cron-no-timezone');
    assert.equal(found[0].severity, 'hint');
    assert.deepEqual(cronFindings(applyFix(text, found[0])), []);
    assert.deepEqual(cronFindings(cronJob('  schedule: "*/5 * * * *"')), [], 'no hour pinned, nothing to say');
  });

  test('@every gets a hint that it is not clock-aligned', () => {
    const found = cronFindings(cronJob('  schedule: "@every 1h"'));
    assert.equal(found.length, 1);
    assert.equal(found[0].code, 'cron-every-unaligned');
    assert.equal(found[0].severity, 'hint');
  });

  test('non-string schedules are left to the schema rules', () => {
    assert.deepEqual(cronFindings(cronJob('  schedule: 5')).filter((d) => d.code.startsWith('cron-')), []);
  });
});
