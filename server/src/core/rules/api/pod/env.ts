/** Env validation: container env and envFrom, and the field selectors the downward API volume shares. */
import type { PathSeg } from '../../../model/path';
import { gateEnabled } from '../../../versions';
import { API, type ApiRuleId, Errors } from '../collect';
import { supportedValues } from '../errors';
import { isDNS1123Label, isDNS1123Subdomain, isEnvVarName, isQualifiedName, isStrictEnvVarName, maxLenError } from '../names';
import { obj, str, type Plain, type PlainMap } from '../value';
import { items, quantity, requiredField, set } from './common';

const C = API.containers;

/** validEnvDownwardAPIFieldPathExpressions */
export const ENV_FIELD_PATHS = ['metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName', 'spec.serviceAccountName', 'status.hostIP', 'status.hostIPs', 'status.podIP', 'status.podIPs'];
/** validVolumeDownwardAPIFieldPathExpressions */
export const VOLUME_FIELD_PATHS = ['metadata.annotations', 'metadata.labels', 'metadata.name', 'metadata.namespace', 'metadata.uid'];
/** validContainerResourceFieldPathExpressions (sorted, as sets.List prints them) */
const RESOURCE_FIELD_PATHS = ['limits.cpu', 'limits.ephemeral-storage', 'limits.memory', 'requests.cpu', 'requests.ephemeral-storage', 'requests.memory'];
const HUGEPAGES_PREFIXES = ['limits.hugepages-', 'requests.hugepages-'];

/** IsRelaxedEnvVarName, or IsEnvVarName before RelaxedEnvironmentVariableValidation (beta, on from 1.32). */
function envVarName(errs: Errors, name: string): string[] {
  return gateEnabled('RelaxedEnvironmentVariableValidation', errs.minor) ? isEnvVarName(name) : isStrictEnvVarName(name);
}

/** mirrors core/validation ValidateEnv */
export function validateEnv(errs: Errors, c: PlainMap, segs: PathSeg[]): void {
  for (const [ev, i] of items(c, 'env')) {
    const at = [...segs, i];
    const name = str(ev, 'name') ?? '';
    if (name.length === 0) requiredField(errs, C, ev, 'name', [...at, 'name'], '', true);
    else for (const msg of envVarName(errs, name)) errs.invalid(C, [...at, 'name'], name, msg);
    validateEnvVarValueFrom(errs, ev, [...at, 'valueFrom']);
  }
}

/** mirrors core/validation validateEnvVarValueFrom */
function validateEnvVarValueFrom(errs: Errors, ev: PlainMap, segs: PathSeg[]): void {
  if (!set(ev, 'valueFrom')) return;
  const from = obj(ev, 'valueFrom') ?? {};
  let sources = 0;
  if (set(from, 'fieldRef')) {
    sources++;
    validateObjectFieldSelector(errs, C, obj(from, 'fieldRef') ?? {}, ENV_FIELD_PATHS, [...segs, 'fieldRef']);
  }
  if (set(from, 'resourceFieldRef')) {
    sources++;
    validateContainerResourceFieldSelector(errs, C, obj(from, 'resourceFieldRef') ?? {}, [...segs, 'resourceFieldRef'], false);
  }
  for (const ref of ['configMapKeyRef', 'secretKeyRef']) {
    if (!set(from, ref)) continue;
    sources++;
    // validateConfigMapKeySelector / validateSecretKeySelector: the name is checked as a DNS subdomain even when empty.
    const r = obj(from, ref) ?? {};
    const rs = [...segs, ref];
    const name = str(r, 'name') ?? '';
    for (const msg of isDNS1123Subdomain(name)) errs.invalid(C, [...rs, 'name'], name, msg);
    const key = str(r, 'key') ?? '';
    if (key.length === 0) requiredField(errs, C, r, 'key', [...rs, 'key'], '', true);
    else for (const msg of isConfigMapKey(key)) errs.invalid(C, [...rs, 'key'], key, msg);
  }
  if (set(from, 'fileKeyRef')) {
    sources++;
    validateFileKeySelector(errs, obj(from, 'fileKeyRef') ?? {}, [...segs, 'fileKeyRef']);
  }
  if (sources === 0) {
    // EnvFiles (beta, on from 1.35) adds fileKeyRef to the list; before, prepare drops it and this is the answer.
    const one = gateEnabled('EnvFiles', errs.minor) ? '`fieldRef`, `resourceFieldRef`, `configMapKeyRef`, `secretKeyRef` or `fileKeyRef`' : '`fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`';
    errs.invalid(C, segs, '', `must specify one of: ${one}`);
  } else if ((str(ev, 'value') ?? '').length !== 0) {
    errs.invalid(C, segs, '', 'may not be specified when `value` is not empty');
  } else if (sources > 1) {
    errs.invalid(C, segs, '', 'may not have more than one field specified at a time');
  }
}

