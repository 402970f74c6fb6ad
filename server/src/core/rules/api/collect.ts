import type { PathSeg } from '../../model/path';
import { DEFAULT_MINOR } from '../../versions';
import type { CoreFix } from '../../diagnostics';
import type { BadValue, ErrorType, FieldError, FixHint } from './errors';

/** Rule ids of the API checks, one per area. */
export const API = {
  metadata: 'api-metadata',
  selector: 'api-selector',
  restartPolicy: 'api-restart-policy',
  job: 'api-job-spec',
  cronJob: 'api-cronjob-spec',
  daemonSet: 'api-daemonset-spec',
  podSpec: 'api-pod-spec',
  containers: 'api-containers',
  resources: 'api-resources',
  volumes: 'api-volumes',
  tolerations: 'api-tolerations',
} as const;
export type ApiRuleId = (typeof API)[keyof typeof API];

/** Collects errors for one rule area. */
export class Errors {
  readonly list: FieldError[] = [];
  /** Errors the API server would report that another rule (the schema's missing-required-field) already shows. */
  hidden = 0;

  /** Target Kubernetes minor: validation that differs by version asks gateEnabled(gate, errs.minor). */
  constructor(readonly minor: number = DEFAULT_MINOR) {}

  add(rule: ApiRuleId, type: ErrorType, segs: PathSeg[], opts: { value?: BadValue; detail?: string; at?: { segs: PathSeg[]; key?: boolean }; fixes?: CoreFix[]; fix?: FixHint } = {}): void {
    this.list.push({ rule, type, segs, ...opts });
  }
  required(rule: ApiRuleId, segs: PathSeg[], detail = '', at?: { segs: PathSeg[]; key?: boolean }): void {
    this.add(rule, 'Required', segs, { detail, ...(at ? { at } : {}) });
  }
  invalid(rule: ApiRuleId, segs: PathSeg[], value: BadValue, detail: string, at?: { segs: PathSeg[]; key?: boolean }): void {
    this.add(rule, 'Invalid', segs, { value, detail, ...(at ? { at } : {}) });
  }
  nonNegative(rule: ApiRuleId, segs: PathSeg[], value: number | undefined): void {
    if (value !== undefined && value < 0) this.invalid(rule, segs, value, 'must be greater than or equal to 0');
  }
}
