/**
 * What an API server of one minor does to a manifest's fields before validating it: fields its
 * k8s.io/api does not have (strict decoding rejects them) and fields PrepareForCreate drops because
 * their feature gate is off by default (mirrors pkg/api/pod DropDisabledTemplateFields and the
 * registry strategies' dropDisabledFields).
 */
import type { WorkloadKind } from '../model/workloadFile';
import type { PathSeg } from '../model/path';
import { fieldOf, rootType, typeInfo, type FieldShape } from '../schema';
import { fieldStatus, type FieldStatus } from './index';

export interface VersionFinding {
  /** Path of the field in the manifest. */
  segs: PathSeg[];
  /** Schema type holding the field, and the field's JSON name. */
  type: string;
  field: string;
  status: Exclude<FieldStatus, { status: 'ok' }>;
}

const MAX_DEPTH = 60;
const MAX_NODES = 100_000;

/** Every field of the manifest that this minor does not serve as written, outermost first. */
export function versionFindings(kind: WorkloadKind, root: unknown, minor: number): VersionFinding[] {
  const out: VersionFinding[] = [];
  let budget = MAX_NODES;
  const walk = (value: unknown, shape: FieldShape | undefined, segs: PathSeg[], via: string | undefined): void => {
    if (!shape || value === null || value === undefined || --budget < 0 || segs.length > MAX_DEPTH) return;
    if (shape.type === 'array') {
      if (Array.isArray(value)) value.forEach((item, i) => walk(item, shape.items, [...segs, i], via));
      return;
    }
    if (shape.type === 'map') {
      if (isRecord(value)) for (const [k, v] of Object.entries(value)) walk(v, shape.values, [...segs, k], via);
      return;
    }
    if (shape.type !== 'object' || !shape.ref || !isRecord(value)) return;
    const type = typeInfo(shape.ref);
    if (!type) return;
    for (const [key, v] of Object.entries(value)) {
      const field = fieldOf(type, key);
      if (!field) continue;
      const status = fieldStatus(type.name, key, minor, via);
      if (status.status !== 'ok') {
        out.push({ segs: [...segs, key], type: type.name, field: key, status });
        continue;
      }
      walk(v, field, [...segs, key], key);
    }
  };
  walk(root, { type: 'object', ref: rootType(kind).name }, [], undefined);
  return out;
}

/** A copy of the manifest without the fields PrepareForCreate drops (the input is not changed). */
export function withoutDropped<T>(root: T, findings: readonly VersionFinding[]): T {
  const drops = findings.filter((f) => f.status.status === 'dropped');
  if (drops.length === 0) return root;
  const copy = structuredClone(root) as unknown;
  for (const d of drops) {
    let at: unknown = copy;
    for (const seg of d.segs.slice(0, -1)) at = isRecord(at) || Array.isArray(at) ? (at as Record<string | number, unknown>)[seg] : undefined;
    if (isRecord(at)) delete at[d.segs[d.segs.length - 1] as string];
  }
  return copy as T;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