/** mirrors core/validation validateFileKeySelector */
function validateFileKeySelector(errs: Errors, s: PlainMap, segs: PathSeg[]): void {
  const key = str(s, 'key') ?? '';
  if (key.length === 0) requiredField(errs, C, s, 'key', [...segs, 'key'], '', true);
  else for (const msg of isEnvVarName(key)) errs.invalid(C, [...segs, 'key'], key, msg);
  const vol = str(s, 'volumeName') ?? '';
  if (vol.length === 0) requiredField(errs, C, s, 'volumeName', [...segs, 'volumeName'], '', true);
  else for (const msg of isDNS1123Label(vol)) errs.invalid(C, [...segs, 'volumeName'], vol, msg);
  const p = str(s, 'path') ?? '';
  if (p.length === 0) requiredField(errs, C, s, 'path', [...segs, 'path'], '', true);
  else validatePathNoBacksteps(errs, C, p, [...segs, 'path']);
}

/** mirrors core/validation validatePathNoBacksteps */
export function validatePathNoBacksteps(errs: Errors, rule: ApiRuleId, p: string, segs: PathSeg[]): void {
  if (p.split(/[\\/]/).includes('..')) errs.invalid(rule, segs, p, "must not contain '..'");
}

const CONFIG_MAP_KEY = /^[-._a-zA-Z0-9]+$/;
/** IsConfigMapKey */
export function isConfigMapKey(value: string): string[] {
  const out: string[] = [];
  if (value.length > 253) out.push(maxLenError(253));
  if (!CONFIG_MAP_KEY.test(value)) out.push("a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')");
  if (value === '.') out.push("must not be '.'");
  else if (value === '..') out.push("must not be '..'");
  else if (value.startsWith('..')) out.push("must not start with '..'");
  return out;
}

/** mirrors core/validation validateObjectFieldSelector (apiVersion is defaulted to v1 first) */
export function validateObjectFieldSelector(errs: Errors, rule: ApiRuleId, fs: PlainMap, expressions: readonly string[], segs: PathSeg[]): void {
  const apiVersion = str(fs, 'apiVersion') || 'v1';
  const fieldPath = str(fs, 'fieldPath') ?? '';
  if (fieldPath.length === 0) {
    requiredField(errs, rule, fs, 'fieldPath', [...segs, 'fieldPath'], '', true);
    return;
  }
  // ConvertDownwardAPIFieldLabel: only v1 is known; the field path must be a supported one or a subscripted label/annotation.
  if (apiVersion !== 'v1') {
    errs.invalid(rule, [...segs, 'fieldPath'], fieldPath, `error converting fieldPath: unsupported pod version: ${apiVersion}`);
    return;
  }
  const sub = splitSubscript(fieldPath);
  if (sub) {
    if (sub.path !== 'metadata.annotations' && sub.path !== 'metadata.labels') {
      errs.invalid(rule, [...segs, 'fieldPath'], fieldPath, `error converting fieldPath: field label does not support subscript: ${fieldPath}`);
      return;
    }
    const key = sub.path === 'metadata.annotations' ? sub.key.toLowerCase() : sub.key;
    for (const msg of isQualifiedName(key)) errs.invalid(rule, segs, key, msg);
    return;
  }
  // spec.host is the old spelling of spec.nodeName, converted first.
  const internal = fieldPath === 'spec.host' ? 'spec.nodeName' : fieldPath;
  if (!CONVERTIBLE.has(internal)) {
    errs.invalid(rule, [...segs, 'fieldPath'], fieldPath, `error converting fieldPath: field label not supported: ${fieldPath}`);
    return;
  }
  if (!expressions.includes(internal)) errs.add(rule, 'NotSupported', [...segs, 'fieldPath'], { value: internal, detail: supportedValues(expressions) });
}

