import type { PathSeg } from '../../model/path';
import { API, Errors, type ApiRuleId } from './collect';
import { goJson, goStringMap } from './errors';
import { isDNS1123Label, isDNS1123Subdomain, isQualifiedName, isValidLabelValue } from './names';
import { obj, str, isObj, type Plain, type PlainMap } from './value';

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

/** apimachinery maskTrailingDash: a generateName prefix may end in "-" (the random suffix follows). */
function maskTrailingDash(name: string): string {
  return name.length > 1 && name.endsWith('-') ? `${name.slice(0, -2)}a` : name;
}

/** names.SimpleNameGenerator: at most 58 characters of the prefix, then 5 random ones (a fixed stand-in here). */
export const GENERATED_SUFFIX = 'xn8fg';
export function generatedName(prefix: string): string {
  return `${prefix.length > 58 ? prefix.slice(0, 58) : prefix}${GENERATED_SUFFIX}`;
}

/** The object's name as the server validates it: metadata.name, or the one it generates from generateName. */
export function effectiveName(root: Plain): string {
  const meta = obj(root, 'metadata');
  const name = str(meta, 'name') ?? '';
  const generateName = str(meta, 'generateName') ?? '';
  return name === '' && generateName !== '' ? generatedName(generateName) : name;
}

/** Finalizer names every object may carry without a domain (core/helper standardFinalizers). */
const STANDARD_FINALIZERS = new Set(['kubernetes', 'orphan', 'foregroundDeletion']);

/**
 * mirrors core/validation ValidateObjectMeta → apimachinery ValidateObjectMetaAccessor (names are DNS-1123
 * subdomains for these kinds), after the create handler generated the name from generateName.
 * `labels` is the object's labels after defaulting (a Job without labels takes its template's).
 */
export function validateObjectMeta(errs: Errors, root: Plain, labels: Plain | undefined = obj(root, 'metadata')?.labels): void {
  const meta = obj(root, 'metadata');
  const segs: PathSeg[] = ['metadata'];
  const generateName = str(meta, 'generateName');
  if (generateName) {
    for (const msg of isDNS1123Subdomain(maskTrailingDash(generateName))) errs.invalid(API.metadata, ['metadata', 'generateName'], generateName, msg);
  }
  const name = effectiveName(root);
  if (!name) {
    errs.required(API.metadata, ['metadata', 'name'], 'name or generateName is required');
  } else {
    const at = str(meta, 'name') ? undefined : { segs: ['metadata', 'generateName'] as PathSeg[] };
    for (const msg of isDNS1123Subdomain(name)) errs.invalid(API.metadata, ['metadata', 'name'], name, msg, at);
  }
  const namespace = str(meta, 'namespace');
  if (namespace) for (const msg of isDNS1123Label(namespace)) errs.invalid(API.metadata, ['metadata', 'namespace'], namespace, msg);
  // metadata.generation is not checked: PrepareForCreate sets it to 1.
  const ownLabels = isObj(meta?.labels) && Object.keys(meta.labels).length > 0;
  validateLabels(errs, labels, [...segs, 'labels'], API.metadata, ownLabels ? [...segs, 'labels'] : ['spec', 'template', 'metadata', 'labels']);
  validateAnnotations(errs, meta?.annotations, [...segs, 'annotations']);
  validateOwnerReferences(errs, meta?.ownerReferences);
  validateFinalizers(errs, meta?.finalizers);
}

/** metav1 schema.ParseGroupVersion's version part ("" when the apiVersion does not parse). */
function versionOf(apiVersion: string): string {
  const parts = apiVersion.split('/');
  if (parts.length === 1) return apiVersion;
  return parts.length === 2 ? parts[1] : '';
}

/**
 * mirrors apimachinery ValidateOwnerReferences / validateOwnerReference: the errors name
 * metadata.ownerReferences.<field> without the index, as the server does.
 */
function validateOwnerReferences(errs: Errors, refs: Plain | undefined): void {
  if (!Array.isArray(refs)) return;
  const segs: PathSeg[] = ['metadata', 'ownerReferences'];
  let firstController = '';
  refs.forEach((raw, i) => {
    const ref = raw === null ? {} : raw;
    if (!isObj(ref)) return;
    const at = (f: string) => ({ segs: [...segs, i, f] as PathSeg[] });
    const apiVersion = str(ref, 'apiVersion') ?? '';
    const kind = str(ref, 'kind') ?? '';
    const name = str(ref, 'name') ?? '';
    const uid = str(ref, 'uid') ?? '';
    if (versionOf(apiVersion) === '') errs.invalid(API.metadata, [...segs, 'apiVersion'], apiVersion, 'version must not be empty', at('apiVersion'));
    if (kind === '') errs.invalid(API.metadata, [...segs, 'kind'], kind, 'must not be empty', at('kind'));
    if (name === '') errs.invalid(API.metadata, [...segs, 'name'], name, 'must not be empty', at('name'));
    if (uid === '') errs.invalid(API.metadata, [...segs, 'uid'], uid, 'must not be empty', at('uid'));
    if (kind === 'Event' && versionOf(apiVersion) === 'v1' && !apiVersion.includes('/')) {
      errs.invalid(API.metadata, segs, { go: goJson(ref) }, '/v1, Kind=Event is disallowed from being an owner', { segs: [...segs, i] });
    }
    if (ref.controller === true) {
      const current = `${kind}/${name}`;
      if (firstController) errs.invalid(API.metadata, segs, { go: goJson(refs) }, `Only one reference can have Controller set to true. Found "true" in references for ${firstController} and ${current}`, { segs: [...segs, i, 'controller'] });
      else firstController = current;
    }
  });
}

