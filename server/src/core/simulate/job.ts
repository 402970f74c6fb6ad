import { dig, isRecord } from '../placement/affinity';
import { formatSeconds } from './duration';
import { specForTarget } from './target';
import { DEFAULT_MINOR } from '../versions';

/** pkg/controller/job: DefaultJobPodFailureBackOff and MaxJobPodFailureBackOff. */
export const POD_FAILURE_BACKOFF_SECONDS = 10;
export const MAX_POD_FAILURE_BACKOFF_SECONDS = 600;
/**
 * The kubelet's container restart back-off (restartPolicy OnFailure, flowcontrol.Backoff in
 * kuberuntime doBackOff): the first restart is immediate, then 10 s doubling, capped at 5 minutes.
 */
export const CONTAINER_RESTART_BACKOFF_SECONDS = 10;
export const MAX_CONTAINER_RESTART_BACKOFF_SECONDS = 300;
const MAX_INT32 = 2147483647;
/** batch.JobControllerName: the managedBy value of Jobs the built-in controller runs. */
export const JOB_CONTROLLER_NAME = 'kubernetes.io/job-controller';

export interface JobSimOptions {
  /** Target Kubernetes minor (core/versions); fields dropped there do not take effect. Default DEFAULT_MINOR. */
  kubernetesMinor?: number;
  /** How long one pod (one container run) takes. Default: the `sleep N` in the command, else 10 s. */
  podDurationSeconds?: number;
  /** Share of pod runs that fail, 0..1 (deterministic pattern, see failsAt). Default 0. */
  failureRate?: number;
  /** Stop simulating after this many seconds (default one day). */
  horizonSeconds?: number;
  /** Pods cannot be scheduled anywhere: they stay Pending. */
  unschedulable?: boolean;
  /** Stop after creating this many pods (default 1000). */
  maxPods?: number;
}

export type SimPodPhase = 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Deleted';

export interface SimPod {
  name: string;
  /** Completion index for Indexed Jobs. */
  index?: number;
  createdAt: number;
  /** When the pod stopped (succeeded, failed or was deleted); undefined while it runs. */
  endedAt?: number;
  phase: SimPodPhase;
  /** restartPolicy OnFailure: the times the kubelet restarted the failed container in place. */
  restarts: number[];
  /** Container runs that failed inside this pod (OnFailure) — their end times. */
  failedRuns: number[];
  /** When the pod object was removed (with the Job, by TTL or by the controller). */
  deletedAt?: number;
}

export interface SimEvent {
  at: number;
  text: string;
  kind: 'job' | 'pod' | 'backoff' | 'finish' | 'delete' | 'note';
}

export interface JobSettings {
  completions: number | null;
  parallelism: number;
  completionMode: 'NonIndexed' | 'Indexed';
  backoffLimit: number;
  backoffLimitPerIndex?: number;
  maxFailedIndexes?: number;
  activeDeadlineSeconds?: number;
  ttlSecondsAfterFinished?: number;
  restartPolicy: string;
  suspend: boolean;
  podDurationSeconds: number;
  podDurationSource: string;
  failureRate: number;
}

export interface JobTimeline {
  job: string;
  settings: JobSettings;
  pods: SimPod[];
  events: SimEvent[];
  outcome: 'Complete' | 'Failed' | 'Running' | 'Suspended' | 'Stuck';
  reason?: string;
  finishedAt?: number;
  deletedAt?: number;
  succeeded: number;
  failed: number;
  /** The end of the time axis (seconds from the Job's creation). */
  end: number;
  truncated: boolean;
  notes: string[];
  warnings: string[];
}

/**
 * Deterministic failures: run n (1-based, in start order) fails when ceil(n·rate) grows at n, so
 * failures come first and then spread evenly — rate 0.2 fails runs 1, 6, 11…; 0.5 fails 1, 3, 5…
 */
export function failsAt(n: number, rate: number): boolean {
  if (rate <= 0) return false;
  if (rate >= 1) return true;
  const eps = 1e-9;
  return Math.ceil(n * rate - eps) > Math.ceil((n - 1) * rate - eps);
}

/** Back-off before the Job controller creates pods again after `failures` failures in a row. */
export function podFailureBackoff(failures: number): number {
  if (failures <= 0) return 0;
  let d = POD_FAILURE_BACKOFF_SECONDS;
  for (let i = 1; i < failures; i++) {
    d *= 2;
    if (d >= MAX_POD_FAILURE_BACKOFF_SECONDS) return MAX_POD_FAILURE_BACKOFF_SECONDS;
  }
  return d;
}

