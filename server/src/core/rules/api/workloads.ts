import type { PathSeg } from '../../model/path';
import type { WorkloadKind } from '../../model/workloadFile';
import { API, Errors } from './collect';
import { goStringMap, supportedValues } from './errors';
import { goSelector, selectorIsEmpty, selectorMatches, validateAnnotations, validateLabelSelector, validateLabels, validateObjectMeta } from './meta';
import { isQualifiedName } from './names';
import { effectiveRestartPolicy, validatePodTemplateSpec } from './pod';
import { arr, bool, has, int, isObj, obj, str, stringMap, type Plain, type PlainMap } from './value';

/** Everything API-server validation rejects when the object is created, for one manifest. */
export function validateWorkload(kind: WorkloadKind, root: Plain): Errors {
  const errs = new Errors();
  if (!isObj(root)) return errs;
  validateObjectMeta(errs, root);
  const spec = obj(root, 'spec');
  if (kind === 'DaemonSet') validateDaemonSet(errs, spec);
  else if (kind === 'Job') validateJob(errs, root, spec);
  else validateCronJob(errs, root, spec);
  return errs;
}

/** A selector mismatch, with the labels a fix would copy into the template. */
function selectorMismatch(errs: Errors, selector: Plain | undefined, template: PlainMap | undefined, segs: PathSeg[]): void {
  const labels = stringMap(obj(template, 'metadata'), 'labels') ?? {};
  if (selectorMatches(selector, labels)) return;
  const wanted = stringMap(selector, 'matchLabels');
  const simple = isObj(selector) && wanted && Object.keys(wanted).length > 0 && !(Array.isArray(selector.matchExpressions) && selector.matchExpressions.length);
  const labelsSegs = [...segs, 'template', 'metadata', 'labels'];
  errs.add(API.selector, 'Invalid', labelsSegs, {
    value: goStringMap(has(obj(template, 'metadata'), 'labels') ? labels : undefined),
    detail: '`selector` does not match template `labels`',
    at: { segs: has(obj(template, 'metadata'), 'labels') ? labelsSegs : [...segs, 'template'], key: true },
    ...(simple ? { fix: { kind: 'copyLabels' as const, template: [...segs, 'template'], labels: wanted } } : {}),
  });
}

function validateDaemonSet(errs: Errors, spec: PlainMap | undefined): void {
  if (!spec) return;
  const segs: PathSeg[] = ['spec'];
  const selector = spec.selector;
  validateLabelSelector(errs, selector, [...segs, 'selector']);
  const template = obj(spec, 'template');
  if (isObj(selector) && selectorIsEmpty(selector)) errs.invalid(API.selector, [...segs, 'selector'], goSelector(selector), 'empty selector is invalid for daemonset');
  else if (template) selectorMismatch(errs, selector, template, segs);
  errs.nonNegative(API.daemonSet, [...segs, 'minReadySeconds'], int(spec, 'minReadySeconds'));
  errs.nonNegative(API.daemonSet, [...segs, 'revisionHistoryLimit'], int(spec, 'revisionHistoryLimit'));
  errs.nonNegative(API.daemonSet, [...segs, 'templateGeneration'], int(spec, 'templateGeneration'));
  if (template) {
    validatePodTemplateSpec(errs, template, [...segs, 'template']);
    const podSpec = obj(template, 'spec');
    if (podSpec) {
      const policy = effectiveRestartPolicy(podSpec);
      if (policy !== 'Always' && ['OnFailure', 'Never'].includes(policy)) {
        errs.add(API.restartPolicy, 'NotSupported', [...segs, 'template', 'spec', 'restartPolicy'], { value: policy, detail: supportedValues(['Always']), fix: { kind: 'restartPolicy', podSpec: [...segs, 'template', 'spec'], values: ['Always'] } });
      }
      const deadline = int(podSpec, 'activeDeadlineSeconds');
      if (deadline !== undefined) errs.invalid(API.daemonSet, [...segs, 'template', 'spec', 'activeDeadlineSeconds'], deadline, 'activeDeadlineSeconds in DaemonSet is not Supported');
    }
  }
  validateUpdateStrategy(errs, obj(spec, 'updateStrategy'), [...segs, 'updateStrategy']);
}

