import type { Node, Pair } from 'yaml';
import { isScalar } from '../../model/yamlNodes';
import { formatMinor, validatesNewWay, validationChangedIn } from '../../versions';
import { registerRules, type Rule, type RuleContext } from '../registry';
import type { CoreFix } from '../../diagnostics';
import type { ParsedDoc } from '../../model/workloadFile';
import { deref, nodeAtPath, nodeRange, pairKeyRange } from '../../model/path';
import { parseSchedule, validateTimeZone, describeParsed, zoneNameIgnoringCase, isKnownZoneName, type CronSchedule } from '../../cron';
import { bothDaysRestricted, hourWindows, minutesPerHour } from '../../cron/describe';
import { goQuote } from '../../cron/go';
import { eolOf } from '../api/place';

const CRON_DOCS = 'https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/#schedule-syntax';
const TZ_DOCS = 'https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/#time-zones';

/** A string field of spec, its node and where it sits. */
interface SpecString {
  value: string;
  node: Node;
  pair: Pair;
  range: [number, number];
}

/** spec.<field> when it is a string scalar (other types are the schema rules' business). */
function specString(doc: ParsedDoc, field: string): SpecString | undefined {
  const hit = nodeAtPath(doc, ['spec', field]);
  if (!hit?.pair) return undefined;
  const node = deref(doc.yaml, hit.node);
  if (!isScalar(node) || typeof node.value !== 'string') return undefined;
  const range = nodeRange(hit.node) ?? pairKeyRange(hit.pair);
  if (!range) return undefined;
  return { value: node.value, node: node as Node, pair: hit.pair, range };
}

/** The parse of spec.schedule, once per document. */
function scheduleOf(doc: ParsedDoc): { field: SpecString; result: ReturnType<typeof parseSchedule> } | undefined {
  const key = 'cron:schedule';
  if (doc.memo.has(key)) return doc.memo.get(key) as ReturnType<typeof scheduleOf>;
  const field = specString(doc, 'schedule');
  const out = field && field.value !== '' ? { field, result: parseSchedule(field.value) } : undefined;
  doc.memo.set(key, out);
  return out;
}

/** The value as the API server quotes it (Go %q), shortened when very long. */
export function quotedValue(value: string): string {
  const q = goQuote(value);
  return q.length > 160 ? `${q.slice(0, 150)}…" (${value.length} characters)` : q;
}

/** A new `key: value` line just above an existing key, at that key's indentation. */
function insertAbove(doc: ParsedDoc, pair: Pair, line: string): { start: number; end: number; newText: string } | undefined {
  const text = doc.source;
  const keyRange = pairKeyRange(pair);
  if (!text || !keyRange) return undefined;
  const start = keyRange[0];
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const indent = text.slice(lineStart, start);
  if (!/^ *$/.test(indent)) return undefined;
  return { start, end: start, newText: `${line}${eolOf(text)}${indent}` };
}

/** robfig repeats the bad text in its message; keep huge inputs readable. */
function clip(text: string): string {
  return text.length > 300 ? `${text.slice(0, 280)}… (${text.length} characters)` : text;
}

function yamlString(value: string): string {
  return JSON.stringify(value);
}

const scheduleInvalid: Rule = {
  id: 'cron-schedule-invalid',
  kinds: ['CronJob'],
  category: 'api',
  severity: 'error',
  title: 'Invalid cron schedule',
  description: 'spec.schedule must parse with robfig/cron v3 ParseStandard, as the API server checks it: exactly five fields (minute hour day-of-month month day-of-week) or a descriptor such as @hourly or @every 1h. Day of week is 0-6; there is no seconds field and no L, W, # or H.',
  docs: CRON_DOCS,
  check(ctx) {
    const field = specString(ctx.doc, 'schedule');
    if (!field) return;
    if (field.value === '') {
      ctx.report({ start: field.range[0], end: field.range[1], message: 'Required value', path: 'spec.schedule' });
      return;
    }
    const parsed = scheduleOf(ctx.doc);
    if (parsed && !parsed.result.ok) {
      ctx.report({ start: field.range[0], end: field.range[1], message: `Invalid value: ${quotedValue(field.value)}: ${clip(parsed.result.error)}`, path: 'spec.schedule' });
    }
  },
};

