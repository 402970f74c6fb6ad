/** Resources: container requests and limits, hugepages, resource claims. */
import type { PathSeg } from '../../../model/path';
import { parseQuantity, quantityMilli } from '../../../quantity';
import { API, Errors } from '../collect';
import { isDNS1123Label, isDNS1123Subdomain, isQualifiedName } from '../names';
import { isObj, obj, str, type Plain, type PlainMap } from '../value';
import { isNullItem, items, leftToSchema, quantity, set, type Qty } from './common';

const R = API.resources;
const STANDARD_CONTAINER = new Set(['cpu', 'memory', 'ephemeral-storage']);
/** helper.IsStandardResourceName: standard container resources plus quota names. */
const STANDARD_QUOTA = new Set(['pods', 'services', 'replicationcontrollers', 'resourcequotas', 'secrets', 'configmaps', 'persistentvolumeclaims', 'storage', 'requests.cpu', 'requests.memory', 'requests.ephemeral-storage', 'requests.storage', 'limits.cpu', 'limits.memory', 'limits.ephemeral-storage', 'services.nodeports', 'services.loadbalancers', 'count/pods']);

const isHugePages = (name: string): boolean => name.startsWith('hugepages-');
/** helper.IsNativeResource */
const isNative = (name: string): boolean => !name.includes('/') || name.includes('kubernetes.io/');
/** helper.IsExtendedResourceName */
function isExtended(name: string): boolean {
  if (isNative(name) || name.startsWith('requests.')) return false;
  return isQualifiedName(`requests.${name}`).length === 0;
}

/** mirrors core/validation validateContainerResourceName (with validateResourceName) */
function resourceName(errs: Errors, name: string, at: PathSeg[]): void {
  const msgs = isQualifiedName(name);
  for (const msg of msgs) errs.invalid(R, at, name, msg, { segs: at, key: true });
  const single = !name.includes('/');
  if (msgs.length === 0 && single && !STANDARD_CONTAINER.has(name) && !isHugePages(name) && !STANDARD_QUOTA.has(name)) {
    errs.invalid(R, at, name, 'must be a standard resource type or fully qualified', { segs: at, key: true });
  }
  if (single) {
    if (!STANDARD_CONTAINER.has(name) && !isHugePages(name)) errs.invalid(R, at, name, 'must be a standard resource for containers', { segs: at, key: true });
  } else if (!isNative(name) && !isExtended(name)) {
    errs.invalid(R, at, name, "doesn't follow extended resource name standard", { segs: at, key: true });
  }
}

/**
 * IsIntegerResourceName's check, MilliValue() % 1000 == 0, with MilliValue's int64 behaviour: an amount that
 * fits int64 but whose milli-value overflows scales to 0 (whole); a larger amount (inf.Dec) wraps around.
 */
function isWholeMilli(q: Qty): boolean {
  const parsed = parseQuantity(q.raw);
  if (!parsed) return true;
  const n = parsed.digits * 2n ** BigInt(parsed.exp2);
  const LIMIT = 2n ** 63n;
  if (n < LIMIT && n >= -LIMIT) {
    const milli = quantityMilli(parsed);
    if (milli < LIMIT && milli >= -LIMIT) return milli % 1000n === 0n;
    // int64Amount{value, scale}: positiveScaleInt64 wraps for 10^1,2,3,6,9 and gives 0 for other powers.
    const mantissa = parsed.exp2 ? n : parsed.digits;
    const scale = parsed.exp2 ? 0 : parsed.exp10;
    const up = scale + 3;
    if (![1, 2, 3, 6, 9].includes(up)) return true;
    return BigInt.asIntN(64, mantissa * 10n ** BigInt(up)) % 1000n === 0n;
  }
  const exp = parsed.exp10 + 3;
  if (exp < 0) return true;
  const wrapped = BigInt.asIntN(64, BigInt.asIntN(64, n) * 10n ** BigInt(exp));
  return wrapped % 1000n === 0n;
}

/** helper.IsHugePageResourceValueDivisible */
function hugePageDivisible(name: string, q: Qty): boolean {
  const size = parseQuantity(name.slice('hugepages-'.length));
  if (!size || size.value <= 0 || !Number.isInteger(size.value)) return false;
  return Math.ceil(q.value) % size.value === 0;
}