/** int-or-string after decoding: a number, a string, or nothing. */
function intOrString(v: Plain | undefined): number | string | undefined {
  return typeof v === 'number' || typeof v === 'string' ? v : undefined;
}

/** ValidateDaemonSetUpdateStrategy with apps/v1 defaults applied (type RollingUpdate, maxUnavailable 1, maxSurge 0). */
function validateUpdateStrategy(errs: Errors, strategy: PlainMap | undefined, segs: PathSeg[]): void {
  const type = str(strategy, 'type') || 'RollingUpdate';
  if (type !== 'RollingUpdate') return; // OnDelete takes no parameters; other values are the schema rules' finding
  const ru = obj(strategy, 'rollingUpdate');
  const ruSegs = [...segs, 'rollingUpdate'];
  const maxUnavailable = intOrString(ru?.maxUnavailable) ?? 1;
  const maxSurge = intOrString(ru?.maxSurge) ?? 0;
  const check = (field: string, v: number | string): number => {
    const at = [...ruSegs, field];
    if (typeof v === 'string') {
      const m = /^([0-9]+)%$/.exec(v);
      if (!m) {
        errs.invalid(API.daemonSet, at, v, "must be an integer or percentage (e.g '5%')");
        return 0;
      }
      const pct = Number(m[1]);
      if (pct > 100) errs.invalid(API.daemonSet, at, v, 'must not be greater than 100%');
      return pct;
    }
    if (v < 0) errs.invalid(API.daemonSet, at, v, 'must be greater than or equal to 0');
    return v;
  };
  const unavailable = check('maxUnavailable', maxUnavailable) !== 0;
  const surge = check('maxSurge', maxSurge) !== 0;
  if (unavailable && surge) {
    errs.invalid(API.daemonSet, [...ruSegs, 'maxSurge'], maxSurge, has(ru, 'maxUnavailable') ? 'may not be set when maxUnavailable is non-zero' : 'may not be set when maxUnavailable is non-zero (maxUnavailable defaults to 1; set it to 0)');
  } else if (!unavailable && !surge) {
    errs.required(API.daemonSet, [...ruSegs, 'maxUnavailable'], 'cannot be 0 when maxSurge is 0', { segs: has(ru, 'maxUnavailable') ? [...ruSegs, 'maxUnavailable'] : ruSegs, key: !has(ru, 'maxUnavailable') });
  }
}

function validateJob(errs: Errors, root: PlainMap, spec: PlainMap | undefined): void {
  if (!spec) return;
  const segs: PathSeg[] = ['spec'];
  const manual = bool(spec, 'manualSelector') === true;
  const selector = spec.selector;
  const template = obj(spec, 'template');
  if (manual) {
    if (!isObj(selector)) errs.required(API.selector, [...segs, 'selector'], '', { segs: [...segs, 'manualSelector'] });
    else {
      validateLabelSelector(errs, selector, [...segs, 'selector']);
      if (template) selectorMismatch(errs, selector, template, segs);
    }
  } else if (isObj(selector)) {
    // The server generates the selector (controller-uid) unless manualSelector is true; a selector of its
    // own must select only the generated labels, or creation fails.
    validateLabelSelector(errs, selector, [...segs, 'selector']);
    const generated = new Set(['controller-uid', 'batch.kubernetes.io/controller-uid', 'job-name', 'batch.kubernetes.io/job-name']);
    const ml = obj(selector, 'matchLabels') ?? {};
    const foreign = Object.keys(ml).some((k) => !generated.has(k)) || (Array.isArray(selector.matchExpressions) && selector.matchExpressions.length > 0);
    if (foreign) errs.invalid(API.selector, [...segs, 'selector'], goSelector(selector), '`selector` not auto-generated', { segs: [...segs, 'selector'], key: true });
  }
  validateJobSpec(errs, spec, segs);
  void root;
}

