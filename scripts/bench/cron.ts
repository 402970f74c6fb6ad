// Cron engine timings: 10,000 next-run computations over a mix of schedules and zones (target < 50 ms),
// schedule parsing, and the hover's preview. Numbers are printed by scripts/bench.ts, never asserted.
import { parseSchedule, type CronSchedule } from '../../server/src/core/cron';
import { buildPreview } from '../../server/src/core/cron/preview';

interface Row {
  case: string;
  ms: number;
  note?: string;
}

const SCHEDULES = [
  '*/5 * * * *', '0 * * * *', '0 2 * * *', '0 0 * * 0', '30 9 * * 1-5', '*/1 * * * *',
  '0 0 1 * 1', '15 3 1-7 * *', '0 0 29 2 *', '@every 90m', '@daily', '0 */6 * * *',
];
const ZONES = [undefined, 'UTC', 'America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'Pacific/Chatham', 'Asia/Kolkata', 'America/Sao_Paulo'];
const COMPUTATIONS = 10_000;
const START = Date.UTC(2026, 0, 1);

/** CPU milliseconds (user + system) of fn: steadier than wall time on a shared machine. */
function ms(fn: () => void): number {
  const before = process.cpuUsage();
  fn();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

/** 10,000 next() calls: schedule i % 12 in zone (i / 12) % 8, from instants 53 minutes apart over a year. */
function nextRunMix(schedules: CronSchedule[]): number {
  let found = 0;
  for (let i = 0; i < COMPUTATIONS; i++) {
    const schedule = schedules[i % schedules.length];
    const zone = ZONES[Math.floor(i / schedules.length) % ZONES.length];
    if (schedule.next(new Date(START + i * 53 * 60_000), zone)) found++;
  }
  return found;
}

export async function benchCron(): Promise<Row[]> {
  const rows: Row[] = [];
  const schedules = SCHEDULES.map((s) => {
    const r = parseSchedule(s);
    if (!r.ok) throw new Error(r.error);
    return r.schedule;
  });
  let found = 0;
  const cold = ms(() => (found = nextRunMix(schedules)));
  rows.push({ case: 'cron: 10,000 next runs, 12 schedules x 8 zones over a year (first run: zone caches cold, code not yet optimized)', ms: cold, note: `${found} runs found; includes loading 6 zones from ICU and unoptimized first calls; CPU time` });
  const warm: number[] = [];
  for (let i = 0; i < 5; i++) warm.push(ms(() => nextRunMix(schedules)));
  warm.sort((a, b) => a - b);
  rows.push({ case: 'cron: 10,000 next runs, 12 schedules x 8 zones over a year (warm, median of 5)', ms: warm[2], note: 'target < 50 ms; CPU time' });

  const texts = Array.from({ length: 10_000 }, (_, i) => `${i % 60} ${i % 24} ${(i % 28) + 1} * ${i % 7}`);
  rows.push({ case: 'cron: parse 10,000 schedules', ms: ms(() => texts.forEach((t) => parseSchedule(t))) });

  const long = Array.from({ length: 4000 }, (_, i) => String(i % 60)).join(',') + ' * * * *';
  rows.push({ case: `cron: parse and next run of a ${long.length}-character schedule`, ms: ms(() => parseSchedule(long).ok && (parseSchedule(long) as { schedule: CronSchedule }).schedule.next(new Date(START))) });

  rows.push({
    case: 'cron: hover preview (5 runs, DST notes, policies) for 30 2 * * * in America/New_York',
    ms: ms(() => buildPreview({ schedule: '30 2 * * *', timeZone: 'America/New_York', from: new Date(Date.UTC(2026, 2, 5)), count: 5, localZone: 'Europe/Berlin' })),
  });
  rows.push({
    case: 'cron: never-firing 0 0 30 2 * (full five-year search)',
    ms: ms(() => schedules.length && (parseSchedule('0 0 30 2 *') as { schedule: CronSchedule }).schedule.next(new Date(START), 'Pacific/Chatham')),
  });
  return rows;
}

if (require.main === module) {
  void benchCron().then((rows) => {
    for (const r of rows) console.log(`${r.ms.toFixed(2).padStart(9)} ms  ${r.case}${r.note ? `  (${r.note})` : ''}`);
  });
}
