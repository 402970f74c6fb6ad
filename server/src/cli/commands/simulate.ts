import { parseWorkloadFile } from '../../core/model/workloadFile';
import { docToObject } from '../../core/placement/workload';
import { dig, isRecord } from '../../core/placement/affinity';
import { simulateJob, type JobTimeline } from '../../core/simulate/job';
import { simulateCronJob, type CronTimeline } from '../../core/simulate/cronjob';
import { formatSeconds, parseDurationSeconds } from '../../core/simulate/duration';
import { kubernetesMinorFlag, oneOf, parseArgs, readInputs, UsageError } from '../io';
import type { CliCommand, CliIo } from '../command';

function printJob(t: JobTimeline, io: CliIo): void {
  const s = t.settings;
  io.out(`Job ${t.job}: completions ${s.completions ?? 'none (work queue)'}, parallelism ${s.parallelism}, backoffLimit ${s.backoffLimit}, pod duration ${formatSeconds(s.podDurationSeconds)} (${s.podDurationSource}), failure rate ${s.failureRate}`);
  for (const e of t.events) io.out(`  ${`+${formatSeconds(e.at)}`.padStart(9)}  ${e.text}`);
  io.out(`  => ${t.outcome}${t.reason ? ` (${t.reason})` : ''}${t.finishedAt !== undefined ? ` at +${formatSeconds(t.finishedAt)}` : ''}${t.deletedAt !== undefined ? `, deleted at +${formatSeconds(t.deletedAt)}` : ''}`);
  for (const n of t.notes) io.out(`  note: ${n}`);
  for (const w of t.warnings) io.err(`warning: ${w}`);
}

function printCron(t: CronTimeline, io: CliIo): void {
  if (t.error) {
    io.out(`CronJob ${t.cronJob}: ${t.error}`);
    return;
  }
  const s = t.settings!;
  io.out(`CronJob ${t.cronJob}: schedule "${s.schedule}"${s.timeZone ? ` in ${s.timeZone}` : ' (UTC)'}, concurrencyPolicy ${s.concurrencyPolicy}, each Job ${formatSeconds(s.jobDurationSeconds)} (${s.jobDurationSource}), ${new Date(t.from).toISOString()} to ${new Date(t.to).toISOString()}`);
  for (const r of t.runs) {
    const when = new Date(r.scheduledAt).toISOString().replace('.000Z', 'Z');
    const detail = [r.jobName, r.outcome, r.deletedBy ? `deleted (${r.deletedBy}) ${new Date(r.deletedAt!).toISOString().slice(11, 19)}` : undefined, r.note].filter(Boolean).join(', ');
    io.out(`  ${when}${r.local ? ` (${r.local} ${s.timeZone})` : ''}  ${r.status.padEnd(12)} ${detail}`);
  }
  io.out(`  => at most ${t.maxConcurrent} Job(s) at once; kept at the end: ${t.keptAtEnd.succeeded.length} succeeded, ${t.keptAtEnd.failed.length} failed, ${t.keptAtEnd.active.length} active`);
  for (const n of t.notes) io.out(`  note: ${n}`);
  for (const w of t.warnings) io.err(`warning: ${w}`);
}

export const simulateCommand: CliCommand = {
  name: 'simulate',
  usage: 'simulate <file|-> [--duration 10s] [--failure-rate 0.2] [--run-duration 2m] [--hours 3] [--from <ISO time>] [--format text|json] [--kubernetes-version 1.27..1.36]',
  summary: 'Show a Job\'s pods over time, or the Jobs a CronJob creates over the next hours.',
  run(args, io) {
    const { positional, flags } = parseArgs(args, { duration: 'string', 'failure-rate': 'string', 'run-duration': 'string', hours: 'string', from: 'string', format: 'string', 'kubernetes-version': 'string' });
    const kubernetesMinor = kubernetesMinorFlag(flags['kubernetes-version']);
    const format = oneOf(flags.format, ['text', 'json'] as const, 'format', 'text');
    if (positional.length !== 1) throw new UsageError('simulate needs exactly one file (or - for stdin)');
    const seconds = (name: string) => {
      const v = flags[name];
      if (v === undefined) return undefined;
      const n = typeof v === 'string' ? parseDurationSeconds(v) : undefined;
      if (n === undefined) throw new UsageError(`--${name} must be a duration like 10s, 1m30s or 2h`);
      return n;
    };
    const podDurationSeconds = seconds('duration');
    const runDurationSeconds = seconds('run-duration');
    let failureRate: number | undefined;
    if (flags['failure-rate'] !== undefined) {
      failureRate = Number(flags['failure-rate']);
      if (typeof flags['failure-rate'] !== 'string' || !Number.isFinite(failureRate) || failureRate < 0 || failureRate > 1) throw new UsageError('--failure-rate must be a number from 0 to 1');
    }
    let hours: number | undefined;
    if (flags.hours !== undefined) {
      hours = Number(flags.hours);
      if (!Number.isFinite(hours) || hours <= 0 || hours > 24 * 31) throw new UsageError('--hours must be a number of hours from 0 to 744');
    }
    let from: Date | undefined;
    if (flags.from !== undefined) {
      from = new Date(String(flags.from));
      if (Number.isNaN(from.getTime())) throw new UsageError('--from must be a date and time such as 2026-01-01T10:00:00Z');
    }
    const [input] = readInputs(positional, io.readStdin);
    const file = parseWorkloadFile(input.text);
    const found: Array<{ kind: string; name: string; spec: Record<string, unknown> }> = [];
    for (const placed of file.docs) {
      const { value } = docToObject(placed.doc);
      if (!isRecord(value) || (value.kind !== 'Job' && value.kind !== 'CronJob') || !isRecord(value.spec)) continue;
      const name = dig(value, ['metadata', 'name']);
      found.push({ kind: value.kind, name: typeof name === 'string' ? name : '<unnamed>', spec: value.spec });
    }
    if (found.length === 0) throw new UsageError(`${input.name} holds no Job or CronJob`);
    const results = found.map((w) =>
      w.kind === 'Job'
        ? { kind: 'Job' as const, name: w.name, job: simulateJob(w.name, w.spec, { podDurationSeconds, failureRate, kubernetesMinor }) }
        : { kind: 'CronJob' as const, name: w.name, cron: simulateCronJob(w.name, w.spec, { podDurationSeconds, failureRate, runDurationSeconds, hours, from, kubernetesMinor }) },
    );
    if (format === 'json') {
      io.out(JSON.stringify(results.length === 1 ? results[0] : results, (_k, v) => (v === Infinity ? null : v), 2));
      return 0;
    }
    for (const r of results) {
      if (r.kind === 'Job') printJob(r.job, io);
      else printCron(r.cron, io);
      io.out('');
    }
    return 0;
  },
};
