/**
 * What an API server of one minor does to a manifest's fields before validating it: fields its
 * k8s.io/api does not have (strict decoding rejects them) and fields PrepareForCreate drops because
 * their feature gate is off by default (mirrors pkg/api/pod DropDisabledTemplateFields and the
 * registry strategies' dropDisabledFields).
 */
import type { WorkloadKind } from '../model/workloadFile';
import type { PathSeg } from '../model/path';
import { fieldOf, rootType, typeInfo, type FieldShape } from '../schema';
import { fieldFacts, fieldStatus, gateDeclared, gateEnabled, firstEnabled, hasFieldFacts, typeHasFacts, type FieldStatus } from './index';
import { own } from '../own';

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
  /** A Job field in a CronJob's jobTemplate: the CronJob keeps it, every Job created from it loses it. */
  inJobs?: true;
  /** Dropped whatever the gates say (no gate: `status.gate` is ''). */
  always?: string;
  /** PrepareForCreate sets this value instead of removing the field, and says nothing (procMount → Default). */
  reset?: { value: unknown };
}

/**
 * Fields PrepareForCreate drops whatever the gates say, while the release has them: mirrors
 * pkg/api/pod dropDisabledDynamicResourceAllocationFields (1.27–1.28: "Setting
 * VolumeClaimTemplate.Resources.Claims should have been treated as an error … Now we can only accept
 * it and drop the field").
 */
const ALWAYS_DROPPED: Record<string, Record<string, string>> = {
  VolumeResourceRequirements: { claims: 'it always drops claims of an ephemeral volume\'s claim template' },
};

const MAX_DEPTH = 60;
const MAX_NODES = 100_000;

type Dropped = Extract<FieldStatus, { status: 'dropped' }>;

/** Every field of the manifest that this minor does not serve as written, outermost first. */
export function versionFindings(kind: WorkloadKind, root: unknown, minor: number): VersionFinding[] {
  const out: VersionFinding[] = [];
  let budget = MAX_NODES;
  // The path of the value being walked; copied only into findings.
  const path: PathSeg[] = [];
  // inside a dropped field only unknown fields matter: strict decoding runs before PrepareForCreate
  const walk = (value: unknown, shape: FieldShape | undefined, via: string | undefined, inDropped: boolean): void => {
    if (!shape || value === null || value === undefined || --budget < 0 || path.length > MAX_DEPTH) return;
    if (shape.type === 'array') {
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) {
          path.push(i);
          walk(value[i], shape.items, via, inDropped);
          path.pop();
        }
      }
      return;
    }
    if (shape.type === 'map') {
      if (isRecord(value)) {
        for (const k of Object.keys(value)) {
          path.push(k);
          walk(value[k], shape.values, via, inDropped);
          path.pop();
        }
      }
      return;
    }
    if (shape.type !== 'object' || !shape.ref || !isRecord(value)) return;
    const type = typeInfo(shape.ref);
    if (!type) return;
    const withFacts = typeHasFacts(type.name);
    const always = own(ALWAYS_DROPPED, type.name);
    for (const key of Object.keys(value)) {
      const v = value[key];
      const field = fieldOf(type, key);
      const facts = withFacts && hasFieldFacts(type.name, key);
      if (!field && !facts) continue;
      let dropped = false;
      if (facts) {
        const status = fieldStatus(type.name, key, minor, via);
        if (status.status === 'unknown') {
          out.push({ segs: [...path, key], type: type.name, field: key, status });
          continue;
        }
        if (status.status === 'dropped') {
          dropped = true;
          if (!inDropped) {
            // the CronJob strategy drops only pod template fields (DropDisabledTemplateFields); the Job fields go when the controller creates each Job
            const inJobs = kind === 'CronJob' && type.name === 'JobSpec';
            out.push({ segs: [...path, key], type: type.name, field: key, status, ...(inJobs ? { inJobs: true as const } : {}) });
            if (inJobs) {
              path.push(key);
              walk(v, field, key, inDropped);
              path.pop();
              continue;
            }
          }
        }
      }
      const reason = !dropped && !inDropped && always ? own(always, key) : undefined;
      if (reason && (fieldFacts(type.name, key)?.until ?? Infinity) >= minor) {
        out.push({ segs: [...path, key], type: type.name, field: key, status: { status: 'dropped', gate: '' }, always: reason });
        continue;
      }
      // a field the schema does not have (another release's) is not looked into
      if (field) {
        path.push(key);
        walk(v, field, key, inDropped || dropped);
        path.pop();
      }
    }
  };
  walk(root, { type: 'object', ref: rootType(kind).name }, undefined, false);
  dropContainerRestartRules(root, kind, minor, out);
  dropDisabledProcMountField(root, kind, minor, out);
  for (const f of [...out]) {
    if (f.status.status !== 'dropped') continue;
    if (f.type === 'Volume' && f.field === 'image') dropImageVolume(root, f, f.status, out);
    if (f.type === 'JobSpec' && f.field === 'backoffLimitPerIndex') dropFailIndexRules(root, f);
  }
  dropFailIndexRulesWithoutGate(root, kind, minor, out);
  return out;
}