/** The field labels ConvertDownwardAPIFieldLabel accepts for v1 pods. */
const CONVERTIBLE = new Set(['metadata.annotations', 'metadata.labels', 'metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName', 'spec.restartPolicy', 'spec.serviceAccountName', 'spec.schedulerName', 'status.phase', 'status.hostIP', 'status.hostIPs', 'status.podIP', 'status.podIPs']);

/** fieldpath.SplitMaybeSubscriptedPath: `path['key']`. */
function splitSubscript(p: string): { path: string; key: string } | undefined {
  if (!p.endsWith("']")) return undefined;
  const open = p.indexOf("['");
  if (open <= 0) return undefined;
  return { path: p.slice(0, open), key: p.slice(open + 2, -2) };
}

/** mirrors core/validation validateContainerResourceFieldSelector and validateContainerResourceDivisor */
export function validateContainerResourceFieldSelector(errs: Errors, rule: ApiRuleId, fs: PlainMap, segs: PathSeg[], volume: boolean): void {
  const resource = str(fs, 'resource') ?? '';
  if (volume && (str(fs, 'containerName') ?? '').length === 0) errs.required(rule, [...segs, 'containerName']);
  else if (resource.length === 0) requiredField(errs, rule, fs, 'resource', [...segs, 'resource'], '', true);
  else if (!RESOURCE_FIELD_PATHS.includes(resource) && !HUGEPAGES_PREFIXES.some((p) => resource.startsWith(p))) {
    errs.add(rule, 'NotSupported', [...segs, 'resource'], { value: resource, detail: supportedValues(RESOURCE_FIELD_PATHS) });
  }
  if (!set(fs, 'divisor')) return;
  const d = quantity(fs.divisor as Plain);
  if (!d || d.value === 0) return;
  const divisor = d.text;
  const bytes = ['1', '1k', '1M', '1G', '1T', '1P', '1E', '1Ki', '1Mi', '1Gi', '1Ti', '1Pi', '1Ei'];
  const bytesList = '1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, 1Ei';
  const bad = (what: string): void => errs.invalid(rule, [...segs, 'divisor'], resource, `only divisor's values ${what}`);
  if (resource === 'limits.cpu' || resource === 'requests.cpu') {
    if (divisor !== '1m' && divisor !== '1') bad('1m and 1 are supported with the cpu resource');
  } else if (resource === 'limits.memory' || resource === 'requests.memory') {
    if (!bytes.includes(divisor)) bad(`${bytesList} are supported with the memory resource`);
  } else if (resource === 'limits.ephemeral-storage' || resource === 'requests.ephemeral-storage') {
    if (!bytes.includes(divisor)) bad(`${bytesList} are supported with the local ephemeral storage resource`);
  }
  if (HUGEPAGES_PREFIXES.some((p) => resource.startsWith(p)) && !bytes.includes(divisor)) bad(`${bytesList} are supported with the hugepages resource`);
}

/** mirrors core/validation ValidateEnvFrom (the "one of" errors are on the list's path, as the server reports them) */
export function validateEnvFrom(errs: Errors, c: PlainMap, segs: PathSeg[]): void {
  for (const [ef, i] of items(c, 'envFrom')) {
    const at = [...segs, i];
    const prefix = str(ef, 'prefix') ?? '';
    if (prefix.length > 0) for (const msg of envVarName(errs, prefix)) errs.invalid(C, [...at, 'prefix'], prefix, msg);
    let sources = 0;
    for (const ref of ['configMapRef', 'secretRef']) {
      if (!set(ef, ref)) continue;
      sources++;
      const name = str(obj(ef, ref), 'name') ?? '';
      if (name.length === 0) errs.required(C, [...at, ref, 'name']);
      else for (const msg of isDNS1123Subdomain(name)) errs.invalid(C, [...at, ref, 'name'], name, msg);
    }
    if (sources === 0) errs.invalid(C, segs, '', 'must specify one of: `configMapRef` or `secretRef`', { segs: at });
    else if (sources > 1) errs.invalid(C, segs, '', 'may not have more than one field specified at a time', { segs: at });
  }
}
