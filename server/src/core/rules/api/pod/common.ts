import type { PathSeg } from '../../../model/path';
import { canonicalQuantity, parseQuantity } from '../../../quantity';
import { type ApiRuleId, Errors } from '../collect';
import { isObj, type Plain, type PlainMap } from '../value';

export const MAX_INT32 = 2147483647;

/**
 * The elements of a list as the API server decodes them: encoding/json turns a null element into the
 * zero struct, which is then validated like any other (a `- ~` container has no name and no image).
 * Elements of another type are a decoding error (the schema rules' finding) and are skipped.
 */
/** The zero structs made for null list items: the schema rules see no missing field in them, so nothing is left to them. */
const fromNull = new WeakSet<PlainMap>();

export function items(v: Plain | undefined, k: string): Array<[PlainMap, number]> {
  if (!isObj(v)) return [];
  const list = v[k];
  if (!Array.isArray(list)) return [];
  const out: Array<[PlainMap, number]> = [];
  list.forEach((item, i) => {
    if (item === null) {
      const zero: PlainMap = {};
      fromNull.add(zero);
      out.push([zero, i]);
    }
    else if (isObj(item)) out.push([item, i]);
  });
  return out;
}

/** The strings of a list (null elements decode to ""). */
export function strings(v: Plain | undefined, k: string): string[] {
  if (!isObj(v)) return [];
  const list = v[k];
  if (!Array.isArray(list)) return [];
  return list.map((x) => (x === null ? '' : typeof x === 'string' ? x : String(x)));
}

/** Is this the zero struct of a null list item? */
export function isNullItem(v: PlainMap): boolean {
  return fromNull.has(v);
}

/** Is the field set to something other than null (a Go pointer that is not nil)? */
export function set(v: Plain | undefined, k: string): boolean {
  return isObj(v) && k in v && v[k] !== null;
}

/**
 * A Required error for a field. When the field is absent (or null) and the schema marks it required,
 * the schema rules already report it (missing-required-field): it is only counted, not reported twice.
 */
/**
 * Is a missing schema-required field left to the schema rules (missing-required-field)? Then it is only
 * counted. Fields of a null list item's zero struct are never left: the schema sees no map there.
 */
export function leftToSchema(errs: Errors, parent: PlainMap, key: string): boolean {
  if (set(parent, key) || fromNull.has(parent)) return false;
  errs.hidden++;
  return true;
}

export function requiredField(errs: Errors, rule: ApiRuleId, parent: PlainMap, key: string, segs: PathSeg[], detail = '', schemaRequired = false): void {
  if (schemaRequired && leftToSchema(errs, parent, key)) return;
  errs.required(rule, segs, detail);
}


/** A quantity as the API server holds it after decoding; null decodes to zero. */
export interface Qty {
  /** resource.Quantity.String() */
  text: string;
  value: number;
  /** the text as written (trimmed) */
  raw: string;
}
export function quantity(raw: Plain | undefined): Qty | undefined {
  if (raw === null) return { text: '0', value: 0, raw: '0' };
  const text = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : undefined;
  if (text === undefined) return undefined;
  const q = parseQuantity(text);
  if (!q) return undefined; // malformed: the schema rules' finding (invalid-quantity)
  return { text: canonicalQuantity(text), value: q.value, raw: text };
}
