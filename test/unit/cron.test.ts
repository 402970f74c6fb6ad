import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { parseSchedule, nextRuns, validateTimeZone, describeSchedule, type CronSchedule } from '../../server/src/core/cron';

function schedule(expr: string): CronSchedule {
  const r = parseSchedule(expr);
  if (!r.ok) throw new Error(`${expr}: ${r.error}`);
  return r.schedule;
}

function runs(expr: string, from: string, count: number, timeZone?: string): string[] {
  return nextRuns(schedule(expr), new Date(from), count, timeZone).map((d) => d.toISOString().replace('.000Z', 'Z'));
}

function error(expr: string): string {
  const r = parseSchedule(expr);
  assert.equal(r.ok, false, `${JSON.stringify(expr)} should be rejected`);
  return (r as { error: string }).error;
}

describe('parsing as robfig/cron v3 ParseStandard', () => {
  const valid: Array<[string, string]> = [
    ['*/5 * * * *', 'five fields'],
    ['0\t2  *   * *', 'any whitespace between fields'],
    ['  0 2 * * *  ', 'leading and trailing whitespace'],
    ['0\u00a02 * * *', 'a no-break space is whitespace to Go'],
    ['? ? ? ? ?', '? is * in every field'],
    ['1,,2 * * * *', 'empty list items are dropped'],
    [', * * * *', 'a list of nothing parses (and never fires)'],
    ['5/15 * * * *', 'N/step means N-max/step'],
    ['*/90 * * * *', 'a step larger than the range'],
    ['0 0 * JAN-mar Mon-FRI', 'names in any case, as range ends'],
    ['0 0 * * sun', 'weekday name'],
    ['+5 * * * *', 'Atoi accepts a leading +'],
    ['007 * * * *', 'Atoi accepts leading zeros'],
    ['*-5 * * * *', 'a star ignores what follows its hyphen'],
    ['0 0 1-31 * *', 'full range'],
    ['@yearly', 'descriptor'],
    ['@annually', 'descriptor'],
    ['@monthly', 'descriptor'],
    ['@weekly', 'descriptor'],
    ['@daily', 'descriptor'],
    ['@midnight', 'descriptor'],
    ['@hourly', 'descriptor'],
    ['@every 1h30m', 'every with a Go duration'],
    ['@every 1.5h', 'fractional duration'],
    ['@every 500ms', 'sub-second duration'],
    ['@every 0', 'zero duration'],
    ['TZ=UTC 0 0 * * *', 'TZ prefix parses (the API server then rejects it)'],
    ['CRON_TZ=Europe/Paris 0 0 * * *', 'CRON_TZ prefix parses'],
  ];
  for (const [expr, why] of valid) {
    test(`accepts ${JSON.stringify(expr)}: ${why}`, () => {
      assert.equal(parseSchedule(expr).ok, true);
    });
  }

  const invalid: Array<[string, string]> = [
    ['', 'empty spec string'],
    ['* * * *', 'expected exactly 5 fields, found 4: [* * * *]'],
    ['0 * * * * *', 'expected exactly 5 fields, found 6: [0 * * * * *]'],
    ['0 0 * * 7', 'end of range (7) above maximum (6): 7'],
    ['60 * * * *', 'end of range (60) above maximum (59): 60'],
    ['0 24 * * *', 'end of range (24) above maximum (23): 24'],
    ['0 0 0 * *', 'beginning of range (0) below minimum (1): 0'],
    ['0 0 * 13 *', 'end of range (13) above maximum (12): 13'],
    ['5-1 * * * *', 'beginning of range (5) beyond end of range (1): 5-1'],
    ['*/0 * * * *', 'step of range should be a positive number: */0'],
    ['1-2-3 * * * *', 'too many hyphens: 1-2-3'],
    ['*/2/3 * * * *', 'too many slashes: */2/3'],
    ['0 0 L * *', 'failed to parse int from L: strconv.Atoi: parsing "L": invalid syntax'],
    ['0 0 15W * *', 'failed to parse int from 15W: strconv.Atoi: parsing "15W": invalid syntax'],
    ['0 0 * * 1#2', 'failed to parse int from 1#2: strconv.Atoi: parsing "1#2": invalid syntax'],
    ['H * * * *', 'failed to parse int from H: strconv.Atoi: parsing "H": invalid syntax'],
    ['-5 * * * *', 'failed to parse int from : strconv.Atoi: parsing "": invalid syntax'],
    ['5- * * * *', 'failed to parse int from : strconv.Atoi: parsing "": invalid syntax'],
    ['1_0 * * * *', 'failed to parse int from 1_0: strconv.Atoi: parsing "1_0": invalid syntax'],
    ['99999999999999999999 * * * *', 'failed to parse int from 99999999999999999999: strconv.Atoi: parsing "99999999999999999999": value out of range'],
    ['9999999999 * * * *', 'end of range (9999999999) above maximum (59): 9999999999'],
    ['*/-1 * * * *', 'negative number (-1) not allowed: -1'],
    ['0 0 * january *', 'failed to parse int from january: strconv.Atoi: parsing "january": invalid syntax'],
    ['@Daily', 'unrecognized descriptor: @Daily'],
    ['@daily ', 'unrecognized descriptor: @daily '],
    ['@reboot', 'unrecognized descriptor: @reboot'],
    ['@every', 'unrecognized descriptor: @every'],
    ['@every 1x', 'failed to parse duration @every 1x: time: unknown unit "x" in duration "1x"'],
    ['@every 10', 'failed to parse duration @every 10: time: missing unit in duration "10"'],
    ['@every ', 'failed to parse duration @every : time: invalid duration ""'],
    ['TZ=Mars/Olympus 0 0 * * *', 'provided bad location Mars/Olympus: unknown time zone Mars/Olympus'],
    ['0 0 * * \u0001', 'failed to parse int from \u0001: strconv.Atoi: parsing "\\x01": invalid syntax'],
  ];
  for (const [expr, message] of invalid) {
    test(`rejects ${JSON.stringify(expr)} with robfig's message`, () => {
      assert.equal(error(expr), message);
    });
  }

  test('10,000-character schedules: the API server has no length limit, so a long valid one is valid and a long bad one gets robfig\'s error', () => {
    const longList = Array.from({ length: 4000 }, (_, i) => String(i % 60)).join(',');
    assert.ok(longList.length > 10_000);
    assert.deepEqual(runs(`${longList} * * * *`, '2026-01-01T00:00:30Z', 1), ['2026-01-01T00:01:00Z']);
    assert.equal(error(`${longList},60 * * * *`), `end of range (60) above maximum (59): 60`);
    assert.equal(error('x'.repeat(10_000)), `expected exactly 5 fields, found 1: [${'x'.repeat(10_000)}]`);
    assert.equal(error(`${'\u0007'.repeat(10_000)} * * * *`), `failed to parse int from ${'\u0007'.repeat(10_000)}: strconv.Atoi: parsing "${'\\a'.repeat(10_000)}": invalid syntax`);
  });

  test('a schedule beyond 1,000,000 characters is refused with its length', () => {
    assert.match(error('1,'.repeat(600_000) + ' * * * *'), /1200008 characters long/);
  });

  test('names are taken only where robfig has them (months and weekdays)', () => {
    assert.match(error('mon * * * *'), /failed to parse int from mon/);
  });
});

