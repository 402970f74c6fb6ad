import { describeParsed, formatSeconds } from './describe';
import { dayMatches, parseSchedule, validateTimeZone, type CronSchedule, type SpecFields } from './schedule';
import { DAY_MS, formatOffset, loadZone, pad2, wallClock, type Transition, type Zone } from './zone';
import { own } from '../own';

/**
 * What a CronJob's schedule means in time: the next runs in three zones, the gaps between them,
 * what daylight-saving changes do to them, and what the CronJob's policies do to those runs.
 * The language server answers the workloadLens/cronPreview request with this; the CLI and the
 * hover use the same pieces.
 */

export interface CronRun {
  /** The instant, ISO-8601 UTC. */
  iso: string;
  /** Wall time in the CronJob's zone (or UTC when none is set). */
  inZone: string;
  utc: string;
  /** Wall time in the user's zone, when it differs from the other two. */
  local?: string;
  /** Time since the previous listed run, e.g. "5m", "1d 2h". */
  gap?: string;
  gapSeconds?: number;
  /** Set when the run sits on a daylight-saving change day. */
  dst?: string;
}

export interface DstNote {
  /** ISO instant of the change. */
  at: string;
  /** e.g. "Sun 2026-03-08: clocks go forward from 02:00 to 03:00 (-05:00 → -04:00)". */
  text: string;
  /** Wall times (HH:MM) the schedule names that day but that get no run. */
  skipped: string[];
  /** Wall times that run twice that day. */
  doubled: string[];
}

export interface PolicyNote {
  field: string;
  value: string;
  meaning: string;
}

export interface CronPolicyInput {
  concurrencyPolicy?: string;
  startingDeadlineSeconds?: number;
  suspend?: boolean;
  successfulJobsHistoryLimit?: number;
  failedJobsHistoryLimit?: number;
}

export interface CronPreviewData {
  schedule: string;
  timeZone?: string;
  /** "America/New_York", or "UTC (controller's zone; none set)". */
  zoneLabel: string;
  localZone?: string;
  valid: boolean;
  error?: string;
  description?: string;
  runs: CronRun[];
  /** No run within robfig's five-year search. */
  neverRuns?: boolean;
  dst: DstNote[];
  warnings: string[];
  fields: FieldNote[];
  policies: PolicyNote[];
}

export interface FieldNote {
  name: string;
  text: string;
  meaning: string;
}

const DST_LOOKAHEAD_DAYS = 14;
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** "Sun 2026-03-08 03:30 EDT" in a zone ("UTC" for UTC), from the engine's own zone arithmetic. */
export function formatInstant(at: Date, zoneName: string): string {
  const zone = loadZone(zoneName === 'UTC' ? undefined : zoneName);
  if (!zone) return at.toISOString();
  const w = wallClock(zone, at.getTime());
  const time = `${pad2(w.hour)}:${pad2(w.minute)}${w.second ? `:${pad2(w.second)}` : ''}`;
  return `${WEEKDAYS[w.weekday]} ${w.year}-${pad2(w.month)}-${pad2(w.day)} ${time} ${zoneAbbreviation(at, zoneName, w.offset)}`;
}

const ABBREVIATION_LOCALES = ['en-US', 'en-GB', 'en-AU', 'en-IN'];
const abbreviationFormats = new Map<string, Intl.DateTimeFormat[]>();

/** "EST", "CET", "AEDT", "IST" where some English locale has a name for the zone, else "UTC+09:00". */
function zoneAbbreviation(at: Date, zoneName: string, offset: number): string {
  if (zoneName === 'UTC') return 'UTC';
  let formats = abbreviationFormats.get(zoneName);
  if (!formats) {
    try {
      formats = ABBREVIATION_LOCALES.map((locale) => new Intl.DateTimeFormat(locale, { timeZone: zoneName, timeZoneName: 'short' }));
    } catch {
      formats = [];
    }
    abbreviationFormats.set(zoneName, formats);
  }
  for (const f of formats) {
    const name = f.formatToParts(at).find((p) => p.type === 'timeZoneName')?.value;
    if (name && (!/^(GMT|UTC)([+-]|$)/.test(name) || (name === 'GMT' && offset === 0))) return name;
  }
  return `UTC${formatOffset(offset)}`;
}

/** "-05:00 → -04:00" style daylight-saving changes between two instants, with their effect on the schedule. */
export function dstNotes(schedule: CronSchedule, timeZone: string | undefined, fromMs: number, toMs: number): DstNote[] {
  const zoneName = schedule.scheduleZone ?? timeZone;
  const zone = loadZone(zoneName);
  if (!zone || !zoneName || zoneName === 'UTC') return [];
  const out: DstNote[] = [];
  for (const t of zone.transitions(fromMs, toMs).slice(0, 20)) out.push(describeTransition(schedule, zone, t));
  return out;
}

