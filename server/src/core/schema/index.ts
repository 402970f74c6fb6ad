import type { WorkloadKind } from '../model/workloadFile';
import { formatPath, type PathSeg } from '../model/path';
import type { FieldInfo, FieldShape, SchemaData, TypeInfo } from './data';
import { schemaData } from './generated/schema';

export type { FieldType, FieldInfo, FieldShape, TypeInfo } from './data';

const data: SchemaData = schemaData;
const fieldIndex = new Map<string, Map<string, FieldInfo>>();

/** The object type of a workload kind's manifest (DaemonSet, Job, CronJob). */
export function rootType(kind: WorkloadKind): TypeInfo {
  const type = data.types[data.roots[kind]];
  if (!type) throw new Error(`schema has no root type for ${kind}`);
  return type;
}

/** An object type by its Kubernetes name ('PodSpec') or its client model name ('V1PodSpec'). */
export function typeInfo(name: string): TypeInfo | undefined {
  return data.types[name] ?? data.types[name.replace(/^(Core)?V\d+((alpha|beta)\d+)?(?=[A-Z])/, '')];
}

/** A field of an object type by its JSON name. */
export function fieldOf(type: TypeInfo, name: string): FieldInfo | undefined {
  let index = fieldIndex.get(type.name);
  if (!index) {
    index = new Map(type.fields.map((f) => [f.name, f]));
    fieldIndex.set(type.name, index);
  }
  return index.get(name);
}

export interface FieldHit {
  /** The field the last named step reached (for list items and map values: the list or map field). */
  field?: FieldInfo;
  /** The shape of the value at the path itself. */
  shape: FieldShape;
  /** The object type holding `field`. */
  parentType?: TypeInfo;
}

/** The schema of the value at a path in a manifest of `kind`; undefined when the path leaves the schema. */
export function fieldAt(kind: WorkloadKind, segs: readonly PathSeg[]): FieldHit | undefined {
  const root = rootType(kind);
  let hit: FieldHit = { shape: { type: 'object', ref: root.name } };
  for (const seg of segs) {
    const next = step(hit, seg);
    if (!next) return undefined;
    hit = next;
  }
  return hit;
}

function step(hit: FieldHit, seg: PathSeg): FieldHit | undefined {
  const shape = hit.shape;
  switch (shape.type) {
    case 'object': {
      if (typeof seg !== 'string' || !shape.ref) return undefined;
      const type = typeInfo(shape.ref);
      const field = type && fieldOf(type, seg);
      return field ? { field, shape: field, parentType: type } : undefined;
    }
    case 'array':
      return typeof seg === 'number' && shape.items ? { field: hit.field, parentType: hit.parentType, shape: shape.items } : undefined;
    case 'map':
      return typeof seg === 'string' && shape.values ? { field: hit.field, parentType: hit.parentType, shape: shape.values } : undefined;
    case 'any':
      return { field: hit.field, parentType: hit.parentType, shape: { type: 'any' } };
    default:
      return undefined;
  }
}

/**
 * The path as kubectl writes it: `spec.template.spec.containers[0].resources.limits[cpu]`.
 * Keys of free-form maps (as the schema says) go in brackets; past the schema's end, labels-like
 * heuristics of formatPath are not applied and steps are joined with dots.
 */
export function kubePath(kind: WorkloadKind, segs: readonly PathSeg[]): string {
  const mapKeys: boolean[] = [];
  let hit: FieldHit | undefined = { shape: { type: 'object', ref: rootType(kind).name } };
  for (const seg of segs) {
    mapKeys.push(hit?.shape.type === 'map' && typeof seg === 'string');
    hit = hit && step(hit, seg);
  }
  return formatPath(segs, (i) => mapKeys[i] === true);
}

const DOCS: Record<WorkloadKind, string> = {
  DaemonSet: 'https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/daemon-set-v1/',
  Job: 'https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/job-v1/',
  CronJob: 'https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/cron-job-v1/',
};

/** The kubernetes.io API reference page of a kind. */
export function docsUrl(kind: WorkloadKind): string {
  return DOCS[kind];
}

/** A Go-like rendering of a shape for hovers and messages: `[]Container`, `map[string]string`, `integer (int32)`. */
/** The object type a shape holds, looking through lists and maps (`[]Toleration` → Toleration). */
export function objectRef(shape: FieldShape | undefined): string | undefined {
  if (!shape) return undefined;
  if (shape.type === 'object') return shape.ref;
  if (shape.type === 'array') return objectRef(shape.items);
  if (shape.type === 'map') return objectRef(shape.values);
  return undefined;
}

export function shapeLabel(shape: FieldShape): string {
  switch (shape.type) {
    case 'object':
      return shape.ref ?? 'object';
    case 'array':
      return `[]${shape.items ? shapeLabel(shape.items) : 'any'}`;
    case 'map':
      return `map[string]${shape.values ? shapeLabel(shape.values) : 'any'}`;
    case 'integer':
      return shape.format ? `integer (${shape.format})` : 'integer';
    default:
      return shape.type;
  }
}

/** Every object type of the schema. */
export function allTypes(): readonly TypeInfo[] {
  return Object.values(data.types);
}

/** Where the schema came from (package and version), for docs and about boxes. */
export function schemaSource(): string {
  return data.source;
}
