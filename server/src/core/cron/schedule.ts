import { goAtoi, goFields, goParseDuration, goQuote } from './go';
import { isKnownZoneName, loadZone, wallClock, zonedInstant, type WallClock, type Zone } from './zone';
import { own } from '../own';

/**
 * Cron schedules exactly as the Kubernetes CronJob controller reads them: robfig/cron v3
 * `ParseStandard` (five fields or a descriptor, optional TZ=/CRON_TZ= prefix) and robfig's `Next`.
 */

export type FieldName = 'minute' | 'hour' | 'dayOfMonth' | 'month' | 'dayOfWeek';

interface Bounds {
  name: FieldName;
  min: number;
  max: number;
  names?: Record<string, number>;
}

export const FIELD_BOUNDS: readonly Bounds[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'dayOfMonth', min: 1, max: 31 },
  {
    name: 'month',
    min: 1,
    max: 12,
    names: { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 },
  },
  { name: 'dayOfWeek', min: 0, max: 6, names: { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 } },
];

/** The values one field selects, and whether robfig's "star bit" is set (`*`, `?`, or a star with step 1). */
export interface FieldSet {
  readonly text: string;
  readonly values: readonly boolean[];
  readonly star: boolean;
}

export interface SpecFields {
  readonly minute: FieldSet;
  readonly hour: FieldSet;
  readonly dayOfMonth: FieldSet;
  readonly month: FieldSet;
  readonly dayOfWeek: FieldSet;
}

export type ScheduleForm =
  | { readonly type: 'fields'; readonly fields: SpecFields; readonly descriptor?: string }
  | { readonly type: 'every'; readonly seconds: number; readonly duration: string; readonly requestedNs: bigint };

export interface CronSchedule {
  /** The schedule text as written. */
  readonly source: string;
  readonly form: ScheduleForm;
  /** A zone given inside the schedule (`TZ=…` / `CRON_TZ=…`); it overrides spec.timeZone in the controller. */
  readonly scheduleZone?: string;
  /**
   * The first run strictly after `after`, in `timeZone` (undefined: the controller's zone, taken as UTC).
   * Undefined when nothing matches within robfig's five-year search, or the zone is unknown.
   */
  next(after: Date, timeZone?: string): Date | undefined;
}

export type ParseResult = { ok: true; schedule: CronSchedule } | { ok: false; error: string };

const DESCRIPTORS: Record<string, [string, string, string, string, string]> = {
  '@yearly': ['0', '0', '1', '1', '*'],
  '@annually': ['0', '0', '1', '1', '*'],
  '@monthly': ['0', '0', '1', '*', '*'],
  '@weekly': ['0', '0', '*', '*', '0'],
  '@daily': ['0', '0', '*', '*', '*'],
  '@midnight': ['0', '0', '*', '*', '*'],
  '@hourly': ['0', '*', '*', '*', '*'],
};

/** Longest schedule we parse: beyond the size etcd stores for a whole object, so nothing real is refused. */
export const MAX_SCHEDULE_LENGTH = 1_000_000;

export function parseSchedule(expr: string): ParseResult {
  if (expr.length === 0) return { ok: false, error: 'empty spec string' };
  if (expr.length > MAX_SCHEDULE_LENGTH) {
    return { ok: false, error: `the schedule is ${expr.length} characters long; Workload Lens reads schedules up to ${MAX_SCHEDULE_LENGTH} characters` };
  }
  let spec = expr;
  let scheduleZone: string | undefined;
  if (spec.startsWith('TZ=') || spec.startsWith('CRON_TZ=')) {
    const space = spec.indexOf(' ');
    const eq = spec.indexOf('=');
    if (space < 0) {
      return { ok: false, error: `runtime error: slice bounds out of range [:-1] (robfig/cron panics on ${spec.slice(0, eq + 1)}<zone> with no space after it; the API server answers with an internal error)` };
    }
    const name = spec.slice(eq + 1, space);
    const zoneError = loadLocationError(name);
    if (zoneError) return { ok: false, error: `provided bad location ${name}: ${zoneError}` };
    scheduleZone = name === '' ? 'UTC' : name;
    spec = spec.slice(space).replace(/^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/g, '');
  }
  if (spec.startsWith('@')) return parseDescriptor(expr, spec, scheduleZone);
  const texts = goFields(spec);
  if (texts.length !== 5) {
    return { ok: false, error: `expected exactly 5 fields, found ${texts.length}: [${texts.join(' ')}]` };
  }
  const sets: FieldSet[] = [];
  for (let i = 0; i < 5; i++) {
    const r = parseField(texts[i], FIELD_BOUNDS[i]);
    if (typeof r === 'string') return { ok: false, error: r };
    sets.push(r);
  }
  const fields: SpecFields = { minute: sets[0], hour: sets[1], dayOfMonth: sets[2], month: sets[3], dayOfWeek: sets[4] };
  return { ok: true, schedule: fieldsSchedule(expr, fields, scheduleZone) };
}

