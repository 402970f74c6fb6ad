import type { Pair } from 'yaml';
import { isScalar } from '../model/yamlNodes';
import type { ParsedDoc } from '../model/workloadFile';
import { deref, nodeAtPath, nodeRange, pairKeyRange } from '../model/path';
import type { CronPolicyInput } from './preview';

/** The fields of a CronJob that decide when its Jobs run, read from one YAML document. */
export interface CronJobTiming {
  /** spec.schedule when it is a string. */
  schedule?: string;
  /** spec.timeZone when it is a string (undefined when absent or null). */
  timeZone?: string;
  policy: CronPolicyInput;
  /** Document-relative range of the `schedule` key (where the code lens goes), if present. */
  scheduleKeyRange?: [number, number];
  scheduleValueRange?: [number, number];
  timeZoneValueRange?: [number, number];
}

function scalarAt(doc: ParsedDoc, field: string): { value: unknown; pair: Pair; valueRange?: [number, number] } | undefined {
  const hit = nodeAtPath(doc, ['spec', field]);
  if (!hit?.pair) return undefined;
  const node = deref(doc.yaml, hit.node);
  return { value: isScalar(node) ? node.value : undefined, pair: hit.pair, valueRange: nodeRange(hit.node) };
}

export function cronJobTiming(doc: ParsedDoc): CronJobTiming {
  const key = 'cron:timing';
  const cached = doc.memo.get(key) as CronJobTiming | undefined;
  if (cached) return cached;
  const schedule = scalarAt(doc, 'schedule');
  const timeZone = scalarAt(doc, 'timeZone');
  const policy: CronPolicyInput = {};
  const str = (f: string) => {
    const v = scalarAt(doc, f)?.value;
    return typeof v === 'string' ? v : undefined;
  };
  const num = (f: string) => {
    const v = scalarAt(doc, f)?.value;
    return typeof v === 'number' && Number.isInteger(v) ? v : undefined;
  };
  const cp = str('concurrencyPolicy');
  if (cp !== undefined) policy.concurrencyPolicy = cp;
  const deadline = num('startingDeadlineSeconds');
  if (deadline !== undefined) policy.startingDeadlineSeconds = deadline;
  const suspend = scalarAt(doc, 'suspend')?.value;
  if (typeof suspend === 'boolean') policy.suspend = suspend;
  const ok = num('successfulJobsHistoryLimit');
  if (ok !== undefined) policy.successfulJobsHistoryLimit = ok;
  const failed = num('failedJobsHistoryLimit');
  if (failed !== undefined) policy.failedJobsHistoryLimit = failed;
  const timing: CronJobTiming = {
    ...(typeof schedule?.value === 'string' ? { schedule: schedule.value } : {}),
    ...(typeof timeZone?.value === 'string' ? { timeZone: timeZone.value } : {}),
    policy,
    ...(schedule ? { scheduleKeyRange: pairKeyRange(schedule.pair), scheduleValueRange: schedule.valueRange } : {}),
    ...(timeZone?.valueRange ? { timeZoneValueRange: timeZone.valueRange } : {}),
  };
  doc.memo.set(key, timing);
  return timing;
}
