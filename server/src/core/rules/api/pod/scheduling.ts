/** Scheduling: node and pod (anti-)affinity, tolerations, topology spread constraints. */
import type { PathSeg } from '../../../model/path';
import { gateEnabled } from '../../../versions';
import { API, type ApiRuleId, Errors } from '../collect';
import { supportedValues } from '../errors';
import { validateLabelSelector } from '../meta';
import { isDNS1123Label, isDNS1123Subdomain, isQualifiedName, isValidLabelValue } from '../names';
import { has, int, isObj, obj, str, type Plain, type PlainMap } from '../value';
import { isNullItem, items, leftToSchema, requiredField, set, strings } from './common';

const P = API.podSpec;

/**
 * metav1 ValidateLabelSelector with AllowInvalidLabelValueInSelector false (create): the shared selector
 * checks, plus the label-value syntax of matchExpressions values (added here unless already reported).
 */
export function podLabelSelector(errs: Errors, selector: Plain | undefined, segs: PathSeg[], rule: ApiRuleId = P): void {
  const before = errs.list.length;
  validateLabelSelector(errs, selector, segs, rule);
  const reported = new Set(errs.list.slice(before).map((e) => e.segs.join('\u0000')));
  for (const [e, i] of items(selector, 'matchExpressions')) {
    strings(e, 'values').forEach((v, j) => {
      const at = [...segs, 'matchExpressions', i, 'values', j];
      if (reported.has(at.join('\u0000'))) return;
      for (const msg of isValidLabelValue(v)) errs.invalid(rule, at, v, msg);
    });
  }
}

/** mirrors core/validation ValidateNodeSelectorRequirement */
function nodeSelectorRequirement(errs: Errors, rq: PlainMap, segs: PathSeg[], checkValues: boolean): void {
  const values = strings(rq, 'values');
  const op = str(rq, 'operator') ?? '';
  switch (op) {
    case 'In':
    case 'NotIn':
      if (values.length === 0) errs.required(P, [...segs, 'values'], "must be specified when `operator` is 'In' or 'NotIn'", { segs: [...segs, 'operator'] });
      break;
    case 'Exists':
    case 'DoesNotExist':
      if (values.length > 0) errs.add(P, 'Forbidden', [...segs, 'values'], { detail: "may not be specified when `operator` is 'Exists' or 'DoesNotExist'" });
      break;
    case 'Gt':
    case 'Lt':
      if (values.length !== 1) errs.required(P, [...segs, 'values'], "must be specified single value when `operator` is 'Lt' or 'Gt'", { segs: has(rq, 'values') ? [...segs, 'values'] : [...segs, 'operator'] });
      break;
    default:
      if (!(op === '' && leftToSchema(errs, rq, 'operator'))) errs.invalid(P, [...segs, 'operator'], op, 'not a valid selector operator');
  }
  const key = str(rq, 'key') ?? '';
  if (!(key === '' && leftToSchema(errs, rq, 'key'))) for (const msg of isQualifiedName(key)) errs.invalid(P, [...segs, 'key'], key, msg);
  // Required node affinity checks values as label values; preferred terms allow anything (AllowInvalidLabelValueInRequiredNodeAffinity is false on create).
  if (checkValues) values.forEach((v, i) => { for (const msg of isValidLabelValue(v)) errs.invalid(P, [...segs, 'values', i], v, msg); });
}

/** mirrors core/validation ValidateNodeSelectorTerm (with ValidateNodeFieldSelectorRequirement) */
function nodeSelectorTerm(errs: Errors, term: PlainMap, segs: PathSeg[], checkValues: boolean): void {
  for (const [rq, i] of items(term, 'matchExpressions')) nodeSelectorRequirement(errs, rq, [...segs, 'matchExpressions', i], checkValues);
  for (const [rq, i] of items(term, 'matchFields')) {
    const at = [...segs, 'matchFields', i];
    const op = str(rq, 'operator') ?? '';
    const values = strings(rq, 'values');
    if (op === 'In' || op === 'NotIn') {
      if (values.length !== 1) errs.required(P, [...at, 'values'], "must be only one value when `operator` is 'In' or 'NotIn' for node field selector", { segs: [...at, 'operator'] });
    } else if (!(op === '' && leftToSchema(errs, rq, 'operator'))) errs.invalid(P, [...at, 'operator'], op, 'not a valid selector operator');
    const key = str(rq, 'key') ?? '';
    if (key !== 'metadata.name') errs.invalid(P, [...at, 'key'], key, 'not a valid field selector key');
    else values.forEach((v, j) => { for (const msg of isDNS1123Subdomain(v)) errs.invalid(P, [...at, 'values', j], v, msg); });
  }
}

