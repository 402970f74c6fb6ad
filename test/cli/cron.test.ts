import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../helpers/cli';


const run = (args: string[]) => runCli(args, undefined, { timeout: 20_000 });

function json(args: string[]) {
  const r = run([...args, '--format', 'json']);
  return { code: r.code, body: JSON.parse(r.stdout) as { valid: boolean; error?: string; description?: string; next: string[] } };
}

describe('workload-lens cron', () => {
  test('JSON: valid schedule, runs strictly after --from, exit 0', () => {
    const { code, body } = json(['cron', '*/5 * * * *', '--from', '2026-03-04T10:05:00Z', '--count', '3']);
    assert.equal(code, 0);
    assert.deepEqual(body, {
      valid: true,
      description: 'Every 5 minutes',
      next: ['2026-03-04T10:10:00.000Z', '2026-03-04T10:15:00.000Z', '2026-03-04T10:20:00.000Z'],
    });
    assert.deepEqual(Object.keys(body), ['valid', 'description', 'next']);
  });

  test('JSON: a time zone with a DST gap skips the missing day', () => {
    const { body } = json(['cron', '30 2 * * *', '--time-zone', 'America/New_York', '--from', '2026-03-07T00:00:00Z', '--count', '2']);
    assert.deepEqual(body.next, ['2026-03-07T07:30:00.000Z', '2026-03-09T06:30:00.000Z']);
  });

  test('JSON: invalid schedule gives valid:false, the API server error, no runs, exit 1', () => {
    const { code, body } = json(['cron', '0 0 * * 7']);
    assert.equal(code, 1);
    assert.deepEqual(body, { valid: false, error: 'spec.schedule: Invalid value: "0 0 * * 7": end of range (7) above maximum (6): 7', next: [] });
  });

  test('an unknown or miscased time zone is invalid (exit 1)', () => {
    for (const zone of ['Mars/Olympus', 'america/new_york', 'Local']) {
      const { code, body } = json(['cron', '0 9 * * *', '--time-zone', zone]);
      assert.equal(code, 1, zone);
      assert.equal(body.valid, false);
      assert.match(body.error!, /^spec\.timeZone: Invalid value/);
    }
  });

  test('TZ= in the schedule is invalid as the API server says', () => {
    const { code, body } = json(['cron', 'TZ=UTC 0 9 * * *']);
    assert.equal(code, 1);
    assert.match(body.error!, /cannot use TZ or CRON_TZ in schedule, use timeZone field instead/);
  });

  test('a never-firing schedule is valid with no next runs', () => {
    const { code, body } = json(['cron', '0 0 30 2 *', '--from', '2026-01-01T00:00:00Z']);
    assert.equal(code, 0);
    assert.equal(body.valid, true);
    assert.deepEqual(body.next, []);
    assert.match(body.description!, /^Never runs/);
  });

  test('text output: meaning, zone and the runs', () => {
    const r = run(['cron', '30 9 * * 1-5', '--time-zone', 'Europe/London', '--from', '2026-03-27T12:00:00Z', '--count', '2']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^At 09:30, Monday through Friday\n/);
    assert.match(r.stdout, /Time zone: Europe\/London/);
    assert.match(r.stdout, /Mon 2026-03-30 09:30 (BST|GMT\+1|UTC\+01:00) {3}\(2026-03-30T08:30:00.000Z\)/);
  });

  test('bad usage exits 2', () => {
    assert.equal(run(['cron']).code, 2);
    assert.equal(run(['cron', '* * * * *', '--count', 'ten']).code, 2);
    assert.equal(run(['cron', '* * * * *', '--count', '0']).code, 2);
    assert.equal(run(['cron', '* * * * *', '--from', 'yesterday']).code, 2);
    assert.equal(run(['cron', '* * * * *', '--from', '2026-03-01T10:00:00']).code, 2, 'an instant needs a zone');
    assert.equal(run(['cron', '* * * * *', '--format', 'xml']).code, 2);
    assert.equal(run(['cron', '*', '*', '*', '*', '*']).code, 2, 'unquoted schedule');
  });

  test('hostile input: 10,000-character and control-character schedules get a short clear error', () => {
    const long = run(['cron', '1'.repeat(10_000)]);
    assert.equal(long.code, 1);
    assert.ok(long.stderr.length < 1000, `error is ${long.stderr.length} characters`);
    assert.match(long.stderr, /10000 characters/);
    const control = json(['cron', '\u0001\u0002 * * * *']);
    assert.equal(control.code, 1);
    assert.match(control.body.error!, /strconv\.Atoi: parsing "\\x01\\x02": invalid syntax/);
  });
});
