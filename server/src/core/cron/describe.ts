import cronstrue from 'cronstrue';
import { FIELD_BOUNDS, parseSchedule, type CronSchedule, type FieldSet, type SpecFields } from './schedule';

/**
 * Plain English for a schedule. cronstrue writes the sentence, but it only ever sees an
 * expression rebuilt from what the engine parsed (numbers, no `?`, no names, no empty list items,
 * no steps that pick a single value), and the engine's own facts are added on top: descriptors,
 * `@every`, the OR between day-of-month and day-of-week, and schedules that never fire.
 */
export function describeSchedule(expr: string): string {
  const parsed = parseSchedule(expr);
  if (!parsed.ok) return `Invalid schedule: ${parsed.error}`;
  return describeParsed(parsed.schedule);
}

/** A fixed point the "never fires" check searches from: the window holds two leap days. */
const NEVER_PROBE = new Date(Date.UTC(2024, 0, 1));

export function describeParsed(schedule: CronSchedule): string {
  const form = schedule.form;
  if (form.type === 'every') {
    const requested = form.requestedNs < 1_000_000_000n ? ` (${form.duration} is below one second; robfig/cron rounds it up to 1s)` : '';
    return `Every ${formatSeconds(form.seconds)}${requested}, counted from when the CronJob was created or last scheduled, not aligned to the clock`;
  }
  const fields = form.fields;
  if (!schedule.next(NEVER_PROBE, 'UTC')) return `Never runs: ${englishFor(fields)}, and no such date comes within five years`;
  let text = englishFor(fields);
  if (form.descriptor) text += ` (${form.descriptor})`;
  return text;
}

function englishFor(fields: SpecFields): string {
  const canonical = [fields.minute, fields.hour, fields.dayOfMonth, fields.month, fields.dayOfWeek].map((f, i) => canonicalField(f, i)).join(' ');
  let text: string;
  try {
    text = hourWindowsText(fields) ?? cronstrue.toString(canonical, { use24HourTimeFormat: true, verbose: false, throwExceptionOnParseError: true });
  } catch {
    text = canonical;
  }
  if (bothDaysRestricted(fields) && !/, and on /.test(text)) text += ' (either day condition is enough)';
  return text;
}

/** The hours a field selects, as runs of consecutive hours: [[0,0],[6,6],…] or [[9,17]]. */
export function hourWindows(hour: FieldSet): [number, number][] {
  const out: [number, number][] = [];
  for (let h = 0; h <= 23; h++) {
    if (!hour.values[h]) continue;
    const last = out[out.length - 1];
    if (last && last[1] === h - 1) last[1] = h;
    else out.push([h, h]);
  }
  return out;
}

export function minutesPerHour(minute: FieldSet): number {
  let n = 0;
  for (let m = 0; m <= 59; m++) if (minute.values[m]) n++;
  return n;
}

/**
 * cronstrue reads `* *\/6 * * *` as "Every minute, every 6 hours" and `* 0,12 * * *` as "Every minute, at 00:00
 * and 12:00", which can be read as four or two runs a day. When several minutes of an hour run and the hours
 * are not one block, the hours are spelled out as clock windows instead: "Every minute from 00:00 to 00:59,
 * 06:00 to 06:59, … (240 runs a day)".
 */
function hourWindowsText(fields: SpecFields): string | undefined {
  const perHour = minutesPerHour(fields.minute);
  const windows = hourWindows(fields.hour);
  if (perHour < 2 || fields.hour.star || windows.length < 2) return undefined;
  const minuteText = cronstrue.toString(`${canonicalField(fields.minute, 0)} * * * *`, { use24HourTimeFormat: true, verbose: false, throwExceptionOnParseError: true }).replace(/, every hour$/, '');
  const span = ([a, b]: [number, number]) => `${pad(a)}:00 to ${pad(b)}:59`;
  const shown = windows.length <= 4 ? windows.map(span) : [...windows.slice(0, 3).map(span), '…'];
  const list = shown.length === 1 ? shown[0] : `${shown.slice(0, -1).join(', ')}${windows.length <= 4 ? ' and ' : ', '}${shown[shown.length - 1]}`;
  const hours = windows.reduce((n, [a, b]) => n + b - a + 1, 0);
  const dayPart = cronstrue.toString(`0 0 ${canonicalField(fields.dayOfMonth, 2)} ${canonicalField(fields.month, 3)} ${canonicalField(fields.dayOfWeek, 4)}`, { use24HourTimeFormat: true, verbose: false, throwExceptionOnParseError: true }).replace(/^At 00:00/, '');
  const runs = dayPart ? `${perHour * hours} runs on each day it runs` : `${perHour * hours} runs a day`;
  return `${minuteText} from ${list}${dayPart} (${runs})`;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Both day fields restricted (neither carries robfig's star bit): a day matches when EITHER matches. */
export function bothDaysRestricted(fields: SpecFields): boolean {
  return !fields.dayOfMonth.star && !fields.dayOfWeek.star;
}

/** A field as cronstrue should read it: `*`, or items in plain decimal. */
function canonicalField(field: FieldSet, index: number): string {
  const bounds = FIELD_BOUNDS[index];
  if (field.star) return '*';
  const items: string[] = [];
  for (const raw of field.text.split(',')) {
    if (raw === '') continue;
    const item = canonicalItem(raw, bounds.min, bounds.max, bounds.names);
    if (item && !items.includes(item)) items.push(item);
  }
  if (items.length === 0) return valuesList(field, bounds.min, bounds.max);
  return items.join(',');
}

function canonicalItem(raw: string, min: number, max: number, names?: Record<string, number>): string | undefined {
  const [rangePart, stepPart] = raw.split('/');
  const step = stepPart === undefined ? 1 : Number(BigInt(stepPart.replace(/^\+/, '')));
  const ends = rangePart.split('-');
  const num = (s: string) => (names && names[s.toLowerCase()] !== undefined ? names[s.toLowerCase()] : Number(BigInt(s.replace(/^\+/, ''))));
  let start: number;
  let end: number;
  if (ends[0] === '*' || ends[0] === '?') {
    start = min;
    end = max;
  } else {
    start = num(ends[0]);
    end = ends.length === 2 ? num(ends[1]) : stepPart !== undefined ? max : start;
  }
  const values: number[] = [];
  for (let v = start; v <= end; v += step) values.push(v);
  if (values.length === 1) return String(values[0]);
  if (step === 1) return `${start}-${end}`;
  const head = ends[0] === '*' || ends[0] === '?' ? '*' : ends.length === 2 ? `${start}-${end}` : String(start);
  return `${head}/${step}`;
}

function valuesList(field: FieldSet, min: number, max: number): string {
  const out: number[] = [];
  for (let v = min; v <= max; v++) if (field.values[v]) out.push(v);
  return out.join(',');
}

export function formatSeconds(total: number): string {
  if (total <= 0) return '0s';
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return `${h ? `${h}h` : ''}${m ? `${m}m` : ''}${s ? `${s}s` : ''}`;
}