/** mirrors core/validation ValidateMatchLabelKeysAndMismatchLabelKeys */
function matchLabelKeys(errs: Errors, term: PlainMap, segs: PathSeg[], mismatchToo: boolean): void {
  const match = strings(term, 'matchLabelKeys');
  const mismatch = mismatchToo ? strings(term, 'mismatchLabelKeys') : [];
  const selector = set(term, 'labelSelector') ? (obj(term, 'labelSelector') ?? {}) : undefined;
  for (const [field, keys] of [['matchLabelKeys', match], ['mismatchLabelKeys', mismatch]] as const) {
    if (keys.length === 0) continue;
    if (!selector) {
      errs.add(P, 'Forbidden', [...segs, field], { detail: 'must not be specified when labelSelector is not set' });
      continue;
    }
    keys.forEach((k, i) => { for (const msg of isQualifiedName(k)) errs.invalid(P, [...segs, field, i], k, msg); });
  }
  if (selector) {
    const index = new Map<string, number>();
    match.forEach((k, i) => index.set(k, i));
    const selectorKeys = new Set(Object.keys(obj(selector, 'matchLabels') ?? {}));
    for (const [e] of items(selector, 'matchExpressions')) {
      const key = str(e, 'key') ?? '';
      const i = index.get(key);
      // The server indexes the term's own path here (fldPath.Index(i)), not matchLabelKeys.
      if (i !== undefined && selectorKeys.has(key)) errs.invalid(P, [...segs, i], key, 'exists in both matchLabelKeys and labelSelector', { segs: [...segs, 'matchLabelKeys', i] });
      selectorKeys.add(key);
    }
  }
  const mm = new Set(mismatch);
  match.forEach((k, i) => { if (mm.has(k)) errs.invalid(P, [...segs, 'matchLabelKeys', i], k, 'exists in both matchLabelKeys and mismatchLabelKeys'); });
}

/** mirrors core/validation ValidateMatchLabelKeysInTopologySpread (before MatchLabelKeysInPodTopologySpreadSelectorMerge) */
function matchLabelKeysInTopologySpread(errs: Errors, c: PlainMap, segs: PathSeg[]): void {
  const keys = strings(c, 'matchLabelKeys');
  if (keys.length === 0) return;
  const selector = set(c, 'labelSelector') ? (obj(c, 'labelSelector') ?? {}) : undefined;
  const selectorKeys = new Set<string>();
  if (selector) {
    for (const k of Object.keys(obj(selector, 'matchLabels') ?? {})) selectorKeys.add(k);
    for (const [e] of items(selector, 'matchExpressions')) selectorKeys.add(str(e, 'key') ?? '');
  } else errs.add(P, 'Forbidden', segs, { detail: 'must not be specified when labelSelector is not set' });
  keys.forEach((k, i) => {
    for (const msg of isQualifiedName(k)) errs.invalid(P, [...segs, i], k, msg);
    if (selectorKeys.has(k)) errs.invalid(P, [...segs, i], k, 'exists in both matchLabelKeys and labelSelector');
  });
}

