import type { PathSeg } from '../../model/path';
import type { CoreFix } from '../../diagnostics';
import { goQuote } from '../../cron/go';

/** The kinds of field.Error the API server returns, with the words kubectl prints for each. */
export type ErrorType = 'Required' | 'Invalid' | 'NotSupported' | 'Duplicate' | 'Forbidden' | 'TooLong' | 'TooMany' | 'NotFound';

const WORDS: Record<ErrorType, string> = {
  Required: 'Required value',
  Invalid: 'Invalid value',
  NotSupported: 'Unsupported value',
  Duplicate: 'Duplicate value',
  Forbidden: 'Forbidden',
  TooLong: 'Too long',
  TooMany: 'Too many',
  NotFound: 'Not found',
};

/** A Go value as field.Error prints it: ints and bools bare, strings %q, anything else as written. */
export type BadValue = { go: string } | string | number | boolean | null;

/** One API validation error, before it is placed on a node. */
export interface FieldError {
  /** Rule id (several checks share a rule: one id per area). */
  rule: string;
  type: ErrorType;
  /** The Kubernetes field path, as segments of the manifest. */
  segs: PathSeg[];
  value?: BadValue;
  detail?: string;
  /** The path as the server prints it, when the segments cannot say it (a map key after a list index, past the schema). */
  pathText?: string;
  /** Where to underline when it differs from the field itself. */
  at?: { segs: PathSeg[]; key?: boolean };
  fixes?: CoreFix[];
  /** What a quick fix needs; the fix itself is built against the document text. */
  fix?: FixHint;
}

export type FixHint =
  | { kind: 'restartPolicy'; podSpec: PathSeg[]; values: string[] }
  | { kind: 'copyLabels'; template: PathSeg[]; labels: Record<string, string> }
  | { kind: 'insertKey'; map: PathSeg[]; line: string; title: string };

export function renderValue(v: BadValue): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return goQuote(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return v.go;
}

/** field.Error.ErrorBody(): `<Type>[: <value>][: <detail>]`. */
export function errorBody(e: Pick<FieldError, 'type' | 'value' | 'detail'>): string {
  let s = WORDS[e.type];
  const showsValue = e.type === 'Invalid' || e.type === 'NotSupported' || e.type === 'Duplicate' || e.type === 'NotFound' || e.type === 'TooMany';
  if (showsValue && e.value !== undefined) s += `: ${renderValue(e.value)}`;
  if (e.detail) s += `: ${e.detail}`;
  return s;
}

/** field.NotSupported's detail. */
export function supportedValues(values: readonly string[]): string {
  return `supported values: ${values.map((v) => goQuote(v)).join(', ')}`;
}

/**
 * encoding/json of a value, as field errors print non-scalar values (callers sort map keys, as Go does;
 * <, > and & are escaped). // version: up to Kubernetes 1.33 field errors printed Go's %#v (map[string]string{…}, intstr.IntOrString{…}).
 */
export function goJson(v: unknown): string {
  return (JSON.stringify(v ?? null) ?? 'null')
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** A map[string]string as field errors print it (JSON with sorted keys; nil is null). */
export function goStringMap(m: Record<string, unknown> | undefined): { go: string } {
  if (!m) return { go: 'null' };
  const keys = Object.keys(m).sort();
  return { go: goJson(Object.fromEntries(keys.map((k) => [k, String(m[k] ?? '')]))) };
}

export const NONNEGATIVE = 'must be greater than or equal to 0';
export function inclusiveRange(lo: number, hi: number): string {
  return `must be between ${lo} and ${hi}, inclusive`;
}
