import { asServedBy, type TargetChange } from '../placement/target';
import { isRecord } from '../placement/affinity';
import { formatMinor } from '../versions';

const MAX_INT32 = 2147483647;

/** What a dropped field means for the run, by the field's last name. */
const CONSEQUENCES: Record<string, string> = {
  backoffLimitPerIndex: 'failures count against backoffLimit for the whole Job, not per index',
  maxFailedIndexes: 'no limit on failed indexes',
  podReplacementPolicy: 'replacement pods are created as soon as a pod starts terminating (TerminatingOrFailed)',
  successPolicy: 'the Job completes only when every index succeeds',
  managedBy: 'the built-in Job controller runs the Job',
  restartPolicy: 'the sidecar becomes a plain init container, so the other containers start only after it exits (one that never exits keeps the pod in Init)',
  resources: 'the pod-level requests are gone: the containers\' own requests count',
};

function explain(change: TargetChange): string {
  const name = /([A-Za-z]+)(\[[^\]]*\])?$/.exec(change.path)?.[1] ?? '';
  const consequence = change.status === 'dropped' ? CONSEQUENCES[name] : undefined;
  return consequence ? `${change.text}: ${consequence}` : change.text;
}

/** A Job's or CronJob's spec as the target keeps it, and what that changes in words. */
export interface SpecForTarget {
  spec: Record<string, unknown>;
  /** Dropped fields and their consequences for the simulation. */
  notes: string[];
  /** Fields the target does not know: it would reject the object (the simulation goes on without them). */
  warnings: string[];
}

/**
 * The spec a Job (or a CronJob's Jobs) has on a `minor` API server: fields whose gate is off there
 * are gone (batch/job strategy PrepareForCreate). Defaulting runs before that drop
 * (SetDefaults_Job): a Job with backoffLimitPerIndex and no backoffLimit gets backoffLimit
 * 2147483647 even when backoffLimitPerIndex is then dropped.
 */
export function specForTarget(kind: 'Job' | 'CronJob', spec: Record<string, unknown>, minor: number): SpecForTarget {
  const view = asServedBy(kind === 'Job' ? 'JobSpec' : 'CronJobSpec', spec, minor, 'spec');
  const notes: string[] = [];
  const warnings: string[] = [];
  for (const change of view.changes) (change.status === 'dropped' ? notes : warnings).push(explain(change));
  let served = view.value;
  const jobPath = kind === 'Job' ? 'spec' : 'spec.jobTemplate.spec';
  const jobSpec = kind === 'Job' ? spec : isRecord(spec.jobTemplate) && isRecord(spec.jobTemplate.spec) ? spec.jobTemplate.spec : undefined;
  const droppedPerIndex = view.changes.some((c) => c.status === 'dropped' && c.path === `${jobPath}.backoffLimitPerIndex`);
  if (jobSpec && droppedPerIndex && jobSpec.backoffLimit === undefined) {
    served = withJobSpec(kind, served, { backoffLimit: MAX_INT32 });
    notes.push(`${jobPath}.backoffLimit is defaulted to ${MAX_INT32} before backoffLimitPerIndex is dropped (defaulting sees backoffLimitPerIndex): on ${formatMinor(minor)} the Job retries failed pods almost without limit`);
  }
  return { spec: served, notes, warnings };
}

function withJobSpec(kind: 'Job' | 'CronJob', spec: Record<string, unknown>, extra: Record<string, unknown>): Record<string, unknown> {
  if (kind === 'Job') return { ...spec, ...extra };
  const jobTemplate = spec.jobTemplate as Record<string, unknown>;
  return { ...spec, jobTemplate: { ...jobTemplate, spec: { ...(jobTemplate.spec as Record<string, unknown>), ...extra } } };
}