/** mirrors core/validation validateResourceRequirements for a container (ValidateContainerResourceRequirements) */
/**
 * One request against its limit, as ValidateResourceRequirements (containers) and
 * validatePodResourceRequirements (pod level) compare them: equal for resources that cannot be
 * overcommitted (extended resources, hugepages), at most the limit for cpu/memory/ephemeral-storage.
 * The server reports these on resources.requests / resources.limits, not on the resource's own key.
 */
function requestAgainstLimit(errs: Errors, segs: PathSeg[], name: string, req: Qty, lim: Qty | undefined): void {
  const overcommit = isNative(name) && !isHugePages(name);
  if (lim) {
    const equal = Math.abs(req.value - lim.value) <= Math.abs(lim.value) * 1e-12;
    if (!equal && !overcommit) errs.invalid(R, [...segs, 'requests'], req.text, `must be equal to ${name} limit of ${lim.text}`, { segs: [...segs, 'requests', name] });
    else if (!equal && req.value > lim.value) errs.invalid(R, [...segs, 'requests'], req.text, `must be less than or equal to ${name} limit of ${lim.text}`, { segs: [...segs, 'requests', name] });
  } else if (!overcommit) {
    errs.required(R, [...segs, 'limits'], 'Limit must be set for non overcommitable resources', { segs: [...segs, 'requests', name], key: true });
  }
}

export function validateContainerResources(errs: Errors, c: PlainMap, segs: PathSeg[], podClaims: Set<string>): void {
  const resources = obj(c, 'resources');
  if (!resources) return;
  const read = (field: 'limits' | 'requests'): Map<string, Qty> => {
    const out = new Map<string, Qty>();
    const m = obj(resources, field);
    if (!m) return out;
    for (const [name, raw] of Object.entries(m)) {
      const at = [...segs, field, name];
      resourceName(errs, name, at);
      const q = quantity(raw);
      if (!q) continue; // malformed quantities are the schema rules' finding
      if (q.value < 0) errs.invalid(R, at, q.text, 'must be greater than or equal to 0');
      if (isExtended(name) && !isWholeMilli(q)) errs.invalid(R, at, q.text, 'must be an integer');
      out.set(name, q);
    }
    return out;
  };
  const limits = read('limits');
  const requests = read('requests');
  for (const [name, q] of limits) {
    if (isHugePages(name) && !hugePageDivisible(name, q)) errs.invalid(R, [...segs, 'limits', name], q.text, `${q.text} is not positive integer multiple of ${name}`);
  }
  for (const [name, req] of requests) {
    requestAgainstLimit(errs, segs, name, req, limits.get(name));
    if (isHugePages(name) && !hugePageDivisible(name, req)) errs.invalid(R, [...segs, 'requests', name], req.text, `${req.text} is not positive integer multiple of ${name}`);
  }
  const names = [...limits.keys(), ...requests.keys()];
  if (names.some(isHugePages) && !names.some((n) => n === 'cpu' || n === 'memory')) {
    errs.add(R, 'Forbidden', segs, { detail: 'HugePages require cpu or memory', at: { segs, key: true } });
  }
  validateResourceClaimNames(errs, resources, [...segs, 'claims'], podClaims);
}

/** mirrors core/validation validateResourceClaimNames */
function validateResourceClaimNames(errs: Errors, resources: PlainMap, segs: PathSeg[], podClaims: Set<string>): void {
  const names = new Set<string>();
  for (const [claim, i] of items(resources, 'claims')) {
    const at = [...segs, i];
    const name = str(claim, 'name') ?? '';
    if (name === '') {
      if (!leftToSchema(errs, claim, 'name')) errs.required(R, at);
      continue;
    }
    if (names.has(name)) errs.add(R, 'Duplicate', at, { value: name });
    else {
      const request = str(claim, 'request') ?? '';
      let key = name;
      if (request !== '') {
        for (const msg of isDNS1123Label(request)) errs.invalid(R, [...at, 'request'], request, msg);
        key += `/${request}`;
      }
      if (names.has(key)) errs.add(R, 'Duplicate', at, { value: key });
      else if (request === '') for (const k of names) if (k.includes('/') && k.slice(0, k.indexOf('/')) === name) errs.add(R, 'Duplicate', at, { value: name });
      names.add(key);
    }
    if (!podClaims.has(name)) {
      const list = [...podClaims].sort();
      errs.add(R, 'NotFound', at, { value: name, detail: `must be one of the names in pod.spec.resourceClaims${list.length === 0 ? ' which is empty' : `: ${list.join(', ')}`}` });
    }
  }
}

