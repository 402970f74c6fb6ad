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
  /** Path of the field in the manifest (where it is reported). */
  segs: PathSeg[];
  /** Schema type holding the field, and the field's JSON name. */
  type: string;
  field: string;
  status: Exclude<FieldStatus, { status: 'ok' }>;
  /** What PrepareForCreate removes when that is more than the field itself (a list item, other fields). */
  removes?: PathSeg[][];
  /** Why this is dropped when it is the consequence of another drop (a mount of a dropped image volume). */
  because?: string;
}

const MAX_DEPTH = 60;
const MAX_NODES = 100_000;

type Dropped = Extract<FieldStatus, { status: 'dropped' }>;

/** Every field of the manifest that this minor does not serve as written, outermost first. */
export function versionFindings(kind: WorkloadKind, root: unknown, minor: number): VersionFinding[] {
  const out: VersionFinding[] = [];
  let budget = MAX_NODES;
  // inside a dropped field only unknown fields matter: strict decoding runs before PrepareForCreate
  const walk = (value: unknown, shape: FieldShape | undefined, segs: PathSeg[], via: string | undefined, inDropped: boolean): void => {
    if (!shape || value === null || value === undefined || --budget < 0 || segs.length > MAX_DEPTH) return;
    if (shape.type === 'array') {
      if (Array.isArray(value)) value.forEach((item, i) => walk(item, shape.items, [...segs, i], via, inDropped));
      return;
    }
    if (shape.type === 'map') {
      if (isRecord(value)) for (const [k, v] of Object.entries(value)) walk(v, shape.values, [...segs, k], via, inDropped);
      return;
    }
    if (shape.type !== 'object' || !shape.ref || !isRecord(value)) return;
    const type = typeInfo(shape.ref);
    if (!type) return;
    for (const [key, v] of Object.entries(value)) {
      const field = fieldOf(type, key);
      if (!field) continue;
      const raw = fieldStatus(type.name, key, minor, via);
      // cronjob strategy PrepareForCreate drops only pod template fields: a job template's gated JobSpec
      // fields (managedBy, successPolicy, backoffLimitPerIndex…) stay and are validated (validateJobSpec).
      const status: FieldStatus = raw.status === 'dropped' && kind === 'CronJob' && type.name === 'JobSpec' ? { status: 'ok' } : raw;
      if (status.status === 'unknown') {
        out.push({ segs: [...segs, key], type: type.name, field: key, status });
        continue;
      }
      if (status.status === 'dropped' && !inDropped) out.push({ segs: [...segs, key], type: type.name, field: key, status });
      walk(v, field, [...segs, key], key, inDropped || status.status === 'dropped');
    }
  };
  walk(root, { type: 'object', ref: rootType(kind).name }, [], undefined, false);
  for (const f of [...out]) {
    if (f.status.status !== 'dropped') continue;
    if (f.type === 'Volume' && f.field === 'image') dropImageVolume(root, f, f.status, out);
    if (f.type === 'JobSpec' && f.field === 'backoffLimitPerIndex') dropFailIndexRules(root, f);
  }
  return out;
}

/** mirrors pkg/api/pod dropImageVolumes: the whole volume goes, and every mount of it. */
function dropImageVolume(root: unknown, f: VersionFinding, status: Dropped, out: VersionFinding[]): void {
  const volumeSegs = f.segs.slice(0, -1);
  f.removes = [volumeSegs];
  const podSegs = volumeSegs.slice(0, -2);
  const name = at(root, [...volumeSegs, 'name']);
  const pod = at(root, podSegs);
  if (typeof name !== 'string' || !isRecord(pod)) return;
  for (const list of ['initContainers', 'containers']) {
    const containers = pod[list];
    if (!Array.isArray(containers)) continue;
    containers.forEach((c, ci) => {
      const mounts = isRecord(c) ? c.volumeMounts : undefined;
      if (!Array.isArray(mounts)) return;
      mounts.forEach((m, mi) => {
        if (isRecord(m) && m.name === name) out.push({ segs: [...podSegs, list, ci, 'volumeMounts', mi], type: 'VolumeMount', field: 'name', status, because: `it mounts image volume "${name}"` });
      });
    });
  }
}

/** mirrors the Job strategy's PrepareForCreate: without JobBackoffLimitPerIndex, FailIndex rules go too. */
function dropFailIndexRules(root: unknown, f: VersionFinding): void {
  const specSegs = f.segs.slice(0, -1);
  const rules = at(root, [...specSegs, 'podFailurePolicy', 'rules']);
  const removes: PathSeg[][] = [f.segs];
  const maxFailed = at(root, [...specSegs, 'maxFailedIndexes']);
  if (maxFailed !== undefined) removes.push([...specSegs, 'maxFailedIndexes']);
  if (Array.isArray(rules)) rules.forEach((r, i) => isRecord(r) && r.action === 'FailIndex' && removes.push([...specSegs, 'podFailurePolicy', 'rules', i]));
  f.removes = removes;
}

function at(root: unknown, segs: readonly PathSeg[]): unknown {
  let v = root;
  for (const s of segs) v = isRecord(v) || Array.isArray(v) ? (v as Record<string | number, unknown>)[s] : undefined;
  return v;
}

/** A copy of the manifest without what PrepareForCreate drops (the input is not changed). */
export function withoutDropped<T>(root: T, findings: readonly VersionFinding[]): T {
  const paths = findings.filter((f) => f.status.status === 'dropped').flatMap((f) => f.removes ?? [f.segs]);
  if (paths.length === 0) return root;
  const copy = structuredClone(root) as unknown;
  // later list items first, so earlier indexes stay right
  const ordered = [...paths].sort((a, b) => compareDesc(a, b));
  for (const p of ordered) {
    const parent = at(copy, p.slice(0, -1));
    const last = p[p.length - 1];
    if (Array.isArray(parent) && typeof last === 'number') parent.splice(last, 1);
    else if (isRecord(parent)) delete parent[String(last)];
  }
  return copy as T;
}

function compareDesc(a: PathSeg[], b: PathSeg[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] === b[i]) continue;
    if (typeof a[i] === 'number' && typeof b[i] === 'number') return (b[i] as number) - (a[i] as number);
    return String(a[i]) < String(b[i]) ? -1 : 1;
  }
  return b.length - a.length;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
