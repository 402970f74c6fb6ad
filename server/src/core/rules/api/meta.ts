import type { PathSeg } from '../../model/path';
import { API, Errors, type ApiRuleId } from './collect';
import { goStringMap } from './errors';
import { isDNS1123Label, isDNS1123Subdomain, isQualifiedName, isValidLabelValue } from './names';
import { obj, str, isObj, type Plain } from './value';

const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;

/** ValidateLabels: keys are qualified names, values label values; errors name the labels field. */
export function validateLabels(errs: Errors, labels: Plain | undefined, segs: PathSeg[], rule: ApiRuleId = API.metadata, where: PathSeg[] = segs): void {
  if (!isObj(labels)) return;
  for (const [k, v] of Object.entries(labels)) {
    for (const msg of isQualifiedName(k)) errs.invalid(rule, segs, k, msg, { segs: [...where, k], key: true });
    if (typeof v === 'string' || v === null) {
      for (const msg of isValidLabelValue(v ?? '')) errs.invalid(rule, segs, v ?? '', msg, { segs: [...where, k] });
    }
  }
}

/** ValidateAnnotations: keys are qualified names (checked lower-cased); the total size is at most 256 KiB. */
export function validateAnnotations(errs: Errors, annotations: Plain | undefined, segs: PathSeg[], where: PathSeg[] = segs): void {
  if (!isObj(annotations)) return;
  let total = 0;
  for (const [k, v] of Object.entries(annotations)) {
    for (const msg of isQualifiedName(k.toLowerCase())) errs.invalid(API.metadata, segs, k, msg, { segs: [...where, k], key: true });
    total += utf8Length(k) + utf8Length(typeof v === 'string' ? v : v === null ? '' : String(v));
  }
  if (total > TOTAL_ANNOTATION_SIZE_LIMIT) errs.add(API.metadata, 'TooLong', segs, { detail: `may not be more than ${TOTAL_ANNOTATION_SIZE_LIMIT} bytes`, at: { segs: where, key: true } });
}

/** ValidateObjectMeta of a top-level object (namespaced; names are DNS-1123 subdomains for these kinds). */
export function validateObjectMeta(errs: Errors, root: Plain): void {
  const meta = obj(root, 'metadata');
  const segs: PathSeg[] = ['metadata'];
  const name = str(meta, 'name');
  const generateName = str(meta, 'generateName');
  if (!name && !generateName) {
    errs.required(API.metadata, ['metadata', 'name'], 'name or generateName is required');
  } else if (name) {
    for (const msg of isDNS1123Subdomain(name)) errs.invalid(API.metadata, ['metadata', 'name'], name, msg);
  }
  if (generateName && !name) {
    // The server appends five random characters before validating the name.
    for (const msg of isDNS1123Subdomain(`${generateName}abcde`)) errs.invalid(API.metadata, ['metadata', 'generateName'], generateName, msg);
  }
  const namespace = str(meta, 'namespace');
  if (namespace) for (const msg of isDNS1123Label(namespace)) errs.invalid(API.metadata, ['metadata', 'namespace'], namespace, msg);
  validateLabels(errs, meta?.labels, [...segs, 'labels']);
  validateAnnotations(errs, meta?.annotations, [...segs, 'annotations']);
}

/** metav1 validation.ValidateLabelSelector. */
export function validateLabelSelector(errs: Errors, selector: Plain | undefined, segs: PathSeg[], rule: ApiRuleId = API.selector): void {
  if (!isObj(selector)) return;
  const exprs = selector.matchExpressions;
  if (Array.isArray(exprs)) {
    exprs.forEach((e, i) => {
      if (!isObj(e)) return;
      const at = [...segs, 'matchExpressions', i];
      const op = str(e, 'operator');
      const values = Array.isArray(e.values) ? e.values : [];
      if (op === 'In' || op === 'NotIn') {
        if (values.length === 0) errs.required(rule, [...at, 'values'], "must be specified when `operator` is 'In' or 'NotIn'", { segs: [...at, 'operator'] });
      } else if (op === 'Exists' || op === 'DoesNotExist') {
        if (values.length > 0) errs.add(rule, 'Forbidden', [...at, 'values'], { detail: "may not be specified when `operator` is 'Exists' or 'DoesNotExist'" });
      }
      const key = str(e, 'key');
      if (key !== undefined) for (const msg of isQualifiedName(key)) errs.invalid(rule, [...at, 'key'], key, msg);
    });
  }
  validateLabels(errs, selector.matchLabels, [...segs, 'matchLabels'], rule);
}

/** Does a label selector select these labels? undefined when the selector cannot be read. */
export function selectorMatches(selector: Plain | undefined, labels: Record<string, string>): boolean {
  if (!isObj(selector)) return false;
  const ml = selector.matchLabels;
  if (isObj(ml)) {
    for (const [k, v] of Object.entries(ml)) if (labels[k] !== (v === null ? '' : String(v))) return false;
  }
  const exprs = selector.matchExpressions;
  if (Array.isArray(exprs)) {
    for (const e of exprs) {
      if (!isObj(e)) continue;
      const key = str(e, 'key') ?? '';
      const values = (Array.isArray(e.values) ? e.values : []).map((v) => (v === null ? '' : String(v)));
      const present = Object.prototype.hasOwnProperty.call(labels, key);
      switch (str(e, 'operator')) {
        case 'In': if (!present || !values.includes(labels[key])) return false; break;
        case 'NotIn': if (present && values.includes(labels[key])) return false; break;
        case 'Exists': if (!present) return false; break;
        case 'DoesNotExist': if (present) return false; break;
        default: return true; // an invalid selector is reported on its own; no match error on top
      }
    }
  }
  return true;
}

export function selectorIsEmpty(selector: Plain | undefined): boolean {
  if (!isObj(selector)) return false;
  const ml = selector.matchLabels;
  const me = selector.matchExpressions;
  return (!isObj(ml) || Object.keys(ml).length === 0) && (!Array.isArray(me) || me.length === 0);
}

/** Go's %#v of a *metav1.LabelSelector, shortened to the parts that are set. */
export function goSelector(selector: Plain | undefined): { go: string } {
  if (!isObj(selector)) return { go: 'nil' };
  const ml = isObj(selector.matchLabels) ? goStringMap(Object.fromEntries(Object.entries(selector.matchLabels).map(([k, v]) => [k, v === null ? '' : String(v)]))).go : 'map[string]string(nil)';
  const me = Array.isArray(selector.matchExpressions) && selector.matchExpressions.length ? `[]v1.LabelSelectorRequirement{…${selector.matchExpressions.length}}` : '[]v1.LabelSelectorRequirement(nil)';
  return { go: `&v1.LabelSelector{MatchLabels:${ml}, MatchExpressions:${me}}` };
}

const encoder = new TextEncoder();
function utf8Length(s: string): number {
  return encoder.encode(s).length;
}
