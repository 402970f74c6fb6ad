import type { PathSeg } from '../../model/path';
import type { WorkloadKind } from '../../model/workloadFile';
import { goQuote } from '../../cron/go';
import { API, Errors } from './collect';
import { goStringMap, supportedValues } from './errors';
import { goSelector, selectorIsEmpty, selectorMatches, validateLabelSelector, validateObjectMeta } from './meta';
import { isDNS1123Label, isDNS1123Subdomain, isQualifiedName, maxLenError } from './names';

/** A stand-in for the uid the server assigns on create: no manifest can know it. */
const UNKNOWN_UID = '\u0000uid';
import { effectiveRestartPolicy, validatePodTemplateSpec } from './pod';
import { arr, bool, has, int, isObj, obj, str, stringMap, type Plain, type PlainMap } from './value';

/** Everything API-server validation rejects when the object is created, for one manifest. */
export function validateWorkload(kind: WorkloadKind, root: Plain, minor?: number): Errors {
  const errs = new Errors(minor);
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
      if (deadline !== undefined) errs.add(API.daemonSet, 'Forbidden', [...segs, 'template', 'spec', 'activeDeadlineSeconds'], { detail: 'activeDeadlineSeconds in DaemonSet is not Supported' });
    }
  }
  validateUpdateStrategy(errs, obj(spec, 'updateStrategy'), [...segs, 'updateStrategy']);
}

/** Go %#v of an intstr.IntOrString (what field errors print for these fields). */
function goIntOrString(v: number | string): { go: string } {
  return typeof v === 'number' ? { go: `intstr.IntOrString{Type:0, IntVal:${v}, StrVal:""}` } : { go: `intstr.IntOrString{Type:1, IntVal:0, StrVal:${goQuote(v)}}` };
}