describe('next runs as robfig walks them', () => {
  test("the lesson's cheat-sheet", () => {
    const from = '2026-03-04T10:02:30Z'; // a Wednesday
    assert.deepEqual(runs('*/5 * * * *', from, 3), ['2026-03-04T10:05:00Z', '2026-03-04T10:10:00Z', '2026-03-04T10:15:00Z']);
    assert.deepEqual(runs('0 * * * *', from, 2), ['2026-03-04T11:00:00Z', '2026-03-04T12:00:00Z']);
    assert.deepEqual(runs('0 2 * * *', from, 2), ['2026-03-05T02:00:00Z', '2026-03-06T02:00:00Z']);
    assert.deepEqual(runs('0 0 * * 0', from, 2), ['2026-03-08T00:00:00Z', '2026-03-15T00:00:00Z']);
    assert.deepEqual(runs('30 9 * * 1-5', from, 4), ['2026-03-05T09:30:00Z', '2026-03-06T09:30:00Z', '2026-03-09T09:30:00Z', '2026-03-10T09:30:00Z']);
    assert.deepEqual(runs('*/1 * * * *', from, 2), ['2026-03-04T10:03:00Z', '2026-03-04T10:04:00Z']);
  });

  test('runs are strictly after the start, even when it is a run time', () => {
    assert.deepEqual(runs('*/5 * * * *', '2026-03-04T10:05:00Z', 1), ['2026-03-04T10:10:00Z']);
    assert.deepEqual(runs('*/5 * * * *', '2026-03-04T10:04:59.999Z', 1), ['2026-03-04T10:05:00Z']);
  });

  test('day of month OR day of week when both are restricted', () => {
    // 1st of the month or any Monday.
    assert.deepEqual(runs('0 0 1 * 1', '2026-01-01T00:00:00Z', 6), [
      '2026-01-05T00:00:00Z', '2026-01-12T00:00:00Z', '2026-01-19T00:00:00Z', '2026-01-26T00:00:00Z', '2026-02-01T00:00:00Z', '2026-02-02T00:00:00Z',
    ]);
    // Odd days (*/2 clears the star bit) or Mondays.
    assert.deepEqual(runs('0 0 */2 * 1', '2026-01-01T00:00:00Z', 4), ['2026-01-03T00:00:00Z', '2026-01-05T00:00:00Z', '2026-01-07T00:00:00Z', '2026-01-09T00:00:00Z']);
  });

  test('AND when either day field carries the star bit (*, ?, */1)', () => {
    for (const dow of ['*', '?', '*/1']) {
      assert.deepEqual(runs(`0 0 1 * ${dow}`, '2026-01-01T00:00:00Z', 2), ['2026-02-01T00:00:00Z', '2026-03-01T00:00:00Z'], dow);
    }
    assert.deepEqual(runs('0 0 */1 * 1', '2026-01-01T00:00:00Z', 2), ['2026-01-05T00:00:00Z', '2026-01-12T00:00:00Z']);
  });

  test('steps, N/step and names', () => {
    assert.deepEqual(runs('5/20 * * * *', '2026-01-01T00:00:00Z', 4), ['2026-01-01T00:05:00Z', '2026-01-01T00:25:00Z', '2026-01-01T00:45:00Z', '2026-01-01T01:05:00Z']);
    assert.deepEqual(runs('*/90 * * * *', '2026-01-01T00:00:00Z', 2), ['2026-01-01T01:00:00Z', '2026-01-01T02:00:00Z']);
    assert.deepEqual(runs('0 12 * feb-Mar sat', '2026-01-01T00:00:00Z', 1), ['2026-02-07T12:00:00Z']);
  });

  test('leap years: 29 February', () => {
    assert.deepEqual(runs('0 0 29 2 *', '2025-01-01T00:00:00Z', 3), ['2028-02-29T00:00:00Z', '2032-02-29T00:00:00Z', '2036-02-29T00:00:00Z']);
    assert.deepEqual(runs('0 0 29 2 *', '2096-03-01T00:00:00Z', 1), [], '2100 is not a leap year, and 2104 is past the five-year search');
  });

  test('the five-year limit: never-firing schedules have no next run', () => {
    assert.deepEqual(runs('0 0 30 2 *', '2026-01-01T00:00:00Z', 1), []);
    assert.deepEqual(runs('0 0 31 4,6,9,11 *', '2026-01-01T00:00:00Z', 1), []);
    assert.deepEqual(runs(', * * * *', '2026-01-01T00:00:00Z', 1), []);
  });

  test('@every is not aligned to the clock, rounds sub-second up to 1s, truncates to whole seconds and ignores the zone', () => {
    assert.deepEqual(runs('@every 90m', '2026-01-01T00:07:13.250Z', 2), ['2026-01-01T01:37:13Z', '2026-01-01T03:07:13Z']);
    assert.deepEqual(runs('@every 100ms', '2026-01-01T00:00:00Z', 2), ['2026-01-01T00:00:01Z', '2026-01-01T00:00:02Z']);
    assert.deepEqual(runs('@every 1.9s', '2026-01-01T00:00:00Z', 2), ['2026-01-01T00:00:01Z', '2026-01-01T00:00:02Z']);
    assert.deepEqual(runs('@every -1h', '2026-01-01T00:00:00Z', 1), ['2026-01-01T00:00:01Z']);
    assert.deepEqual(runs('@every 1h', '2026-03-08T06:30:00Z', 2, 'America/New_York'), ['2026-03-08T07:30:00Z', '2026-03-08T08:30:00Z']);
  });

  test('descriptors', () => {
    assert.deepEqual(runs('@hourly', '2026-01-01T00:30:00Z', 1), ['2026-01-01T01:00:00Z']);
    assert.deepEqual(runs('@daily', '2026-01-01T00:30:00Z', 1), ['2026-01-02T00:00:00Z']);
    assert.deepEqual(runs('@midnight', '2026-01-01T00:30:00Z', 1), ['2026-01-02T00:00:00Z']);
    assert.deepEqual(runs('@weekly', '2026-01-01T00:30:00Z', 1), ['2026-01-04T00:00:00Z']);
    assert.deepEqual(runs('@monthly', '2026-01-01T00:30:00Z', 1), ['2026-02-01T00:00:00Z']);
    assert.deepEqual(runs('@yearly', '2026-01-01T00:30:00Z', 1), ['2027-01-01T00:00:00Z']);
    assert.deepEqual(runs('@daily', '2026-01-01T00:30:00Z', 1, 'Asia/Kolkata'), ['2026-01-01T18:30:00Z']);
  });

  test('a TZ= prefix in the schedule overrides the timeZone argument (as the controller does)', () => {
    assert.deepEqual(runs('CRON_TZ=Asia/Tokyo 0 9 * * *', '2026-01-01T00:30:00Z', 1, 'Europe/London'), ['2026-01-02T00:00:00Z']);
  });
});