const scheduleTimeZone: Rule = {
  id: 'cron-schedule-tz',
  kinds: ['CronJob'],
  category: 'api',
  severity: 'error',
  title: 'TZ or CRON_TZ in the schedule',
  description: 'The API server rejects a new CronJob whose schedule contains "TZ" (TZ=… or CRON_TZ=… prefixes); the zone belongs in spec.timeZone. The quick fix moves it there. (Only an update of an object whose schedule already had TZ may keep it.)',
  docs: TZ_DOCS,
  check(ctx) {
    const field = specString(ctx.doc, 'schedule');
    if (!field || !field.value.includes('TZ')) return;
    // mirrors batch/validation validateScheduleFormat of the target: before 1.29 only TZ together with timeZone is rejected
    const rejected = validatesNewWay('CronJobTZInScheduleRejected', ctx.minor);
    if (!rejected && !specString(ctx.doc, 'timeZone')) {
      ctx.report({ start: field.range[0], end: field.range[1], severity: 'warning', message: `${quotedValue(field.value)}: a ${formatMinor(ctx.minor)} API server accepts TZ or CRON_TZ in the schedule, but it is not officially supported and ${formatMinor(validationChangedIn('CronJobTZInScheduleRejected'))} and later reject it: use spec.timeZone`, path: 'spec.schedule' });
      return;
    }
    const fixes: CoreFix[] = [];
    const m = /^(?:CRON_)?TZ=(\S*) +(.*)$/s.exec(field.value);
    if (m && m[1] && m[2].trim()) {
      const zone = m[1];
      const rest = m[2].trim();
      // A plain scalar is rewritten as a quoted one (what is left may start with `@`). In quoted and
      // block scalars the TZ= prefix is deleted where the source spells it out: a block scalar's
      // range ends past its line break (and may hold a header comment), so it is never rewritten.
      const prefix = field.value.slice(0, field.value.length - m[2].length);
      const plain = isScalar(field.node) && field.node.type === 'PLAIN';
      const at = plain ? -1 : (ctx.doc.source?.slice(field.range[0], field.range[1]).indexOf(prefix) ?? -1);
      const block = isScalar(field.node) && (field.node.type === 'BLOCK_LITERAL' || field.node.type === 'BLOCK_FOLDED');
      const edits = at >= 0
        ? [{ start: field.range[0] + at, end: field.range[0] + at + prefix.length, newText: '' }]
        : block ? [] : [{ start: field.range[0], end: field.range[1], newText: yamlString(rest) }];
      const existing = specString(ctx.doc, 'timeZone');
      const hasTimeZoneKey = !!nodeAtPath(ctx.doc, ['spec', 'timeZone'])?.pair;
      if (!edits.length) { /* no safe edit of the schedule */ }
      else if (existing) edits.push({ start: existing.range[0], end: existing.range[1], newText: yamlString(zone) });
      else if (!hasTimeZoneKey) {
        const insert = insertAbove(ctx.doc, field.pair, `timeZone: ${yamlString(zone)}`);
        if (insert) edits.push(insert);
        else edits.length = 0;
      } else edits.length = 0;
      if (edits.length) fixes.push({ title: `Move ${zone} into spec.timeZone`, edits, preferred: true });
    }
    ctx.report({
      start: field.range[0],
      end: field.range[1],
      message: rejected ? `Invalid value: ${quotedValue(field.value)}: cannot use TZ or CRON_TZ in schedule, use timeZone field instead` : `Invalid value: ${quotedValue(field.value)}: cannot use both timeZone field and TZ or CRON_TZ in schedule`,
      path: 'spec.schedule',
      ...(fixes.length ? { fixes } : {}),
    });
  },
};


