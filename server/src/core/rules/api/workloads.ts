import type { PathSeg } from '../../model/path';
import type { WorkloadKind } from '../../model/workloadFile';
import { goQuote } from '../../cron/go';
import { validatesNewWay } from '../../versions';
import { API, Errors } from './collect';
import { goJson, goStringMap, supportedValues } from './errors';
import { effectiveName, goSelector, selectorIsEmpty, selectorMatches, selectorParses, validateLabelSelector, validateLabels, validateObjectMeta } from './meta';
import { isDNS1123Label, isDNS1123Subdomain, isQualifiedName, isValidLabelValue, maxLenError } from './names';
import { effectiveRestartPolicy, validatePodTemplateSpec } from './pod';
import { arr, bool, has, int, isObj, obj, str, stringMap, type Plain, type PlainMap } from './value';

/** A stand-in for the uid the server assigns on create (FillObjectMetaSystemFields): no manifest can know it. */
const UID = '00000000-0000-4000-8000-000000000000';

/**
 * A struct-typed field as encoding/json leaves it: absent or null decode to the zero struct (an empty map
 * here), a mapping to itself; anything else is a decoding error the schema rules report (undefined: stop).
 */
function section(v: Plain | undefined, k: string): PlainMap | undefined {
  if (!isObj(v)) return v === undefined || v === null ? {} : undefined;
  const x = v[k];
  if (x === undefined || x === null) return {};
  return isObj(x) ? x : undefined;
}

/** Everything API-server validation rejects when the object is created, for one manifest. */
export function validateWorkload(kind: WorkloadKind, root: Plain, minor?: number): Errors {
  const errs = new Errors(minor);
  if (!isObj(root)) return errs;
  if (kind === 'DaemonSet') validateDaemonSet(errs, root);
  else if (kind === 'Job') validateJob(errs, root);
  else validateCronJob(errs, root);
  return errs;
}

/** A selector mismatch, with the labels a fix would copy into the template. `labels` are the template's after PrepareForCreate. */
function selectorMismatch(errs: Errors, selector: Plain | undefined, template: PlainMap | undefined, segs: PathSeg[], labels = stringMap(obj(template, 'metadata'), 'labels')): void {
  // mirrors `if selector, err := metav1.LabelSelectorAsSelector(...); err == nil && !selector.Matches(...)`
  if (!selectorParses(selector) || selectorMatches(selector, labels ?? {})) return;
  const wanted = stringMap(selector, 'matchLabels');
  const simple = isObj(selector) && wanted && Object.keys(wanted).length > 0 && !(Array.isArray(selector.matchExpressions) && selector.matchExpressions.length);
  const labelsSegs = [...segs, 'template', 'metadata', 'labels'];
  const hasOwn = has(obj(template, 'metadata'), 'labels');
  errs.add(API.selector, 'Invalid', labelsSegs, {
    value: goStringMap(labels),
    detail: '`selector` does not match template `labels`',
    at: { segs: hasOwn ? labelsSegs : [...segs, 'template'], key: true },
    ...(simple ? { fix: { kind: 'copyLabels' as const, template: [...segs, 'template'], labels: wanted } } : {}),
  });
}

/** mirrors apps/validation ValidateDaemonSet → ValidateDaemonSetSpec. */
function validateDaemonSet(errs: Errors, root: PlainMap): void {
  validateObjectMeta(errs, root);
  const spec = section(root, 'spec');
  if (!spec) return;
  const segs: PathSeg[] = ['spec'];
  const selector = spec.selector;
  validateLabelSelector(errs, selector, [...segs, 'selector']);
  const template = section(spec, 'template');
  // A nil selector selects nothing (LabelSelectorAsSelector(nil) = labels.Nothing()): only the mismatch is reported.
  if (template) selectorMismatch(errs, selector, template, segs);
  if (isObj(selector) && selectorIsEmpty(selector)) errs.invalid(API.selector, [...segs, 'selector'], goSelector(selector), 'empty selector is invalid for daemonset');
  errs.nonNegative(API.daemonSet, [...segs, 'minReadySeconds'], int(spec, 'minReadySeconds'));
  errs.nonNegative(API.daemonSet, [...segs, 'revisionHistoryLimit'], int(spec, 'revisionHistoryLimit'));
  errs.nonNegative(API.daemonSet, [...segs, 'templateGeneration'], int(spec, 'templateGeneration'));
  if (template) {
    validatePodTemplateSpec(errs, template, [...segs, 'template']);
    const podSpec = obj(template, 'spec');
    const policy = effectiveRestartPolicy(podSpec);
    if (policy !== 'Always' && ['OnFailure', 'Never'].includes(policy)) {
      errs.add(API.restartPolicy, 'NotSupported', [...segs, 'template', 'spec', 'restartPolicy'], { value: policy, detail: supportedValues(['Always']), fix: { kind: 'restartPolicy', podSpec: [...segs, 'template', 'spec'], values: ['Always'] } });
    }
    const deadline = int(podSpec, 'activeDeadlineSeconds');
    if (deadline !== undefined) errs.add(API.daemonSet, 'Forbidden', [...segs, 'template', 'spec', 'activeDeadlineSeconds'], { detail: 'activeDeadlineSeconds in DaemonSet is not Supported' });
  }
  validateUpdateStrategy(errs, obj(spec, 'updateStrategy'), [...segs, 'updateStrategy']);
}