describe('time zones and DST, as robfig walks them', () => {
  test('America/New_York spring forward: 02:30 does not exist on 8 March 2026, so no run that day', () => {
    assert.deepEqual(runs('30 2 * * *', '2026-03-07T00:00:00Z', 3, 'America/New_York'), ['2026-03-07T07:30:00Z', '2026-03-09T06:30:00Z', '2026-03-10T06:30:00Z']);
  });

  test('America/New_York fall back: 01:30 happens twice on 1 November 2026 and runs twice', () => {
    assert.deepEqual(runs('30 1 * * *', '2026-10-31T12:00:00Z', 3, 'America/New_York'), ['2026-11-01T05:30:00Z', '2026-11-01T06:30:00Z', '2026-11-02T06:30:00Z']);
  });

  test('America/New_York: hourly runs across both changes', () => {
    assert.deepEqual(runs('0 * * * *', '2026-03-08T05:30:00Z', 3, 'America/New_York'), ['2026-03-08T06:00:00Z', '2026-03-08T07:00:00Z', '2026-03-08T08:00:00Z']);
    assert.deepEqual(runs('0 * * * *', '2026-11-01T04:30:00Z', 3, 'America/New_York'), ['2026-11-01T05:00:00Z', '2026-11-01T06:00:00Z', '2026-11-01T07:00:00Z']);
  });

  test('Europe/London: 01:30 is skipped on 29 March 2026 and doubled on 25 October 2026', () => {
    assert.deepEqual(runs('30 1 * * *', '2026-03-28T12:00:00Z', 2, 'Europe/London'), ['2026-03-30T00:30:00Z', '2026-03-31T00:30:00Z']);
    assert.deepEqual(runs('30 1 * * *', '2026-10-24T12:00:00Z', 3, 'Europe/London'), ['2026-10-25T00:30:00Z', '2026-10-25T01:30:00Z', '2026-10-26T01:30:00Z']);
  });

  test('Australia/Lord_Howe (30-minute DST): 02:15 skipped, 02:45 runs on 4 October 2026', () => {
    // 02:00 +10:30 becomes 02:30 +11:00.
    assert.deepEqual(runs('15 2 * * *', '2026-10-02T12:00:00Z', 2, 'Australia/Lord_Howe'), ['2026-10-02T15:45:00Z', '2026-10-04T15:15:00Z']);
    assert.deepEqual(runs('45 2 * * *', '2026-10-02T12:00:00Z', 2, 'Australia/Lord_Howe'), ['2026-10-02T16:15:00Z', '2026-10-03T15:45:00Z']);
    assert.deepEqual(runs('0 2 * * *', '2026-10-02T12:00:00Z', 2, 'Australia/Lord_Howe'), ['2026-10-02T15:30:00Z', '2026-10-04T15:00:00Z']);
  });

  test('Australia/Lord_Howe fall back: 01:45 repeats (02:00 +11 becomes 01:30 +10:30) and runs twice on 5 April 2026', () => {
    assert.deepEqual(runs('45 1 * * *', '2026-04-04T00:00:00Z', 3, 'Australia/Lord_Howe'), ['2026-04-04T14:45:00Z', '2026-04-04T15:15:00Z', '2026-04-05T15:15:00Z']);
  });

  test("Pacific/Chatham (+12:45/+13:45): robfig's hour walk skips 03:50 on 27 September 2026 although it exists", () => {
    // 02:45 +12:45 becomes 03:45 +13:45; walking hour by hour goes 02:00 -> 04:00.
    assert.deepEqual(runs('50 3 * * *', '2026-09-25T12:00:00Z', 2, 'Pacific/Chatham'), ['2026-09-25T15:05:00Z', '2026-09-27T14:05:00Z']);
    assert.deepEqual(runs('30 2 * * *', '2026-09-25T12:00:00Z', 2, 'Pacific/Chatham'), ['2026-09-25T13:45:00Z', '2026-09-26T13:45:00Z']);
  });

  test('America/Sao_Paulo 2018: midnight did not exist on 4 November, so a midnight job skipped that day', () => {
    assert.deepEqual(runs('0 0 * * *', '2018-11-02T12:00:00Z', 3, 'America/Sao_Paulo'), ['2018-11-03T03:00:00Z', '2018-11-05T02:00:00Z', '2018-11-06T02:00:00Z']);
    // A weekly Sunday-midnight job walks the day loop through the change.
    assert.deepEqual(runs('0 0 * * 0', '2018-10-30T12:00:00Z', 2, 'America/Sao_Paulo'), ['2018-11-11T02:00:00Z', '2018-11-18T02:00:00Z']);
  });

  test('no timeZone is the controller zone, taken as UTC', () => {
    assert.deepEqual(runs('0 9 * * *', '2026-01-01T00:00:00Z', 1), runs('0 9 * * *', '2026-01-01T00:00:00Z', 1, 'UTC'));
    assert.deepEqual(runs('0 9 * * *', '2026-01-01T00:00:00Z', 1), ['2026-01-01T09:00:00Z']);
  });

  test('links such as US/Eastern work; unknown zones give no runs', () => {
    assert.deepEqual(runs('0 9 * * *', '2026-01-01T00:00:00Z', 1, 'US/Eastern'), ['2026-01-01T14:00:00Z']);
    assert.deepEqual(runs('0 9 * * *', '2026-01-01T00:00:00Z', 1, 'Mars/Olympus'), []);
    assert.deepEqual(runs('0 9 * * *', '2026-01-01T00:00:00Z', 1, 'us/eastern'), []);
  });
});