function containerRestartBackoff(restart: number): number {
  if (restart <= 1) return 0;
  return Math.min(CONTAINER_RESTART_BACKOFF_SECONDS * 2 ** (restart - 2), MAX_CONTAINER_RESTART_BACKOFF_SECONDS);
}

function intField(spec: Record<string, unknown>, key: string, warnings: string[]): number | undefined {
  const v = spec[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0) return v;
  warnings.push(`spec.${key} ${JSON.stringify(v)} is not a non-negative integer; ignored`);
  return undefined;
}

/** Guesses how long a pod runs from `sleep N` in its command or args. */
export function guessPodDuration(podSpec: unknown): { seconds: number; source: string } {
  const containers = isRecord(podSpec) && Array.isArray(podSpec.containers) ? podSpec.containers : [];
  let best: { seconds: number; source: string } | undefined;
  for (const c of containers) {
    if (!isRecord(c)) continue;
    const words = [...(Array.isArray(c.command) ? c.command : []), ...(Array.isArray(c.args) ? c.args : [])].map(String).join(' ');
    if (/\bwhile\s+true\b|\bsleep\s+infinity\b/.test(words)) continue;
    const re = /\bsleep\s+(\d+(?:\.\d+)?)([smhd]?)\b/g;
    let m: RegExpExecArray | null;
    let total = 0;
    while ((m = re.exec(words))) total += Number(m[1]) * ({ '': 1, s: 1, m: 60, h: 3600, d: 86400 } as Record<string, number>)[m[2]];
    if (total > 0 && (!best || total > best.seconds)) best = { seconds: total, source: `the container command (sleep ${formatSeconds(total)})` };
  }
  return best ?? { seconds: 10, source: 'default (no sleep in the command)' };
}

export function readJobSettings(jobSpec: Record<string, unknown>, options: JobSimOptions, warnings: string[]): JobSettings {
  const podSpec = dig(jobSpec, ['template', 'spec']);
  const guess = guessPodDuration(podSpec);
  const rawCompletions = intField(jobSpec, 'completions', warnings);
  const rawParallelism = intField(jobSpec, 'parallelism', warnings);
  const completionMode = jobSpec.completionMode === 'Indexed' ? 'Indexed' : 'NonIndexed';
  const backoffLimitPerIndex = intField(jobSpec, 'backoffLimitPerIndex', warnings);
  let completions: number | null = rawCompletions ?? null;
  if (rawCompletions === undefined && rawParallelism === undefined) completions = 1;
  if (completionMode === 'Indexed' && completions === null) {
    warnings.push('an Indexed Job needs spec.completions; simulated with 1');
    completions = 1;
  }
  const restartPolicy = typeof dig(podSpec, ['restartPolicy']) === 'string' ? (dig(podSpec, ['restartPolicy']) as string) : 'Never';
  const rate = options.failureRate ?? 0;
  return {
    completions,
    parallelism: rawParallelism ?? 1,
    completionMode,
    backoffLimit: intField(jobSpec, 'backoffLimit', warnings) ?? (backoffLimitPerIndex !== undefined ? MAX_INT32 : 6),
    backoffLimitPerIndex,
    maxFailedIndexes: intField(jobSpec, 'maxFailedIndexes', warnings),
    activeDeadlineSeconds: intField(jobSpec, 'activeDeadlineSeconds', warnings),
    ttlSecondsAfterFinished: intField(jobSpec, 'ttlSecondsAfterFinished', warnings),
    restartPolicy,
    suspend: jobSpec.suspend === true,
    podDurationSeconds: options.podDurationSeconds ?? guess.seconds,
    podDurationSource: options.podDurationSeconds !== undefined ? 'set by you' : guess.source,
    failureRate: Math.max(0, Math.min(1, Number.isFinite(rate) ? rate : 0)),
  };
}

interface LivePod {
  pod: SimPod;
  runEnd: number;
  willFail: boolean;
  restartAt?: number;
}

