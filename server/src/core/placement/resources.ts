import { parseQuantity, quantityMilli as milli } from '../quantity';
import { isRecord } from './affinity';
import { hasOwn } from '../own';

/** Resource amounts in thousandths of their unit (millicores, millibytes), exact. */
export type ResourceAmounts = Map<string, bigint>;

/** A quantity in thousandths, rounded up as Kubernetes' MilliValue does; undefined when not a quantity. */
export function quantityMilli(value: unknown): bigint | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) value = String(value);
  if (typeof value !== 'string') return undefined;
  const q = parseQuantity(value.trim());
  return q ? milli(q) : undefined;
}

function containerRequests(container: unknown, warnings: string[], where: string): ResourceAmounts {
  const out: ResourceAmounts = new Map();
  if (!isRecord(container) || !isRecord(container.resources)) return out;
  const requests = isRecord(container.resources.requests) ? container.resources.requests : {};
  const limits = isRecord(container.resources.limits) ? container.resources.limits : {};
  // Defaulting: a resource with a limit and no request gets the limit as its request.
  for (const [name, raw] of Object.entries(limits)) {
    if (hasOwn(requests, name)) continue;
    const v = quantityMilli(raw);
    if (v === undefined) warnings.push(`${where}.resources.limits[${name}] "${String(raw)}" is not a quantity; ignored`);
    else out.set(name, v);
  }
  for (const [name, raw] of Object.entries(requests)) {
    const v = quantityMilli(raw);
    if (v === undefined) warnings.push(`${where}.resources.requests[${name}] "${String(raw)}" is not a quantity; ignored`);
    else out.set(name, v);
  }
  return out;
}

function add(into: ResourceAmounts, from: ResourceAmounts): void {
  for (const [k, v] of from) into.set(k, (into.get(k) ?? 0n) + v);
}

function max(into: ResourceAmounts, from: ResourceAmounts): void {
  for (const [k, v] of from) if (v > (into.get(k) ?? 0n)) into.set(k, v);
}

/**
 * What the scheduler reserves for a pod (component-helpers/resource PodRequests): the sum of the
 * containers, sidecars (init containers with restartPolicy Always) added to that sum, the largest
 * init-container moment (a plain init container plus the sidecars started before it) when it is
 * bigger, pod-level requests for cpu/memory when set, plus spec.overhead.
 */
export function podRequests(spec: Record<string, unknown>, warnings: string[] = []): ResourceAmounts {
  const result: ResourceAmounts = new Map();
  const containers = Array.isArray(spec.containers) ? spec.containers : [];
  containers.forEach((c, i) => add(result, containerRequests(c, warnings, `containers[${i}]`)));
  const sidecars: ResourceAmounts = new Map();
  const initPeak: ResourceAmounts = new Map();
  const inits = Array.isArray(spec.initContainers) ? spec.initContainers : [];
  inits.forEach((c, i) => {
    const own = containerRequests(c, warnings, `initContainers[${i}]`);
    if (isRecord(c) && c.restartPolicy === 'Always') {
      add(result, own);
      add(sidecars, own);
      max(initPeak, sidecars);
    } else {
      const moment: ResourceAmounts = new Map(own);
      add(moment, sidecars);
      max(initPeak, moment);
    }
  });
  max(result, initPeak);
  const podLevel = isRecord(spec.resources) && isRecord(spec.resources.requests) ? spec.resources.requests : undefined;
  if (podLevel) {
    for (const name of ['cpu', 'memory']) {
      if (!hasOwn(podLevel, name)) continue;
      const v = quantityMilli(podLevel[name]);
      if (v !== undefined) result.set(name, v);
    }
  }
  if (isRecord(spec.overhead)) {
    for (const [name, raw] of Object.entries(spec.overhead)) {
      const v = quantityMilli(raw);
      if (v !== undefined) result.set(name, (result.get(name) ?? 0n) + v);
    }
  }
  for (const [k, v] of result) if (v === 0n) result.delete(k);
  return result;
}

const BYTE_RESOURCES = /^(memory|ephemeral-storage|storage|hugepages-.*)$/;

/** The resources NodeResourcesFit compares: cpu, memory, ephemeral-storage and scalar (extended, hugepages) ones. */
function checkedByScheduler(name: string): boolean {
  return name === 'cpu' || name === 'memory' || name === 'ephemeral-storage' || name.startsWith('hugepages-') || (name.includes('/') && !name.startsWith('kubernetes.io/'));
}

/** Parses a node's status.allocatable once. */
export function parseAllocatable(allocatable: Record<string, string>): ResourceAmounts {
  const out: ResourceAmounts = new Map();
  for (const [k, v] of Object.entries(allocatable)) {
    const m = quantityMilli(v);
    if (m !== undefined) out.set(k, m);
  }
  return out;
}

/** What already runs on a node, parsed: summed requests and the pod count. */
export interface UsedAmounts {
  requests: ResourceAmounts;
  pods: number;
}

/**
 * NodeResourcesFit (mirrors noderesources fitsRequest): one more pod must fit in allocatable pods,
 * and every requested resource plus what the node's pods already request must fit in allocatable.
 * Without `used` the node counts as empty (nodes from files).
 */
export function resourceMisfits(requests: ResourceAmounts, allocatable: ResourceAmounts, used?: UsedAmounts): string[] {
  const out: string[] = [];
  const pods = allocatable.get('pods');
  const running = BigInt(used?.pods ?? 0) * 1000n;
  if (pods !== undefined && running + 1000n > pods) out.push(used?.pods ? `too many pods: allocatable pods ${formatAmount('pods', pods)}, ${used.pods} running` : `too many pods: allocatable pods ${formatAmount('pods', pods)}`);
  for (const [name, want] of requests) {
    if (!checkedByScheduler(name)) continue;
    const have = allocatable.get(name) ?? 0n;
    const taken = used?.requests.get(name) ?? 0n;
    if (want + taken > have) out.push(`insufficient ${name}: requests ${formatAmount(name, want)}, allocatable ${formatAmount(name, have)}${taken ? `, ${formatAmount(name, taken)} already requested by the node's pods` : ''}`);
  }
  return out;
}

/** Writes an amount the way a person would write it in a manifest: 500m, 2, 64Mi, 1G. */
export function formatAmount(name: string, milli: bigint): string {
  if (name === 'cpu') return milli % 1000n === 0n ? String(milli / 1000n) : `${milli}m`;
  if (milli % 1000n !== 0n) return `${milli}m`;
  const n = milli / 1000n;
  if (BYTE_RESOURCES.test(name) && n !== 0n) {
    const binary: Array<[string, bigint]> = [['Ei', 1n << 60n], ['Pi', 1n << 50n], ['Ti', 1n << 40n], ['Gi', 1n << 30n], ['Mi', 1n << 20n], ['Ki', 1n << 10n]];
    for (const [suffix, size] of binary) if (n % size === 0n) return `${n / size}${suffix}`;
    const decimal: Array<[string, bigint]> = [['E', 10n ** 18n], ['P', 10n ** 15n], ['T', 10n ** 12n], ['G', 10n ** 9n], ['M', 10n ** 6n], ['k', 1000n]];
    for (const [suffix, size] of decimal) if (n % size === 0n) return `${n / size}${suffix}`;
  }
  return String(n);
}

export function formatAmounts(amounts: ResourceAmounts): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of amounts) out[k] = formatAmount(k, v);
  return out;
}