function describeTransition(schedule: CronSchedule, zone: Zone, t: Transition): DstNote {
  const beforeWall = t.at + t.before * 1000;
  const afterWall = t.at + t.after * 1000;
  const date = new Date(afterWall);
  const dayName = `${WEEKDAYS[date.getUTCDay()]} ${date.getUTCFullYear()}-${pad2(date.getUTCMonth() + 1)}-${pad2(date.getUTCDate())}`;
  const hhmm = (wallMs: number) => {
    const d = new Date(wallMs);
    return `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}`;
  };
  const forward = t.after > t.before;
  const text = `${dayName}: clocks go ${forward ? 'forward' : 'back'} from ${hhmm(beforeWall)} to ${hhmm(afterWall)} (${formatOffset(t.before)} → ${formatOffset(t.after)})`;
  const { skipped, doubled } = effectOnDay(schedule, zone, t, date);
  return { at: new Date(t.at).toISOString(), text, skipped, doubled };
}

/** Compare the wall times the fields name on the change day with the runs the engine finds that day. */
function effectOnDay(schedule: CronSchedule, zone: Zone, t: Transition, localDate: Date): { skipped: string[]; doubled: string[] } {
  if (schedule.form.type !== 'fields') return { skipped: [], doubled: [] };
  const fields = schedule.form.fields;
  const y = localDate.getUTCFullYear();
  const m = localDate.getUTCMonth() + 1;
  const d = localDate.getUTCDate();
  const expected = namedTimes(fields, y, m, d, localDate.getUTCDay());
  if (expected.length === 0) return { skipped: [], doubled: [] };
  const counts = new Map<string, number>();
  let cursor = new Date(t.at - 36 * 3600_000);
  const end = t.at + 36 * 3600_000;
  for (let i = 0; i < 5000; i++) {
    const next = schedule.next(cursor, zone.name);
    if (!next || next.getTime() > end) break;
    const w = wallClock(zone, next.getTime());
    if (w.year === y && w.month === m && w.day === d) {
      const key = `${pad2(w.hour)}:${pad2(w.minute)}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    cursor = next;
  }
  const skipped = expected.filter((k) => !counts.has(k));
  const doubled = [...counts.entries()].filter(([, n]) => n > 1).map(([k]) => k);
  return { skipped, doubled };
}

function namedTimes(f: SpecFields, year: number, month: number, day: number, weekday: number): string[] {
  if (!f.month.values[month]) return [];
  if (!dayMatches(f, { year, month, day, hour: 0, minute: 0, second: 0, weekday, offset: 0 })) return [];
  const out: string[] = [];
  for (let h = 0; h < 24; h++) {
    if (!f.hour.values[h]) continue;
    for (let mi = 0; mi < 60; mi++) if (f.minute.values[mi]) out.push(`${pad2(h)}:${pad2(mi)}`);
  }
  return out;
}

/** "skipped 02:30" / "runs twice at 01:30" for a DST note, or undefined when the schedule is unaffected. */
export function dstEffectText(note: DstNote): string | undefined {
  const parts: string[] = [];
  if (note.skipped.length) parts.push(`no run at ${listTimes(note.skipped)} that day`);
  if (note.doubled.length) parts.push(`${listTimes(note.doubled)} runs twice`);
  return parts.length ? parts.join('; ') : undefined;
}

function listTimes(times: string[]): string {
  return times.length > 6 ? `${times.slice(0, 5).join(', ')} and ${times.length - 5} more` : times.join(', ');
}

export function formatGap(seconds: number): string {
  if (seconds % 86400 === 0) return `${seconds / 86400}d`;
  if (seconds > 86400) return `${Math.floor(seconds / 86400)}d ${formatSeconds(seconds % 86400)}`;
  return formatSeconds(seconds);
}

const FIELD_LABELS = ['minute', 'hour', 'day of month', 'month', 'day of week'];
const MONTHS = ['', 'January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** One line per field: what values it selects, in words. */
export function fieldNotes(schedule: CronSchedule): FieldNote[] {
  if (schedule.form.type !== 'fields') return [];
  const f = schedule.form.fields;
  const list = [f.minute, f.hour, f.dayOfMonth, f.month, f.dayOfWeek];
  const bothDays = !f.dayOfMonth.star && !f.dayOfWeek.star;
  return list.map((field, i) => {
    const min = [0, 0, 1, 1, 0][i];
    const max = [59, 23, 31, 12, 6][i];
    const values: number[] = [];
    for (let v = min; v <= max; v++) if (field.values[v]) values.push(v);
    let meaning: string;
    if (values.length === max - min + 1) meaning = field.star ? 'every value' : `every value (${min}-${max})`;
    else if (values.length === 0) meaning = 'no value: never matches';
    else {
      const name = (v: number) => (i === 3 ? MONTHS[v] : i === 4 ? DAYS[v] : String(v));
      meaning = compress(values).map(([a, b]) => (a === b ? name(a) : b === a + 1 ? `${name(a)}, ${name(b)}` : `${name(a)}–${name(b)}`)).join(', ');
    }
    if ((i === 2 || i === 4) && bothDays) meaning += ' (either day field is enough)';
    return { name: FIELD_LABELS[i], text: schedule.form.type === 'fields' && !schedule.form.descriptor ? field.text : '', meaning };
  });
}

function compress(values: number[]): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const v of values) {
    const last = out[out.length - 1];
    if (last && last[1] === v - 1) last[1] = v;
    else out.push([v, v]);
  }
  return out;
}

/** What the CronJob's run-control fields mean for these runs. */
export function policyNotes(policy: CronPolicyInput, smallestGapSeconds: number | undefined): PolicyNote[] {
  const gap = smallestGapSeconds ? formatGap(smallestGapSeconds) : undefined;
  const notes: PolicyNote[] = [];
  const cp = policy.concurrencyPolicy ?? 'Allow';
  const cpMeaning: Record<string, string> = {
    Allow: `Allow${policy.concurrencyPolicy ? '' : ' (default)'}: a new Job starts at every run even if the previous one is still running${gap ? `; a Job that runs longer than ${gap} overlaps the next one` : ''}.`,
    Forbid: `Forbid: if the previous Job is still running at a run time, that run is skipped (it counts as missed)${gap ? `; keep Jobs shorter than ${gap}` : ''}.`,
    Replace: `Replace: at a run time a still-running Job is deleted and the new one takes its place${gap ? `; a Job that needs more than ${gap} never finishes` : ''}.`,
  };
  notes.push({ field: 'concurrencyPolicy', value: cp, meaning: own(cpMeaning, cp) ?? `${cp} is not a valid policy (Allow, Forbid or Replace).` });
  if (policy.startingDeadlineSeconds !== undefined) {
    const s = policy.startingDeadlineSeconds;
    let meaning = `A run that cannot start within ${s}s of its time (controller down, Forbid blocking) is skipped instead of started late; missed runs are only counted within the last ${s}s.`;
    if (s < 10) meaning += ' Below 10 seconds the controller, which checks about every 10 seconds, may miss runs.';
    notes.push({ field: 'startingDeadlineSeconds', value: String(s), meaning });
  } else {
    notes.push({ field: 'startingDeadlineSeconds', value: 'not set', meaning: 'Late runs start whenever the controller gets to them, however late; if more than 100 runs were missed, the controller warns and starts only the most recent.' });
  }
  if (policy.suspend) {
    notes.push({ field: 'suspend', value: 'true', meaning: 'Suspended: none of these runs will create a Job. Runs that pass while suspended count as missed; when unsuspended, a missed run may start at once unless startingDeadlineSeconds has expired it.' });
  } else {
    notes.push({ field: 'suspend', value: policy.suspend === false ? 'false' : 'not set (false)', meaning: 'Each run creates a Job.' });
  }
  const ok = policy.successfulJobsHistoryLimit ?? 3;
  const failed = policy.failedJobsHistoryLimit ?? 1;
  const keep = (n: number) => (n === 0 ? 'none are kept' : `the last ${n} ${n === 1 ? 'is' : 'are'} kept`);
  notes.push({ field: 'successfulJobsHistoryLimit', value: `${ok}${policy.successfulJobsHistoryLimit === undefined ? ' (default)' : ''}`, meaning: `Finished successful Jobs: ${keep(ok)}${gap && ok > 0 ? ` (about ${formatGap(ok * smallestGapSeconds!)} of history at this pace)` : ''}.` });
  notes.push({ field: 'failedJobsHistoryLimit', value: `${failed}${policy.failedJobsHistoryLimit === undefined ? ' (default)' : ''}`, meaning: `Failed Jobs: ${keep(failed)}, older ones are deleted with their Pods.` });
  return notes;
}

export interface PreviewInput {
  schedule: string;
  timeZone?: string;
  from: Date;
  count: number;
  /** The user's own zone (IANA name), for the "local" column. */
  localZone?: string;
  policy?: CronPolicyInput;
}

export const MAX_PREVIEW_COUNT = 500;

export function buildPreview(input: PreviewInput): CronPreviewData {
  const timeZone = input.timeZone;
  const base: CronPreviewData = {
    schedule: input.schedule,
    ...(timeZone !== undefined ? { timeZone } : {}),
    zoneLabel: timeZone ?? "UTC (the controller's zone; no timeZone set)",
    ...(input.localZone ? { localZone: input.localZone } : {}),
    valid: false,
    runs: [],
    dst: [],
    warnings: [],
    fields: [],
    policies: [],
  };
  const parsed = parseSchedule(input.schedule);
  if (!parsed.ok) return { ...base, error: `spec.schedule: Invalid value: ${JSON.stringify(input.schedule.length > 200 ? `${input.schedule.slice(0, 200)}…` : input.schedule)}: ${parsed.error}` };
  if (timeZone !== undefined) {
    const problem = validateTimeZone(timeZone);
    if (problem) return { ...base, error: `spec.timeZone: Invalid value: ${JSON.stringify(timeZone)}: ${problem}` };
  }
  const schedule = parsed.schedule;
  const zoneName = schedule.scheduleZone ?? timeZone ?? 'UTC';
  const count = Math.max(1, Math.min(MAX_PREVIEW_COUNT, Math.floor(input.count) || 10));
  const dates = nextRunsOf(schedule, input.from, count, timeZone);
  const warnings: string[] = [];
  if (input.schedule.includes('TZ')) warnings.push('The API server rejects new CronJobs with TZ or CRON_TZ in the schedule; use spec.timeZone.');
  if (schedule.scheduleZone && timeZone) warnings.push(`The schedule's own zone (${schedule.scheduleZone}) wins over spec.timeZone in the controller.`);
  if (timeZone === undefined && !schedule.scheduleZone && schedule.form.type === 'fields') warnings.push("No timeZone: runs follow the kube-controller-manager's zone, which is UTC on most clusters (assumed here).");
  if (schedule.form.type === 'every') warnings.push('@every counts from the CronJob\'s creation or last scheduled run; the times below count from the preview\'s start instead. Time zones do not affect it.');
  if (input.policy?.suspend) warnings.push('spec.suspend is true: none of these runs will create a Job until it is unsuspended.');
  const local = input.localZone && input.localZone !== zoneName && input.localZone !== 'UTC' && loadZone(input.localZone) ? input.localZone : undefined;
  const last = dates.length ? dates[dates.length - 1].getTime() : input.from.getTime() + 60 * DAY_MS;
  // Changes up to the last listed run, and at least those of the next two weeks ("a DST day ahead").
  const dst = schedule.form.type === 'fields' ? dstNotes(schedule, timeZone, input.from.getTime(), Math.max(last, input.from.getTime() + DST_LOOKAHEAD_DAYS * DAY_MS) + 1) : [];
  const dstByDay = new Map<string, DstNote>();
  for (const note of dst) dstByDay.set(note.text.slice(4, 14), note);
  let smallestGap: number | undefined;
  const runs: CronRun[] = dates.map((d, i) => {
    const run: CronRun = { iso: d.toISOString(), inZone: formatInstant(d, zoneName), utc: formatInstant(d, 'UTC') };
    if (local) run.local = formatInstant(d, local);
    if (i > 0) {
      const seconds = Math.round((d.getTime() - dates[i - 1].getTime()) / 1000);
      run.gapSeconds = seconds;
      run.gap = formatGap(seconds);
      smallestGap = smallestGap === undefined ? seconds : Math.min(smallestGap, seconds);
    }
    const note = dstByDay.get(run.inZone.slice(4, 14));
    if (note) run.dst = note.text;
    return run;
  });
  if (dates.length === 1 && schedule.form.type === 'fields') {
    const after = schedule.next(dates[0], timeZone);
    if (after) smallestGap = Math.round((after.getTime() - dates[0].getTime()) / 1000);
  }
  if (schedule.form.type === 'every') smallestGap = schedule.form.seconds;
  const neverRuns = dates.length === 0;
  if (neverRuns) warnings.push('No run within five years: the controller would never create a Job.');
  for (const note of dst) {
    const effect = dstEffectText(note);
    if (effect) warnings.push(`Daylight-saving change ${note.text}: ${effect}.`);
  }
  return {
    ...base,
    valid: true,
    description: describeParsed(schedule),
    runs,
    ...(neverRuns ? { neverRuns } : {}),
    dst,
    warnings,
    fields: fieldNotes(schedule),
    policies: policyNotes(input.policy ?? {}, smallestGap),
  };
}

function nextRunsOf(schedule: CronSchedule, from: Date, count: number, timeZone: string | undefined): Date[] {
  const out: Date[] = [];
  let cursor = from;
  for (let i = 0; i < count; i++) {
    const next = schedule.next(cursor, timeZone);
    if (!next) break;
    out.push(next);
    cursor = next;
  }
  return out;
}