/** Go's time.LoadLocation error for a name, or undefined when it loads. */
function loadLocationError(name: string): string | undefined {
  if (name === '' || name === 'UTC' || name === 'Local') return undefined;
  if (name.includes('..') || name.startsWith('/') || name.startsWith('\\')) return 'time: invalid location name';
  return isKnownZoneName(name) && loadZone(name) ? undefined : `unknown time zone ${name}`;
}

function parseDescriptor(source: string, spec: string, scheduleZone: string | undefined): ParseResult {
  const fixed = own(DESCRIPTORS, spec);
  if (fixed) {
    const sets = fixed.map((text, i) => parseField(text, FIELD_BOUNDS[i]) as FieldSet);
    const fields: SpecFields = { minute: sets[0], hour: sets[1], dayOfMonth: sets[2], month: sets[3], dayOfWeek: sets[4] };
    return { ok: true, schedule: fieldsSchedule(source, fields, scheduleZone, spec) };
  }
  const every = '@every ';
  if (spec.startsWith(every)) {
    const duration = spec.slice(every.length);
    const parsed = goParseDuration(duration);
    if (!parsed.ok) return { ok: false, error: `failed to parse duration ${spec}: ${parsed.error}` };
    // robfig's Every: below one second becomes one second; otherwise whole seconds (truncated).
    const ns = parsed.ns;
    const seconds = ns < 1_000_000_000n ? 1 : Number(ns / 1_000_000_000n);
    return { ok: true, schedule: everySchedule(source, seconds, duration, ns, scheduleZone) };
  }
  return { ok: false, error: `unrecognized descriptor: ${spec}` };
}

function parseField(text: string, bounds: Bounds): FieldSet | string {
  const values: boolean[] = new Array(bounds.max + 1).fill(false);
  let star = false;
  for (const expr of text.split(',')) {
    if (expr === '') continue;
    const r = parseRange(expr, bounds);
    if (typeof r === 'string') return r;
    for (let v = r.start; v <= r.end; v += r.step) values[v] = true;
    if (r.star) star = true;
  }
  return { text, values, star };
}

interface RangeSpec {
  start: number;
  end: number;
  step: number;
  star: boolean;
}

/** One list item: `*`, `?`, a value or name, a range `a-b`, each with an optional `/step`. */
function parseRange(expr: string, bounds: Bounds): RangeSpec | string {
  const rangeAndStep = expr.split('/');
  const lowAndHigh = rangeAndStep[0].split('-');
  const single = lowAndHigh.length === 1;
  let start: bigint;
  let end: bigint;
  let step: bigint;
  let star = false;
  if (lowAndHigh[0] === '*' || lowAndHigh[0] === '?') {
    start = BigInt(bounds.min);
    end = BigInt(bounds.max);
    star = true;
  } else {
    const s = parseIntOrName(lowAndHigh[0], bounds);
    if (typeof s === 'string') return s;
    start = s;
    if (lowAndHigh.length === 1) end = start;
    else if (lowAndHigh.length === 2) {
      const e = parseIntOrName(lowAndHigh[1], bounds);
      if (typeof e === 'string') return e;
      end = e;
    } else return `too many hyphens: ${expr}`;
  }
  if (rangeAndStep.length === 1) step = 1n;
  else if (rangeAndStep.length === 2) {
    const st = parseUint(rangeAndStep[1]);
    if (typeof st === 'string') return st;
    step = st;
    if (single) end = BigInt(bounds.max);
    if (step > 1n) star = false;
  } else return `too many slashes: ${expr}`;
  if (start < BigInt(bounds.min)) return `beginning of range (${start}) below minimum (${bounds.min}): ${expr}`;
  if (end > BigInt(bounds.max)) return `end of range (${end}) above maximum (${bounds.max}): ${expr}`;
  if (start > end) return `beginning of range (${start}) beyond end of range (${end}): ${expr}`;
  if (step === 0n) return `step of range should be a positive number: ${expr}`;
  return { start: Number(start), end: Number(end), step: step > 64n ? 64 : Number(step), star };
}