/** IntOrString.IntValue() of a string that is not a percentage: strconv.Atoi, 0 on failure. */
function intOrStringValue(v: string): number {
  return /^[+-]?[0-9]+$/.test(v) ? Number(v) : 0;
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
        errs.invalid(API.daemonSet, at, goIntOrString(v), "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')");
        return intOrStringValue(v);
      }
      const pct = Number(m[1]);
      if (pct > 100) errs.invalid(API.daemonSet, at, goIntOrString(v), 'must not be greater than 100%');
      return pct;
    }
    if (v < 0) errs.invalid(API.daemonSet, at, v, 'must be greater than or equal to 0');
    return v;
  };
  const unavailable = check('maxUnavailable', maxUnavailable) !== 0;
  const surge = check('maxSurge', maxSurge) !== 0;
  if (unavailable && surge) {
    errs.invalid(API.daemonSet, [...ruSegs, 'maxSurge'], goIntOrString(maxSurge), has(ru, 'maxUnavailable') ? 'may not be set when maxUnavailable is non-zero' : 'may not be set when maxUnavailable is non-zero (maxUnavailable defaults to 1; set it to 0)');
    if (!has(ru, 'maxUnavailable')) errs.list[errs.list.length - 1].fix = { kind: 'insertKey', map: ruSegs, line: 'maxUnavailable: 0', title: 'Add maxUnavailable: 0 (surge instead of taking pods down)' };
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
  } else {
    // Unless manualSelector is true the server generates the selector (batch.kubernetes.io/controller-uid=<uid>)
    // and the template labels (job-name, controller-uid), keeping labels the user set; then the selector must
    // select exactly those generated labels (validateGeneratedSelector).
    const name = str(obj(root, 'metadata'), 'name');
    const labels = stringMap(obj(template, 'metadata'), 'labels') ?? {};
    // The generated job-name labels carry the Job's name, so a name longer than a label value fails there.
    if (name !== undefined && name.length > 63 && isDNS1123Subdomain(name).length === 0) {
      errs.invalid(API.metadata, [...segs, 'template', 'labels'], name, maxLenError(63), { segs: ['metadata', 'name'] });
    }
    if (name !== undefined) {
      for (const key of ['batch.kubernetes.io/job-name', 'job-name']) {
        if (key in labels && labels[key] !== name) {
          errs.invalid(API.selector, [...segs, 'template', 'metadata', 'labels', key], goStringMap(labels), `must be '${name}'`);
        }
      }
    }
    if (isObj(selector)) {
      validateLabelSelector(errs, selector, [...segs, 'selector']);
      const ml = obj(selector, 'matchLabels') ?? {};
      const uidKeys = ['controller-uid', 'batch.kubernetes.io/controller-uid'];
      const expected: Record<string, string> = { 'controller-uid': UNKNOWN_UID, 'batch.kubernetes.io/controller-uid': UNKNOWN_UID };
      if (name !== undefined) {
        expected['job-name'] = name;
        expected['batch.kubernetes.io/job-name'] = name;
      }
      const pinsUid = uidKeys.some((k) => k in ml);
      if (pinsUid || !selectorMatches(selector, expected)) {
        errs.invalid(API.selector, [...segs, 'selector'], goSelector(selector), '`selector` not auto-generated', { segs: [...segs, 'selector'], key: true });
      }
    }
  }
  if (str(spec, 'completionMode') === 'Indexed') {
    const completions = int(spec, 'completions');
    const name = str(obj(root, 'metadata'), 'name');
    if (name && completions !== undefined && completions > 0) {
      const host = `${name}-${completions - 1}`;
      if (isDNS1123Label(host).length > 0) errs.invalid(API.job, ['metadata', 'name'], name, `will not able to create pod with invalid DNS label: ${host}`);
    }
  }
  validateJobSpec(errs, spec, segs);
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
  // ValidateJobTemplateSpec does not look at the job template's own metadata.
  const jobSpec = obj(jobTemplate, 'spec');
  if (!jobSpec) return;
  const jsSegs = [...jtSegs, 'spec'];
  if (isObj(jobSpec.selector)) errs.invalid(API.selector, [...jsSegs, 'selector'], goSelector(jobSpec.selector), '`selector` will be auto-generated', { segs: [...jsSegs, 'selector'], key: true });
  if (bool(jobSpec, 'manualSelector') === true) errs.add(API.selector, 'NotSupported', [...jsSegs, 'manualSelector'], { value: true, detail: supportedValues(['nil', 'false']) });
  validateJobSpec(errs, jobSpec, jsSegs);
}

const MAX_PARALLELISM_INDEXED = 100_000;
const MAX_FAILED_INDEXES = 100_000;
const COMPLETIONS_SOFT_LIMIT = 100_000;
const PARALLELISM_LIMIT_FOR_HIGH_COMPLETIONS = 10_000;
const MAX_FAILED_INDEXES_FOR_HIGH_COMPLETIONS = 10_000;
const MAX_POD_FAILURE_POLICY_RULES = 20;
const MAX_EXIT_CODES = 255;
const MAX_ON_POD_CONDITIONS = 20;
const MAX_SUCCESS_POLICY_RULES = 20;

/** Go %#v of a []int32. */
function goInt32s(values: number[]): { go: string } {
  return { go: `[]int32{${values.join(', ')}}` };
}