const timeZoneInvalid: Rule = {
  id: 'cron-timezone-invalid',
  kinds: ['CronJob'],
  category: 'api',
  severity: 'error',
  title: 'Invalid time zone',
  description: 'spec.timeZone must name a zone of the IANA tz database exactly as spelled there (America/New_York, Europe/London, Etc/UTC; case matters). Empty strings and "Local" are rejected. Names only a host\'s zoneinfo directory has (posix/…, right/…, posixrules, localtime) are a warning: the API server accepts them where its image has the file.',
  docs: TZ_DOCS,
  check(ctx) {
    const field = specString(ctx.doc, 'timeZone');
    if (!field) return;
    const problem = validateTimeZone(field.value);
    if (!problem) return;
    const hostOnly = hostZoneinfoOnly(field.value);
    if (hostOnly) {
      // Not in the tz database Go embeds, but validateTimeZone's time.LoadLocation reads the host's
      // zoneinfo directory first: accepted wherever the API server's image has the file. A warning, never an error.
      const fixes: CoreFix[] = hostOnly.zone ? [{ title: `Change to ${hostOnly.zone}`, edits: [{ start: field.range[0], end: field.range[1], newText: yamlString(hostOnly.zone) }], preferred: true }] : [];
      ctx.report({
        start: field.range[0], end: field.range[1], severity: 'warning', path: 'spec.timeZone',
        message: `${quotedValue(field.value)} is not in the tz database Go embeds: the API server and the CronJob controller accept it only where their image has /usr/share/zoneinfo/${field.value} (${hostOnly.meaning})${hostOnly.zone ? `; use ${goQuote(hostOnly.zone)}` : '; name the zone you mean'}`,
        ...(fixes.length ? { fixes } : {}),
      });
      return;
    }
    const fixes: CoreFix[] = [];
    const spelled = field.value ? zoneNameIgnoringCase(field.value) : undefined;
    if (spelled && spelled !== field.value) fixes.push({ title: `Change to ${spelled}`, edits: [{ start: field.range[0], end: field.range[1], newText: yamlString(spelled) }], preferred: true });
    if (field.value.toLowerCase() === 'local') fixes.push({ title: 'Use Etc/UTC', edits: [{ start: field.range[0], end: field.range[1], newText: '"Etc/UTC"' }] });
    ctx.report({ start: field.range[0], end: field.range[1], message: `Invalid value: ${quotedValue(field.value)}: ${clip(problem)}`, path: 'spec.timeZone', ...(fixes.length ? { fixes } : {}) });
  },
};

/**
 * Zone names found in a Linux host's zoneinfo directory but not in the tz database: `posix/…` and
 * `right/…` copies of real zones (the right/ ones count leap seconds), `posixrules` and `localtime`.
 */
function hostZoneinfoOnly(name: string): { zone?: string; meaning: string } | undefined {
  if (name === 'localtime') return { meaning: 'whatever zone that host is set to' };
  if (name === 'posixrules') return { meaning: 'usually a copy of America/New_York' };
  const m = /^(posix|right)\/(.+)$/.exec(name);
  if (!m || !isKnownZoneName(m[2])) return undefined;
  return { zone: m[2], meaning: m[1] === 'right' ? `${m[2]} counting leap seconds` : `a copy of ${m[2]}` };
}

function validSchedule(ctx: RuleContext): { field: SpecString; schedule: CronSchedule } | undefined {
  const parsed = scheduleOf(ctx.doc);
  if (!parsed || !parsed.result.ok) return undefined;
  return { field: parsed.field, schedule: parsed.result.schedule };
}

const NEVER_PROBE = new Date(Date.UTC(2024, 0, 1));

const neverRuns: Rule = {
  id: 'cron-never-runs',
  kinds: ['CronJob'],
  category: 'lint',
  severity: 'warning',
  title: 'Schedule never runs',
  description: 'The schedule is valid but names a date that never comes (30 February, 31 April…): the controller finds no run within its five-year search and never creates a Job.',
  docs: CRON_DOCS,
  check(ctx) {
    const v = validSchedule(ctx);
    if (!v || v.schedule.form.type !== 'fields') return;
    if (v.schedule.next(NEVER_PROBE, 'UTC')) return;
    ctx.report({ start: v.field.range[0], end: v.field.range[1], message: `This schedule never runs: ${describeParsed(v.schedule).replace(/^Never runs: /, '')}. The CronJob will never create a Job.`, path: 'spec.schedule' });
  },
};

const dayOr: Rule = {
  id: 'cron-day-or',
  kinds: ['CronJob'],
  category: 'lint',
  severity: 'info',
  title: 'Day of month OR day of week',
  description: 'When both the day-of-month and the day-of-week fields are restricted, cron runs on days matching EITHER of them, not only days matching both ("0 0 13 * 5" runs on every 13th and on every Friday).',
  docs: CRON_DOCS,
  check(ctx) {
    const v = validSchedule(ctx);
    if (!v || v.schedule.form.type !== 'fields' || v.schedule.form.descriptor) return;
    const f = v.schedule.form.fields;
    if (!bothDaysRestricted(f)) return;
    ctx.report({
      start: v.field.range[0],
      end: v.field.range[1],
      message: `Runs on days that match day-of-month "${f.dayOfMonth.text}" OR day-of-week "${f.dayOfWeek.text}" (either one is enough), not only on days matching both.`,
      path: 'spec.schedule',
    });
  },
};