/**
 * A Job's pods over time, following pkg/controller/job: it keeps min(parallelism, completions left)
 * pods active; a failed pod (restartPolicy Never) counts against backoffLimit and its replacement
 * waits 10 s · 2^(failures in a row − 1), at most 10 min, counted from the last failure and reset by
 * a success; the Job fails when failures exceed backoffLimit (OnFailure: when container restarts
 * reach it) or when activeDeadlineSeconds passes, deleting its running pods; it completes when enough
 * pods succeeded (Indexed: every index) and none is active; ttlSecondsAfterFinished later it is
 * deleted with its pods. Times are seconds from the Job's creation; pods start the moment they are
 * created (no image pull or scheduling delay).
 */
export function simulateJob(jobName: string, jobSpec: Record<string, unknown>, options: JobSimOptions = {}): JobTimeline {
  const warnings: string[] = [];
  const notes: string[] = [];
  // The Job as the target's API server stores it: fields dropped there have no effect.
  const target = specForTarget('Job', jobSpec, options.kubernetesMinor ?? DEFAULT_MINOR);
  jobSpec = target.spec;
  notes.push(...target.notes);
  warnings.push(...target.warnings);
  const s = readJobSettings(jobSpec, options, warnings);
  if (jobSpec.podFailurePolicy !== undefined) notes.push('spec.podFailurePolicy is not simulated: every failure counts against backoffLimit');
  if (jobSpec.successPolicy !== undefined) notes.push('spec.successPolicy is not simulated: the Job completes when every index succeeded');
  if (s.restartPolicy === 'OnFailure') notes.push('restartPolicy OnFailure: failed containers restart inside the same pod (the kubelet restarts at once, then after 10 s, 20 s, … up to 5 min); the Job fails when the restarts reach backoffLimit');
  const horizon = options.horizonSeconds ?? 86400;
  const maxPods = options.maxPods ?? 1000;
  const D = Math.max(0, s.podDurationSeconds);
  const events: SimEvent[] = [];
  const pods: SimPod[] = [];
  const live: LivePod[] = [];
  const say = (at: number, kind: SimEvent['kind'], text: string) => events.push({ at, kind, text });

  const timeline = (outcome: JobTimeline['outcome'], end: number, extra: Partial<JobTimeline> = {}): JobTimeline => ({
    job: jobName, settings: s, pods, events, outcome, end, truncated: false, notes, warnings, succeeded: 0, failed: 0, ...extra,
  });

  say(0, 'job', `Job ${jobName} created`);
  // mirrors job_controller managedByExternalController: another controller owns the Job.
  if (typeof jobSpec.managedBy === 'string' && jobSpec.managedBy !== JOB_CONTROLLER_NAME) {
    say(0, 'note', `spec.managedBy is ${jobSpec.managedBy}: the built-in Job controller leaves this Job to that controller and creates no pods`);
    return timeline('Stuck', 60);
  }
  if (s.suspend) {
    say(0, 'note', 'spec.suspend is true: no pods are created until it is set to false');
    return timeline('Suspended', 60);
  }
  if (s.parallelism === 0) {
    say(0, 'note', 'spec.parallelism is 0: no pods are created');
    return timeline('Stuck', 60);
  }

  let attempt = 0;
  let podSeq = 0;
  let succeeded = 0;
  let failed = 0;
  const succeededIdx = new Set<number>();
  const idxFailures = new Map<number, number>();
  const idxLastFailure = new Map<number, number>();
  const failedIdx = new Set<number>();
  let failsInRow = 0;
  let lastFailure = 0;
  let wakeAt: number | undefined;
  let finished: { at: number; type: 'Complete' | 'Failed'; reason: string } | undefined;
  let truncated = false;
  const perIndex = s.backoffLimitPerIndex !== undefined && s.completionMode === 'Indexed';
  const deadlineAt = s.activeDeadlineSeconds !== undefined ? s.activeDeadlineSeconds : undefined;

  const startRun = (lp: LivePod, at: number) => {
    attempt++;
    lp.willFail = failsAt(attempt, s.failureRate);
    lp.runEnd = options.unschedulable ? Infinity : at + D;
    lp.pod.phase = options.unschedulable ? 'Pending' : 'Running';
  };
  const createPod = (at: number, index?: number) => {
    podSeq++;
    const pod: SimPod = { name: index === undefined ? `${jobName}-${podSeq}` : `${jobName}-${index}-${podSeq}`, index, createdAt: at, phase: 'Running', restarts: [], failedRuns: [] };
    pods.push(pod);
    const lp: LivePod = { pod, runEnd: at, willFail: false };
    startRun(lp, at);
    live.push(lp);
    return pod;
  };

  let t = 0;
  for (let guard = 0; guard < 100000; guard++) {
    // 1. What happened at time t.
    let newSucceeded = 0;
    let newFailed = 0;
    for (const lp of [...live]) {
      const drop = () => live.splice(live.indexOf(lp), 1);
      if (lp.restartAt === t) {
        lp.restartAt = undefined;
        lp.pod.restarts.push(t);
        startRun(lp, t);
        say(t, 'pod', `container of ${lp.pod.name} restarted (restart ${lp.pod.restarts.length})`);
        continue;
      }
      if (lp.runEnd !== t) continue;
      if (!lp.willFail) {
        lp.pod.phase = 'Succeeded';
        lp.pod.endedAt = t;
        drop();
        newSucceeded++;
        if (lp.pod.index !== undefined) succeededIdx.add(lp.pod.index);
        say(t, 'pod', `pod ${lp.pod.name} succeeded`);
      } else if (s.restartPolicy === 'OnFailure') {
        lp.pod.failedRuns.push(t);
        lp.runEnd = Infinity;
        lp.restartAt = t + containerRestartBackoff(lp.pod.restarts.length + 1);
        say(t, 'pod', `container of ${lp.pod.name} failed; the kubelet restarts it ${lp.restartAt === t ? 'at once' : `in ${formatSeconds(lp.restartAt - t)}`}`);
      } else {
        lp.pod.phase = 'Failed';
        lp.pod.endedAt = t;
        drop();
        newFailed++;
        if (lp.pod.index !== undefined) {
          idxFailures.set(lp.pod.index, (idxFailures.get(lp.pod.index) ?? 0) + 1);
          idxLastFailure.set(lp.pod.index, t);
          if (perIndex && idxFailures.get(lp.pod.index)! > s.backoffLimitPerIndex!) failedIdx.add(lp.pod.index);
        }
        say(t, 'pod', `pod ${lp.pod.name} failed`);
      }
    }
    succeeded = s.completionMode === 'Indexed' ? succeededIdx.size : succeeded + newSucceeded;
    failed += newFailed;
    if (newSucceeded > 0) failsInRow = 0;
    else if (newFailed > 0) {
      failsInRow += newFailed;
      lastFailure = t;
    }

    // 2. The Job controller's sync.
    const restarts = live.reduce((n, lp) => n + lp.pod.restarts.length, 0);
    const pastOnFailureLimit = s.restartPolicy === 'OnFailure' && (s.backoffLimit === 0 ? restarts > 0 : restarts >= s.backoffLimit);
    if (failed > s.backoffLimit || pastOnFailureLimit) finished = { at: t, type: 'Failed', reason: `BackoffLimitExceeded: ${s.restartPolicy === 'OnFailure' ? `${restarts} container restart(s)` : `${failed} failed pod(s)`}, backoffLimit ${s.backoffLimit}` };
    else if (deadlineAt !== undefined && t >= deadlineAt) finished = { at: t, type: 'Failed', reason: `DeadlineExceeded: active for ${formatSeconds(t)}, activeDeadlineSeconds ${s.activeDeadlineSeconds}` };
    else if (perIndex && s.maxFailedIndexes !== undefined && failedIdx.size > s.maxFailedIndexes) finished = { at: t, type: 'Failed', reason: `MaxFailedIndexesExceeded: ${failedIdx.size} failed index(es), maxFailedIndexes ${s.maxFailedIndexes}` };
    else if (perIndex && failedIdx.size > 0 && failedIdx.size + succeededIdx.size >= (s.completions ?? 1) && live.length === 0) finished = { at: t, type: 'Failed', reason: `FailedIndexes: index(es) ${[...failedIdx].sort((a, b) => a - b).join(',')} failed` };

    if (finished) {
      say(t, 'finish', `Job failed (${finished.reason})`);
      for (const lp of live) {
        lp.pod.phase = 'Deleted';
        lp.pod.endedAt = t;
        lp.pod.deletedAt = t;
      }
      // mirrors job_controller syncJob: the interim FailureTarget condition comes at once; Failed only when the deleted pods have terminated.
      if (live.length) say(t, 'delete', `${live.length} running pod(s) deleted (the Job gets FailureTarget now and Failed once they have terminated, within their terminationGracePeriodSeconds, default 30 s)`);
      // mirrors job_controller trackJobStatusAndRemoveFinalizers: "When the job is considered finished,
      // every non-terminated pod is considered failed" — status.failed counts the deleted pods.
      failed += live.length;
      live.length = 0;
      break;
    }

    wakeAt = undefined;
    const active = live.length;
    let want: number;
    if (s.completions === null) want = succeeded > 0 ? active : s.parallelism;
    else want = Math.max(0, Math.min(s.completions - succeeded - (perIndex ? failedIdx.size : 0), s.parallelism));
    const diff = want - active;
    if (diff > 0 && !truncated) {
      const remaining = perIndex ? 0 : failsInRow > 0 ? Math.max(0, podFailureBackoff(failsInRow) - (t - lastFailure)) : 0;
      if (remaining > 0) {
        wakeAt = t + remaining;
        say(t, 'backoff', `back-off: next pod in ${formatSeconds(remaining)} (${failsInRow} failure${failsInRow === 1 ? '' : 's'} in a row)`);
      } else {
        const created: string[] = [];
        if (s.completionMode === 'Indexed') {
          const busy = new Set(live.map((lp) => lp.pod.index));
          let soonest: number | undefined;
          for (let ix = 0; ix < (s.completions ?? 1) && created.length < diff; ix++) {
            if (succeededIdx.has(ix) || busy.has(ix) || failedIdx.has(ix)) continue;
            if (perIndex && idxFailures.has(ix)) {
              const left = podFailureBackoff(idxFailures.get(ix)!) - (t - idxLastFailure.get(ix)!);
              if (left > 0) {
                soonest = soonest === undefined ? t + left : Math.min(soonest, t + left);
                continue;
              }
            }
            created.push(createPod(t, ix).name);
          }
          if (created.length === 0 && soonest !== undefined) {
            wakeAt = soonest;
            say(t, 'backoff', `per-index back-off: next pod in ${formatSeconds(soonest - t)}`);
          }
        } else for (let i = 0; i < diff; i++) created.push(createPod(t).name);
        if (created.length) say(t, 'pod', `${created.length} pod${created.length === 1 ? '' : 's'} created: ${created.join(', ')}${options.unschedulable ? ' (no node fits: they stay Pending)' : ''}`);
        if (pods.length >= maxPods) {
          truncated = true;
          say(t, 'note', `stopped creating pods after ${maxPods}`);
        }
      }
    }
    const complete = s.completions === null ? succeeded > 0 && live.length === 0 : succeeded >= s.completions && live.length === 0;
    if (complete) {
      finished = { at: t, type: 'Complete', reason: `${succeeded} pod${succeeded === 1 ? '' : 's'} succeeded${failed ? `, ${failed} failed` : ''}` };
      say(t, 'finish', `Job complete (${finished.reason})`);
      break;
    }

    // 3. The next moment something happens.
    let next = Infinity;
    for (const lp of live) next = Math.min(next, lp.runEnd, lp.restartAt ?? Infinity);
    if (wakeAt !== undefined) next = Math.min(next, wakeAt);
    if (deadlineAt !== undefined && deadlineAt > t) next = Math.min(next, deadlineAt);
    if (!Number.isFinite(next) || next > horizon) {
      t = Math.min(horizon, Number.isFinite(next) ? next : horizon);
      break;
    }
    t = next;
  }

  const base = { succeeded, failed, truncated };
  if (!finished) {
    // Waiting out a back-off is not stuck: the controller creates pods again when it ends.
    const stuck = options.unschedulable || (live.length === 0 && wakeAt === undefined);
    say(t, 'note', stuck ? 'nothing more happens: the pods cannot run' : `still running after ${formatSeconds(horizon)}`);
    return timeline(stuck ? 'Stuck' : 'Running', Math.max(t, 1), base);
  }
  let deletedAt: number | undefined;
  if (s.ttlSecondsAfterFinished !== undefined) {
    deletedAt = finished.at + s.ttlSecondsAfterFinished;
    for (const p of pods) if (p.deletedAt === undefined) p.deletedAt = deletedAt;
    say(deletedAt, 'delete', `Job and its pods deleted (ttlSecondsAfterFinished ${s.ttlSecondsAfterFinished})`);
  } else notes.push('no ttlSecondsAfterFinished: the finished Job and its pods stay until someone deletes them');
  const end = Math.max(deletedAt ?? finished.at, 1);
  return timeline(finished.type, end, { ...base, finishedAt: finished.at, deletedAt, reason: finished.reason });
}
