import type { ParsedDoc } from '../model/workloadFile';
import type { HoverContext } from '../explain/hover';
import { cronJobTiming } from './document';
import { buildPreview, dstEffectText, dstNotes, formatInstant } from './preview';
import { parseSchedule, validateTimeZone } from './schedule';
import { DAY_MS, formatOffset, loadZone, wallClock } from './zone';
import { TZDATA_VERSION } from './zoneNames';

/** Hover sections for spec.schedule and spec.timeZone of a CronJob (markdown; user text escaped). */

const HOVER_RUNS = 5;

function md(text: string): string {
  return text.replace(/([\\`*_{}[\]<>#|~])/g, '\\$1');
}

function code(text: string): string {
  const clipped = text.length > 120 ? `${text.slice(0, 110)}…` : text;
  const fence = clipped.includes('`') ? '``' : '`';
  return `${fence}${clipped.replace(/[\r\n]/g, ' ')}${fence}`;
}

/** A fenced text block whose fence the content cannot close. */
function fenced(text: string): string {
  const clipped = text.length > 600 ? `${text.slice(0, 580)}… (${text.length} characters)` : text;
  let fence = '```';
  while (clipped.includes(fence)) fence += '`';
  return `${fence}text\n${clipped}\n${fence}`;
}

/** The user's own zone as the platform reports it. */
export function platformZone(): string | undefined {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

export function scheduleHoverMarkdown(doc: ParsedDoc, now: Date, localZone?: string): string | undefined {
  const timing = cronJobTiming(doc);
  if (timing.schedule === undefined) return undefined;
  const preview = buildPreview({ schedule: timing.schedule, timeZone: timing.timeZone, from: now, count: HOVER_RUNS, localZone, policy: timing.policy });
  const out: string[] = [];
  if (!preview.valid) {
    out.push(`**Invalid schedule** — the API server rejects it:`, '', fenced(preview.error ?? ''));
    return out.join('\n');
  }
  out.push(`**${md(preview.description ?? '')}**`);
  const zoneName = preview.timeZone ?? 'UTC';
  const zoneHead = preview.timeZone ? md(preview.timeZone) : 'UTC (controller)';
  if (preview.runs.length) {
    const withLocal = preview.runs.some((r) => r.local);
    const withUtc = zoneName !== 'UTC';
    out.push('', `Next ${preview.runs.length} runs:`, '');
    const head = [zoneHead, ...(withUtc ? ['UTC'] : []), ...(withLocal ? [`Your time (${md(preview.localZone ?? '')})`] : [])];
    out.push(`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`);
    for (const r of preview.runs) {
      const cells = [r.inZone, ...(withUtc ? [r.utc] : []), ...(withLocal ? [r.local ?? ''] : [])];
      out.push(`| ${cells.map(md).join(' | ')} |`);
    }
  }
  if (preview.fields.length) {
    out.push('', '| field | value | means |', '|---|---|---|');
    for (const f of preview.fields) out.push(`| ${f.name} | ${f.text ? code(f.text) : ''} | ${md(f.meaning)} |`);
  }
  const warnings = preview.warnings.map((w) => `- ⚠ ${md(w)}`);
  if (warnings.length) out.push('', ...warnings);
  out.push('', `_Computed as the Kubernetes CronJob controller does (robfig/cron v3). Full list: **Workload Lens: Preview CronJob Runs**._`);
  return out.join('\n');
}

export function timeZoneHoverMarkdown(doc: ParsedDoc, now: Date): string | undefined {
  const timing = cronJobTiming(doc);
  if (timing.timeZone === undefined) return undefined;
  const name = timing.timeZone;
  const problem = validateTimeZone(name);
  if (problem) return `**Invalid time zone** — the API server rejects it:\n\n${fenced(`spec.timeZone: Invalid value: ${JSON.stringify(name)}: ${problem}`)}`;
  const zone = loadZone(name)!;
  const at = now.getTime();
  const w = wallClock(zone, at);
  const out = [`**${md(name)}**: now ${md(formatInstant(now, name))}, UTC${formatOffset(w.offset)}.`];
  const [next] = zone.transitions(at, at + 400 * DAY_MS);
  if (next) {
    const when = formatInstant(new Date(next.at), name);
    const forward = next.after > next.before;
    out.push('', `Next daylight-saving change: ${md(when)} — clocks go ${forward ? 'forward' : 'back'} ${md(formatDelta(next.after - next.before))} (UTC${formatOffset(next.before)} → UTC${formatOffset(next.after)}).`);
    if (timing.schedule !== undefined) {
      const parsed = parseSchedule(timing.schedule);
      if (parsed.ok && parsed.schedule.form.type === 'fields' && !parsed.schedule.scheduleZone) {
        const [note] = dstNotes(parsed.schedule, name, next.at, next.at + 1);
        const effect = note && dstEffectText(note);
        out.push('', effect ? `⚠ For this schedule: ${md(effect)}.` : 'This schedule keeps its runs through that change.');
      }
    }
  } else {
    out.push('', 'No daylight-saving change in the next year.');
  }
  out.push('', `_Names follow the IANA tz database exactly (case-sensitive; checked against tzdata ${TZDATA_VERSION}). The cluster uses its own copy, so a very new zone may be missing there._`);
  return out.join('\n');
}

function formatDelta(seconds: number): string {
  const abs = Math.abs(seconds);
  const h = Math.floor(abs / 3600);
  const m = Math.floor((abs % 3600) / 60);
  return [h ? `${h} hour${h === 1 ? '' : 's'}` : '', m ? `${m} minutes` : ''].filter(Boolean).join(' ');
}

/** Hover extension for the explain hover: schedule and timeZone of a CronJob. */
export function cronHoverSection(ctx: HoverContext, now: Date = new Date(), localZone: string | undefined = platformZone()): string | undefined {
  if (ctx.kind !== 'CronJob' || ctx.segs.length !== 2 || ctx.segs[0] !== 'spec') return undefined;
  if (ctx.segs[1] === 'schedule') return scheduleHoverMarkdown(ctx.doc, now, localZone);
  if (ctx.segs[1] === 'timeZone') return timeZoneHoverMarkdown(ctx.doc, now);
  return undefined;
}