function validateCronJob(errs: Errors, root: PlainMap, spec: PlainMap | undefined): void {
  const name = str(obj(root, 'metadata'), 'name');
  if (name && name.length > 52) errs.invalid(API.cronJob, ['metadata', 'name'], name, 'must be no more than 52 characters');
  if (!spec) return;
  const segs: PathSeg[] = ['spec'];
  errs.nonNegative(API.cronJob, [...segs, 'startingDeadlineSeconds'], int(spec, 'startingDeadlineSeconds'));
  errs.nonNegative(API.cronJob, [...segs, 'successfulJobsHistoryLimit'], int(spec, 'successfulJobsHistoryLimit'));
  errs.nonNegative(API.cronJob, [...segs, 'failedJobsHistoryLimit'], int(spec, 'failedJobsHistoryLimit'));
  const jobTemplate = obj(spec, 'jobTemplate');
  if (!jobTemplate) return;
  const jtSegs = [...segs, 'jobTemplate'];
  const meta = obj(jobTemplate, 'metadata');
  validateLabels(errs, meta?.labels, [...jtSegs, 'metadata', 'labels']);
  validateAnnotations(errs, meta?.annotations, [...jtSegs, 'metadata', 'annotations']);
  const jobSpec = obj(jobTemplate, 'spec');
  if (!jobSpec) return;
  const jsSegs = [...jtSegs, 'spec'];
  if (isObj(jobSpec.selector)) errs.invalid(API.selector, [...jsSegs, 'selector'], goSelector(jobSpec.selector), '`selector` will be auto-generated', { segs: [...jsSegs, 'selector'], key: true });
  if (bool(jobSpec, 'manualSelector') === true) errs.add(API.selector, 'NotSupported', [...jsSegs, 'manualSelector'], { value: true, detail: supportedValues(['nil', 'false']) });
  validateJobSpec(errs, jobSpec, jsSegs);
}

const MAX_PARALLELISM_INDEXED = 100_000;
const MAX_FAILED_INDEXES = 100_000;
const MAX_POD_FAILURE_POLICY_RULES = 20;
const MAX_EXIT_CODES = 255;
const MAX_SUCCESS_POLICY_RULES = 20;

/** validateJobSpec (also for a CronJob's job template). */
function validateJobSpec(errs: Errors, spec: PlainMap, segs: PathSeg[]): void {
  const J = API.job;
  for (const f of ['parallelism', 'completions', 'activeDeadlineSeconds', 'backoffLimit', 'ttlSecondsAfterFinished', 'backoffLimitPerIndex', 'maxFailedIndexes']) {
    errs.nonNegative(J, [...segs, f], int(spec, f));
  }
  const mode = str(spec, 'completionMode') || 'NonIndexed';
  const indexed = mode === 'Indexed';
  const completions = int(spec, 'completions');
  const parallelism = int(spec, 'parallelism');
  if (indexed) {
    if (!has(spec, 'completions')) errs.required(J, [...segs, 'completions'], 'when completion mode is Indexed', { segs: [...segs, 'completionMode'] });
    if (parallelism !== undefined && parallelism > MAX_PARALLELISM_INDEXED) errs.invalid(J, [...segs, 'parallelism'], parallelism, `must be less than or equal to ${MAX_PARALLELISM_INDEXED} when completion mode is Indexed`);
  }
  const perIndex = int(spec, 'backoffLimitPerIndex');
  const maxFailed = int(spec, 'maxFailedIndexes');
  if (has(spec, 'backoffLimitPerIndex') && !indexed && perIndex !== undefined) errs.invalid(J, [...segs, 'backoffLimitPerIndex'], perIndex, 'requires indexed completion mode');
  if (has(spec, 'maxFailedIndexes') && maxFailed !== undefined) {
    if (!has(spec, 'backoffLimitPerIndex')) errs.required(J, [...segs, 'backoffLimitPerIndex'], 'when maxFailedIndexes is specified', { segs: [...segs, 'maxFailedIndexes'], key: true });
    if (maxFailed > MAX_FAILED_INDEXES) errs.invalid(J, [...segs, 'maxFailedIndexes'], maxFailed, `must be less than or equal to ${MAX_FAILED_INDEXES}`);
    if (completions !== undefined && maxFailed > completions) errs.invalid(J, [...segs, 'maxFailedIndexes'], maxFailed, 'must be less than or equal to completions');
  }

  const template = obj(spec, 'template');
  validatePodTemplateSpec(errs, template, [...segs, 'template']);
  const podSpec = obj(template, 'spec');
  const policy = effectiveRestartPolicy(podSpec);
  const rpSegs = [...segs, 'template', 'spec', 'restartPolicy'];
  if (template && !['Always', 'OnFailure', 'Never'].includes(policy)) {
    // A value outside the enum is the schema rules' finding.
  } else if (template && policy !== 'OnFailure' && policy !== 'Never') {
    errs.add(API.restartPolicy, 'NotSupported', rpSegs, {
      value: policy,
      detail: supportedValues(['OnFailure', 'Never']),
      ...(has(podSpec, 'restartPolicy') ? {} : { at: { segs: podSpec ? [...segs, 'template', 'spec'] : [...segs, 'template'], key: true } }),
      fix: { kind: 'restartPolicy', podSpec: [...segs, 'template', 'spec'], values: has(spec, 'podFailurePolicy') || has(spec, 'backoffLimitPerIndex') ? ['Never'] : ['Never', 'OnFailure'] },
    });
  } else if (template && policy !== 'Never' && has(spec, 'podFailurePolicy')) {
    errs.invalid(API.restartPolicy, rpSegs, policy, 'only "Never" is supported when podFailurePolicy is specified', undefined);
    errs.list[errs.list.length - 1].fix = { kind: 'restartPolicy', podSpec: [...segs, 'template', 'spec'], values: ['Never'] };
  } else if (template && policy !== 'Never' && has(spec, 'backoffLimitPerIndex')) {
    errs.invalid(API.restartPolicy, rpSegs, policy, 'only "Never" is supported when backoffLimitPerIndex is specified', undefined);
    errs.list[errs.list.length - 1].fix = { kind: 'restartPolicy', podSpec: [...segs, 'template', 'spec'], values: ['Never'] };
  }

  const pfp = obj(spec, 'podFailurePolicy');
  if (pfp) validatePodFailurePolicy(errs, pfp, [...segs, 'podFailurePolicy'], podSpec, has(spec, 'backoffLimitPerIndex'));
  const sp = obj(spec, 'successPolicy');
  if (sp) validateSuccessPolicy(errs, sp, [...segs, 'successPolicy'], indexed, completions);
}