/** An intstr.IntOrString as field errors print it (JSON: a number or a string). */
function goIntOrString(v: number | string): { go: string } {
  return { go: goJson(v) };
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

const JOB_NAME_LABELS = ['job-name', 'batch.kubernetes.io/job-name'];
const CONTROLLER_UID_LABELS = ['controller-uid', 'batch.kubernetes.io/controller-uid'];

/**
 * mirrors batch/validation ValidateJob, on the Job as the create path leaves it: batch/v1 SetDefaults_Job
 * (completions = parallelism = 1 when both are unset; a Job without labels shares its template's label map),
 * then job strategy generateSelector (unless manualSelector: the template gets job-name and controller-uid
 * labels it does not set, the selector batch.kubernetes.io/controller-uid), then validation.
 */
function validateJob(errs: Errors, root: PlainMap): void {
  const spec0 = section(root, 'spec');
  const meta = obj(root, 'metadata');
  const template0 = spec0 && section(spec0, 'template');
  const userLabels = stringMap(obj(template0, 'metadata'), 'labels');
  const ownLabels = obj(meta, 'labels');
  const sharesLabels = userLabels !== undefined && (!ownLabels || Object.keys(ownLabels).length === 0);
  const manual = bool(spec0, 'manualSelector') === true;
  const name = effectiveName(root);
  // generateSelector: labels the user did not set, and the selector's controller-uid.
  const generated: Record<string, string> = {};
  let labels = userLabels;
  let selector = spec0?.selector;
  if (spec0 && !manual) {
    for (const k of JOB_NAME_LABELS) if (!userLabels || !(k in userLabels)) generated[k] = name;
    for (const k of CONTROLLER_UID_LABELS) if (!userLabels || !(k in userLabels)) generated[k] = UID;
    labels = { ...(userLabels ?? {}), ...generated };
    const base = isObj(selector) ? selector : {};
    const ml = isObj(base.matchLabels) ? base.matchLabels : {};
    selector = { ...base, matchLabels: 'batch.kubernetes.io/controller-uid' in ml ? ml : { ...ml, 'batch.kubernetes.io/controller-uid': UID } };
  }
  validateObjectMeta(errs, root, sharesLabels ? userLabels : ownLabels);
  // The generated job-name labels carry the Job's name: a name that is no label value fails there too
  // (in the shared metadata.labels as well).
  const nameLabels = Object.entries(generated).filter(([k]) => JOB_NAME_LABELS.includes(k));
  const nameAt = { segs: [str(meta, 'name') ? 'metadata' : 'metadata', str(meta, 'name') ? 'name' : 'generateName'] as PathSeg[] };
  for (const _ of nameLabels) {
    for (const msg of isValidLabelValue(name)) {
      if (sharesLabels) errs.invalid(API.metadata, ['metadata', 'labels'], name, msg, nameAt);
      errs.invalid(API.metadata, ['spec', 'template', 'labels'], name, msg, nameAt);
    }
  }
  if (!spec0) return;
  const spec: PlainMap = { ...spec0 };
  if (!has(spec, 'completions') && !has(spec, 'parallelism')) {
    spec.completions = 1;
    spec.parallelism = 1;
  }
  const segs: PathSeg[] = ['spec'];
  const template = template0 ?? {};
  if (!manual) validateGeneratedSelector(errs, selector, userLabels, labels ?? {}, name);
  validateJobSpec(errs, spec, segs);
  // ValidateJobSpec: the (manual or generated) selector is required and must select the template's labels.
  if (!isObj(selector)) errs.required(API.selector, [...segs, 'selector'], '', { segs: has(spec, 'manualSelector') ? [...segs, 'manualSelector'] : segs, key: true });
  else validateLabelSelector(errs, spec0.selector, [...segs, 'selector']);
  if (template0) selectorMismatch(errs, selector, template, segs, labels);
  if (str(spec, 'completionMode') === 'Indexed') {
    const completions = int(spec, 'completions');
    if (name && completions !== undefined && completions > 0) {
      const host = `${name}-${completions - 1}`;
      if (isDNS1123Label(host).length > 0) errs.invalid(API.job, ['metadata', 'name'], name, `will not able to create pod with invalid DNS label: ${host}`);
    }
  }
}

/** mirrors batch/validation validateGeneratedSelector (RequirePrefixedLabels is true on create). */
function validateGeneratedSelector(errs: Errors, selector: Plain | undefined, userLabels: Record<string, string> | undefined, labels: Record<string, string>, name: string): void {
  const segs: PathSeg[] = ['spec', 'template', 'metadata', 'labels'];
  const expected: Record<string, string> = { 'controller-uid': UID, 'job-name': name, 'batch.kubernetes.io/controller-uid': UID, 'batch.kubernetes.io/job-name': name };
  for (const key of ['controller-uid', 'job-name', 'batch.kubernetes.io/controller-uid', 'batch.kubernetes.io/job-name']) {
    if (!userLabels || !(key in userLabels) || userLabels[key] === expected[key]) continue;
    const shown = key.endsWith('controller-uid') ? "<the Job's uid>" : expected[key];
    errs.invalid(API.selector, [...segs, key], goStringMap(labels), `must be '${shown}'`);
  }
  if (selectorParses(selector) && !selectorMatches(selector, expected)) {
    errs.invalid(API.selector, ['spec', 'selector'], goSelector(selector), '`selector` not auto-generated', { segs: ['spec', 'selector'], key: true });
  }
}

/** mirrors batch/validation ValidateCronJobCreate → validateCronJobSpec → ValidateJobTemplateSpec. */
function validateCronJob(errs: Errors, root: PlainMap): void {
  validateObjectMeta(errs, root);
  const name = effectiveName(root);
  // DNS1035LabelMaxLength - 11: the controller appends "-<minutes since epoch>" to name its Jobs.
  if (name.length > 52) errs.invalid(API.cronJob, ['metadata', 'name'], name, 'must be no more than 52 characters', str(obj(root, 'metadata'), 'name') ? undefined : { segs: ['metadata', 'generateName'] });
  const spec = section(root, 'spec');
  if (!spec) return;
  const segs: PathSeg[] = ['spec'];
  // With a spec present the schema rules report a missing schedule; an absent spec leaves it empty too.
  if (!isObj(root.spec)) errs.required(API.cronJob, [...segs, 'schedule'], '', { segs: ['kind'] });
  errs.nonNegative(API.cronJob, [...segs, 'startingDeadlineSeconds'], int(spec, 'startingDeadlineSeconds'));
  errs.nonNegative(API.cronJob, [...segs, 'successfulJobsHistoryLimit'], int(spec, 'successfulJobsHistoryLimit'));
  errs.nonNegative(API.cronJob, [...segs, 'failedJobsHistoryLimit'], int(spec, 'failedJobsHistoryLimit'));
  const jobTemplate = section(spec, 'jobTemplate');
  if (!jobTemplate) return;
  const jtSegs = [...segs, 'jobTemplate'];
  // ValidateJobTemplateSpec does not look at the job template's own metadata; SetDefaults_Job does not run on it.
  const jobSpec = section(jobTemplate, 'spec');
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
  const mode = str(spec, 'completionMode') ?? 'NonIndexed';
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

  // mirrors validateJobSpec: managedBy must be a domain-prefixed path of at most 63 characters.
  // version: JobManagedBy gate (beta, on by default from 1.32; PrepareForCreate drops the field when off).
  const managedBy = spec.managedBy;
  if (typeof managedBy === 'string') validateManagedBy(errs, managedBy, [...segs, 'managedBy']);

  const template = section(spec, 'template') ?? {};
  const podSpec = obj(template, 'spec');
  const pfp = obj(spec, 'podFailurePolicy');
  if (pfp) validatePodFailurePolicy(errs, pfp, [...segs, 'podFailurePolicy'], podSpec, hasPerIndex);
  const sp = obj(spec, 'successPolicy');
  if (sp) {
    if (!indexed) errs.invalid(J, [...segs, 'successPolicy'], { go: goSuccessPolicy(sp) }, 'requires indexed completion mode', { segs: [...segs, 'successPolicy'], key: true });
    else validateSuccessPolicy(errs, sp, [...segs, 'successPolicy'], completions);
  }
  const replacement = str(spec, 'podReplacementPolicy');
  if (pfp && replacement && replacement !== 'Failed' && ['TerminatingOrFailed'].includes(replacement)) {
    errs.add(J, 'NotSupported', [...segs, 'podReplacementPolicy'], { value: replacement, detail: supportedValues(['Failed']) });
  }

  // An absent template is an empty one: its pod spec's leaves are reported (containers, restartPolicy).
  validatePodTemplateSpec(errs, template, [...segs, 'template']);
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
  rules.forEach((raw, i) => {
    const rule = raw === null ? {} : raw; // a null item decodes to an empty rule
    if (!isObj(rule)) return;
    const at = [...segs, 'rules', i];
    // (an absent action of a written rule is the schema rules' missing-required-field)
    if (raw === null) errs.required(J, [...at, 'action'], 'valid values: ["Count" "FailIndex" "FailJob" "Ignore"]', { segs: at });
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
    conds.forEach((raw, j) => {
      const c = raw === null ? {} : raw;
      if (!isObj(c)) return;
      if (raw === null) errs.required(J, [...at, 'onPodConditions', j, 'type'], '', { segs: [...at, 'onPodConditions', j] });
      const cAt = [...at, 'onPodConditions', j];
      const type = str(c, 'type');
      if (type !== undefined) {
        if (type === '') errs.required(J, [...cAt, 'type'], '');
        else for (const msg of isQualifiedName(type)) errs.invalid(J, [...cAt, 'type'], type, msg);
      }
      const status = str(c, 'status');
      // version: CronJobPodConditionStatusDefaulted — before 1.34 a job template's empty status is not defaulted.
      if (!status && segs[1] === 'jobTemplate' && !validatesNewWay('CronJobPodConditionStatusDefaulted', errs.minor)) {
        errs.required(J, [...cAt, 'status'], 'valid values: ["False" "True" "Unknown"]', { segs: has(c, 'status') ? [...cAt, 'status'] : cAt });
      }
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
  // Indexed without completions is reported as Required. (Kubernetes 1.34–1.36 validateSuccessPolicyRule
  // dereferences the nil completions of a rule with succeededIndexes or succeededCount: the API server
  // recovers the panic as HTTP 500; rejected either way.)
  if (completions === undefined) return;
  rules.forEach((raw, i) => {
    const rule = raw === null ? {} : raw; // a null item decodes to an empty rule
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

/** mirrors apimachinery IsDomainPrefixedPath and the managedBy length limit of batch validateJobSpec. */
function validateManagedBy(errs: Errors, value: string, segs: PathSeg[]): void {
  const J = API.job;
  // version: field.TooLong said "may not be longer than 63" up to 1.31.
  if (value.length > 63) errs.add(J, 'TooLong', segs, { detail: 'may not be more than 63 bytes' });
  if (value === '') return errs.required(J, segs, '');
  const slash = value.indexOf('/');
  const host = slash < 0 ? '' : value.slice(0, slash);
  const path = slash < 0 ? '' : value.slice(slash + 1);
  if (slash < 0 || host === '' || path === '') return errs.invalid(J, segs, value, 'must be a domain-prefixed path (such as "acme.io/foo")');
  for (const msg of isDNS1123Subdomain(host)) errs.invalid(J, segs, host, msg);
  if (!/^[A-Za-z0-9/\-._~%!$&'()*+,;=:]+$/.test(path)) errs.invalid(J, segs, path, "Invalid path (regex used for validation is '[A-Za-z0-9/\\-._~%!$&'()*+,;=:]+')");
}

/** The internal batch.SuccessPolicy as json.Marshal prints it (no json tags: Go field names). */
function goSuccessPolicy(sp: PlainMap): string {
  const rules = (arr(sp, 'rules') ?? []).map((r) => ({ SucceededIndexes: str(r, 'succeededIndexes') ?? null, SucceededCount: int(r, 'succeededCount') ?? null }));
  return goJson({ Rules: rules.length ? rules : null });
}

/** strconv.Atoi: optional sign, decimal digits. */
function goAtoi(s: string): number | undefined {
  return /^[+-]?[0-9]+$/.test(s) ? Number(s) : undefined;
}
