import type { Taint, Toleration } from './types';

export const TAINT_NOT_READY = 'node.kubernetes.io/not-ready';
export const TAINT_UNREACHABLE = 'node.kubernetes.io/unreachable';
export const TAINT_DISK_PRESSURE = 'node.kubernetes.io/disk-pressure';
export const TAINT_MEMORY_PRESSURE = 'node.kubernetes.io/memory-pressure';
export const TAINT_PID_PRESSURE = 'node.kubernetes.io/pid-pressure';
export const TAINT_UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';
export const TAINT_NETWORK_UNAVAILABLE = 'node.kubernetes.io/network-unavailable';

/**
 * The tolerations the DaemonSet controller adds to every daemon pod (pkg/controller/daemon/util,
 * AddOrUpdateDaemonPodTolerations): survive not-ready/unreachable eviction, ignore the node
 * pressure and cordon taints, and — for hostNetwork pods only — the network-unavailable taint.
 */
export function daemonTolerations(hostNetwork: boolean): Toleration[] {
  const list: Toleration[] = [
    { key: TAINT_NOT_READY, operator: 'Exists', effect: 'NoExecute' },
    { key: TAINT_UNREACHABLE, operator: 'Exists', effect: 'NoExecute' },
    { key: TAINT_DISK_PRESSURE, operator: 'Exists', effect: 'NoSchedule' },
    { key: TAINT_MEMORY_PRESSURE, operator: 'Exists', effect: 'NoSchedule' },
    { key: TAINT_PID_PRESSURE, operator: 'Exists', effect: 'NoSchedule' },
    { key: TAINT_UNSCHEDULABLE, operator: 'Exists', effect: 'NoSchedule' },
  ];
  if (hostNetwork) list.push({ key: TAINT_NETWORK_UNAVAILABLE, operator: 'Exists', effect: 'NoSchedule' });
  return list;
}

/** Same key, effect, operator and value: the controller does not add a toleration the pod already has. */
export function sameToleration(a: Toleration, b: Toleration): boolean {
  return (a.key ?? '') === (b.key ?? '') && (a.effect ?? '') === (b.effect ?? '') && (a.operator ?? '') === (b.operator ?? '') && (a.value ?? '') === (b.value ?? '');
}

/**
 * Whether one toleration tolerates one taint: an empty effect matches every effect; an empty key
 * (only valid with Exists) matches every key; Exists ignores the value; Equal (or no operator)
 * needs the same value, where a missing value is the empty string.
 */
export function toleratesTaint(toleration: Toleration, taint: Taint): boolean {
  if (toleration.effect && toleration.effect !== taint.effect) return false;
  if (toleration.key && toleration.key !== taint.key) return false;
  switch (toleration.operator ?? '') {
    case '':
    case 'Equal':
      return (toleration.value ?? '') === (taint.value ?? '');
    case 'Exists':
      return true;
    case 'Lt':
    case 'Gt':
      return compareNumeric(toleration.value, taint.value, toleration.operator as 'Lt' | 'Gt');
    default:
      return false;
  }
}

/** Lt/Gt tolerations (alpha TaintTolerationComparisonOperators): integer comparison of the taint's value. */
function compareNumeric(tolerationValue: string | undefined, taintValue: string | undefined, op: 'Lt' | 'Gt'): boolean {
  const integer = /^[+-]?\d+$/;
  if (!tolerationValue || !taintValue || !integer.test(tolerationValue) || !integer.test(taintValue)) return false;
  const t = BigInt(tolerationValue);
  const v = BigInt(taintValue);
  return op === 'Lt' ? v < t : v > t;
}

/** Index of the first toleration that tolerates the taint, or -1. */
export function toleratingIndex(tolerations: readonly Toleration[], taint: Taint): number {
  for (let i = 0; i < tolerations.length; i++) if (toleratesTaint(tolerations[i], taint)) return i;
  return -1;
}

/** kubectl's way of writing a taint: key=value:Effect, or key:Effect without a value. */
export function formatTaint(taint: Taint): string {
  return `${taint.key}${taint.value ? `=${taint.value}` : ''}:${taint.effect}`;
}

/** A toleration in one line, for reasons and the panel. */
export function formatToleration(t: Toleration): string {
  const op = t.operator || 'Equal';
  const key = t.key ? t.key : '<every key>';
  const value = op === 'Exists' ? '' : op === 'Equal' ? `=${t.value ?? ''}` : ` ${op} ${t.value ?? ''}`;
  const effect = t.effect ? t.effect : '<every effect>';
  const exists = op === 'Exists' ? ' (Exists)' : '';
  return `${key}${value}:${effect}${exists}`;
}