function containerNames(podSpec: PlainMap | undefined): Set<string> {
  const out = new Set<string>();
  for (const list of [arr(podSpec, 'containers'), arr(podSpec, 'initContainers')]) for (const c of list ?? []) { const n = str(c, 'name'); if (n) out.add(n); }
  return out;
}

function validatePodFailurePolicy(errs: Errors, pfp: PlainMap, segs: PathSeg[], podSpec: PlainMap | undefined, perIndex: boolean): void {
  const J = API.job;
  const rules = arr(pfp, 'rules') ?? [];
  if (rules.length > MAX_POD_FAILURE_POLICY_RULES) errs.add(J, 'TooMany', [...segs, 'rules'], { value: rules.length, detail: `must have at most ${MAX_POD_FAILURE_POLICY_RULES} items`, at: { segs: [...segs, 'rules'], key: true } });
  const names = containerNames(podSpec);
  rules.forEach((rule, i) => {
    if (!isObj(rule)) return;
    const at = [...segs, 'rules', i];
    const action = str(rule, 'action');
    if (action === 'FailIndex' && !perIndex) errs.invalid(J, [...at, 'action'], action, 'requires the backoffLimitPerIndex to be set');
    const exit = obj(rule, 'onExitCodes');
    const conds = arr(rule, 'onPodConditions');
    if (exit && conds) errs.invalid(J, at, { go: 'batch.PodFailurePolicyRule{…}' }, 'specifying both OnExitCodes and OnPodConditions is not supported', { segs: [...at, 'onPodConditions'], key: true });
    else if (!exit && !conds) errs.invalid(J, at, { go: 'batch.PodFailurePolicyRule{…}' }, 'specifying one of OnExitCodes and OnPodConditions is required', { segs: at });
    if (exit) {
      const eAt = [...at, 'onExitCodes'];
      const cname = str(exit, 'containerName');
      if (cname !== undefined && !names.has(cname)) errs.invalid(J, [...eAt, 'containerName'], cname, 'must be one of the container or initContainer names in the pod template');
      const op = str(exit, 'operator');
      const values = (arr(exit, 'values') ?? []).filter((v): v is number => typeof v === 'number');
      if (has(exit, 'values') && values.length === 0) errs.invalid(J, [...eAt, 'values'], { go: '[]int32{}' }, 'at least one value is required');
      if (values.length > MAX_EXIT_CODES) errs.add(J, 'TooMany', [...eAt, 'values'], { value: values.length, detail: `must have at most ${MAX_EXIT_CODES} items`, at: { segs: [...eAt, 'values'], key: true } });
      const seen = new Set<number>();
      let prev: number | undefined;
      (arr(exit, 'values') ?? []).forEach((v, j) => {
        if (typeof v !== 'number') return;
        const vAt = [...eAt, 'values', j];
        if (op === 'In' && v === 0) errs.invalid(J, vAt, v, 'must not be 0 for the In operator');
        if (seen.has(v)) errs.add(J, 'Duplicate', vAt, { value: v });
        else if (prev !== undefined && v < prev) errs.invalid(J, vAt, v, 'must be ordered');
        seen.add(v);
        prev = v;
      });
    }
    (conds ?? []).forEach((c, j) => {
      if (!isObj(c)) return;
      const cAt = [...at, 'onPodConditions', j];
      const type = str(c, 'type');
      if (!type) errs.required(J, [...cAt, 'type'], '', { segs: cAt });
      else for (const msg of isQualifiedName(type)) errs.invalid(J, [...cAt, 'type'], type, msg);
      const status = str(c, 'status');
      if (status !== undefined && status !== '' && !['True', 'False', 'Unknown'].includes(status)) errs.add(J, 'NotSupported', [...cAt, 'status'], { value: status, detail: supportedValues(['True', 'False', 'Unknown']) });
    });
  });
}

