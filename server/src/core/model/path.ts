import type { Document, Node, Pair, ParsedNode } from 'yaml';
import { isAlias, isMap, isPair, isScalar, isSeq } from './yamlNodes';
import type { ParsedDoc } from './workloadFile';

/** A step into a YAML tree: a mapping key or a sequence index. */
export type PathSeg = string | number;

export interface NodeHit {
  /** Steps from the document root to the node. */
  segs: PathSeg[];
  /** The value node at the path (null for a key with no value). */
  node: Node | null;
  /** The pair whose key or value holds the offset, when inside a mapping. */
  pair?: Pair;
  /** True when the offset is on the key rather than on the value. */
  onKey: boolean;
  /** Value nodes from the root down to (and including) `node`'s parent collection. */
  ancestors: Node[];
}

export function nodeRange(node: Node | null | undefined): [number, number] | undefined {
  const r = (node as { range?: [number, number, number] } | null | undefined)?.range;
  return r ? [r[0], r[1]] : undefined;
}

/** The text range of a pair: its key when present, else its value. */
export function pairKeyRange(pair: Pair): [number, number] | undefined {
  return nodeRange(pair.key as Node) ?? nodeRange(pair.value as Node);
}

/** Follows an alias to the node it names, once (never expanding nested aliases). */
export function deref(doc: Document.Parsed<ParsedNode> | Document, node: unknown): Node | null {
  if (isAlias(node)) return aliasTargets(doc).get(node) ?? null;
  return (node as Node | null) ?? null;
}

const targetsByDoc = new WeakMap<object, Map<unknown, Node>>();

/**
 * Every alias of a document mapped to the node it names: the last node with that anchor before the
 * alias, in document order (as yaml's Alias.resolve finds it). One walk per document, so resolving
 * all aliases is linear; Alias.resolve walks the whole document for each alias.
 */
function aliasTargets(doc: Document.Parsed<ParsedNode> | Document): Map<unknown, Node> {
  let targets = targetsByDoc.get(doc);
  if (targets) return targets;
  targets = new Map();
  const latest = new Map<string, Node>();
  const stack: unknown[] = [doc.contents];
  while (stack.length) {
    const n = stack.pop();
    if (!n || typeof n !== 'object') continue;
    if (isAlias(n)) {
      const target = latest.get(n.source);
      if (target) targets.set(n, target);
      continue;
    }
    if (isPair(n)) {
      stack.push(n.value, n.key);
      continue;
    }
    const anchor = (n as { anchor?: string }).anchor;
    if (anchor) latest.set(anchor, n as Node);
    const items = (n as { items?: unknown[] }).items;
    if (Array.isArray(items)) for (let i = items.length - 1; i >= 0; i--) stack.push(items[i]);
  }
  targetsByDoc.set(doc, targets);
  return targets;
}

export function keyText(pair: Pair): string | undefined {
  const k = pair.key;
  if (isScalar(k)) return k.value === null ? '' : String(k.value);
  return undefined;
}

/** Finds the deepest node under a document-relative offset and the path that leads to it. */
export function nodeAtOffset(doc: ParsedDoc, offset: number): NodeHit | undefined {
  const root = doc.yaml.contents as Node | null;
  if (!root) return undefined;
  const segs: PathSeg[] = [];
  const ancestors: Node[] = [];
  let node: Node | null = root;
  let pair: Pair | undefined;
  let onKey = false;
  for (let depth = 0; depth < 500 && node; depth++) {
    if (isMap(node)) {
      const hit: Pair | undefined = node.items.find((p) => within(p, offset));
      if (!hit) break;
      const key = keyText(hit);
      if (key === undefined) break;
      ancestors.push(node);
      segs.push(key);
      pair = hit;
      const kr = nodeRange(hit.key as Node);
      if (kr && offset >= kr[0] && offset <= kr[1]) {
        onKey = true;
        node = (hit.value as Node | null) ?? null;
        break;
      }
      onKey = false;
      node = (hit.value as Node | null) ?? null;
    } else if (isSeq(node)) {
      const index: number = node.items.findIndex((item) => {
        const r = nodeRange(item as Node);
        return r !== undefined && offset >= r[0] && offset <= r[1];
      });
      if (index < 0) break;
      ancestors.push(node);
      segs.push(index);
      pair = undefined;
      onKey = false;
      node = node.items[index] as Node;
    } else {
      break;
    }
  }
  return { segs, node, pair, onKey, ancestors };
}

