import { WORKLOAD_API_VERSIONS, type WorkloadKind } from '../model/workloadFile';
import type { PathSeg } from '../model/path';
import { fieldAt, objectRef, shapeLabel, typeInfo } from '../schema';
import { nearest } from '../rules/schema/nearest';
import { explainField, holdingField, type FieldExplanation } from './hover';
import { noteFor, pickByKind } from './inShort';
import { DEFAULT_MINOR, describeFieldFacts, fieldStatus, type FieldStatus } from '../versions';
import { own } from '../own';

const KIND_NAMES: Record<string, WorkloadKind> = {
  daemonset: 'DaemonSet', daemonsets: 'DaemonSet', ds: 'DaemonSet',
  job: 'Job', jobs: 'Job',
  cronjob: 'CronJob', cronjobs: 'CronJob', cj: 'CronJob',
};

export interface ExplainedChild {
  name: string;
  type: string;
  required: boolean;
  inShort?: string;
  description?: string;
  /** Version facts for the target (only for fields that have some). */
  versions?: string;
  /** How the target's API server treats the field on create (only for fields with version facts). */
  versionStatus?: FieldStatus['status'];
}

export interface ExplainResult {
  kind: WorkloadKind;
  apiVersion: string;
  /** The dotted field path as asked, without the kind; '' for the kind itself. */
  field: string;
  explanation: FieldExplanation;
  /** The fields of the value's object type (of a list's items), like kubectl's FIELDS. */
  fields: ExplainedChild[];
  /** The target minor the version facts are about. */
  minor: number;
}

export class ExplainPathError extends Error {
  constructor(message: string, readonly suggestion?: string) {
    super(message);
  }
}

/**
 * Resolves `cronjob.spec.concurrencyPolicy` (kind first, fields after; list items are stepped into
 * as kubectl explain does) to what we know about it. Throws ExplainPathError with a near miss.
 */
export function explainPath(query: string, minor: number = DEFAULT_MINOR): ExplainResult {
  const [kindWord, ...names] = query.trim().replace(/\[\d*\]/g, '').split('.').filter((s, i) => i === 0 || s !== '');
  const kind = own(KIND_NAMES, kindWord.toLowerCase());
  if (!kind) {
    const guess = nearest(kindWord.toLowerCase(), ['daemonset', 'job', 'cronjob']) ?? nearest(kindWord.toLowerCase(), Object.keys(KIND_NAMES));
    throw new ExplainPathError(`unknown kind "${kindWord}": workload-lens explains DaemonSet, Job and CronJob`, guess ? own(KIND_NAMES, guess) : undefined);
  }
  const segs: PathSeg[] = [];
  for (let i = 0; i < names.length; i++) {
    const name = names[i];
    const here = fieldAt(kind, segs)!;
    const ref = objectRef(here.shape);
    const type = ref ? typeInfo(ref) : undefined;
    // Step into list items and map values before naming a field of the element.
    if (here.shape.type === 'array') segs.push(0);
    else if (here.shape.type === 'map' && !ref) {
      throw new ExplainPathError(`${[kindWord, ...names.slice(0, i)].join('.')} is a map with free-form keys (${shapeLabel(here.shape)}); it has no field "${name}"`);
    } else if (here.shape.type === 'map') segs.push(name);
    const next = fieldAt(kind, [...segs, name]);
    if (!next || !type) {
      const candidates = type?.fields.map((f) => f.name) ?? [];
      const guess = nearest(name, candidates);
      const where = [kindWord.toLowerCase(), ...names.slice(0, i)].join('.');
      throw new ExplainPathError(`field "${name}" does not exist in ${where}${type ? ` (${type.name})` : ''}`, guess ? [kindWord.toLowerCase(), ...names.slice(0, i), guess].join('.') : undefined);
    }
    segs.push(name);
  }
  const explanation = explainField(kind, segs, minor)!;
  const hit = fieldAt(kind, segs)!;
  const ref = objectRef(hit.shape);
  const type = ref ? typeInfo(ref) : undefined;
  const elementSegs: PathSeg[] = hit.shape.type === 'array' ? [...segs, 0] : segs;
  const fields = (type?.fields ?? [])
    .filter((f) => !(segs.length === 0 && f.name === 'status'))
    .map((f) => ({
      name: f.name,
      type: shapeLabel(f),
      required: f.required,
      inShort: pickByKind(noteFor(kind, [...elementSegs, f.name])?.note.text, kind),
      description: f.description ?? (objectRef(f) ? typeInfo(objectRef(f)!)?.description : undefined),
      ...childVersions(type!.name, f.name, minor, holdingField(elementSegs)),
    }));
  return { kind, apiVersion: WORKLOAD_API_VERSIONS[kind], field: names.join('.'), explanation, fields, minor };
}

function childVersions(typeName: string, field: string, minor: number, via: string | undefined): Pick<ExplainedChild, 'versions' | 'versionStatus'> {
  const versions = describeFieldFacts(typeName, field, minor, via);
  return versions ? { versions, versionStatus: fieldStatus(typeName, field, minor, via).status } : {};
}
