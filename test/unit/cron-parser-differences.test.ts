import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { CronExpressionParser } from 'cron-parser';
import { parseSchedule, nextRuns } from '../../server/src/core/cron';

// The design card named cron-parser. These cases keep the README's table honest: each one shows
// where cron-parser and a Kubernetes cluster (robfig/cron v3, which our engine follows) part ways.

function cronParserAccepts(expr: string): boolean {
  try {
    CronExpressionParser.parse(expr, { tz: 'UTC' });
    return true;
  } catch {
    return false;
  }
}

function cronParserRuns(expr: string, from: string, tz: string, count: number): string[] {
  const it = CronExpressionParser.parse(expr, { currentDate: new Date(from), tz });
  return Array.from({ length: count }, () => it.next().toDate().toISOString());
}

function ourRuns(expr: string, from: string, tz: string, count: number): string[] {
  const parsed = parseSchedule(expr);
  assert.ok(parsed.ok, expr);
  return nextRuns(parsed.schedule, new Date(from), count, tz).map((d) => d.toISOString());
}

describe('cron-parser is not what a cluster runs', () => {
  for (const expr of ['0 0 0 * * *', '0 0 L * *', '0 0 * * 1#2', 'H * * * *', '0 0 * * 7']) {
    test(`${expr}: cron-parser accepts, Kubernetes rejects`, () => {
      assert.equal(cronParserAccepts(expr), true);
      assert.equal(parseSchedule(expr).ok, false);
    });
  }
  for (const expr of ['@every 1h', '@midnight', '0 0 30 2 *']) {
    test(`${expr}: cron-parser rejects, Kubernetes accepts`, () => {
      assert.equal(cronParserAccepts(expr), false);
      assert.equal(parseSchedule(expr).ok, true);
    });
  }

  test('spring forward in America/New_York: cron-parser moves 02:30 to 03:30, the cluster skips the day', () => {
    const from = '2026-03-08T05:00:00Z';
    assert.equal(cronParserRuns('30 2 * * *', from, 'America/New_York', 1)[0], '2026-03-08T07:30:00.000Z');
    assert.equal(ourRuns('30 2 * * *', from, 'America/New_York', 1)[0], '2026-03-09T06:30:00.000Z');
  });

  test('fall back in America/New_York: cron-parser runs 01:30 once, the cluster twice', () => {
    const from = '2026-11-01T04:00:00Z';
    assert.deepEqual(cronParserRuns('30 1 * * *', from, 'America/New_York', 2), ['2026-11-01T05:30:00.000Z', '2026-11-02T06:30:00.000Z']);
    assert.deepEqual(ourRuns('30 1 * * *', from, 'America/New_York', 2), ['2026-11-01T05:30:00.000Z', '2026-11-01T06:30:00.000Z']);
  });
});
