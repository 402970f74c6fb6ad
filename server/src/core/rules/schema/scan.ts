import type { Node, Pair, Scalar, YAMLMap } from 'yaml';
import { isAlias, isMap, isPair, isScalar, isSeq } from '../../model/yamlNodes';
import type { ParsedDoc, WorkloadKind } from '../../model/workloadFile';
import { deref, keyText, nodeRange, type PathSeg } from '../../model/path';
import type { CoreFix } from '../../diagnostics';
import { fieldOf, kubePath, rootType, shapeLabel, typeInfo, type FieldShape, type TypeInfo } from '../../schema';
import { goValue, type GoValue } from '../../schema/goYaml';
import { parseQuantity } from '../../quantity';
import { nearest } from './nearest';

/** What the API server's strict decoding (and its enum checks) rejects, found in one walk. */
export type SchemaProblem = 'unknown-field' | 'wrong-type' | 'invalid-quantity' | 'missing-required-field' | 'unsupported-value';

export interface SchemaFinding {
  problem: SchemaProblem;
  /** For unknown-field: the type and the JSON name the schema does not know (core/versions may know it for some minors). */
  unknown?: { type: string; field: string };
  start: number;
  end: number;
  message: string;
  path: string;
  fixes?: CoreFix[];
}

/**
 * Required parents whose absence the server does not report as such: an absent spec, template or
 * jobTemplate decodes to an empty struct and validation names the leaves it then misses (spec.schedule,
 * …template.spec.containers, restartPolicy: the API rules report those); a nil DaemonSet selector selects
 * nothing, so only the template-labels mismatch is reported (apps/validation ValidateDaemonSetSpec).
 */
const LEAVES_REPORTED = new Set([
  'CronJob.spec', 'CronJobSpec.jobTemplate', 'JobSpec.template', 'DaemonSetSpec.template', 'DaemonSetSpec.selector',
  // validateOwnerReference reports an empty one as Invalid "must not be empty" (the API rules).
  'OwnerReference.apiVersion', 'OwnerReference.kind', 'OwnerReference.name', 'OwnerReference.uid',
]);

/** Walk limits: aliases can make a small text expand into a huge tree. */
const MAX_NODES = 200_000;
const MAX_DEPTH = 100;
const MEMO_KEY = 'schema-scan';

/** The findings of the schema walk over one document, computed once and kept on the document. */
export function schemaFindings(doc: ParsedDoc, kind: WorkloadKind): SchemaFinding[] {
  const cached = doc.memo.get(MEMO_KEY) as SchemaFinding[] | undefined;
  if (cached) return cached;
  const scan = new Scan(doc, kind);
  scan.run();
  doc.memo.set(MEMO_KEY, scan.findings);
  return scan.findings;
}

interface Where {
  segs: PathSeg[];
  /** Text range to report on instead of the node's own (set inside an alias: report at the alias). */
  at?: [number, number];
  /** Range of the key that introduces the value, for "missing field" reports (list items: their first key). */
  owner?: [number, number];
  depth: number;
}

interface MapEntry {
  pair: Pair;
  key: string;
  /** For a key merged in by `<<`, the range of that merge key (reports go there). */
  via?: [number, number];
}

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

class Scan {
  readonly findings: SchemaFinding[] = [];
  private nodes = 0;

  constructor(private readonly doc: ParsedDoc, private readonly kind: WorkloadKind) {}

  run(): void {
    const root = this.doc.yaml.contents as Node | null;
    this.visit(root, { type: 'object', ref: rootType(this.kind).name }, { segs: [], depth: 0 });
  }

  private report(problem: SchemaProblem, range: [number, number] | undefined, segs: PathSeg[], message: string, fixes?: CoreFix[], unknown?: SchemaFinding['unknown']): void {
    if (!range) return;
    this.findings.push({ problem, start: range[0], end: range[1], message, path: kubePath(this.kind, segs), ...(fixes?.length ? { fixes } : {}), ...(unknown ? { unknown } : {}) });
  }

