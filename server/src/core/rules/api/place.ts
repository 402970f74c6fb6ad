import { isMap, isScalar } from 'yaml';
import type { CoreEdit } from '../../diagnostics';
import type { ParsedDoc } from '../../model/workloadFile';
import { deref, nodeAtPath, nodeRange, pairKeyRange, type PathSeg } from '../../model/path';
import { resolvePlain } from '../../schema/goYaml';

/** Where to underline: the value at a path (or its key), else the key of the nearest ancestor that exists. */
export function rangeFor(doc: ParsedDoc, segs: readonly PathSeg[], key = false): [number, number] | undefined {
  for (let n = segs.length; n >= 0; n--) {
    const hit = nodeAtPath(doc, segs.slice(0, n));
    if (!hit) continue;
    const exact = n === segs.length;
    if (hit.pair && (key || !exact)) return pairKeyRange(hit.pair);
    const node = deref(doc.yaml, hit.node);
    if (!exact && isMap(node) && node.items.length) return pairKeyRange(node.items[0]);
    if (key && isMap(node) && node.items.length) return pairKeyRange(node.items[0]);
    const r = nodeRange(hit.node) ?? (hit.pair ? pairKeyRange(hit.pair) : undefined);
    if (r) return r;
  }
  return undefined;
}

/** Text of a plain YAML scalar when it reads back as the same string, else a double-quoted one. */
export function yamlScalar(value: string): string {
  const plain = resolvePlain(value);
  const safe = plain.kind === 'string' && plain.value === value && /^[A-Za-z0-9_./][-A-Za-z0-9_./]*$/.test(value);
  return safe ? value : JSON.stringify(value);
}

/** Lines inserted just above the first key of a block mapping, at its indentation. */
export function insertIntoMap(doc: ParsedDoc, segs: readonly PathSeg[], lines: string[]): CoreEdit | undefined {
  const hit = nodeAtPath(doc, segs);
  const node = deref(doc.yaml, hit?.node);
  const text = doc.source;
  if (!text || !isMap(node) || node.flow || node.items.length === 0) return undefined;
  const first = pairKeyRange(node.items[0]);
  if (!first) return undefined;
  const lineStart = text.lastIndexOf('\n', first[0] - 1) + 1;
  let indent = text.slice(lineStart, first[0]);
  if (/^[ -]*$/.test(indent) && indent.includes('-')) indent = ' '.repeat(indent.length);
  if (!/^ *$/.test(indent)) return undefined;
  // Comment lines just above the first key (at its indentation) stay with it: insert above them.
  let at = first[0];
  let lineAt = lineStart;
  while (lineAt > 0) {
    const prevStart = text.lastIndexOf('\n', lineAt - 2) + 1;
    const prev = text.slice(prevStart, lineAt - 1);
    if (!prev.startsWith(`${indent}#`)) break;
    lineAt = prevStart;
    at = prevStart + indent.length;
  }
  return { start: at, end: at, newText: `${lines.join(`\n${indent}`)}\n${indent}` };
}

export function scalarNodeRange(doc: ParsedDoc, segs: readonly PathSeg[]): [number, number] | undefined {
  const hit = nodeAtPath(doc, segs);
  if (!hit?.node || !isScalar(hit.node)) return undefined;
  return nodeRange(hit.node);
}