/** mirrors core/validation validatePodAffinityTerm */
function podAffinityTerm(errs: Errors, term: PlainMap, segs: PathSeg[]): void {
  podLabelSelector(errs, term.labelSelector, [...segs, 'labelSelector']);
  podLabelSelector(errs, term.namespaceSelector, [...segs, 'namespaceSelector']);
  for (const ns of strings(term, 'namespaces')) for (const msg of isDNS1123Label(ns)) errs.invalid(P, [...segs, 'namespace'], ns, msg);
  matchLabelKeys(errs, term, segs, true);
  const key = str(term, 'topologyKey') ?? '';
  if (key.length === 0) requiredField(errs, P, term, 'topologyKey', [...segs, 'topologyKey'], 'can not be empty', true);
  if (key.length > 0 || set(term, 'topologyKey') || isNullItem(term)) for (const msg of isQualifiedName(key)) errs.invalid(P, [...segs, 'topologyKey'], key, msg);
}

function weight(errs: Errors, term: PlainMap, segs: PathSeg[]): void {
  const w = int(term, 'weight') ?? 0;
  if (w <= 0 || w > 100) {
    if (!leftToSchema(errs, term, 'weight')) errs.invalid(P, [...segs, 'weight'], w, 'must be in the range 1-100');
  }
}

/** mirrors core/validation validateAffinity (validateNodeAffinity, validatePodAffinity, validatePodAntiAffinity) */
export function validateAffinity(errs: Errors, spec: PlainMap, segs: PathSeg[]): void {
  const affinity = obj(spec, 'affinity');
  if (!affinity) return;
  const node = obj(affinity, 'nodeAffinity');
  if (node) {
    const reqSegs = [...segs, 'nodeAffinity', 'requiredDuringSchedulingIgnoredDuringExecution'];
    if (set(node, 'requiredDuringSchedulingIgnoredDuringExecution')) {
      const required = obj(node, 'requiredDuringSchedulingIgnoredDuringExecution') ?? {};
      const terms = items(required, 'nodeSelectorTerms');
      if (terms.length === 0) {
        if (!leftToSchema(errs, required, 'nodeSelectorTerms')) errs.required(P, [...reqSegs, 'nodeSelectorTerms'], 'must have at least one node selector term');
      }
      for (const [t, i] of terms) nodeSelectorTerm(errs, t, [...reqSegs, 'nodeSelectorTerms', i], true);
    }
    for (const [t, i] of items(node, 'preferredDuringSchedulingIgnoredDuringExecution')) {
      const at = [...segs, 'nodeAffinity', 'preferredDuringSchedulingIgnoredDuringExecution', i];
      weight(errs, t, at);
      nodeSelectorTerm(errs, obj(t, 'preference') ?? {}, [...at, 'preference'], false);
    }
  }
  for (const kind of ['podAffinity', 'podAntiAffinity']) {
    const pa = obj(affinity, kind);
    if (!pa) continue;
    for (const [t, i] of items(pa, 'requiredDuringSchedulingIgnoredDuringExecution')) podAffinityTerm(errs, t, [...segs, kind, 'requiredDuringSchedulingIgnoredDuringExecution', i]);
    for (const [t, i] of items(pa, 'preferredDuringSchedulingIgnoredDuringExecution')) {
      const at = [...segs, kind, 'preferredDuringSchedulingIgnoredDuringExecution', i];
      weight(errs, t, at);
      podAffinityTerm(errs, obj(t, 'podAffinityTerm') ?? {}, [...at, 'podAffinityTerm']);
    }
  }
}