function within(pair: Pair, offset: number): boolean {
  const kr = nodeRange(pair.key as Node);
  const vr = nodeRange(pair.value as Node);
  const start = kr?.[0] ?? vr?.[0];
  const end = vr?.[1] ?? kr?.[1];
  return start !== undefined && end !== undefined && offset >= start && offset <= end;
}

/** The value node at a path, and the pair holding it when its parent is a mapping. */
export function nodeAtPath(doc: ParsedDoc, segs: readonly PathSeg[]): { node: Node | null; pair?: Pair } | undefined {
  let node: Node | null = doc.yaml.contents as Node | null;
  let pair: Pair | undefined;
  for (const seg of segs) {
    node = deref(doc.yaml, node);
    if (typeof seg === 'number') {
      if (!isSeq(node) || seg >= node.items.length) return undefined;
      node = node.items[seg] as Node;
      pair = undefined;
    } else {
      if (!isMap(node)) return undefined;
      const found = node.items.find((p) => isPair(p) && keyText(p) === seg);
      if (!found) return undefined;
      pair = found;
      node = (found.value as Node | null) ?? null;
    }
  }
  return { node, pair };
}

/** The range to underline for a path: the value when it has one, else its key. */
export function rangeOfPath(doc: ParsedDoc, segs: readonly PathSeg[]): [number, number] | undefined {
  const hit = nodeAtPath(doc, segs);
  if (!hit) return undefined;
  return nodeRange(hit.node) ?? (hit.pair ? pairKeyRange(hit.pair) : undefined);
}

/**
 * Fields whose value is a map with free-form keys; kubectl writes those keys in brackets
 * (`resources.requests[cpu]`, `metadata.labels[app]`).
 */
const FREE_FORM_MAPS = new Set([
  'labels', 'annotations', 'matchLabels', 'nodeSelector', 'requests', 'limits', 'claims', 'data',
  'binaryData', 'stringData', 'parameters', 'volumeAttributes', 'capacity', 'allocatable', 'overhead',
  'hard', 'attributes',
]);

/**
 * Writes a path as kubectl does: fields joined by dots, indices and free-form map keys in brackets.
 * `isMapKey(i)` tells whether segment i is a key of a free-form map; by default a segment is one
 * when the field before it is a known free-form map (labels, requests, nodeSelector…).
 */
export function formatPath(segs: readonly PathSeg[], isMapKey?: (index: number) => boolean): string {
  let out = '';
  let previousField: string | undefined;
  segs.forEach((seg, i) => {
    if (typeof seg === 'number') {
      out += `[${seg}]`;
      previousField = undefined;
      return;
    }
    const mapKey = isMapKey ? isMapKey(i) : previousField !== undefined && FREE_FORM_MAPS.has(previousField);
    if (mapKey) {
      out += `[${seg}]`;
      previousField = undefined;
    } else {
      out += out ? `.${seg}` : seg;
      previousField = seg;
    }
  });
  return out;
}

/**
 * Reads a field path as the API server and kubectl write it (`spec.template.spec.containers[0].name`,
 * `metadata.labels[app.kubernetes.io/name]`, a leading dot allowed): the inverse of formatPath.
 * Undefined when the text is not such a path.
 */
export function parseFieldPath(text: string): PathSeg[] | undefined {
  const segs: PathSeg[] = [];
  let i = text.startsWith('.') ? 1 : 0;
  if (i >= text.length) return undefined;
  while (i < text.length) {
    if (text[i] === '[') {
      const close = text.indexOf(']', i + 1);
      if (close < 0) return undefined;
      const inner = text.slice(i + 1, close);
      segs.push(/^\d+$/.test(inner) ? Number(inner) : inner);
      i = close + 1;
      if (text[i] === '.') i++;
      continue;
    }
    let j = i;
    while (j < text.length && text[j] !== '.' && text[j] !== '[') j++;
    const name = text.slice(i, j);
    if (!name || /\s/.test(name)) return undefined;
    segs.push(name);
    i = text[j] === '.' ? j + 1 : j;
    if (text[j] === '.' && j + 1 >= text.length) return undefined;
  }
  return segs.length ? segs : undefined;
}
