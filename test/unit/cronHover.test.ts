import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { parseWorkloadFile } from '../../server/src/core/model/workloadFile';
import { scheduleHoverMarkdown, timeZoneHoverMarkdown } from '../../server/src/core/cron/hover';
import { buildPreview } from '../../server/src/core/cron/preview';
import { lesson } from '../helpers/fixtures';

function doc(spec: string) {
  const text = `apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: x\nspec:\n${spec}\n  jobTemplate: {}\n`;
  return parseWorkloadFile(text).docs[0].doc;
}

describe('schedule hover', () => {
  test("the lesson's */1 schedule: meaning, next 5 runs in UTC, fields, the no-timeZone note", () => {
    const d = parseWorkloadFile(lesson.cronjob()).docs[0].doc;
    const md = scheduleHoverMarkdown(d, new Date('2026-03-04T10:02:30Z'), 'UTC')!;
    assert.match(md, /^\*\*Every minute\*\*/);
    assert.match(md, /Next 5 runs/);
    assert.match(md, /\| Wed 2026-03-04 10:03 UTC \|/);
    assert.match(md, /\| Wed 2026-03-04 10:07 UTC \|/);
    assert.doesNotMatch(md, /10:08/);
    assert.match(md, /\| minute \| `\*\/1` \| every value \|/);
    assert.match(md, /No timeZone: runs follow the kube-controller-manager's zone, which is UTC on most clusters/);
  });

  test('in a zone: three columns (zone, UTC, the user\'s own) and the DST day ahead', () => {
    const md = scheduleHoverMarkdown(doc('  schedule: "30 2 * * *"\n  timeZone: America/New_York'), new Date('2026-03-05T12:00:00Z'), 'Asia/Tokyo')!;
    assert.match(md, /\| America\/New\\_York \| UTC \| Your time \(Asia\/Tokyo\) \|/);
    assert.match(md, /\| Sat 2026-03-07 02:30 EST \| Sat 2026-03-07 07:30 UTC \| Sat 2026-03-07 16:30 (JST|UTC\+09:00) \|/);
    assert.match(md, /\| Mon 2026-03-09 02:30 EDT \|/);
    assert.match(md, /clocks go forward from 02:00 to 03:00 .*no run at 02:30 that day/);
  });

  test('fall back: the doubled run is announced', () => {
    const md = scheduleHoverMarkdown(doc('  schedule: "30 1 * * *"\n  timeZone: Europe/London'), new Date('2026-10-23T12:00:00Z'))!;
    assert.match(md, /clocks go back from 02:00 to 01:00 .*01:30 runs twice/);
  });

  test('never fires: said plainly, no runs table', () => {
    const md = scheduleHoverMarkdown(doc('  schedule: "0 0 30 2 *"'), new Date('2026-01-01T00:00:00Z'))!;
    assert.match(md, /Never runs/);
    assert.match(md, /No run within five years/);
    assert.doesNotMatch(md, /Next \d+ runs/);
  });

  test('invalid schedule: the API server error', () => {
    const md = scheduleHoverMarkdown(doc('  schedule: "0 0 * * 7"'), new Date())!;
    assert.match(md, /Invalid schedule/);
    assert.match(md, /end of range \(7\) above maximum \(6\)/);
  });

  test('user text is escaped in markdown', () => {
    const md = scheduleHoverMarkdown(doc('  schedule: "<img src=x> * * * *"'), new Date())!;
    assert.match(md, /```text\nspec\.schedule: Invalid value: "<img src=x> \* \* \* \*": expected exactly 5 fields, found 6: \[<img src=x> \* \* \* \*\]\n```/);
    const good = scheduleHoverMarkdown(doc('  schedule: "*/5 * * * *"\n  timeZone: "Europe/Paris"'), new Date())!;
    assert.doesNotMatch(good, /<|>/);
  });

  test('@every: fixed interval, not aligned', () => {
    const md = scheduleHoverMarkdown(doc('  schedule: "@every 2h"'), new Date('2026-01-01T00:00:00Z'))!;
    assert.match(md, /Every 2h, counted from when the CronJob was created/);
  });
});

describe('timeZone hover', () => {
  test('current offset and the next change, with its effect on the schedule', () => {
    const md = timeZoneHoverMarkdown(doc('  schedule: "30 2 * * *"\n  timeZone: America/New_York'), new Date('2026-03-05T12:00:00Z'))!;
    assert.match(md, /now Thu 2026-03-05 07:00 EST, UTC-05:00/);
    assert.match(md, /Next daylight-saving change: Sun 2026-03-08 03:00 EDT — clocks go forward 1 hour \(UTC-05:00 → UTC-04:00\)/);
    assert.match(md, /For this schedule: no run at 02:30 that day/);
  });

  test('Lord Howe moves by 30 minutes; Kolkata never changes', () => {
    assert.match(timeZoneHoverMarkdown(doc('  schedule: "0 9 * * *"\n  timeZone: Australia/Lord_Howe'), new Date('2026-09-01T00:00:00Z'))!, /clocks go forward 30 minutes \(UTC\+10:30 → UTC\+11:00\)/);
    assert.match(timeZoneHoverMarkdown(doc('  schedule: "0 9 * * *"\n  timeZone: Asia/Kolkata'), new Date('2026-09-01T00:00:00Z'))!, /UTC\+05:30[\s\S]*No daylight-saving change in the next year/);
  });

  test('an invalid zone shows the API server error', () => {
    assert.match(timeZoneHoverMarkdown(doc('  schedule: "0 9 * * *"\n  timeZone: Local'), new Date())!, /timeZone must be an explicit time zone/);
  });
});

describe('preview data', () => {
  test('runs carry ISO instants, three renderings and gaps; policies are explained', () => {
    const p = buildPreview({ schedule: '0 */6 * * *', timeZone: 'Pacific/Chatham', from: new Date('2026-01-01T00:00:00Z'), count: 3, localZone: 'Europe/Paris', policy: { concurrencyPolicy: 'Forbid', startingDeadlineSeconds: 5, suspend: true, successfulJobsHistoryLimit: 0 } });
    assert.equal(p.valid, true);
    assert.equal(p.runs.length, 3);
    assert.match(p.runs[0].inZone, /UTC\+13:45|\+1345/);
    assert.equal(p.runs[1].gap, '6h');
    assert.ok(p.runs[0].local);
    const byField = Object.fromEntries(p.policies.map((x) => [x.field, x.meaning]));
    assert.match(byField.concurrencyPolicy, /skipped/);
    assert.match(byField.startingDeadlineSeconds, /Below 10 seconds/);
    assert.match(byField.suspend, /none of these runs will create a Job/);
    assert.match(byField.successfulJobsHistoryLimit, /none are kept/);
  });

  test('invalid input is an error, not an exception', () => {
    assert.equal(buildPreview({ schedule: '* * *', from: new Date(), count: 5 }).valid, false);
    assert.match(buildPreview({ schedule: '* * * * *', timeZone: 'Nowhere/Land', from: new Date(), count: 5 }).error!, /unknown time zone/);
  });
});

describe('a daylight-saving day ahead', () => {
  test('an every-5-minutes schedule hears about the skipped hour a week before it comes', () => {
    const md = scheduleHoverMarkdown(doc('  schedule: "*/5 * * * *"\n  timeZone: America/New_York'), new Date('2026-03-02T12:00:00Z'))!;
    assert.match(md, /Sun 2026-03-08: clocks go forward from 02:00 to 03:00 .*no run at 02:00, 02:05, 02:10, 02:15, 02:20 and 7 more that day/);
  });

  test('a change that does not touch the schedule is not a warning', () => {
    const md = scheduleHoverMarkdown(doc('  schedule: "0 12 * * *"\n  timeZone: America/New_York'), new Date('2026-03-02T12:00:00Z'))!;
    assert.doesNotMatch(md, /Daylight-saving change/);
  });
});
