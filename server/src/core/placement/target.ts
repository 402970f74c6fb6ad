import { fieldOf, typeInfo, type FieldShape } from '../schema';
import { fieldStatus, formatMinor, type FieldStatus } from '../versions';
import { isRecord } from './affinity';
import type { PodTemplateRef } from './workload';

/** A field the target's API server does not keep: dropped on create, or rejected as unknown. */
export interface TargetChange {
  /** kubectl-style path, e.g. `spec.template.spec.initContainers[0].restartPolicy`. */
  path: string;
  status: 'dropped' | 'unknown';
  gate?: string;
  /** dropped: the first minor whose default turns the gate on. */
  enabledIn?: number;
  /** unknown: the first minor that has the field. */
  since?: number;
  /** One sentence for notes and warnings. */
  text: string;
}

export interface TargetView<T> {
  /** The value as the target's API server stores it (fields it drops or does not know removed). */
  value: T;
  changes: TargetChange[];
}

/**
 * A workload part (`typeName`: 'PodSpec', 'JobSpec', 'CronJobSpec'…) as an API server of `minor`
 * keeps it on create: each field whose feature gate is off there is removed, as the registry
 * strategies' PrepareForCreate does (mirrors batch/job strategy dropDisabledFields and
 * pkg/api/pod dropDisabledFields, e.g. dropSidecarContainers); a field the minor does not have yet
 * is removed too and reported as unknown (strict decoding would reject the whole object). The input
 * is not changed; untouched branches are shared.
 */
export function asServedBy<T>(typeName: string, value: T, minor: number, path: string): TargetView<T> {
  const changes: TargetChange[] = [];
  const out = walkObject(typeName, value, minor, path, changes, undefined);
  return { value: out as T, changes };
}

const statusMemo = new Map<string, FieldStatus>();

/** fieldStatus, remembered: a pod with many containers asks the same few questions again and again. */
function statusOf(typeName: string, field: string, minor: number, via: string | undefined): FieldStatus {
  const key = `${typeName}.${field}@${minor}/${via ?? ''}`;
  let status = statusMemo.get(key);
  if (!status) {
    status = fieldStatus(typeName, field, minor, via);
    if (statusMemo.size > 20_000) statusMemo.clear();
    statusMemo.set(key, status);
  }
  return status;
}

/** `via`: the field that holds this object (Container.restartPolicy's gate depends on it). */
function walkObject(typeName: string, value: unknown, minor: number, path: string, changes: TargetChange[], via: string | undefined): unknown {
  const type = typeInfo(typeName);
  if (!type || !isRecord(value)) return value;
  let copy: Record<string, unknown> | undefined;
  for (const [key, child] of Object.entries(value)) {
    const field = fieldOf(type, key);
    if (!field) continue;
    const at = path ? `${path}.${key}` : key;
    const status = statusOf(type.name, key, minor, via);
    if (status.status === 'dropped') {
      changes.push({ path: at, status: 'dropped', gate: status.gate, enabledIn: status.enabledIn, text: `${at} is dropped by a ${formatMinor(minor)} API server (feature gate ${status.gate} is off${status.enabledIn ? ` until ${formatMinor(status.enabledIn)}` : ''})` });
      copy ??= { ...value };
      delete copy[key];
      continue;
    }
    if (status.status === 'unknown') {
      changes.push({ path: at, status: 'unknown', since: status.since, text: `${at} does not exist in Kubernetes ${formatMinor(minor)} (since ${formatMinor(status.since)}): the API server rejects the object as an unknown field` });
      copy ??= { ...value };
      delete copy[key];
      continue;
    }
    const next = walkShape(field, child, minor, at, changes, key);
    if (next !== child) (copy ??= { ...value })[key] = next;
  }
  return copy ?? value;
}

function walkShape(shape: FieldShape, value: unknown, minor: number, path: string, changes: TargetChange[], via: string): unknown {
  if (shape.type === 'object' && shape.ref) return walkObject(shape.ref, value, minor, path, changes, via);
  if (shape.type === 'array' && shape.items && Array.isArray(value)) {
    let copy: unknown[] | undefined;
    value.forEach((item, i) => {
      const next = walkShape(shape.items!, item, minor, `${path}[${i}]`, changes, via);
      if (next !== item) (copy ??= [...value])[i] = next;
    });
    return copy ?? value;
  }
  if (shape.type === 'map' && shape.values && isRecord(value)) {
    let copy: Record<string, unknown> | undefined;
    for (const [key, item] of Object.entries(value)) {
      const next = walkShape(shape.values, item, minor, `${path}[${key}]`, changes, via);
      if (next !== item) (copy ??= { ...value })[key] = next;
    }
    return copy ?? value;
  }
  return value;
}

/** A pod template as the target keeps it, for placement: dropped fields gone, with warnings saying so. */
export function templateForTarget(template: PodTemplateRef, minor: number): { template: PodTemplateRef; warnings: string[] } {
  const view = asServedBy('PodSpec', template.spec, minor, template.path);
  if (view.changes.length === 0) return { template, warnings: [] };
  return { template: { ...template, spec: view.value }, warnings: view.changes.map(placementWarning) };
}

function placementWarning(change: TargetChange): string {
  if (change.status !== 'dropped') return `${change.text}; placed without it`;
  if (/initContainers\[\d+\]\.restartPolicy$/.test(change.path)) return `${change.text}: placed as a plain init container (its requests count at its own step, not alongside the containers)`;
  if (/\.spec\.resources$|^spec\.resources$/.test(change.path)) return `${change.text}: placed with the containers' own requests`;
  return `${change.text}; placed without it`;
}
