import type { Node } from 'yaml';
import { isAlias, isMap, isScalar, isSeq } from '../../model/yamlNodes';
import type { ParsedDoc } from '../../model/workloadFile';
import { deref, keyText } from '../../model/path';
import { goValue } from '../../schema/goYaml';
import { hasOwn, setOwn } from '../../own';

/** A manifest as the API server receives it (JSON after go-yaml v2), for validation logic. */
export type Plain = null | boolean | number | string | Plain[] | PlainMap;
export interface PlainMap { [key: string]: Plain }

const MAX_NODES = 200_000;

/** The document as plain values (aliases followed, `<<` merges applied), computed once per document. */
export function plainOf(doc: ParsedDoc): Plain {
  const key = 'api:plain';
  if (doc.memo.has(key)) return doc.memo.get(key) as Plain;
  let budget = MAX_NODES;
  const convert = (raw: unknown, depth: number): Plain => {
    if (--budget < 0 || depth > 100) return null;
    const node = isAlias(raw) ? deref(doc.yaml, raw) : (raw as Node | null);
    if (!node) return null;
    if (isScalar(node)) {
      const v = goValue(node);
      return v.kind === 'null' ? null : v.value;
    }
    if (isSeq(node)) return node.items.map((i) => convert(i, depth + 1));
    if (isMap(node)) {
      const out: PlainMap = {};
      for (const pair of node.items) {
        const k = keyText(pair);
        if (k === undefined) continue;
        if (k === '<<' && isScalar(pair.key) && pair.key.type === 'PLAIN') {
          const merged = convert(pair.value, depth + 1);
          const sources = Array.isArray(merged) ? merged : [merged];
          for (const src of sources) if (isObj(src)) for (const [mk, mv] of Object.entries(src)) if (!hasOwn(out, mk)) setOwn(out, mk, mv);
          continue;
        }
        setOwn(out, k, convert(pair.value, depth + 1));
      }
      return out;
    }
    return null;
  };
  const plain = convert(doc.yaml.contents, 0);
  doc.memo.set(key, plain);
  return plain;
}

export function isObj(v: Plain | undefined): v is PlainMap {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
export function obj(v: Plain | undefined, k: string): PlainMap | undefined {
  if (!isObj(v)) return undefined;
  const x = v[k];
  return isObj(x) ? x : undefined;
}
export function arr(v: Plain | undefined, k: string): Plain[] | undefined {
  if (!isObj(v)) return undefined;
  const x = v[k];
  return Array.isArray(x) ? x : undefined;
}
export function str(v: Plain | undefined, k: string): string | undefined {
  if (!isObj(v)) return undefined;
  const x = v[k];
  return typeof x === 'string' ? x : undefined;
}
/** An integer field; non-integers are the schema rules' business. */
export function int(v: Plain | undefined, k: string): number | undefined {
  if (!isObj(v)) return undefined;
  const x = v[k];
  return typeof x === 'number' && Number.isInteger(x) ? x : undefined;
}
export function bool(v: Plain | undefined, k: string): boolean | undefined {
  if (!isObj(v)) return undefined;
  const x = v[k];
  return typeof x === 'boolean' ? x : undefined;
}
export function has(v: Plain | undefined, k: string): boolean {
  return isObj(v) && k in v && v[k] !== null;
}
/** A map of strings (labels, selectors); non-string values are kept as their text. */
export function stringMap(v: Plain | undefined, k: string): Record<string, string> | undefined {
  const m = obj(v, k);
  if (!m) return undefined;
  const out: Record<string, string> = {};
  for (const [key, val] of Object.entries(m)) setOwn(out, key, val === null ? '' : typeof val === 'object' ? '' : String(val));
  return out;
}