  private visit(raw: unknown, shape: FieldShape, where: Where): void {
    if (++this.nodes > MAX_NODES || where.depth > MAX_DEPTH) return;
    let node = raw as Node | null;
    if (isAlias(node)) {
      const range = where.at ?? nodeRange(node);
      node = deref(this.doc.yaml, node);
      where = { ...where, at: range };
    }
    if (node === null || node === undefined) return;
    const scalar = isScalar(node) ? goValue(node) : undefined;
    if (scalar?.kind === 'null') return;
    switch (shape.type) {
      case 'any':
        return;
      case 'object':
        return this.visitObject(node, shape, where);
      case 'array':
        if (!isSeq(node)) return this.wrongType(node, shape, where);
        node.items.forEach((item, i) => {
          this.visit(item, shape.items ?? { type: 'any' }, { segs: [...where.segs, i], at: where.at, depth: where.depth + 1 });
        });
        return;
      case 'map':
        if (!isMap(node)) return this.wrongType(node, shape, where);
        for (const { pair, key, via } of this.pairs(node, where)) {
          const at = via ?? where.at;
          this.visit(pair.value, shape.values ?? { type: 'any' }, { segs: [...where.segs, key], at, owner: at ?? nodeRange(pair.key as Node), depth: where.depth + 1 });
        }
        return;
      default:
        if (!scalar) return this.wrongType(node, shape, where);
        return this.visitScalar(node as Scalar, scalar, shape, where);
    }
  }

  /** The pairs of a mapping with string keys, merge keys (`<<: *base`) expanded as go-yaml does. */
  private pairs(map: YAMLMap, where: Where): MapEntry[] {
    const out: MapEntry[] = [];
    const own = new Set<string>();
    const merged: MapEntry[] = [];
    for (const pair of map.items) {
      if (!isPair(pair)) continue;
      const key = keyText(pair);
      if (key === undefined) continue;
      if (key === '<<' && isScalar(pair.key) && pair.key.type === 'PLAIN') {
        const sources = isSeq(deref(this.doc.yaml, pair.value)) ? (deref(this.doc.yaml, pair.value) as { items: unknown[] }).items : [pair.value];
        for (const source of sources) {
          const m = deref(this.doc.yaml, source);
          if (!isMap(m) || where.depth > MAX_DEPTH) continue;
          for (const p of m.items) {
            const k = isPair(p) ? keyText(p) : undefined;
            if (k !== undefined && k !== '<<') merged.push({ pair: p, key: k, via: where.at ?? nodeRange(pair.key as Node) });
          }
        }
        continue;
      }
      own.add(key);
      out.push({ pair, key });
    }
    // The mapping's own keys win over merged ones; among merged sources the first one wins.
    for (const m of merged) {
      if (own.has(m.key)) continue;
      own.add(m.key);
      out.push(m);
    }
    return out;
  }

  private visitObject(node: Node, shape: FieldShape, where: Where): void {
    const type = shape.ref ? typeInfo(shape.ref) : undefined;
    if (!type) return;
    if (!isMap(node)) return this.wrongType(node, shape, where);
    const present = new Set<string>();
    for (const { pair, key, via } of this.pairs(node, where)) {
      const at = via ?? where.at;
      const field = fieldOf(type, key);
      const segs = [...where.segs, key];
      if (!field) {
        this.unknownField(pair, key, type, segs, { ...where, at }, node);
        continue;
      }
      if (field.required && !isNullValue(this.doc, pair.value)) present.add(key);
      if (where.segs.length === 0 && key === 'status') continue;
      this.visit(pair.value, field, { segs, at, owner: at ?? nodeRange(pair.key as Node), depth: where.depth + 1 });
    }
    for (const field of type.fields) {
      if (!field.required || present.has(field.name) || LEAVES_REPORTED.has(`${type.name}.${field.name}`)) continue;
      const range = where.at ?? where.owner ?? firstKeyRange(node);
      this.report('missing-required-field', range, [...where.segs, field.name], `Required value: "${field.name}" (${shapeLabel(field)}) must be set`);
    }
  }

