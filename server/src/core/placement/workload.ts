import type { ParsedDoc, WorkloadFile } from '../model/workloadFile';
import { dig, isRecord } from './affinity';
import type { PlacementMode } from './types';
import { isCollection, isPair, isSeq } from '../model/yamlNodes';

/** The pod template of a workload and how its pods reach nodes. */
export interface PodTemplateRef {
  kind: string;
  name: string;
  namespace?: string;
  spec: Record<string, unknown>;
  mode: PlacementMode;
  /** Where the pod spec sits, kubectl style. */
  path: string;
}

/**
 * A YAML document as plain data. Aliases are expanded at most 100 times (an alias bomb would
 * otherwise expand exponentially); anything that cannot be converted gives an error message.
 */
export function docToObject(doc: ParsedDoc): { value?: unknown; error?: string } {
  const cached = doc.memo.get('placement:plain-object') as { value?: unknown; error?: string } | undefined;
  if (cached) return cached;
  let result: { value?: unknown; error?: string };
  try {
    const key = collectionKey(doc.yaml.contents);
    result = key ? { error: `the document could not be read as data: a mapping key is itself a ${key}; Kubernetes objects have text keys only` } : { value: doc.yaml.toJS({ maxAliasCount: 100 }) };
  } catch (error) {
    const message = error instanceof RangeError ? 'it is nested too deeply' : String((error as Error)?.message ?? error);
    result = { error: `the document could not be read as data: ${message}` };
  }
  doc.memo.set('placement:plain-object', result);
  return result;
}

/** A mapping key that is a list or mapping (yaml would stringify it, slowly and with a process warning). */
function collectionKey(root: unknown): string | undefined {
  const stack: unknown[] = [root];
  while (stack.length) {
    const n = stack.pop();
    if (isPair(n)) {
      if (isCollection(n.key)) return isSeq(n.key) ? 'list' : 'mapping';
      stack.push(n.value);
    } else if (isCollection(n)) {
      for (const item of n.items) stack.push(item);
    }
  }
  return undefined;
}

const SPEC_TEMPLATE_KINDS = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'ReplicationController', 'Job', 'DaemonSet']);

/** Finds the pod template in a DaemonSet, Job, CronJob, other pod controllers, a PodTemplate or a Pod. */
export function podTemplateOf(obj: unknown): PodTemplateRef | undefined {
  if (!isRecord(obj)) return undefined;
  const kind = typeof obj.kind === 'string' ? obj.kind : '';
  const rawName = dig(obj, ['metadata', 'name']);
  const generateName = dig(obj, ['metadata', 'generateName']);
  const name = typeof rawName === 'string' && rawName ? rawName : typeof generateName === 'string' && generateName ? `${generateName}<random>` : '<unnamed>';
  const ns = dig(obj, ['metadata', 'namespace']);
  const namespace = typeof ns === 'string' ? ns : undefined;
  let spec: unknown;
  let path: string;
  if (kind === 'CronJob') {
    spec = dig(obj, ['spec', 'jobTemplate', 'spec', 'template', 'spec']);
    path = 'spec.jobTemplate.spec.template.spec';
  } else if (SPEC_TEMPLATE_KINDS.has(kind)) {
    spec = dig(obj, ['spec', 'template', 'spec']);
    path = 'spec.template.spec';
  } else if (kind === 'PodTemplate') {
    spec = dig(obj, ['template', 'spec']);
    path = 'template.spec';
  } else if (kind === 'Pod') {
    spec = obj.spec;
    path = 'spec';
  } else return undefined;
  if (!isRecord(spec)) return undefined;
  return { kind, name, namespace, spec, mode: kind === 'DaemonSet' ? 'daemon' : 'scheduler', path };
}

/** The document under a file offset, or undefined. */
export function docAtOffset(file: WorkloadFile, offset: number): ParsedDoc | undefined {
  let best: ParsedDoc | undefined;
  for (const placed of file.docs) {
    const range = placed.doc.yaml.range;
    if (!range) continue;
    const start = placed.start + range[0];
    const end = placed.start + range[2];
    if (offset >= placed.start && offset <= end && (offset >= start || !best)) best = placed.doc;
  }
  return best;
}

/** Every pod template in a file, in document order. */
export function podTemplatesIn(file: WorkloadFile): PodTemplateRef[] {
  const out: PodTemplateRef[] = [];
  for (const placed of file.docs) {
    const { value } = docToObject(placed.doc);
    const t = podTemplateOf(value);
    if (t) out.push(t);
  }
  return out;
}

/** The plain objects of every document in a file (unreadable documents are skipped). */
export function objectsIn(file: WorkloadFile): unknown[] {
  const out: unknown[] = [];
  for (const placed of file.docs) {
    const { value } = docToObject(placed.doc);
    if (value !== undefined && value !== null) out.push(value);
  }
  return out;
}
