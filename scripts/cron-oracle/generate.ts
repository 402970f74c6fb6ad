// Regenerates test/unit/fixtures/cron-oracle.json: questions for the real robfig/cron v3 (through
// scripts/cron-oracle/main.go) whose answers the engine must reproduce. Needs Go and robfig/cron v3:
//   apt-get install golang-go golang-github-robfig-cron-dev
//   (cd scripts/cron-oracle && GO111MODULE=off GOPATH=/usr/share/gocode go build -o /tmp/cron-oracle .)
//   node --import tsx scripts/cron-oracle/generate.ts /tmp/cron-oracle
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { rng } from '../../test/helpers/rng';

interface Query {
  schedule: string;
  timeZone: string | null;
  from: number;
  count: number;
}

const r = rng(29);
const pickOf = <T>(list: readonly T[]): T => list[Math.floor(r() * list.length)];

function field(min: number, max: number, names?: string[]): string {
  const value = () => {
    const v = min + Math.floor(r() * (max - min + 1));
    return names && r() < 0.25 ? (r() < 0.5 ? names[v - min].toUpperCase() : names[v - min]) : r() < 0.05 ? `0${v}` : String(v);
  };
  const x = r();
  if (x < 0.25) return pickOf(['*', '*', '?', '*/1']);
  if (x < 0.35) return `*/${1 + Math.floor(r() * (max - min + 5))}`;
  if (x < 0.5) return value();
  if (x < 0.65) {
    const a = min + Math.floor(r() * (max - min + 1));
    return `${a}-${a + Math.floor(r() * (max - a + 1))}${r() < 0.3 ? `/${1 + Math.floor(r() * 10)}` : ''}`;
  }
  if (x < 0.75) return `${value()}/${1 + Math.floor(r() * 15)}`;
  return [value(), value(), value()].join(',');
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const ZONES = [null, 'UTC', 'America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'Pacific/Chatham', 'America/Sao_Paulo', 'Asia/Kolkata', 'Asia/Kathmandu', 'Africa/Casablanca', 'America/Havana', 'America/St_Johns', 'Australia/Adelaide', 'US/Eastern', 'Europe/Dublin'];

const FIXED = [
  '*/5 * * * *', '0 * * * *', '0 2 * * *', '0 0 * * 0', '30 9 * * 1-5', '*/1 * * * *', '? ? ? ? ?', '1,,2 * * * *', ', * * * *', '5/15 * * * *',
  '*/90 * * * *', '0 0 * JAN-mar Mon-FRI', '+5 * * * *', '007 * * * *', '*-5 * * * *', '0 0 1-31 * *', '0 0 1 * 1', '0 0 */2 * 1', '0 0 1 * */1',
  '0 0 29 2 *', '0 0 30 2 *', '0 0 31 4,6,9,11 *', '30 2 * * *', '30 1 * * *', '15 2 * * *', '45 2 * * *', '45 1 * * *', '50 3 * * *', '0 0 * * *',
  '@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly', '@every 1h30m', '@every 1.5h', '@every 500ms', '@every 0', '@every -1h',
  '@every 1.9s', '@every 90m', '', '* * * *', '0 * * * * *', '0 0 * * 7', '60 * * * *', '0 24 * * *', '0 0 0 * *', '0 0 * 13 *', '5-1 * * * *',
  '*/0 * * * *', '1-2-3 * * * *', '*/2/3 * * * *', '0 0 L * *', '0 0 15W * *', '0 0 * * 1#2', 'H * * * *', '-5 * * * *', '5- * * * *', '1_0 * * * *',
  '99999999999999999999 * * * *', '9999999999 * * * *', '*/-1 * * * *', '0 0 * january *', 'mon * * * *', '@Daily', '@daily ', '@reboot', '@every',
  '@every 1x', '@every 10', '@every ', '@every 1h 30m', 'TZ=Mars/Olympus 0 0 * * *', 'TZ=UTC 0 0 * * *', 'CRON_TZ=Europe/Paris 30 9 * * 1-5',
  'CRON_TZ=Asia/Tokyo 0 9 * * *', 'TZ=UTC', '0 0 * * \u0001', '0\t2  *   * *', '  0 2 * * *  ', '0\u00a02 * * *', '0\u20002 * * *', '0\u200b2 * * *',
  '0 0 * * SUN-sat', '0 0 * * sun/2', '0 0 * jan/3 *', '0 0 1,15 * mon', '0 12 * feb-Mar sat', '23 0-20/2 * * *', '0 0,12 1 */2 *', '5 4 * * sun',
];

const queries: Query[] = [];
// The facts the unit tests state, asked of robfig directly.
const FACTS: Array<[string, string | null, string, number]> = [
  ['30 2 * * *', 'America/New_York', '2026-03-07T00:00:00Z', 3], ['30 1 * * *', 'America/New_York', '2026-10-31T12:00:00Z', 3],
  ['0 * * * *', 'America/New_York', '2026-03-08T05:30:00Z', 3], ['0 * * * *', 'America/New_York', '2026-11-01T04:30:00Z', 3],
  ['30 1 * * *', 'Europe/London', '2026-03-28T12:00:00Z', 2], ['30 1 * * *', 'Europe/London', '2026-10-24T12:00:00Z', 3],
  ['15 2 * * *', 'Australia/Lord_Howe', '2026-10-02T12:00:00Z', 2], ['45 2 * * *', 'Australia/Lord_Howe', '2026-10-02T12:00:00Z', 2],
  ['0 2 * * *', 'Australia/Lord_Howe', '2026-10-02T12:00:00Z', 2], ['45 1 * * *', 'Australia/Lord_Howe', '2026-04-04T00:00:00Z', 3],
  ['50 3 * * *', 'Pacific/Chatham', '2026-09-25T12:00:00Z', 2], ['30 2 * * *', 'Pacific/Chatham', '2026-09-25T12:00:00Z', 2],
  ['0 0 * * *', 'America/Sao_Paulo', '2018-11-02T12:00:00Z', 3], ['0 0 * * 0', 'America/Sao_Paulo', '2018-10-30T12:00:00Z', 2],
  ['0 0 29 2 *', null, '2025-01-01T00:00:00Z', 3], ['0 0 29 2 *', null, '2096-03-01T00:00:00Z', 1], ['0 0 30 2 *', null, '2026-01-01T00:00:00Z', 1],
  ['@every 90m', null, '2026-01-01T00:07:13.250Z', 2], ['@every 100ms', null, '2026-01-01T00:00:00Z', 2], ['@every 1h', 'America/New_York', '2026-03-08T06:30:00Z', 2],
  ['0 0 1 * 1', null, '2026-01-01T00:00:00Z', 6], ['0 0 */2 * 1', null, '2026-01-01T00:00:00Z', 4], ['0 9 * * *', 'US/Eastern', '2026-01-01T00:00:00Z', 1],
  ['*/5 * * * *', null, '2026-03-04T10:05:00Z', 1], ['30 9 * * 1-5', null, '2026-03-04T10:02:30Z', 4], ['0 0 * * 0', null, '2026-03-04T10:02:30Z', 2],
];
for (const [schedule, timeZone, from, count] of FACTS) queries.push({ schedule, timeZone, from: Date.parse(from), count });
const DST_DAYS = ['2018-11-04', '2019-02-17', '2026-03-08', '2026-11-01', '2026-03-29', '2026-10-25', '2026-10-04', '2026-04-05', '2026-09-27', '2027-03-14', '2024-02-29'];
for (const schedule of FIXED) {
  for (const zone of [null, 'America/New_York', 'Australia/Lord_Howe', 'Pacific/Chatham', 'America/Sao_Paulo', 'Europe/London']) {
    queries.push({ schedule, timeZone: zone, from: Date.parse(`${pickOf(DST_DAYS)}T00:00:00Z`) - Math.floor(r() * 3 * 86_400_000), count: 6 });
  }
}
for (let i = 0; i < 1500; i++) {
  const schedule = [field(0, 59), field(0, 23), field(1, 31), field(1, 12, MONTHS), field(0, 6, DAYS)].join(r() < 0.1 ? '\t' : ' ');
  const near = r() < 0.5;
  const from = near ? Date.parse(`${pickOf(DST_DAYS)}T00:00:00Z`) - Math.floor(r() * 2 * 86_400_000) : Date.UTC(2000, 0, 1) + Math.floor(r() * 35 * 365.25 * 86_400_000);
  queries.push({ schedule, timeZone: pickOf(ZONES), from: from + Math.floor(r() * 1000), count: 5 });
}

// Odd but possible text: Go's whitespace set, signs, leading zeros, names, empty list items, and junk.
const SEPARATORS = [' ', ' ', '\t', '  ', '\u00a0', '\u2003', '\u0085', '\n'];
const oddItem = (max: number, names: string[]): string => {
  const x = r();
  if (x < 0.1) return pickOf(['*', '?', '*-3', '']);
  if (x < 0.25) return `*/${1 + Math.floor(r() * 70)}`;
  if (x < 0.4) return String(Math.floor(r() * (max + 2)));
  if (x < 0.5) return `+${Math.floor(r() * max)}`;
  if (x < 0.6) return `0${Math.floor(r() * max)}`;
  if (x < 0.75) return `${Math.floor(r() * max)}-${Math.floor(r() * max)}`;
  if (x < 0.85) return `${Math.floor(r() * max)}/${Math.floor(r() * 9)}`;
  return names.length ? pickOf(names) : '*';
};
const oddField = (max: number, names: string[] = []) => Array.from({ length: 1 + Math.floor(r() * 3) }, () => oddItem(max, names)).join(',');
for (let i = 0; i < 400; i++) {
  const fields = [oddField(59), oddField(23), oddField(31), oddField(12, ['jan', 'FEB', 'Mar', 'xyz']), oddField(6, ['sun', 'MON', 'Fri', 'sat'])];
  const schedule = fields.map((f, j) => (j ? pickOf(SEPARATORS) : '') + f).join('');
  queries.push({ schedule, timeZone: pickOf(ZONES), from: Date.UTC(2018, 0, 1) + Math.floor(r() * 10 * 365 * 86_400_000), count: 4 });
}
const JUNK = ['*', '?', '0', '59', '60', '+3', '-', '/', ',', ' ', '\t', '\u00a0', '\u200b', '\ufeff', 'mon', 'JAN', 'L', '#', '@', 'every', '1h', '.5s', '\u00b5s', 'TZ=', 'UTC', '007', '\u0000', '"', '\\', '\u00e9', '7', '1-5', '*/0'];
for (let i = 0; i < 300; i++) {
  let schedule = Array.from({ length: 1 + Math.floor(r() * 12) }, () => pickOf(JUNK)).join('');
  if (r() < 0.3) schedule = `@every ${schedule}`;
  queries.push({ schedule, timeZone: null, from: Date.UTC(2026, 0, 1), count: 2 });
}

const oracle = process.argv[2] ?? '/tmp/cron-oracle';
const output = execFileSync(oracle, { input: queries.map((q) => JSON.stringify(q)).join('\n') + '\n', maxBuffer: 64 << 20 }).toString('utf8');
const answers = output.trim().split('\n').map((line) => JSON.parse(line) as { error?: string; next: number[] });
const goVersion = execFileSync('go', ['version']).toString().trim();
const cases = queries.map((q, i) => ({ ...q, ...answers[i] }));
const source = `robfig/cron 3.0.1 (Debian golang-github-robfig-cron-dev), ${goVersion}, system tzdata`;
writeFileSync(resolve(__dirname, '../../test/unit/fixtures/cron-oracle.json'), `{"source": ${JSON.stringify(source)}, "cases": [\n${cases.map((c) => JSON.stringify(c)).join(',\n')}\n]}\n`);
console.log(`${cases.length} cases, ${cases.filter((c) => c.error).length} errors`);