describe('spec.timeZone as the API server validates it', () => {
  const cases: Array<[string, string | undefined]> = [
    ['America/New_York', undefined],
    ['UTC', undefined],
    ['Etc/GMT+5', undefined],
    ['US/Eastern', undefined],
    ['Asia/Kolkata', undefined],
    ['Asia/Calcutta', undefined],
    ['America/Argentina/ComodRivadavia', undefined],
    ['', 'timeZone must be nil or non-empty string'],
    ['Local', 'timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones'],
    ['local', 'timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones'],
    ['america/new_york', 'unknown time zone america/new_york'],
    ['Mars/Olympus', 'unknown time zone Mars/Olympus'],
    ['America/New York', 'unknown time zone America/New York'],
    ['../etc/passwd', 'unknown time zone ../etc/passwd'],
    ['/UTC', 'unknown time zone /UTC'],
    ['America/Argentina_Buenos_Aires', 'unknown time zone America/Argentina_Buenos_Aires'],
    ['Europe/Lon\u0000don', 'unknown time zone Europe/Lon\u0000don'],
  ];
  for (const [name, message] of cases) {
    test(`${JSON.stringify(name)} -> ${message ?? 'accepted'}`, () => {
      assert.equal(validateTimeZone(name), message);
    });
  }
});