function parseIntOrName(expr: string, bounds: Bounds): bigint | string {
  if (bounds.names) {
    const named = bounds.names[expr.toLowerCase()];
    if (named !== undefined && Object.prototype.hasOwnProperty.call(bounds.names, expr.toLowerCase())) return BigInt(named);
  }
  return parseUint(expr);
}

function parseUint(expr: string): bigint | string {
  const r = goAtoi(expr);
  if (!r.ok) return `failed to parse int from ${expr}: ${r.error}`;
  if (r.value < 0n) return `negative number (${r.value}) not allowed: ${expr}`;
  return r.value;
}

// ---------------------------------------------------------------------------------------------
// Next

const HOUR_MS = 3_600_000;
/** JavaScript dates end at ±8.64e15 ms; keep six years of room for the search. */
const MAX_INSTANT_MS = 8.64e15 - 7 * 366 * 86_400_000;
const MINUTE_MS = 60_000;

function zoneFor(scheduleZone: string | undefined, timeZone: string | undefined): Zone | undefined {
  return loadZone(scheduleZone ?? timeZone);
}

function fieldsSchedule(source: string, fields: SpecFields, scheduleZone: string | undefined, descriptor?: string): CronSchedule {
  const neverMatches = !fields.minute.values.some(Boolean) || !fields.hour.values.some(Boolean) || !fields.month.values.some(Boolean) || (!fields.dayOfMonth.values.some(Boolean) && !fields.dayOfWeek.values.some(Boolean));
  return {
    source,
    form: descriptor ? { type: 'fields', fields, descriptor } : { type: 'fields', fields },
    scheduleZone,
    next(after, timeZone) {
      const zone = zoneFor(scheduleZone, timeZone);
      if (!zone || neverMatches || Number.isNaN(after.getTime())) return undefined;
      const ms = nextInZone(fields, zone, after.getTime());
      return ms === undefined ? undefined : new Date(ms);
    },
  };
}

function everySchedule(source: string, seconds: number, duration: string, requestedNs: bigint, scheduleZone: string | undefined): CronSchedule {
  return {
    source,
    form: { type: 'every', seconds, duration, requestedNs },
    scheduleZone,
    next(after, timeZone) {
      if (!zoneFor(scheduleZone, timeZone) || Number.isNaN(after.getTime())) return undefined;
      const ms = Math.floor(after.getTime() / 1000) * 1000 + seconds * 1000;
      return Number.isFinite(ms) && Math.abs(ms) <= 8.64e15 ? new Date(ms) : undefined;
    },
  };
}

const MONTH_DAYS = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  if (month !== 2) return MONTH_DAYS[month];
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
}

/** Days from w to the next day in its month that may match, or to the 1st of the next month. */
function daysToCandidate(f: SpecFields, w: WallClock): number {
  const last = daysInMonth(w.year, w.month);
  const domStar = f.dayOfMonth.star;
  const dowStar = f.dayOfWeek.star;
  for (let k = 1; w.day + k <= last; k++) {
    const dom = f.dayOfMonth.values[w.day + k] === true;
    const dow = f.dayOfWeek.values[(w.weekday + k) % 7] === true;
    if (domStar || dowStar ? dom && dow : dom || dow) return k;
  }
  return last - w.day + 1;
}

export function dayMatches(fields: SpecFields, w: WallClock): boolean {
  const dom = fields.dayOfMonth.values[w.day] === true;
  const dow = fields.dayOfWeek.values[w.weekday] === true;
  if (fields.dayOfMonth.star || fields.dayOfWeek.star) return dom && dow;
  return dom || dow;
}

/**
 * robfig/cron v3 SpecSchedule.Next, step for step, on millisecond instants in a zone. Runs of steps
 * whose span holds no offset change are taken in one jump (the walk would reach the same place);
 * `literal` takes every step one by one, as robfig does (tests compare the two).
 */
