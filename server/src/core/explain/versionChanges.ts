import { objectRef, rootType, typeInfo } from '../schema';
import { fieldFacts, fieldStatus, formatMinor, MAX_MINOR, MIN_MINOR, type FieldStatus } from '../versions';

export interface VersionChange {
  /** "1.31". */
  version: string;
  /** Fields (as `Type.field`) a create keeps from this minor on, that the minor before dropped or rejected. */
  usable: string[];
  /** Fields that appear in this minor but are still dropped (gate off by default). */
  newButOff: string[];
  /** One line for the version picker. */
  text: string;
}

/** A field with version facts; `via` when its gate depends on the field holding the object. */
interface Versioned {
  type: string;
  field: string;
  via?: string;
  label: string;
}

/** The object types a manifest can hold (status left out), and the fields that hold each. */
function manifestTypes(): Map<string, Array<{ type: string; field: string }>> {
  const holders = new Map<string, Array<{ type: string; field: string }>>();
  const queue: string[] = [];
  for (const kind of ['DaemonSet', 'Job', 'CronJob'] as const) {
    const root = rootType(kind).name;
    if (!holders.has(root)) holders.set(root, []);
    queue.push(root);
  }
  const seen = new Set<string>();
  while (queue.length) {
    const name = queue.shift()!;
    if (seen.has(name)) continue;
    seen.add(name);
    const type = typeInfo(name);
    const isRoot = holders.get(name)?.length === 0;
    for (const field of type?.fields ?? []) {
      const ref = objectRef(field);
      if (!ref || (isRoot && field.name === 'status')) continue;
      (holders.get(ref) ?? holders.set(ref, []).get(ref)!).push({ type: name, field: field.name });
      queue.push(ref);
    }
  }
  return holders;
}

function fieldsWithFacts(): Versioned[] {
  const holders = manifestTypes();
  const out: Versioned[] = [];
  for (const [typeName, heldBy] of holders) {
    const type = typeInfo(typeName);
    for (const field of type?.fields ?? []) {
      const facts = fieldFacts(typeName, field.name);
      if (!facts) continue;
      // A field of a type that arrived with the field holding it is told by that field.
      if (heldBy.length && facts.since !== undefined && heldBy.every((h) => fieldFacts(h.type, h.field)?.since === facts.since)) continue;
      const vias = [...new Set(heldBy.map((h) => h.field))].sort();
      const gates = new Set(vias.map((via) => fieldFacts(typeName, field.name, via)?.gate));
      if (gates.size <= 1) out.push({ type: typeName, field: field.name, label: `${typeName}.${field.name}` });
      else for (const via of vias) out.push({ type: typeName, field: field.name, via, label: `${typeName}.${field.name} in ${via}` });
    }
  }
  return out;
}

/** For each minor the project knows, oldest first: which fields of DaemonSet, Job and CronJob it changes. */
export function versionChanges(): VersionChange[] {
  const fields = fieldsWithFacts();
  const out: VersionChange[] = [];
  for (let minor = MIN_MINOR; minor <= MAX_MINOR; minor++) {
    const usable: string[] = [];
    const newButOff: string[] = [];
    if (minor > MIN_MINOR) {
      for (const { type, field, via, label } of fields) {
        const now: FieldStatus['status'] = fieldStatus(type, field, minor, via).status;
        const before = fieldStatus(type, field, minor - 1, via).status;
        if (now === 'ok' && before !== 'ok') usable.push(label);
        else if (now === 'dropped' && before !== 'dropped') newButOff.push(label);
      }
    }
    const parts: string[] = [];
    if (usable.length) parts.push(`on: ${usable.join(', ')}`);
    if (newButOff.length) parts.push(`dropped (gate off by default): ${newButOff.join(', ')}`);
    const text = minor === MIN_MINOR ? 'the oldest version Workload Lens knows' : parts.length ? parts.join(' · ') : 'no field of DaemonSet, Job or CronJob changes';
    out.push({ version: formatMinor(minor), usable, newButOff, text });
  }
  return out;
}