/** mirrors core/validation validatePodResourceClaims; returns gatherPodResourceClaimNames */
export function validatePodResourceClaims(errs: Errors, spec: PlainMap, segs: PathSeg[]): Set<string> {
  const all = new Set<string>();
  for (const [claim] of items(spec, 'resourceClaims')) {
    const n = str(claim, 'name') ?? '';
    if (n !== '') all.add(n);
  }
  const seen = new Set<string>();
  for (const [claim, i] of items(spec, 'resourceClaims')) {
    const at = [...segs, i];
    const name = str(claim, 'name') ?? '';
    if (name === '') {
      if (!leftToSchema(errs, claim, 'name')) errs.required(API.podSpec, [...at, 'name']);
    } else if (seen.has(name)) errs.add(API.podSpec, 'Duplicate', [...at, 'name'], { value: name });
    else {
      for (const msg of isDNS1123Label(name)) errs.invalid(API.podSpec, [...at, 'name'], name, msg);
      seen.add(name);
    }
    const hasName = set(claim, 'resourceClaimName');
    const hasTemplate = set(claim, 'resourceClaimTemplateName');
    const go = { go: JSON.stringify({ Name: name, ResourceClaimName: str(claim, 'resourceClaimName') ?? null, ResourceClaimTemplateName: str(claim, 'resourceClaimTemplateName') ?? null }) };
    if (hasName && hasTemplate) errs.invalid(API.podSpec, at, go, 'at most one of `resourceClaimName` or `resourceClaimTemplateName` may be specified');
    if (!hasName && !hasTemplate) errs.invalid(API.podSpec, at, go, 'must specify one of: `resourceClaimName`, `resourceClaimTemplateName`');
    for (const f of ['resourceClaimName', 'resourceClaimTemplateName']) {
      const v = str(claim, f);
      if (v !== undefined) for (const msg of isDNS1123Subdomain(v)) errs.invalid(API.podSpec, [...at, f], v, msg);
    }
  }
  return all;
}