export function nextInZone(f: SpecFields, zone: Zone, afterMs: number, literal = false): number | undefined {
  if (!(Math.abs(afterMs) < MAX_INSTANT_MS)) return undefined;
  let t = Math.floor(afterMs / 1000) * 1000 + 1000;
  let w = wallClock(zone, t);
  let added = false;
  const yearLimit = w.year + 5;
  const set = (ms: number) => {
    t = ms;
    w = wallClock(zone, t);
  };
  wrap: for (let guard = 0; guard < 100_000; guard++) {
    if (w.year > yearLimit) return undefined;

    while (!f.month.values[w.month]) {
      if (!added) {
        added = true;
        set(zonedInstant(zone, w.year, w.month, 1, 0, 0, 0));
      }
      set(zonedInstant(zone, w.year, w.month + 1, w.day, w.hour, w.minute, w.second));
      if (w.month === 1) continue wrap;
    }

    while (!dayMatches(f, w)) {
      if (!added) {
        added = true;
        set(zonedInstant(zone, w.year, w.month, w.day, 0, 0, 0));
      }
      // Days that cannot match are stepped over in one jump when no offset change lies between.
      const k = literal || w.hour !== 0 || w.minute !== 0 || w.second !== 0 ? 1 : daysToCandidate(f, w);
      const jump = k > 1 ? zonedInstant(zone, w.year, w.month, w.day + k, 0, 0, 0) : NaN;
      if (k > 1 && zone.offsetAt(jump) === w.offset && zone.transitions(t + 1, jump + 1).length === 0) set(jump);
      else set(zonedInstant(zone, w.year, w.month, w.day + 1, w.hour, w.minute, w.second));
      if (w.hour !== 0) {
        // robfig: midnight moved by DST; pull back to 00 or push on to the next day's 00.
        if (w.hour > 12) set(t + (24 - w.hour) * HOUR_MS);
        else set(t - w.hour * HOUR_MS);
      }
      if (w.day === 1) continue wrap;
    }

    while (!f.hour.values[w.hour]) {
      if (!added) {
        added = true;
        set(zonedInstant(zone, w.year, w.month, w.day, w.hour, 0, 0));
      }
      let k = 1;
      while (!literal && w.hour + k < 24 && !f.hour.values[w.hour + k]) k++;
      const jump = t + k * HOUR_MS;
      if (k > 1 && zone.offsetAt(jump) !== w.offset) set(t + HOUR_MS);
      else set(jump);
      if (w.hour === 0) continue wrap;
    }

    while (!f.minute.values[w.minute]) {
      if (!added) {
        added = true;
        set(Math.floor(t / MINUTE_MS) * MINUTE_MS);
      }
      let k = 1;
      while (!literal && w.minute + k < 60 && !f.minute.values[w.minute + k]) k++;
      const jump = t + k * MINUTE_MS;
      if (k > 1 && zone.offsetAt(jump) !== w.offset) set(t + MINUTE_MS);
      else set(jump);
      if (w.minute === 0) continue wrap;
    }

    while (w.second !== 0) {
      if (!added) {
        added = true;
        set(Math.floor(t / 1000) * 1000);
      }
      const k = literal ? 1 : 60 - w.second;
      const jump = t + k * 1000;
      if (k > 1 && zone.offsetAt(jump) !== w.offset) set(t + 1000);
      else set(jump);
      if (w.second === 0) continue wrap;
    }
    return t;
  }
  return undefined;
}

export function nextRuns(schedule: CronSchedule, after: Date, count: number, timeZone?: string): Date[] {
  const out: Date[] = [];
  let from = after;
  const n = Math.max(0, Math.min(Math.floor(count), 10_000));
  for (let i = 0; i < n; i++) {
    const next = schedule.next(from, timeZone);
    if (!next) break;
    out.push(next);
    from = next;
  }
  return out;
}

/**
 * The API server's verdict on spec.timeZone (validateTimeZone in pkg/apis/batch/validation):
 * undefined when accepted, else the error detail after `spec.timeZone: Invalid value: "…": `.
 * Only the first of several errors is returned.
 */
export function validateTimeZone(name: string): string | undefined {
  if (name.length === 0) return 'timeZone must be nil or non-empty string';
  for (const part of name.split('/')) {
    if (part === '.' || part === '..' || part.startsWith('-') || !/^[A-Za-z.\-_0-9+]{1,14}$/.test(part)) return `unknown time zone ${name}`;
  }
  if (name.toLowerCase() === 'local') return 'timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones';
  return loadLocationError(name);
}

export { goQuote };
