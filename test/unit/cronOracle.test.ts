import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseSchedule, nextRuns, validateTimeZone } from '../../server/src/core/cron';

/**
 * Answers recorded from the real robfig/cron v3 (scripts/cron-oracle): the API server's parse error,
 * or the runs the controller would compute with spec.timeZone, for 2,000+ schedules, zones and instants.
 */
interface OracleCase {
  schedule: string;
  timeZone: string | null;
  from: number;
  count: number;
  error?: string;
  next: number[];
}

const fixture = JSON.parse(readFileSync(resolve(__dirname, 'fixtures/cron-oracle.json'), 'utf8')) as { source: string; cases: OracleCase[] };

describe(`the engine agrees with ${fixture.source}`, () => {
  test(`${fixture.cases.length} recorded cases: same error text, same runs`, () => {
    const mismatches: string[] = [];
    for (const c of fixture.cases) {
      const label = `${JSON.stringify(c.schedule)}${c.timeZone ? ` in ${c.timeZone}` : ''} after ${new Date(c.from).toISOString()}`;
      const parsed = parseSchedule(c.schedule);
      if (c.error !== undefined) {
        const ours = parsed.ok ? '(accepted)' : parsed.error;
        const same = c.error.startsWith('panic: ') ? ours.startsWith(c.error.slice('panic: '.length)) : ours === c.error;
        if (!same) mismatches.push(`${label}: robfig "${c.error}", ours "${ours}"`);
        continue;
      }
      if (!parsed.ok) {
        mismatches.push(`${label}: robfig accepts, ours "${parsed.error}"`);
        continue;
      }
      if (c.timeZone !== null) assert.equal(validateTimeZone(c.timeZone), undefined, c.timeZone);
      const ours = nextRuns(parsed.schedule, new Date(c.from), c.count, c.timeZone ?? undefined).map((d) => d.getTime());
      if (JSON.stringify(ours) !== JSON.stringify(c.next)) {
        mismatches.push(`${label}: robfig ${c.next.map((t) => new Date(t).toISOString()).join(' ')} | ours ${ours.map((t) => new Date(t).toISOString()).join(' ')}`);
      }
    }
    assert.deepEqual(mismatches.slice(0, 20), [], `${mismatches.length} mismatches`);
  });
});