/** validateJobSpec (also for a CronJob's job template), after defaulting. */
function validateJobSpec(errs: Errors, spec: PlainMap, segs: PathSeg[]): void {
  const J = API.job;
  for (const f of ['parallelism', 'completions', 'activeDeadlineSeconds', 'backoffLimit', 'ttlSecondsAfterFinished', 'backoffLimitPerIndex', 'maxFailedIndexes']) {
    errs.nonNegative(J, [...segs, f], int(spec, f));
  }
  const completions = int(spec, 'completions');
  const parallelism = int(spec, 'parallelism');
  const perIndex = int(spec, 'backoffLimitPerIndex');
  const maxFailed = int(spec, 'maxFailedIndexes');
  const hasPerIndex = has(spec, 'backoffLimitPerIndex');
  const hasMaxFailed = has(spec, 'maxFailedIndexes');
  if (hasMaxFailed && !hasPerIndex) errs.required(J, [...segs, 'backoffLimitPerIndex'], 'when maxFailedIndexes is specified', { segs: [...segs, 'maxFailedIndexes'], key: true });
  const mode = str(spec, 'completionMode') || 'NonIndexed';
  const indexed = mode === 'Indexed';
  if (indexed) {
    if (!has(spec, 'completions')) errs.required(J, [...segs, 'completions'], 'when completion mode is Indexed', { segs: [...segs, 'completionMode'] });
    if (parallelism !== undefined && parallelism > MAX_PARALLELISM_INDEXED) errs.invalid(J, [...segs, 'parallelism'], parallelism, `must be less than or equal to ${MAX_PARALLELISM_INDEXED} when completion mode is Indexed`);
    if (completions !== undefined && maxFailed !== undefined && maxFailed > completions) errs.invalid(J, [...segs, 'maxFailedIndexes'], maxFailed, 'must be less than or equal to completions');
    if (maxFailed !== undefined && maxFailed > MAX_FAILED_INDEXES) errs.invalid(J, [...segs, 'maxFailedIndexes'], maxFailed, `must be less than or equal to ${MAX_FAILED_INDEXES}`);
    if (completions !== undefined && completions > COMPLETIONS_SOFT_LIMIT && hasPerIndex) {
      if (!hasMaxFailed) errs.required(J, [...segs, 'maxFailedIndexes'], `must be specified when completions is above ${COMPLETIONS_SOFT_LIMIT}`, { segs: [...segs, 'completions'] });
      const tail = `when completions are above ${COMPLETIONS_SOFT_LIMIT} and used with backoff limit per index`;
      if (parallelism !== undefined && parallelism > PARALLELISM_LIMIT_FOR_HIGH_COMPLETIONS) errs.invalid(J, [...segs, 'parallelism'], parallelism, `must be less than or equal to ${PARALLELISM_LIMIT_FOR_HIGH_COMPLETIONS} ${tail}`);
      if (maxFailed !== undefined && maxFailed > MAX_FAILED_INDEXES_FOR_HIGH_COMPLETIONS) errs.invalid(J, [...segs, 'maxFailedIndexes'], maxFailed, `must be less than or equal to ${MAX_FAILED_INDEXES_FOR_HIGH_COMPLETIONS} ${tail}`);
    }
  } else if (mode === 'NonIndexed') {
    if (perIndex !== undefined) errs.invalid(J, [...segs, 'backoffLimitPerIndex'], perIndex, 'requires indexed completion mode');
    if (maxFailed !== undefined) errs.invalid(J, [...segs, 'maxFailedIndexes'], maxFailed, 'requires indexed completion mode');
  }

  const template = obj(spec, 'template');
  const podSpec = obj(template, 'spec');
  const pfp = obj(spec, 'podFailurePolicy');
  if (pfp) validatePodFailurePolicy(errs, pfp, [...segs, 'podFailurePolicy'], podSpec, hasPerIndex);
  const sp = obj(spec, 'successPolicy');
  if (sp) {
    if (!indexed) errs.invalid(J, [...segs, 'successPolicy'], { go: 'batch.SuccessPolicy{…}' }, 'requires indexed completion mode', { segs: [...segs, 'successPolicy'], key: true });
    else validateSuccessPolicy(errs, sp, [...segs, 'successPolicy'], completions);
  }
  const replacement = str(spec, 'podReplacementPolicy');
  if (pfp && replacement && replacement !== 'Failed' && ['TerminatingOrFailed'].includes(replacement)) {
    errs.add(J, 'NotSupported', [...segs, 'podReplacementPolicy'], { value: replacement, detail: supportedValues(['Failed']) });
  }

  validatePodTemplateSpec(errs, template, [...segs, 'template']);
  if (!template) return;
  // SetDefaults_PodSpec turns an omitted restartPolicy into Always, which a Job rejects.
  const policy = effectiveRestartPolicy(podSpec);
  const rpSegs = [...segs, 'template', 'spec', 'restartPolicy'];
  const podSegs = [...segs, 'template', 'spec'];
  if (policy === 'Always') {
    errs.add(API.restartPolicy, 'Required', rpSegs, {
      detail: 'valid values: "OnFailure", "Never"',
      ...(has(podSpec, 'restartPolicy') ? {} : { at: { segs: podSpec ? podSegs : [...segs, 'template'], key: true } }),
      fix: { kind: 'restartPolicy', podSpec: podSegs, values: pfp ? ['Never'] : ['Never', 'OnFailure'] },
    });
  } else if (policy !== 'OnFailure' && policy !== 'Never') {
    // A value outside the enum is the schema rules' finding (unsupported-value).
  } else if (pfp && policy !== 'Never') {
    errs.add(API.restartPolicy, 'Invalid', rpSegs, { value: policy, detail: 'only "Never" is supported when podFailurePolicy is specified', fix: { kind: 'restartPolicy', podSpec: podSegs, values: ['Never'] } });
  }
}