  private unknownField(pair: Pair, key: string, type: TypeInfo, segs: PathSeg[], where: Where, map: YAMLMap): void {
    const keyNode = pair.key as Node;
    const range = where.at ?? nodeRange(keyNode);
    const suggestion = nearest(key, type.fields.map((f) => f.name));
    const path = kubePath(this.kind, segs);
    let message = `unknown field "${path}"`;
    const fixes: CoreFix[] = [];
    if (suggestion) {
      message += `; did you mean "${suggestion}"?`;
      const keyRange = nodeRange(keyNode);
      // No rename onto a key the mapping already has: that would be a duplicate key.
      const taken = map.items.some((p) => isScalar(p.key) && String(p.key.value) === suggestion);
      if (!where.at && !taken && keyRange && isScalar(keyNode) && isInline(keyNode)) {
        fixes.push({ title: `Rename "${key}" to "${suggestion}"`, preferred: true, edits: [{ start: keyRange[0], end: keyRange[1], newText: sameQuotes(keyNode, suggestion) }] });
      }
    }
    if (!suggestion) {
      const below = deeperField(type, key);
      if (below) message += `; "${key}" belongs under ${kubePath(this.kind, [...where.segs, ...below.slice(0, -1)])}`;
    }
    this.report('unknown-field', range, segs, message, fixes, { type: type.name, field: key });
  }

  private wrongType(node: Node, shape: FieldShape, where: Where): void {
    const got = isMap(node) ? 'object' : isSeq(node) ? 'array' : describeGo(goValue(node as Scalar));
    const hint = isMap(node) && shape.type === 'array' ? ': write it as a list (items start with "- ")' : isSeq(node) && shape.type !== 'array' ? ': it must not be a list' : '';
    this.report('wrong-type', where.at ?? nodeRange(node), where.segs, `cannot unmarshal ${got} into Go value of type ${goType(shape)}${hint}`);
  }

  private visitScalar(node: Scalar, value: GoValue, shape: FieldShape, where: Where): void {
    const range = where.at ?? nodeRange(node);
    const editable = !where.at && isInline(node) && nodeRange(node);
    const typeError = (message: string, fix?: CoreFix) => this.report('wrong-type', range, where.segs, message, fix && editable ? [fix] : undefined);
    const cannot = `cannot unmarshal ${describeGo(value)} into Go value of type ${goType(shape)}`;
    const replace = (title: string, newText: string): CoreFix | undefined => (editable ? { title, preferred: true, edits: [{ start: editable[0], end: editable[1], newText }] } : undefined);
    switch (shape.type) {
      case 'string':
        if (value.kind === 'string') return this.checkEnum(node, value.value, shape, where);
        return typeError(`${cannot}; quote it to pass text`, replace(`Quote the value: ${JSON.stringify(sourceText(node))}`, JSON.stringify(sourceText(node))));
      case 'integer':
      case 'int-or-string': {
        if (value.kind === 'string') {
          if (shape.type === 'int-or-string') return;
          const digits = /^[-+]?[0-9]+$/.test(value.value.trim());
          return typeError(`${cannot}${digits ? '; remove the quotes to pass a number' : ''}`, digits ? replace(`Remove the quotes: ${value.value.trim()}`, value.value.trim()) : undefined);
        }
        if (value.kind !== 'number') return typeError(cannot);
        if (!value.integral) return typeError(`cannot unmarshal number ${sourceText(node)} into Go value of type ${goType(shape)}`);
        const int32 = shape.type === 'int-or-string' || shape.format === 'int32';
        if (int32 ? value.value < INT32_MIN || value.value > INT32_MAX : !Number.isSafeInteger(value.value) && Math.abs(value.value) > 2 ** 63) {
          return typeError(`cannot unmarshal number ${sourceText(node)} into Go value of type ${int32 ? 'int32' : 'int64'}: out of range`);
        }
        return;
      }
      case 'number':
        if (value.kind === 'number') return;
        if (value.kind === 'string' && value.value.trim() !== '' && Number.isFinite(Number(value.value))) {
          return typeError(`${cannot}; remove the quotes to pass a number`, replace(`Remove the quotes: ${value.value.trim()}`, value.value.trim()));
        }
        return typeError(cannot);
      case 'boolean':
        if (value.kind === 'bool') return;
        if (value.kind === 'string' && (value.value === 'true' || value.value === 'false')) {
          return typeError(`${cannot}; remove the quotes to pass a boolean`, replace(`Remove the quotes: ${value.value}`, value.value));
        }
        return typeError(cannot);
      case 'quantity': {
        if (value.kind === 'number') {
          if (Number.isFinite(value.value)) return;
        } else if (value.kind === 'string' && parseQuantity(value.value.trim())) {
          return;
        }
        const shown = value.kind === 'string' ? value.value : sourceText(node);
        const candidates = value.kind === 'string' ? quantityCandidates(shown) : [];
        const fixes = editable ? candidates.map((q): CoreFix => ({ title: `Change to ${q}`, preferred: candidates.length === 1, edits: [{ start: editable[0], end: editable[1], newText: sameQuotes(node, q) }] })) : [];
        this.report('invalid-quantity', range, where.segs, `Invalid value: "${shown}": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'${quantityHint(shown, candidates)}`, fixes);
        return;
      }
      case 'date-time':
        if (value.kind === 'string') {
          if (!RFC3339.test(value.value)) typeError(`parsing time "${value.value}": not an RFC 3339 time (e.g. 2024-01-02T15:04:05Z)`);
          return;
        }
        return typeError(cannot);
    }
  }