describe('meaning in plain English, never contradicting the engine', () => {
  const cases: Array<[string, RegExp]> = [
    ['*/5 * * * *', /^Every 5 minutes$/],
    ['0 * * * *', /^Every hour$/],
    ['0 2 * * *', /^At 02:00$/],
    ['0 0 * * 0', /^At 00:00, only on Sunday$/],
    ['30 9 * * 1-5', /^At 09:30, Monday through Friday$/],
    ['*/1 * * * *', /^Every minute$/],
    ['? * * * *', /^Every minute$/],
    ['0 0 1 * 1', /day 1 of the month, and on Monday/],
    ['0 0 30 2 *', /^Never runs/],
    ['@daily', /^At 00:00 \(@daily\)$/],
    ['@every 1h30m', /^Every 1h30m, counted from when the CronJob was created/],
    ['@every 10ms', /rounds it up to 1s/],
    ['*/90 * * * *', /^Every hour$/],
    ['0 +9 * * MON', /^At 09:00, only on Monday$/],
    ['0 0 * * 7', /^Invalid schedule: end of range \(7\) above maximum \(6\): 7$/],
  ];
  for (const [expr, expected] of cases) {
    test(`${expr} -> ${expected}`, () => {
      assert.match(describeSchedule(expr), expected);
    });
  }
});
