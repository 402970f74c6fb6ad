import { allTypes } from '../schema';
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

function fieldsWithFacts(): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const type of allTypes()) for (const field of type.fields) if (fieldFacts(type.name, field.name)) out.push([type.name, field.name]);
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
      for (const [type, field] of fields) {
        const now: FieldStatus['status'] = fieldStatus(type, field, minor).status;
        const before = fieldStatus(type, field, minor - 1).status;
        if (now === 'ok' && before !== 'ok') usable.push(`${type}.${field}`);
        else if (now === 'dropped' && before === 'unknown') newButOff.push(`${type}.${field}`);
      }
    }
    const parts: string[] = [];
    if (usable.length) parts.push(`on: ${usable.join(', ')}`);
    if (newButOff.length) parts.push(`new, off by default: ${newButOff.join(', ')}`);
    const text = minor === MIN_MINOR ? 'the oldest version Workload Lens knows' : parts.length ? parts.join(' · ') : 'no field of DaemonSet, Job or CronJob changes';
    out.push({ version: formatMinor(minor), usable, newButOff, text });
  }
  return out;
}