  /**
   * An enum set to "": most are defaulted (imagePullPolicy, dnsPolicy…) and accepted; for the others the
   * server answers as its validation does (pointer enums such as completionMode are not defaulted:
   * NotSupported; required ones such as seccompProfile.type: Required; selector operators: Invalid).
   */
  private emptyEnum(node: Scalar, shape: FieldShape, where: Where): void {
    const kind = shape.emptyRejected;
    if (!kind) return;
    const range = where.at ?? nodeRange(node);
    const supported = (shape.enum ?? []).map((v) => JSON.stringify(v)).join(', ');
    const message = kind === 'Required' ? 'Required value' : kind === 'Invalid' ? 'Invalid value: "": not a valid selector operator' : `Unsupported value: "": supported values: ${supported}`;
    this.report('unsupported-value', range, where.segs, message);
  }

  private checkEnum(node: Scalar, value: string, shape: FieldShape, where: Where): void {
    const allowed = shape.enum;
    if (!allowed || allowed.includes(value)) return;
    if (value === '') return this.emptyEnum(node, shape, where);
    const caseFix = allowed.find((v) => v.toLowerCase() === value.toLowerCase());
    const range = where.at ?? nodeRange(node);
    const fixes: CoreFix[] = [];
    const own = isInline(node) && nodeRange(node);
    if (!where.at && own) {
      const candidates = caseFix ? [caseFix] : allowed;
      candidates.forEach((v) => fixes.push({ title: `Change to "${v}"`, preferred: v === caseFix, edits: [{ start: own[0], end: own[1], newText: sameQuotes(node, v) }] }));
    }
    const supported = allowed.map((v) => JSON.stringify(v)).join(', ');
    // apps/validation ValidateDaemonSetUpdateStrategy names the strategy, not its type.
    const segs = this.kind === 'DaemonSet' && where.segs.join('.') === 'spec.updateStrategy.type' ? where.segs.slice(0, -1) : where.segs;
    this.report('unsupported-value', range, segs, `Unsupported value: ${JSON.stringify(value)}: supported values: ${supported}${caseFix ? ` (letter case matters: "${caseFix}")` : ''}`, fixes);
  }
}

const deeperCache = new Map<string, Map<string, string[]>>();

