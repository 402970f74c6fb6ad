import { loadZone, parseSchedule, validateTimeZone, wallClock, type CronSchedule } from '../cron';
import { dig, isRecord } from '../placement/affinity';
import { formatSeconds } from './duration';
import { simulateJob, type JobSimOptions, type JobTimeline } from './job';
import { specForTarget } from './target';
import { DEFAULT_MINOR } from '../versions';

export interface CronSimOptions extends JobSimOptions {
  /** Start of the window (the CronJob's creation). Default: now, at the start of the minute. */
  from?: Date;
  /** Length of the window in hours (default 3). */
  hours?: number;
  /** How long each Job runs; default: the simulated Job of the jobTemplate. */
  runDurationSeconds?: number;
  /** At most this many scheduled times are looked at (default 500). */
  maxRuns?: number;
}

export type CronRunStatus = 'started' | 'started-late' | 'skipped' | 'missed' | 'suspended';

export interface CronRun {
  /** The schedule time (ms since the epoch). */
  scheduledAt: number;
  /** The schedule time on the CronJob's clock (timeZone or TZ= zone), "YYYY-MM-DD HH:MM"; absent for UTC. */
  local?: string;
  status: CronRunStatus;
  jobName?: string;
  startedAt?: number;
  endedAt?: number;
  outcome?: 'Complete' | 'Failed' | 'Replaced' | 'Running';
  deletedAt?: number;
  deletedBy?: 'ttl' | 'history-limit' | 'replace';
  note?: string;
}

export interface CronEvent {
  at: number;
  kind: 'create' | 'skip' | 'miss' | 'finish' | 'delete' | 'warn';
  text: string;
}

export interface CronSettings {
  schedule: string;
  timeZone?: string;
  concurrencyPolicy: 'Allow' | 'Forbid' | 'Replace';
  startingDeadlineSeconds?: number;
  suspend: boolean;
  successfulJobsHistoryLimit: number;
  failedJobsHistoryLimit: number;
  jobDurationSeconds: number;
  jobDurationSource: string;
  jobOutcome: 'Complete' | 'Failed' | 'Running';
  ttlSecondsAfterFinished?: number;
}

export interface CronTimeline {
  cronJob: string;
  settings?: CronSettings;
  from: number;
  to: number;
  runs: CronRun[];
  events: CronEvent[];
  /** Jobs that still exist at the end of the window. */
  keptAtEnd: { active: string[]; succeeded: string[]; failed: string[] };
  maxConcurrent: number;
  /** One simulated Job of the template (the run every scheduled Job follows). */
  job?: JobTimeline;
  error?: string;
  warnings: string[];
  notes: string[];
}

/** The longest window simulated (the CLI's --hours limit): longer ones are cut, with a note. */
export const MAX_SIMULATED_HOURS = 24 * 31;

/** The controller acts 100 ms after a schedule time (nextScheduleDelta in cronjob_controllerv2.go). */
const CONTROLLER_DELAY_MS = 100;

interface LiveJob {
  run: CronRun;
  end: number;
  finishedSeen: boolean;
}

/**
 * The Jobs a CronJob creates over a window, as pkg/controller/cronjob (controller v2) decides:
 * each schedule time, unless suspended, creates a Job named <cronjob>-<minutes since epoch>;
 * Forbid skips a time while a Job is active — the skipped time is not recorded as scheduled, so
 * when the active Job finishes the most recent missed time starts late, unless
 * startingDeadlineSeconds has passed; Replace deletes the active Jobs first; Allow lets them
 * overlap. Finished Jobs beyond successfulJobsHistoryLimit (3) / failedJobsHistoryLimit (1) are
 * deleted oldest first; ttlSecondsAfterFinished deletes a Job that long after it finishes.
 * More than 100 missed times only raise a warning event (TooManyMissedTimes).
 */