/**
 * mirrors the Job strategy's PrepareForCreate (1.28): with JobBackoffLimitPerIndex off, FailIndex rules
 * are removed from podFailurePolicy whether or not backoffLimitPerIndex is set. A CronJob keeps them.
 */
function dropFailIndexRulesWithoutGate(root: unknown, kind: WorkloadKind, minor: number, out: VersionFinding[]): void {
  const status = kind === 'Job' ? offStatus('JobBackoffLimitPerIndex', minor) : undefined;
  if (!status || out.some((f) => f.type === 'JobSpec' && f.field === 'backoffLimitPerIndex')) return;
  const rules = at(root, ['spec', 'podFailurePolicy', 'rules']);
  if (!Array.isArray(rules)) return;
  rules.forEach((r, i) => {
    if (!isRecord(r) || r.action !== 'FailIndex') return;
    const rule: PathSeg[] = ['spec', 'podFailurePolicy', 'rules', i];
    out.push({ segs: rule, type: 'PodFailurePolicy', field: 'rules', status });
  });
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

/** The pod spec of the manifest's template, and its path. */
function podSpecOf(root: unknown, kind: WorkloadKind): { spec: Record<string, unknown>; segs: PathSeg[] } | undefined {
  const segs: PathSeg[] = kind === 'CronJob' ? ['spec', 'jobTemplate', 'spec', 'template', 'spec'] : ['spec', 'template', 'spec'];
  const spec = at(root, segs);
  return isRecord(spec) ? { spec, segs } : undefined;
}

function offStatus(gate: string, minor: number): Dropped | undefined {
  if (!gateDeclared(gate, minor) || gateEnabled(gate, minor)) return undefined;
  const enabledIn = firstEnabled(gate, minor);
  return { status: 'dropped', gate, ...(enabledIn !== undefined ? { enabledIn } : {}) };
}

/** mirrors pkg/api/pod dropContainerRestartRules: with the gate off, an init container's restartPolicy other than Always goes. */
function dropContainerRestartRules(root: unknown, kind: WorkloadKind, minor: number, out: VersionFinding[]): void {
  const status = offStatus('ContainerRestartRules', minor);
  const pod = podSpecOf(root, kind);
  if (!status || !pod || !Array.isArray(pod.spec.initContainers)) return;
  pod.spec.initContainers.forEach((c, i) => {
    if (!isRecord(c) || c.restartPolicy === undefined || c.restartPolicy === null || c.restartPolicy === 'Always') return;
    const segs = [...pod.segs, 'initContainers', i, 'restartPolicy'];
    if (!out.some((f) => f.segs.join('.') === segs.join('.'))) out.push({ segs, type: 'Container', field: 'restartPolicy', status });
  });
}

/** mirrors pkg/api/pod dropDisabledProcMountField: with ProcMountType off a set procMount becomes Default (not dropped). */
function dropDisabledProcMountField(root: unknown, kind: WorkloadKind, minor: number, out: VersionFinding[]): void {
  const status = offStatus('ProcMountType', minor);
  const pod = podSpecOf(root, kind);
  if (!status || !pod) return;
  for (const list of ['initContainers', 'containers']) {
    const containers = pod.spec[list];
    if (!Array.isArray(containers)) continue;
    containers.forEach((c, i) => {
      const sc = isRecord(c) ? c.securityContext : undefined;
      if (isRecord(sc) && sc.procMount !== undefined && sc.procMount !== null) {
        out.push({ segs: [...pod.segs, list, i, 'securityContext', 'procMount'], type: 'SecurityContext', field: 'procMount', status, reset: { value: 'Default' } });
      }
    });
  }
}

function at(root: unknown, segs: readonly PathSeg[]): unknown {
  let v = root;
  for (const s of segs) v = isRecord(v) || Array.isArray(v) ? (v as Record<string | number, unknown>)[s] : undefined;
  return v;
}

/** A copy of the manifest without what PrepareForCreate drops (the input is not changed). */
export function withoutDropped<T>(root: T, findings: readonly VersionFinding[]): T {
  const dropped = findings.filter((f) => f.status.status === 'dropped' && !f.inJobs);
  const paths = dropped.filter((f) => !f.reset).flatMap((f) => f.removes ?? [f.segs]);
  if (dropped.length === 0) return root;
  const copy = structuredClone(root) as unknown;
  for (const f of dropped) {
    if (!f.reset) continue;
    const parent = at(copy, f.segs.slice(0, -1));
    if (isRecord(parent)) parent[String(f.segs[f.segs.length - 1])] = f.reset.value;
  }
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