const POD_LEVEL = ['cpu', 'hugepages-', 'memory'];
const BINARY = ['Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];

/** resource.Quantity.String() of a sum, in the format of the first term (Add keeps the receiver's format). */
function formatSum(value: number, like: string): string {
  if (BINARY.some((s) => like.endsWith(s)) && Number.isInteger(value) && value !== 0) {
    for (let k = BINARY.length; k >= 1; k--) {
      const unit = 1024 ** k;
      if (value % unit === 0) return `${value / unit}${BINARY[k - 1]}`;
    }
    return String(value);
  }
  return quantity(String(value))?.text ?? String(value);
}

/** resourcehelper.AggregateContainerRequests: containers and sidecars add up; an init container's use is its own plus the earlier sidecars'. */
function aggregateRequests(spec: PlainMap): Map<string, { value: number; like: string }> {
  const reqs = new Map<string, { value: number; like: string }>();
  const add = (into: Map<string, { value: number; like: string }>, c: PlainMap): void => {
    for (const [name, raw] of Object.entries(obj(obj(c, 'resources'), 'requests') ?? {})) {
      const q = quantity(raw);
      if (!q) continue;
      const have = into.get(name);
      into.set(name, { value: (have?.value ?? 0) + q.value, like: have?.like ?? q.text });
    }
  };
  for (const [c] of items(spec, 'containers')) add(reqs, c);
  const sidecars = new Map<string, { value: number; like: string }>();
  const initMax = new Map<string, { value: number; like: string }>();
  for (const [c] of items(spec, 'initContainers')) {
    let use: Map<string, { value: number; like: string }>;
    if (str(c, 'restartPolicy') === 'Always') {
      add(reqs, c);
      add(sidecars, c);
      use = sidecars;
    } else {
      use = new Map();
      add(use, c);
      for (const [k, v] of sidecars) use.set(k, { value: (use.get(k)?.value ?? 0) + v.value, like: use.get(k)?.like ?? v.like });
    }
    for (const [k, v] of use) if (!initMax.has(k) || initMax.get(k)!.value < v.value) initMax.set(k, { ...v });
  }
  for (const [k, v] of initMax) if (!reqs.has(k) || reqs.get(k)!.value < v.value) reqs.set(k, v);
  return reqs;
}

/** mirrors core/validation validatePodResources (PodLevelResources, beta and on since 1.34) */
export function validatePodResources(errs: Errors, spec: PlainMap, segs: PathSeg[], os: string | undefined): void {
  if (!set(spec, 'resources')) return;
  const resources = obj(spec, 'resources') ?? {};
  if (os === 'windows') return errs.add(API.podSpec, 'Forbidden', segs, { detail: 'may not be set for a windows pod' });
  if (set(resources, 'claims')) errs.add(API.podSpec, 'Forbidden', [...segs, 'claims'], { detail: 'claims may not be set for Resources at pod-level' });
  const read = (field: 'limits' | 'requests'): Map<string, Qty> => {
    const out = new Map<string, Qty>();
    for (const [name, raw] of Object.entries(obj(resources, field) ?? {})) {
      const at = [...segs, field, name];
      // validatePodResourceName: validateResourceName, then the pod-level set
      const msgs = isQualifiedName(name);
      for (const msg of msgs) errs.invalid(R, at, name, msg, { segs: at, key: true });
      if (msgs.length === 0 && !name.includes('/') && !STANDARD_CONTAINER.has(name) && !isHugePages(name) && !STANDARD_QUOTA.has(name)) {
        errs.invalid(R, at, name, 'must be a standard resource type or fully qualified', { segs: at, key: true });
      } else if (msgs.length === 0 && name !== 'cpu' && name !== 'memory' && !isHugePages(name)) {
        errs.add(R, 'NotSupported', at, { value: name, detail: `supported values: ${POD_LEVEL.map((v) => JSON.stringify(v)).join(', ')}`, at: { segs: at, key: true } });
      }
      const q = quantity(raw);
      if (!q) continue;
      if (q.value < 0) errs.invalid(R, at, q.text, 'must be greater than or equal to 0');
      if (isExtended(name) && !isWholeMilli(q)) errs.invalid(R, at, q.text, 'must be an integer');
      if (isHugePages(name) && !hugePageDivisible(name, q)) errs.invalid(R, at, q.text, `${q.text} is not positive integer multiple of ${name}`);
      out.set(name, q);
    }
    return out;
  };
  const limits = read('limits');
  const requests = read('requests');
  for (const [name, req] of requests) requestAgainstLimit(errs, segs, name, req, limits.get(name));
  const names = [...limits.keys(), ...requests.keys()];
  if (names.some(isHugePages) && !names.some((n) => n === 'cpu' || n === 'memory')) errs.add(R, 'Forbidden', segs, { detail: 'HugePages require cpu or memory', at: { segs, key: true } });
  // validatePodResourceConsistency
  for (const [name, agg] of aggregateRequests(spec)) {
    const pod = requests.get(name);
    if (pod && agg.value > pod.value) errs.invalid(R, [...segs, 'requests', name], pod.text, `must be greater than or equal to aggregate container requests of ${formatSum(agg.value, agg.like)}`);
  }
  for (const [c, i] of items(spec, 'containers')) {
    for (const [name, raw] of Object.entries(obj(obj(c, 'resources'), 'limits') ?? {})) {
      const pod = limits.get(name);
      const q = quantity(raw);
      if (!pod || !q || q.value <= pod.value) continue;
      // fldPath.Child("containers").Index(i).Key(name).Child("limits"), under the pod's resources
      const at = [...segs, 'containers', i, name, 'limits'];
      errs.list.push({ rule: R, type: 'Invalid', segs: at, pathText: `${podPathText(segs)}.containers[${i}][${name}].limits`, value: q.text, detail: `must be less than or equal to pod limits of ${pod.text}`, at: { segs: [...segs.slice(0, -1), 'containers', i, 'resources', 'limits', name] } });
    }
  }
}

/** kubectl's text of a path made of plain field names and list indexes. */
function podPathText(segs: PathSeg[]): string {
  return segs.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}