export function simulateCronJob(name: string, spec: Record<string, unknown>, options: CronSimOptions = {}): CronTimeline {
  const warnings: string[] = [];
  const notes: string[] = [];
  const fromDate = options.from ?? new Date(Math.floor(Date.now() / 60000) * 60000);
  const from = fromDate.getTime();
  const asked = options.hours !== undefined && Number.isFinite(options.hours) && options.hours > 0 ? options.hours : 3;
  const hours = Math.min(asked, MAX_SIMULATED_HOURS);
  if (asked > MAX_SIMULATED_HOURS) notes.push(`the window is capped at ${MAX_SIMULATED_HOURS} h (31 days); ${asked} h were asked for`);
  let to = from + hours * 3600_000;
  const empty = (error: string): CronTimeline => ({ cronJob: name, from, to, runs: [], events: [], keptAtEnd: { active: [], succeeded: [], failed: [] }, maxConcurrent: 0, error, warnings, notes });
  // The CronJob as the target keeps it (and its Jobs as the target creates them).
  const target = specForTarget('CronJob', spec, options.kubernetesMinor ?? DEFAULT_MINOR);
  spec = target.spec;
  notes.push(...target.notes);
  warnings.push(...target.warnings);

  const scheduleText = typeof spec.schedule === 'string' ? spec.schedule : undefined;
  if (!scheduleText) return empty('spec.schedule is missing: the CronJob never runs');
  const parsed = parseSchedule(scheduleText);
  if (!parsed.ok) return empty(`the schedule "${scheduleText}" cannot be parsed (${parsed.error}): the API server rejects it`);
  const schedule: CronSchedule = parsed.schedule;
  const timeZone = typeof spec.timeZone === 'string' ? spec.timeZone : undefined;
  if (timeZone !== undefined && !parsed.schedule.scheduleZone) {
    const problem = validateTimeZone(timeZone);
    if (problem) return empty(`spec.timeZone "${timeZone}" is not usable (${problem}): no Job is created`);
  }
  const int = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : undefined);
  const policyRaw = spec.concurrencyPolicy;
  const concurrencyPolicy = policyRaw === 'Forbid' || policyRaw === 'Replace' ? policyRaw : 'Allow';
  if (policyRaw !== undefined && policyRaw !== concurrencyPolicy) warnings.push(`concurrencyPolicy ${JSON.stringify(policyRaw)} is not Allow, Forbid or Replace; simulated as Allow`);
  const startingDeadlineSeconds = int(spec.startingDeadlineSeconds);
  const jobSpec = dig(spec, ['jobTemplate', 'spec']);
  const job = isRecord(jobSpec) ? simulateJob(`${name}-<time>`, jobSpec, options) : undefined;
  const ttl = isRecord(jobSpec) ? int(jobSpec.ttlSecondsAfterFinished) : undefined;
  let duration: number;
  let jobOutcome: CronSettings['jobOutcome'];
  let durationSource: string;
  if (options.runDurationSeconds !== undefined) {
    duration = options.runDurationSeconds;
    jobOutcome = 'Complete';
    durationSource = 'set by you';
  } else if (job && job.finishedAt !== undefined && (job.outcome === 'Complete' || job.outcome === 'Failed')) {
    duration = job.finishedAt;
    jobOutcome = job.outcome;
    durationSource = `the simulated Job (${job.settings.podDurationSource})`;
  } else {
    duration = Infinity;
    jobOutcome = 'Running';
    durationSource = job ? `the simulated Job never finishes (${job.outcome})` : 'no jobTemplate.spec';
  }
  const settings: CronSettings = {
    schedule: scheduleText,
    timeZone: parsed.schedule.scheduleZone ?? timeZone,
    concurrencyPolicy,
    startingDeadlineSeconds,
    suspend: spec.suspend === true,
    successfulJobsHistoryLimit: int(spec.successfulJobsHistoryLimit) ?? 3,
    failedJobsHistoryLimit: int(spec.failedJobsHistoryLimit) ?? 1,
    jobDurationSeconds: duration,
    jobDurationSource: durationSource,
    jobOutcome,
    ttlSecondsAfterFinished: ttl,
  };
  if (startingDeadlineSeconds !== undefined && startingDeadlineSeconds * 1000 < CONTROLLER_DELAY_MS) notes.push('startingDeadlineSeconds 0: the controller looks about 100 ms after each schedule time, which is already too late — no Job starts');

  const zone = timeZone;
  const next = (afterMs: number) => schedule.next(new Date(afterMs), zone)?.getTime();
  const ticks: number[] = [];
  const maxRuns = options.maxRuns ?? 500;
  for (let t = next(from); t !== undefined && t <= to && ticks.length < maxRuns; t = next(t)) ticks.push(t);
  if (ticks.length === maxRuns) {
    // The window ends with its last simulated schedule time (an every-minute schedule over 31 days
    // would be 44,640 Jobs): the work and the answer stay bounded.
    const after = next(ticks[ticks.length - 1]);
    if (after !== undefined && after <= to) {
      to = ticks[ticks.length - 1];
      notes.push(`only the first ${maxRuns} schedule times are simulated: the window ends at ${new Date(to).toISOString()}`);
    }
  }
  if (ticks.length === 0) notes.push(`no schedule time falls in the window (${hours} h)`);

  const runs: CronRun[] = [];
  const events: CronEvent[] = [];
  const jobs: LiveJob[] = [];
  let lastSchedule: number | undefined;
  let maxConcurrent = 0;
  const say = (at: number, kind: CronEvent['kind'], text: string) => events.push({ at, kind, text });
  const jobName = (scheduled: number) => `${name}-${Math.floor(scheduled / 60000)}`;
  // Jobs not yet deleted; deleted ones leave this list so long windows stay linear.
  let alive: LiveJob[] = [];
  const prune = () => {
    if (alive.some((j) => j.run.deletedAt !== undefined)) alive = alive.filter((j) => j.run.deletedAt === undefined);
  };
  const active = () => alive.filter((j) => !j.finishedSeen);

  const unmet = (now: number): { most?: number; count: number } => {
    let earliest = lastSchedule ?? from;
    if (startingDeadlineSeconds !== undefined) earliest = Math.max(earliest, now - startingDeadlineSeconds * 1000);
    let most: number | undefined;
    let count = 0;
    for (let t = next(earliest); t !== undefined && t <= now && count < 10000; t = next(t)) {
      most = t;
      count++;
    }
    return { most, count };
  };

  const cleanup = (now: number) => {
    prune();
    const finished = alive.filter((j) => j.finishedSeen);
    for (const [outcome, limit, label] of [['Complete', settings.successfulJobsHistoryLimit, 'successfulJobsHistoryLimit'], ['Failed', settings.failedJobsHistoryLimit, 'failedJobsHistoryLimit']] as const) {
      const list = finished.filter((j) => j.run.outcome === outcome).sort((a, b) => a.run.startedAt! - b.run.startedAt!);
      for (let i = 0; i < list.length - limit; i++) {
        list[i].run.deletedAt = now;
        list[i].run.deletedBy = 'history-limit';
        say(now, 'delete', `${list[i].run.jobName} deleted (${label} ${limit})`);
      }
    }
    prune();
  };

  const sync = (now: number, tick?: number) => {
    const seenAt = now + (tick !== undefined ? CONTROLLER_DELAY_MS : 0);
    if (settings.suspend) {
      if (tick !== undefined) runs.push({ scheduledAt: tick, status: 'suspended', note: 'spec.suspend is true' });
      cleanup(now);
      return;
    }
    const { most, count } = unmet(seenAt);
    if (count > 100) say(now, 'warn', `TooManyMissedTimes: ${count} missed start times (set or decrease startingDeadlineSeconds)`);
    const recordFor = (scheduled: number) => runs.find((r) => r.scheduledAt === scheduled);
    if (most === undefined || most === lastSchedule) {
      cleanup(now);
      return;
    }
    if (startingDeadlineSeconds !== undefined && most + startingDeadlineSeconds * 1000 < seenAt) {
      const rec = recordFor(most);
      if (rec && rec.status === 'skipped') rec.status = 'missed';
      else if (!rec && tick !== undefined) runs.push({ scheduledAt: most, status: 'missed', note: `more than startingDeadlineSeconds ${startingDeadlineSeconds} late` });
      say(now, 'miss', `missed ${new Date(most).toISOString()}: more than startingDeadlineSeconds (${startingDeadlineSeconds}) late`);
      cleanup(now);
      return;
    }
    const running = active();
    if (concurrencyPolicy === 'Forbid' && running.length > 0) {
      if (tick !== undefined) {
        runs.push({ scheduledAt: tick, status: 'skipped', note: `Forbid: ${running.map((j) => j.run.jobName).join(', ')} still running` });
        say(now, 'skip', `skipped: ${running[0].run.jobName} is still running (concurrencyPolicy Forbid)`);
      }
      cleanup(now);
      return;
    }
    if (concurrencyPolicy === 'Replace') {
      for (const j of running) {
        j.run.outcome = 'Replaced';
        j.run.endedAt = now;
        j.run.deletedAt = now;
        j.run.deletedBy = 'replace';
        j.finishedSeen = true;
        say(now, 'delete', `${j.run.jobName} deleted with its pods (concurrencyPolicy Replace)`);
      }
    }
    const late = now > most;
    let rec = recordFor(most);
    if (!rec) {
      rec = { scheduledAt: most, status: 'started' };
      runs.push(rec);
    }
    rec.status = late ? 'started-late' : 'started';
    rec.jobName = jobName(most);
    rec.startedAt = now;
    rec.note = late ? `started ${formatSeconds((now - most) / 1000)} late, when the previous Job finished` : undefined;
    const end = now + duration * 1000;
    const live: LiveJob = { run: rec, end, finishedSeen: false };
    jobs.push(live);
    alive.push(live);
    lastSchedule = most;
    say(now, 'create', `${rec.jobName} created${late ? ' (late)' : ''}`);
    maxConcurrent = Math.max(maxConcurrent, active().length);
    cleanup(now);
  };

  // Walk the window: Job finishes and TTL deletions before schedule times at the same instant.
  let tickIndex = 0;
  for (let guard = 0; guard < 100000; guard++) {
    const nextTick = tickIndex < ticks.length ? ticks[tickIndex] : Infinity;
    let nextFinish = Infinity;
    let finishing: LiveJob | undefined;
    let nextTtl = Infinity;
    let expiring: LiveJob | undefined;
    prune();
    for (const j of alive) {
      if (!j.finishedSeen && j.end < nextFinish) {
        nextFinish = j.end;
        finishing = j;
      }
      if (ttl !== undefined && j.finishedSeen && j.run.endedAt !== undefined && j.run.endedAt + ttl * 1000 < nextTtl) {
        nextTtl = j.run.endedAt + ttl * 1000;
        expiring = j;
      }
    }
    const now = Math.min(nextTick, nextFinish, nextTtl);
    if (!Number.isFinite(now) || now > to) break;
    if (finishing && nextFinish === now) {
      finishing.finishedSeen = true;
      finishing.run.endedAt = now;
      finishing.run.outcome = jobOutcome === 'Failed' ? 'Failed' : 'Complete';
      say(now, 'finish', `${finishing.run.jobName} ${finishing.run.outcome === 'Failed' ? 'failed' : 'completed'}`);
      sync(now);
    } else if (expiring && nextTtl === now) {
      expiring.run.deletedAt = now;
      expiring.run.deletedBy = 'ttl';
      say(now, 'delete', `${expiring.run.jobName} deleted (ttlSecondsAfterFinished ${ttl})`);
    } else {
      tickIndex++;
      sync(now, now);
    }
  }
  for (const j of jobs) if (!j.finishedSeen && j.run.deletedAt === undefined) j.run.outcome = 'Running';
  runs.sort((a, b) => a.scheduledAt - b.scheduledAt);
  const zoneName = settings.timeZone;
  const wall = zoneName && zoneName !== 'UTC' ? loadZone(zoneName) : undefined;
  if (wall) {
    const two = (n: number) => String(n).padStart(2, '0');
    for (const r of runs) {
      const w = wallClock(wall, r.scheduledAt);
      r.local = `${w.year}-${two(w.month)}-${two(w.day)} ${two(w.hour)}:${two(w.minute)}`;
    }
  }
  events.sort((a, b) => a.at - b.at);
  const remaining = jobs.filter((j) => j.run.deletedAt === undefined);
  return {
    cronJob: name,
    settings,
    from,
    to,
    runs,
    events,
    keptAtEnd: {
      active: remaining.filter((j) => !j.finishedSeen).map((j) => j.run.jobName!),
      succeeded: remaining.filter((j) => j.finishedSeen && j.run.outcome === 'Complete').map((j) => j.run.jobName!),
      failed: remaining.filter((j) => j.finishedSeen && j.run.outcome === 'Failed').map((j) => j.run.jobName!),
    },
    maxConcurrent,
    job,
    warnings: [...warnings, ...(job?.warnings ?? [])],
    notes,
  };
}
