import type { NodeInfo } from './types';

/**
 * nodeSelector and required node affinity, compiled once per pod and matched against every node
 * (component-helpers/scheduling/corev1/nodeaffinity): nodeSelector entries must all hold; the
 * required terms are ORed, the expressions and fields inside a term ANDed; empty terms select
 * nothing; a term that cannot be parsed never matches.
 */
export interface NodeSelection {
  /** Label keys the selectors read (shown in the panel). */
  keys: Set<string>;
  /** Returns why the node is not selected; empty when it is. */
  reasons(node: NodeInfo): string[];
  warnings: string[];
}

interface Requirement {
  text: string;
  test(labels: Record<string, string>, name: string): boolean;
  describeMiss(labels: Record<string, string>, name: string): string;
}

interface Term {
  index: number;
  requirements: Requirement[];
  error?: string;
}

const LABEL_OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt'];
const INT64 = /^[+-]?\d{1,19}$/;

export function compileNodeSelection(spec: Record<string, unknown>): NodeSelection {
  const keys = new Set<string>();
  const warnings: string[] = [];
  const selector: Array<[string, string]> = [];
  const nodeSelector = spec.nodeSelector;
  if (isRecord(nodeSelector)) {
    for (const [k, v] of Object.entries(nodeSelector)) {
      selector.push([k, v === null || v === undefined ? '' : String(v)]);
      keys.add(k);
    }
  }

  let terms: Term[] | undefined;
  const required = dig(spec, ['affinity', 'nodeAffinity', 'requiredDuringSchedulingIgnoredDuringExecution']);
  if (isRecord(required)) {
    terms = [];
    const list = Array.isArray(required.nodeSelectorTerms) ? required.nodeSelectorTerms : [];
    list.forEach((raw, index) => {
      if (!isRecord(raw)) return;
      const exprs = Array.isArray(raw.matchExpressions) ? raw.matchExpressions : [];
      const fields = Array.isArray(raw.matchFields) ? raw.matchFields : [];
      if (exprs.length === 0 && fields.length === 0) return;
      const term: Term = { index, requirements: [] };
      for (const e of exprs) {
        const r = labelRequirement(e);
        if (typeof r === 'string') term.error ??= r;
        else {
          term.requirements.push(r);
          keys.add(String((e as Record<string, unknown>).key));
        }
      }
      for (const f of fields) {
        const r = fieldRequirement(f);
        if (typeof r === 'string') term.error ??= r;
        else term.requirements.push(r);
      }
      if (term.error) warnings.push(`required node affinity term ${index} can never match: ${term.error}`);
      terms!.push(term);
    });
    if (terms.length === 0) warnings.push('required node affinity has no term with expressions or fields, so it selects no node');
  }

  return {
    keys,
    warnings,
    reasons(node) {
      const out: string[] = [];
      for (const [k, v] of selector) {
        if (node.labels[k] !== v) out.push(`nodeSelector ${k}=${v} not matched`);
      }
      if (terms) {
        if (terms.length === 0) out.push('required node affinity has no usable term: it matches no node');
        else if (!terms.some((t) => termMatches(t, node))) {
          const why = terms.map((t) => `term ${t.index}: ${t.error ? `invalid (${t.error})` : firstMiss(t, node)}`);
          out.push(`required node affinity not matched (${why.join('; ')})`);
        }
      }
      return out;
    },
  };
}

function termMatches(term: Term, node: NodeInfo): boolean {
  if (term.error) return false;
  for (const r of term.requirements) if (!r.test(node.labels, node.name)) return false;
  return true;
}

function firstMiss(term: Term, node: NodeInfo): string {
  for (const r of term.requirements) if (!r.test(node.labels, node.name)) return r.describeMiss(node.labels, node.name);
  return 'matched';
}

function labelRequirement(raw: unknown): Requirement | string {
  if (!isRecord(raw)) return 'an expression is not a mapping';
  const key = typeof raw.key === 'string' ? raw.key : '';
  const op = typeof raw.operator === 'string' ? raw.operator : '';
  const values = Array.isArray(raw.values) ? raw.values.map((v) => String(v)) : [];
  if (!key) return 'an expression has no key';
  if (!LABEL_OPERATORS.includes(op)) return `operator "${op}" is not one of ${LABEL_OPERATORS.join(', ')}`;
  const has = (labels: Record<string, string>) => Object.prototype.hasOwnProperty.call(labels, key);
  const actual = (labels: Record<string, string>) => (has(labels) ? `node has ${key}=${labels[key]}` : `node has no ${key} label`);
  const list = `[${values.join(', ')}]`;
  switch (op) {
    case 'In':
    case 'NotIn': {
      if (values.length === 0) return `${key} ${op} needs at least one value`;
      const set = new Set(values);
      const text = `${key} ${op} ${list}`;
      const test = op === 'In' ? (l: Record<string, string>) => has(l) && set.has(l[key]) : (l: Record<string, string>) => !has(l) || !set.has(l[key]);
      return { text, test, describeMiss: (l) => `${text} (${actual(l)})` };
    }
    case 'Exists':
    case 'DoesNotExist': {
      if (values.length > 0) return `${key} ${op} must have no values`;
      const text = `${key} ${op}`;
      const test = op === 'Exists' ? has : (l: Record<string, string>) => !has(l);
      return { text, test, describeMiss: (l) => `${text} (${actual(l)})` };
    }
    default: {
      if (values.length !== 1 || !INT64.test(values[0])) return `${key} ${op} needs exactly one integer value`;
      const bound = BigInt(values[0]);
      const text = `${key} ${op} ${values[0]}`;
      const test = (l: Record<string, string>) => {
        if (!has(l) || !INT64.test(l[key])) return false;
        const v = BigInt(l[key]);
        return op === 'Gt' ? v > bound : v < bound;
      };
      return { text, test, describeMiss: (l) => `${text} (${has(l) && !INT64.test(l[key]) ? `${key}=${l[key]} is not an integer` : actual(l)})` };
    }
  }
}

function fieldRequirement(raw: unknown): Requirement | string {
  if (!isRecord(raw)) return 'a field requirement is not a mapping';
  const key = typeof raw.key === 'string' ? raw.key : '';
  const op = typeof raw.operator === 'string' ? raw.operator : '';
  const values = Array.isArray(raw.values) ? raw.values.map((v) => String(v)) : [];
  if (op !== 'In' && op !== 'NotIn') return `matchFields operator "${op}" is not In or NotIn`;
  if (values.length !== 1) return `matchFields ${key} ${op} must have exactly one value`;
  if (key !== 'metadata.name') return `matchFields supports only metadata.name, not "${key}"`;
  const want = values[0];
  const text = `metadata.name ${op} [${want}]`;
  const test = op === 'In' ? (_: Record<string, string>, name: string) => name === want : (_: Record<string, string>, name: string) => name !== want;
  return { text, test, describeMiss: (_l, name) => `${text} (node is ${name})` };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function dig(value: unknown, path: readonly string[]): unknown {
  let v = value;
  for (const seg of path) {
    if (!isRecord(v)) return undefined;
    v = v[seg];
  }
  return v;
}
