import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { loadZone, IANA_ZONE_NAMES_FOR_TESTS } from './cronZoneList';
import { validateTimeZone } from '../../server/src/core/cron';
import { IANA_ZONE_NAMES } from '../../server/src/core/cron/zoneNames';

/** The offset ICU gives for an instant, read straight from Intl (no cache). */
function intlOffset(format: Intl.DateTimeFormat, ms: number): number {
  const m = /(\d+)\/(\d+)\/(\d+), (\d+):(\d+):(\d+)/.exec(format.format(ms))!;
  return Math.round((Date.UTC(+m[3], +m[1] - 1, +m[2], +m[4], +m[5], +m[6]) - ms) / 1000);
}

describe('zone offsets', () => {
  test('the weekly offset cache agrees with ICU every 25 hours from 1990 to 2040 in zones with odd histories', () => {
    for (const name of IANA_ZONE_NAMES_FOR_TESTS) {
      const zone = loadZone(name)!;
      const format = new Intl.DateTimeFormat('en-US', { timeZone: name, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
      for (let t = Date.UTC(1990, 0, 1); t < Date.UTC(2040, 0, 1); t += 90_000_000) {
        const expected = intlOffset(format, t);
        if (zone.offsetAt(t) !== expected) assert.fail(`${name} at ${new Date(t).toISOString()}: ${zone.offsetAt(t)} != ${expected}`);
      }
    }
  });

  test('transitions are found to the second', () => {
    const ny = loadZone('America/New_York')!;
    assert.deepEqual(ny.transitions(Date.UTC(2026, 0, 1), Date.UTC(2027, 0, 1)), [
      { at: Date.UTC(2026, 2, 8, 7), before: -18000, after: -14400 },
      { at: Date.UTC(2026, 10, 1, 6), before: -14400, after: -18000 },
    ]);
    const lh = loadZone('Australia/Lord_Howe')!;
    assert.deepEqual(lh.transitions(Date.UTC(2026, 9, 1), Date.UTC(2026, 9, 10)), [{ at: Date.UTC(2026, 9, 3, 15, 30), before: 37800, after: 39600 }]);
  });

  test('every name in the list loads through ICU and validates', () => {
    const failing = IANA_ZONE_NAMES.filter((n) => n !== 'Factory' && (!loadZone(n) || validateTimeZone(n) !== undefined));
    assert.deepEqual(failing, []);
  });
});
