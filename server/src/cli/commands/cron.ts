import { parseSchedule, nextRuns, validateTimeZone, describeParsed } from '../../core/cron';
import { formatInstant } from '../../core/cron/preview';
import { oneOf, parseArgs, UsageError } from '../io';
import type { CliCommand } from '../command';

const MAX_COUNT = 1000;

export interface CronJson {
  valid: boolean;
  error?: string;
  description?: string;
  next: string[];
}

export const cronCommand: CliCommand = {
  name: 'cron',
  usage: 'cron "<schedule>" [--time-zone Z] [--from <ISO-8601 instant>] [--count N] [--format text|json]',
  summary: 'Explain a CronJob schedule and list its next runs exactly as the Kubernetes CronJob controller computes them.',
  run(args, io) {
    const { positional, flags } = parseArgs(args, { 'time-zone': 'string', from: 'string', count: 'string', format: 'string' });
    const format = oneOf(flags.format, ['text', 'json'] as const, 'format', 'text');
    if (positional.length !== 1) throw new UsageError(positional.length === 0 ? 'cron needs a schedule, e.g. "*/5 * * * *"' : `cron takes one schedule; quote it ("0 2 * * *"), got ${positional.length} arguments`);
    const expr = positional[0];
    const count = parseCount(flags.count);
    const from = parseFrom(flags.from);
    const timeZone = flags['time-zone'] as string | undefined;

    let result: CronJson;
    const parsed = parseSchedule(expr);
    const zoneProblem = timeZone === undefined ? undefined : validateTimeZone(timeZone);
    const invalid = (error: string): CronJson => ({ valid: false, error, next: [] });
    if (!parsed.ok) result = invalid(`spec.schedule: Invalid value: ${shortQuote(expr)}: ${clip(parsed.error)}`);
    else if (zoneProblem) result = invalid(`spec.timeZone: Invalid value: ${shortQuote(timeZone!)}: ${clip(zoneProblem)}`);
    else if (expr.includes('TZ')) result = invalid(`spec.schedule: Invalid value: ${shortQuote(expr)}: cannot use TZ or CRON_TZ in schedule, use timeZone field instead`);
    else {
      result = {
        valid: true,
        description: describeParsed(parsed.schedule),
        next: nextRuns(parsed.schedule, from, count, timeZone).map((d) => d.toISOString()),
      };
    }

    if (format === 'json') {
      io.out(JSON.stringify(result, null, 2));
      return result.valid ? 0 : 1;
    }
    if (!result.valid) {
      io.err(`invalid: ${result.error}`);
      return 1;
    }
    const zoneLabel = timeZone ?? 'UTC';
    io.out(result.description!);
    io.out(timeZone ? `Time zone: ${timeZone}` : 'Time zone: none set, so the kube-controller-manager\'s zone (UTC on most clusters; shown as UTC)');
    if (result.next.length === 0) {
      io.out(`No run within five years after ${from.toISOString()}: the controller would never create a Job.`);
      return 0;
    }
    io.out(`Next ${result.next.length} run${result.next.length === 1 ? '' : 's'} after ${from.toISOString()}:`);
    for (const iso of result.next) {
      const at = new Date(iso);
      io.out(`  ${formatInstant(at, zoneLabel)}${timeZone && timeZone !== 'UTC' ? `   (${iso})` : ''}`);
    }
    return 0;
  },
};

function shortQuote(value: string): string {
  const q = JSON.stringify(value);
  return q.length > 160 ? `${q.slice(0, 150)}…" (${value.length} characters)` : q;
}

/** robfig repeats the bad text in its message; keep huge inputs from flooding the terminal. */
function clip(text: string): string {
  return text.length > 300 ? `${text.slice(0, 280)}… (${text.length} characters)` : text;
}

function parseCount(value: string | boolean | undefined): number {
  if (value === undefined) return 5;
  if (typeof value !== 'string' || !/^\d+$/.test(value)) throw new UsageError('--count must be a whole number');
  const n = Number(value);
  if (n < 1 || n > MAX_COUNT) throw new UsageError(`--count must be between 1 and ${MAX_COUNT}`);
  return n;
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2}))?$/;

function parseFrom(value: string | boolean | undefined): Date {
  if (value === undefined) return new Date();
  if (typeof value !== 'string' || !ISO_INSTANT.test(value)) throw new UsageError('--from must be an ISO-8601 instant such as 2026-03-08T06:00:00Z');
  const at = new Date(value.replace(/(\.\d{3})\d+/, '$1'));
  if (Number.isNaN(at.getTime()) || at.getUTCFullYear() < 1 || at.getUTCFullYear() > 9990) throw new UsageError(`--from ${value} is not a date between the years 1 and 9990`);
  return at;
}
