import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { parseSchedule } from '../../server/src/core/cron';
import { nextInZone, type SpecFields } from '../../server/src/core/cron/schedule';
import { loadZone, IANA_ZONE_NAMES_FOR_TESTS } from './cronZoneList';
import { rng } from '../helpers/rng';

function field(r: () => number, min: number, max: number, names?: string[]): string {
  const pick = (): string => {
    const v = min + Math.floor(r() * (max - min + 1));
    return names && r() < 0.2 ? names[v - min] : String(v);
  };
  const x = r();
  if (x < 0.3) return '*';
  if (x < 0.4) return `*/${1 + Math.floor(r() * (max - min))}`;
  if (x < 0.55) return pick();
  if (x < 0.7) {
    const a = min + Math.floor(r() * (max - min + 1));
    const b = a + Math.floor(r() * (max - a + 1));
    return `${a}-${b}`;
  }
  if (x < 0.8) return `${pick()}/${1 + Math.floor(r() * 20)}`;
  return [pick(), pick(), pick()].join(',');
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

describe('the fast walk equals robfig\'s literal step-by-step walk', () => {
  test('3,000 random schedules, zones and start instants (DST zones included)', () => {
    const r = rng(20261127);
    const zones = IANA_ZONE_NAMES_FOR_TESTS;
    let compared = 0;
    for (let i = 0; i < 3000; i++) {
      const expr = [field(r, 0, 59), field(r, 0, 23), field(r, 1, 31), field(r, 1, 12, MONTHS), field(r, 0, 6, DAYS)].join(' ');
      const parsed = parseSchedule(expr);
      assert.ok(parsed.ok, expr);
      if (!parsed.ok || parsed.schedule.form.type !== 'fields') continue;
      const fields: SpecFields = parsed.schedule.form.fields;
      const zone = loadZone(zones[Math.floor(r() * zones.length)])!;
      let from = Date.UTC(1995, 0, 1) + Math.floor(r() * 40 * 365.25 * 86_400_000);
      for (let n = 0; n < 3; n++) {
        const fast = nextInZone(fields, zone, from);
        const literal = nextInZone(fields, zone, from, true);
        assert.equal(fast, literal, `${expr} in ${zone.name} after ${new Date(from).toISOString()}`);
        compared++;
        if (fast === undefined) break;
        from = fast;
      }
    }
    assert.ok(compared >= 3000);
  });

  test('every hour of the DST change days in the named zones', () => {
    const cases: Array<[string, string]> = [
      ['America/New_York', '2026-03-08'], ['America/New_York', '2026-11-01'], ['Europe/London', '2026-03-29'], ['Europe/London', '2026-10-25'],
      ['Australia/Lord_Howe', '2026-10-04'], ['Australia/Lord_Howe', '2026-04-05'], ['Pacific/Chatham', '2026-09-27'], ['Pacific/Chatham', '2026-04-05'],
      ['America/Sao_Paulo', '2018-11-04'], ['America/Sao_Paulo', '2019-02-17'],
    ];
    for (const [name, day] of cases) {
      const zone = loadZone(name)!;
      const start = Date.parse(`${day}T00:00:00Z`) - 86_400_000;
      for (const expr of ['* * * * *', '*/7 * * * *', '30 * * * *', '0 * * * *', '45 1-3 * * *', '0 0 * * *', '15 2 * * *', '50 3 * * *', '0 0 * * 0', '5 0,2,4 1-31 * 1-5']) {
        const fields = (parseSchedule(expr) as { schedule: { form: { fields: SpecFields } } }).schedule.form.fields;
        for (let h = 0; h < 72; h++) {
          const from = start + h * 3_600_000 + 17 * 60_000;
          assert.equal(nextInZone(fields, zone, from), nextInZone(fields, zone, from, true), `${expr} in ${name} after ${new Date(from).toISOString()}`);
        }
      }
    }
  });
});