function containerNames(podSpec: PlainMap | undefined): Set<string> {
  const out = new Set<string>();
  for (const list of [arr(podSpec, 'containers'), arr(podSpec, 'initContainers')]) for (const c of list ?? []) { const n = str(c, 'name'); if (n !== undefined) out.add(n); }
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
    const conds = arr(rule, 'onPodConditions') ?? [];
    if (exit) {
      const eAt = [...at, 'onExitCodes'];
      const cname = str(exit, 'containerName');
      if (cname !== undefined && !names.has(cname)) errs.invalid(J, [...eAt, 'containerName'], cname, 'must be one of the container or initContainer names in the pod template');
      const op = str(exit, 'operator');
      const raw = arr(exit, 'values');
      const values = (raw ?? []).filter((v): v is number => typeof v === 'number' && Number.isInteger(v));
      if (raw && raw.length === 0) errs.invalid(J, [...eAt, 'values'], goInt32s([]), 'at least one value is required');
      else if (values.length > MAX_EXIT_CODES) errs.add(J, 'TooMany', [...eAt, 'values'], { value: values.length, detail: `must have at most ${MAX_EXIT_CODES} items`, at: { segs: [...eAt, 'values'], key: true } });
      const seen = new Set<number>();
      let ordered = true;
      values.forEach((v, j) => {
        const vAt = [...eAt, 'values', j];
        if (op === 'In' && v === 0) errs.invalid(J, vAt, v, 'must not be 0 for the In operator');
        if (seen.has(v)) errs.add(J, 'Duplicate', vAt, { value: v });
        seen.add(v);
        if (j > 0 && values[j - 1] > v) ordered = false;
      });
      if (!ordered) errs.invalid(J, [...eAt, 'values'], goInt32s(values), 'must be ordered');
    }
    if (conds.length > MAX_ON_POD_CONDITIONS) errs.add(J, 'TooMany', [...at, 'onPodConditions'], { value: conds.length, detail: `must have at most ${MAX_ON_POD_CONDITIONS} items`, at: { segs: [...at, 'onPodConditions'], key: true } });
    conds.forEach((c, j) => {
      if (!isObj(c)) return;
      const cAt = [...at, 'onPodConditions', j];
      const type = str(c, 'type');
      if (type !== undefined) {
        if (type === '') errs.required(J, [...cAt, 'type'], '');
        else for (const msg of isQualifiedName(type)) errs.invalid(J, [...cAt, 'type'], type, msg);
      }
      const status = str(c, 'status');
      if (status && !['False', 'True', 'Unknown'].includes(status)) errs.add(J, 'NotSupported', [...cAt, 'status'], { value: status, detail: supportedValues(['False', 'True', 'Unknown']) });
    });
    if (exit && conds.length > 0) errs.add(J, 'Invalid', at, { detail: 'specifying both OnExitCodes and OnPodConditions is not supported', at: { segs: [...at, 'onPodConditions'], key: true } });
    if (!exit && conds.length === 0) errs.add(J, 'Invalid', at, { detail: 'specifying one of OnExitCodes and OnPodConditions is required', at: { segs: at } });
  });
}