/** mirrors core/validation ValidateTolerations */
export function validateTolerations(errs: Errors, spec: PlainMap, segs: PathSeg[]): void {
  for (const [t, i] of items(spec, 'tolerations')) {
    const at = [...segs, i];
    const key = str(t, 'key') ?? '';
    const operator = str(t, 'operator') ?? '';
    const value = str(t, 'value') ?? '';
    const effect = str(t, 'effect') ?? '';
    if (key.length > 0) for (const msg of isQualifiedName(key)) errs.invalid(API.tolerations, [...at, 'key'], key, msg);
    if (key.length === 0 && operator !== 'Exists') {
      errs.invalid(API.tolerations, [...at, 'operator'], operator, 'operator must be Exists when `key` is empty, which means "match all values and all keys"', { segs: has(t, 'operator') ? [...at, 'operator'] : at, key: !has(t, 'operator') });
    }
    if (set(t, 'tolerationSeconds') && effect !== 'NoExecute') {
      errs.invalid(API.tolerations, [...at, 'effect'], effect, "effect must be 'NoExecute' when `tolerationSeconds` is set", { segs: has(t, 'effect') ? [...at, 'effect'] : [...at, 'tolerationSeconds'], key: !has(t, 'effect') });
    }
    if (operator === 'Equal' || operator === '') {
      const msgs = isValidLabelValue(value);
      if (msgs.length) errs.invalid(API.tolerations, [...at, 'operator'], value, msgs.join(';'), { segs: [...at, 'value'] });
    } else if (operator === 'Exists' && value.length > 0) {
      errs.invalid(API.tolerations, [...at, 'operator'], value, "value must be empty when `operator` is 'Exists'", { segs: [...at, 'value'] });
    }
    // version: TaintTolerationComparisonOperators (alpha, off in 1.36): Lt and Gt are in the API's enum but rejected.
    if ((operator === 'Lt' || operator === 'Gt') && !gateEnabled('TaintTolerationComparisonOperators', errs.minor)) errs.add(API.tolerations, 'NotSupported', [...at, 'operator'], { value: operator, detail: supportedValues(['Equal', 'Exists', 'Lt', 'Gt']) });
    // Other operators and effects are outside the schema enum (unsupported-value).
  }
}

/** mirrors core/validation validateTopologySpreadConstraints */
export function validateTopologySpreadConstraints(errs: Errors, spec: PlainMap, segs: PathSeg[]): void {
  const list = items(spec, 'topologySpreadConstraints');
  list.forEach(([c, i], n) => {
    const at = [...segs, i];
    const skew = int(c, 'maxSkew') ?? 0;
    if (skew <= 0) {
      if (!leftToSchema(errs, c, 'maxSkew')) errs.invalid(P, [...at, 'maxSkew'], skew, 'must be greater than zero');
    }
    const key = str(c, 'topologyKey') ?? '';
    if (key.length === 0) requiredField(errs, P, c, 'topologyKey', [...at, 'topologyKey'], 'can not be empty', true);
    const when = str(c, 'whenUnsatisfiable') ?? '';
    // whenUnsatisfiable "" or outside the enum is the schema rules' finding (unsupported-value); absent, missing-required-field.
    if (when === '' && isNullItem(c)) errs.add(P, 'NotSupported', [...at, 'whenUnsatisfiable'], { value: '', detail: supportedValues(['DoNotSchedule', 'ScheduleAnyway']) });
    // ValidateSpreadConstraintNotRepeat: the first of two equal {topologyKey, whenUnsatisfiable} pairs is blamed.
    for (const [other] of list.slice(n + 1)) {
      if ((str(other, 'topologyKey') ?? '') === key && (str(other, 'whenUnsatisfiable') ?? '') === when) {
        errs.add(P, 'Duplicate', [...at, '{topologyKey, whenUnsatisfiable}'], { value: `{${key}, ${when}}`, at: { segs: at } });
        break;
      }
    }
    // validateMinDomains
    if (set(c, 'minDomains')) {
      const md = int(c, 'minDomains') ?? 0;
      if (md <= 0) errs.invalid(P, [...at, 'minDomains'], md, 'must be greater than zero');
      if (when !== 'DoNotSchedule') errs.invalid(P, [...at, 'minDomains'], md, `can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ${when}`);
    }
    // nodeAffinityPolicy and nodeTaintsPolicy: "" is the schema rules' finding.
    // MatchLabelKeysInPodTopologySpreadSelectorMerge (beta, on from 1.34) picks ValidateMatchLabelKeysAndMismatchLabelKeys;
    // before, ValidateMatchLabelKeysInTopologySpread.
    if (gateEnabled('MatchLabelKeysInPodTopologySpreadSelectorMerge', errs.minor)) matchLabelKeys(errs, c, at, false);
    else matchLabelKeysInTopologySpread(errs, c, [...at, 'matchLabelKeys']);
    podLabelSelector(errs, c.labelSelector as Plain, [...at, 'labelSelector']);
  });
}