function validateSuccessPolicy(errs: Errors, sp: PlainMap, segs: PathSeg[], indexed: boolean, completions: number | undefined): void {
  const J = API.job;
  if (!indexed) errs.invalid(J, segs, { go: '&batch.SuccessPolicy{…}' }, 'requires indexed completion mode', { segs, key: true });
  const rules = arr(sp, 'rules');
  if (!rules || rules.length === 0) {
    if (rules) errs.required(J, [...segs, 'rules'], 'at least one rules must be specified when the successPolicy is specified');
    return;
  }
  if (rules.length > MAX_SUCCESS_POLICY_RULES) errs.add(J, 'TooMany', [...segs, 'rules'], { value: rules.length, detail: `must have at most ${MAX_SUCCESS_POLICY_RULES} items`, at: { segs: [...segs, 'rules'], key: true } });
  rules.forEach((rule, i) => {
    if (!isObj(rule)) return;
    const at = [...segs, 'rules', i];
    const count = int(rule, 'succeededCount');
    const indexes = str(rule, 'succeededIndexes');
    if (!has(rule, 'succeededCount') && !has(rule, 'succeededIndexes')) errs.required(J, at, 'at least one of succeededCount or succeededIndexes must be specified', { segs: at });
    if (count !== undefined) {
      if (count < 0) errs.invalid(J, [...at, 'succeededCount'], count, 'must be greater than or equal to 0');
      else if (completions !== undefined && count > completions) errs.invalid(J, [...at, 'succeededCount'], count, `must be less than or equal to ${completions} (the number of specified completions)`);
    }
    if (indexes !== undefined && completions !== undefined) {
      const problem = parseIndexes(indexes, completions);
      if (problem) errs.invalid(J, [...at, 'succeededIndexes'], indexes, `error parsing succeededIndexes: ${problem}`);
    }
  });
}

/** Checks an index set such as "0-3,5,7-9" against completions; returns a problem or undefined. */
function parseIndexes(text: string, completions: number): string | undefined {
  if (text === '') return undefined;
  let last = -1;
  for (const part of text.split(',')) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part);
    if (!m) return `cannot convert string to integer for index: ${JSON.stringify(part)}`;
    const lo = Number(m[1]);
    const hi = m[2] !== undefined ? Number(m[2]) : lo;
    if (hi < lo) return `the fist index (${lo}) is larger than the last index (${hi})`;
    if (hi >= completions) return `too large index: ${hi}`;
    if (lo <= last) return 'overlapping or unordered intervals';
    last = hi;
  }
  return undefined;
}