function validateSuccessPolicy(errs: Errors, sp: PlainMap, segs: PathSeg[], completions: number | undefined): void {
  const J = API.job;
  const rules = arr(sp, 'rules') ?? [];
  if (rules.length === 0) errs.required(J, [...segs, 'rules'], 'at least one rules must be specified when the successPolicy is specified', { segs: has(sp, 'rules') ? [...segs, 'rules'] : segs, key: !has(sp, 'rules') });
  if (rules.length > MAX_SUCCESS_POLICY_RULES) errs.add(J, 'TooMany', [...segs, 'rules'], { value: rules.length, detail: `must have at most ${MAX_SUCCESS_POLICY_RULES} items`, at: { segs: [...segs, 'rules'], key: true } });
  if (completions === undefined) return; // reported as required (Indexed needs completions)
  rules.forEach((rule, i) => {
    if (!isObj(rule)) return;
    const at = [...segs, 'rules', i];
    if (!has(rule, 'succeededCount') && !has(rule, 'succeededIndexes')) errs.required(J, at, 'at least one of succeededCount or succeededIndexes must be specified', { segs: at });
    let total = 0;
    const indexes = str(rule, 'succeededIndexes');
    if (indexes !== undefined) {
      const parsed = parseIndexes(indexes, completions);
      if (typeof parsed === 'string') errs.invalid(J, [...at, 'succeededIndexes'], indexes, `error parsing succeededIndexes: ${parsed}`);
      else total = parsed;
    }
    const count = int(rule, 'succeededCount');
    if (count !== undefined) {
      const cAt = [...at, 'succeededCount'];
      errs.nonNegative(J, cAt, count);
      if (count > completions) errs.invalid(J, cAt, count, `must be less than or equal to ${completions} (the number of specified completions)`);
      if (indexes !== undefined && count > total) errs.invalid(J, cAt, count, `must be less than or equal to ${total} (the number of indexes in the specified succeededIndexes field)`);
    }
  });
}

/** validateIndexesFormat: "1,3-5,7" against completions; the number of indexes, or the error text. */
export function parseIndexes(text: string, completions: number): number | string {
  if (text === '') return 0;
  let last: number | undefined;
  let total = 0;
  for (const interval of text.split(',')) {
    const parts = interval.split('-');
    if (parts.length > 2) return `the fragment ${goQuote(interval)} violates the requirement that an index interval can have at most two parts separated by '-'`;
    const x = goAtoi(parts[0]);
    if (x === undefined) return `cannot convert string to integer for index: ${goQuote(parts[0])}`;
    if (x >= completions) return `too large index: ${goQuote(parts[0])}`;
    let y = x;
    if (parts.length > 1) {
      const y2 = goAtoi(parts[1]);
      if (y2 === undefined) return `cannot convert string to integer for index: ${goQuote(parts[1])}`;
      if (y2 >= completions) return `too large index: ${goQuote(parts[1])}`;
      if (x >= y2) return `non-increasing order, previous: ${x}, current: ${y2}`;
      y = y2;
    }
    if (last !== undefined && last >= x) return `non-increasing order, previous: ${last}, current: ${x}`;
    total += y - x + 1;
    last = y;
  }
  return total;
}

/** strconv.Atoi: optional sign, decimal digits. */
function goAtoi(s: string): number | undefined {
  return /^[+-]?[0-9]+$/.test(s) ? Number(s) : undefined;
}