const noTimeZone: Rule = {
  id: 'cron-no-timezone',
  kinds: ['CronJob'],
  category: 'lint',
  severity: 'hint',
  title: 'Time of day without a time zone',
  description: 'A schedule that pins an hour runs in the kube-controller-manager\'s time zone when spec.timeZone is not set; that is UTC on most clusters but not guaranteed. Setting spec.timeZone makes the hour mean what you read.',
  docs: TZ_DOCS,
  check(ctx) {
    const v = validSchedule(ctx);
    if (!v || v.schedule.form.type !== 'fields' || v.schedule.scheduleZone) return;
    if (nodeAtPath(ctx.doc, ['spec', 'timeZone'])?.pair) return;
    if (v.schedule.form.fields.hour.star) return;
    const insert = insertAbove(ctx.doc, v.field.pair, 'timeZone: "Etc/UTC"');
    ctx.report({
      start: v.field.range[0],
      end: v.field.range[1],
      message: 'No spec.timeZone: the hours are in the kube-controller-manager\'s time zone (usually UTC). Set spec.timeZone to say which zone you mean.',
      path: 'spec.schedule',
      ...(insert ? { fixes: [{ title: 'Add timeZone: "Etc/UTC"', edits: [insert] }] } : {}),
    });
  },
};

const everyUnaligned: Rule = {
  id: 'cron-every-unaligned',
  kinds: ['CronJob'],
  category: 'lint',
  severity: 'hint',
  title: '@every is not aligned to the clock',
  description: '@every <duration> runs at fixed intervals counted from the CronJob\'s creation (or last scheduled run), not at round clock times, and ignores spec.timeZone.',
  docs: CRON_DOCS,
  check(ctx) {
    const v = validSchedule(ctx);
    if (!v || v.schedule.form.type !== 'every') return;
    ctx.report({ start: v.field.range[0], end: v.field.range[1], message: `${describeParsed(v.schedule)}; spec.timeZone does not affect it.`, path: 'spec.schedule' });
  },
};

const pad2 = (n: number) => String(n).padStart(2, '0');

const everyMinuteOfHours: Rule = {
  id: 'cron-every-minute-of-hours',
  kinds: ['CronJob'],
  category: 'lint',
  severity: 'warning',
  title: 'Every minute of the chosen hours',
  description: 'A schedule whose minute field is `*` while the hour field picks some hours (`* */6 * * *`) runs every minute of those hours — 60 Jobs per hour — not once per hour. `0 */6 * * *` runs once at the start of each. The quick fix sets the minute to 0.',
  docs: CRON_DOCS,
  check(ctx) {
    const v = validSchedule(ctx);
    if (!v || v.schedule.form.type !== 'fields' || v.schedule.form.descriptor) return;
    const f = v.schedule.form.fields;
    if (minutesPerHour(f.minute) !== 60 || f.hour.star) return;
    const windows = hourWindows(f.hour);
    const hours = windows.reduce((n, [a, b]) => n + b - a + 1, 0);
    if (hours === 0) return;
    const spans = windows.map(([a, b]) => `${pad2(a)}:00–${pad2(b)}:59`);
    const shown = spans.length <= 4 ? spans.join(', ') : `${spans.slice(0, 3).join(', ')}, …`;
    const daily = f.dayOfMonth.star && f.dayOfWeek.star && f.month.star ? 'a day' : 'on each day it runs';
    const m = /^(\s*(?:(?:CRON_)?TZ=\S+\s+)?)(\S+)/.exec(v.field.value);
    const fixed = m ? `${m[1]}0${v.field.value.slice(m[0].length)}` : undefined;
    ctx.report({
      start: v.field.range[0],
      end: v.field.range[1],
      message: `The minute field is ${JSON.stringify(m?.[2] ?? '*')}, so this runs every minute of ${hours === 1 ? 'that hour' : 'those hours'} (${shown}): ${60 * hours} Jobs ${daily}.${fixed ? ` To run once at the start of ${hours === 1 ? 'the hour' : 'each of those hours'}, use ${JSON.stringify(fixed)}.` : ''}`,
      path: 'spec.schedule',
      ...(fixed ? { fixes: [{ title: `Run once an hour: ${fixed}`, edits: [{ start: v.field.range[0], end: v.field.range[1], newText: yamlString(fixed) }], preferred: true }] } : {}),
    });
  },
};

export const cronRules: Rule[] = [scheduleInvalid, scheduleTimeZone, timeZoneInvalid, neverRuns, dayOr, noTimeZone, everyUnaligned, everyMinuteOfHours];

registerRules(cronRules);