/** mirrors apimachinery ValidateFinalizers (qualified names; orphan and foregroundDeletion exclude each other) and core validateKubeFinalizerName. */
function validateFinalizers(errs: Errors, finalizers: Plain | undefined): void {
  if (!Array.isArray(finalizers)) return;
  const segs: PathSeg[] = ['metadata', 'finalizers'];
  const names = finalizers.map((f) => (typeof f === 'string' ? f : f === null ? '' : undefined));
  names.forEach((f, i) => {
    if (f === undefined) return;
    for (const msg of isQualifiedName(f)) errs.invalid(API.metadata, segs, f, msg, { segs: [...segs, i] });
  });
  if (names.includes('orphan') && names.includes('foregroundDeletion')) {
    errs.invalid(API.metadata, segs, { go: goJson(names) }, 'finalizer orphan and foregroundDeletion cannot be both set', { segs, key: true });
  }
  names.forEach((f, i) => {
    if (f !== undefined && !f.includes('/') && !STANDARD_FINALIZERS.has(f)) errs.invalid(API.metadata, [...segs, i], f, 'name is neither a standard finalizer name nor is it fully qualified');
  });
}

/** mirrors metav1 validation ValidateLabelSelector / ValidateLabelSelectorRequirement (operators themselves: the schema enum rule). */
export function validateLabelSelector(errs: Errors, selector: Plain | undefined, segs: PathSeg[], rule: ApiRuleId = API.selector): void {
  if (!isObj(selector)) return;
  const exprs = selector.matchExpressions;
  if (Array.isArray(exprs)) {
    exprs.forEach((raw, i) => {
      // A null item decodes to an empty requirement (encoding/json), which is then validated.
      const e = raw === null ? {} : raw;
      if (!isObj(e)) return;
      const at = [...segs, 'matchExpressions', i];
      const op = str(e, 'operator');
      const values = Array.isArray(e.values) ? e.values : [];
      if (op === 'In' || op === 'NotIn') {
        if (values.length === 0) errs.required(rule, [...at, 'values'], "must be specified when `operator` is 'In' or 'NotIn'", { segs: [...at, 'operator'] });
      } else if (op === 'Exists' || op === 'DoesNotExist') {
        if (values.length > 0) errs.add(rule, 'Forbidden', [...at, 'values'], { detail: "may not be specified when `operator` is 'Exists' or 'DoesNotExist'" });
      }
      // A written item without key or operator is the schema rules' missing-required-field; a null one is not walked there.
      if (raw === null) errs.invalid(rule, [...at, 'operator'], '', 'not a valid selector operator', { segs: at });
      const key = raw === null ? '' : str(e, 'key');
      if (key !== undefined) for (const msg of isQualifiedName(key)) errs.invalid(rule, [...at, 'key'], key, msg, raw === null ? { segs: at } : undefined);
      values.forEach((v, j) => {
        if (typeof v === 'string' || v === null) for (const msg of isValidLabelValue(v ?? '')) errs.invalid(rule, [...at, 'values', j], v ?? '', msg);
      });
    });
  }
  validateLabels(errs, selector.matchLabels, [...segs, 'matchLabels'], rule);
}

/**
 * Can metav1.LabelSelectorAsSelector build this selector? It fails on a bad key, label value or operator and
 * on In/NotIn without values or Exists/DoesNotExist with values; the server then skips the match check.
 */
export function selectorParses(selector: Plain | undefined): boolean {
  if (!isObj(selector)) return true;
  const ml = selector.matchLabels;
  if (isObj(ml)) {
    for (const [k, v] of Object.entries(ml)) {
      if (isQualifiedName(k).length || isValidLabelValue(v === null ? '' : String(v)).length) return false;
    }
  }
  const exprs = selector.matchExpressions;
  if (Array.isArray(exprs)) {
    for (const e of exprs) {
      const op = str(e, 'operator') ?? '';
      const values = isObj(e) && Array.isArray(e.values) ? e.values : [];
      if (!['In', 'NotIn', 'Exists', 'DoesNotExist'].includes(op)) return false;
      if ((op === 'In' || op === 'NotIn') && values.length === 0) return false;
      if ((op === 'Exists' || op === 'DoesNotExist') && values.length > 0) return false;
      if (isQualifiedName(str(e, 'key') ?? '').length) return false;
      if (values.some((v) => isValidLabelValue(v === null ? '' : String(v)).length)) return false;
    }
  }
  return true;
}

/** Does a label selector select these labels? A nil selector selects nothing, an empty one everything. */
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

/** A *metav1.LabelSelector as field errors print it (JSON, empty parts omitted). */
export function goSelector(selector: Plain | undefined): { go: string } {
  if (!isObj(selector)) return { go: 'null' };
  const out: Record<string, unknown> = {};
  if (isObj(selector.matchLabels) && Object.keys(selector.matchLabels).length) {
    out.matchLabels = Object.fromEntries(Object.keys(selector.matchLabels).sort().map((k) => [k, plainText((selector.matchLabels as PlainMap)[k])]));
  }
  if (Array.isArray(selector.matchExpressions) && selector.matchExpressions.length) {
    out.matchExpressions = selector.matchExpressions.map((e) => {
      const r: Record<string, unknown> = { key: str(e, 'key') ?? '', operator: str(e, 'operator') ?? '' };
      const values = isObj(e) && Array.isArray(e.values) ? e.values : [];
      if (values.length) r.values = values.map(plainText);
      return r;
    });
  }
  return { go: goJson(out) };
}

function plainText(v: Plain | undefined): string {
  return v === null || v === undefined ? '' : String(v);
}

const encoder = new TextEncoder();
function utf8Length(s: string): number {
  return encoder.encode(s).length;
}