/** Where a field name lives in the object types below `type` (nearest first, up to 3 levels down). */
function deeperField(type: TypeInfo, name: string): string[] | undefined {
  let index = deeperCache.get(type.name);
  if (!index) {
    index = new Map();
    let frontier: Array<{ type: TypeInfo; path: string[] }> = [{ type, path: [] }];
    for (let depth = 0; depth < 3 && frontier.length; depth++) {
      const next: typeof frontier = [];
      for (const { type: t, path } of frontier) {
        for (const f of t.fields) {
          if (depth > 0 && !index.has(f.name)) index.set(f.name, [...path, f.name]);
          const child = f.type === 'object' && f.ref ? typeInfo(f.ref) : undefined;
          if (child && f.name !== 'metadata' && f.name !== 'status') next.push({ type: child, path: [...path, f.name] });
        }
      }
      frontier = next;
    }
    deeperCache.set(type.name, index);
  }
  return index.get(name);
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

function isNullValue(doc: ParsedDoc, value: unknown): boolean {
  const node = deref(doc.yaml, value);
  return node === null || (isScalar(node) && goValue(node).kind === 'null');
}

function firstKeyRange(map: YAMLMap): [number, number] | undefined {
  const first = map.items[0];
  return (first && nodeRange(first.key as Node)) ?? nodeRange(map);
}

/** A plain or quoted scalar: one token a fix can replace (block scalars span lines and are left alone). */
function isInline(node: Scalar): boolean {
  return node.type === 'PLAIN' || node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
}

function sourceText(node: Scalar): string {
  return typeof node.source === 'string' ? node.source : String(node.value);
}

/** A replacement scalar written in the same quoting style as the one it replaces. */
function sameQuotes(node: Scalar, text: string): string {
  if (node.type === 'QUOTE_DOUBLE') return JSON.stringify(text);
  if (node.type === 'QUOTE_SINGLE') return `'${text.replace(/'/g, "''")}'`;
  return text;
}

function describeGo(value: GoValue): string {
  switch (value.kind) {
    case 'bool':
      return 'bool';
    case 'number':
      return 'number';
    case 'string':
      return 'string';
    default:
      return 'null';
  }
}

function goType(shape: FieldShape): string {
  switch (shape.type) {
    case 'integer':
      return shape.format ?? 'int64';
    case 'number':
      return 'float64';
    case 'boolean':
      return 'bool';
    case 'int-or-string':
      return 'intstr.IntOrString';
    case 'quantity':
      return 'resource.Quantity';
    case 'date-time':
      return 'metav1.Time';
    case 'object':
      return shape.ref ? `v1.${shape.ref}` : 'struct';
    case 'array':
      return `[]${shape.items ? goType(shape.items) : 'interface {}'}`;
    case 'map':
      return `map[string]${shape.values ? goType(shape.values) : 'interface {}'}`;
    default:
      return shape.type === 'any' ? 'interface {}' : shape.type;
  }
}

/** Valid quantities a malformed one most likely meant: `50MB` -> 50M or 50Mi, `1 Gi` -> 1Gi, `2gi` -> 2Gi. */
export function quantityCandidates(text: string): string[] {
  const m = /^([+-]?[0-9]*\.?[0-9]+\.?)\s*([kmgtpe])(i?)(b?)$/i.exec(text.trim());
  if (!m) return [];
  const [, number, letter, binary, bytes] = m;
  const unit = letter.toUpperCase();
  const decimal = `${number}${unit === 'K' ? 'k' : unit}`;
  const power2 = `${number}${unit}i`;
  const list = binary ? [power2] : bytes || letter !== (unit === 'K' ? 'k' : unit) ? [decimal, power2] : [decimal];
  return list.filter((q) => q !== text && parseQuantity(q));
}

function quantityHint(text: string, candidates: string[]): string {
  if (candidates.length === 2) return ` (write "${candidates[0]}" for powers of 1000 or "${candidates[1]}" for powers of 1024)`;
  if (candidates.length === 1) return ` (did you mean "${candidates[0]}"?)`;
  return '';
}
