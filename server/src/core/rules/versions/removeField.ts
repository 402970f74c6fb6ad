import type { Node, Pair, YAMLMap } from 'yaml';
import { isMap, isPair, isSeq } from '../../model/yamlNodes';
import type { CoreEdit } from '../../diagnostics';
import type { ParsedDoc } from '../../model/workloadFile';
import { deref, nodeAtPath, nodeRange, type PathSeg } from '../../model/path';

/**
 * The edit that deletes the field at `segs` (key, value and the lines they take), keeping the
 * comments and layout of everything else. Undefined when the field is not a plain key of a
 * mapping in this document (merged in by `<<`, behind an alias…).
 */
export function removeFieldEdit(doc: ParsedDoc, segs: readonly PathSeg[]): CoreEdit | undefined {
  const text = doc.source;
  if (!text || segs.length === 0) return undefined;
  const parentHit = nodeAtPath(doc, segs.slice(0, -1));
  const parent = deref(doc.yaml, parentHit?.node);
  if (!isMap(parent)) return undefined;
  const key = segs[segs.length - 1];
  const index = parent.items.findIndex((p) => isPair(p) && String((p.key as { value?: unknown } | null)?.value) === String(key));
  if (index < 0) return undefined;
  const pair = parent.items[index] as Pair;
  const start = nodeRange(pair.key as Node)?.[0];
  if (start === undefined) return undefined;
  const valueEnd = pairEnd(text, pair);
  if (parent.flow) return flowRemoval(text, parent, index, start, valueEnd);
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const before = text.slice(lineStart, start);
  const lineEnd = endOfLine(text, valueEnd);
  if (/^ *$/.test(before)) return { start: lineStart, end: lineEnd, newText: '' };
  if (/^[ -]*-[ -]*$/.test(before)) {
    // first key of a list item (`- name: x`): the next key moves up behind the dash
    const next = parent.items[index + 1] as Pair | undefined;
    const nextStart = next && nodeRange(next.key as Node)?.[0];
    if (nextStart !== undefined) return { start, end: nextStart, newText: '' };
    return { start, end: Math.min(lineEnd, text.length) - (text[lineEnd - 1] === '\n' ? 1 : 0), newText: '{}' };
  }
  return undefined;
}

/** The edit that deletes a block list item (`- …` and the lines it takes); undefined elsewhere. */
export function removeItemEdit(doc: ParsedDoc, segs: readonly PathSeg[]): CoreEdit | undefined {
  const text = doc.source;
  const index = segs[segs.length - 1];
  if (!text || typeof index !== 'number') return undefined;
  const list = deref(doc.yaml, nodeAtPath(doc, segs.slice(0, -1))?.node);
  if (!isSeq(list) || list.flow) return undefined;
  const item = list.items[index] as Node | undefined;
  const r = nodeRange(item);
  if (!r) return undefined;
  const dash = text.lastIndexOf('-', r[0]);
  const lineStart = text.lastIndexOf('\n', dash - 1) + 1;
  if (dash < 0 || !/^ *$/.test(text.slice(lineStart, dash))) return undefined;
  let end = r[1];
  while (end > r[0] && /\s/.test(text[end - 1])) end--;
  return { start: lineStart, end: endOfLine(text, end), newText: '' };
}

/** Removes a map field or a list item, whichever the path ends in. */
export function removePathEdit(doc: ParsedDoc, segs: readonly PathSeg[]): CoreEdit | undefined {
  return typeof segs[segs.length - 1] === 'number' ? removeItemEdit(doc, segs) : removeFieldEdit(doc, segs);
}

/** End of the pair's value (or key), before trailing whitespace. */
function pairEnd(text: string, pair: Pair): number {
  const r = nodeRange(pair.value as Node) ?? nodeRange(pair.key as Node)!;
  let end = r[1];
  while (end > r[0] && /\s/.test(text[end - 1])) end--;
  return end;
}

/** Just past the newline of the line holding `offset` (or the end of the text). */
function endOfLine(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl < 0 ? text.length : nl + 1;
}

function flowRemoval(text: string, map: YAMLMap, index: number, start: number, end: number): CoreEdit | undefined {
  const next = map.items[index + 1] as Pair | undefined;
  const nextStart = next && nodeRange(next.key as Node)?.[0];
  if (nextStart !== undefined) return { start, end: nextStart, newText: '' };
  const prev = map.items[index - 1] as Pair | undefined;
  if (prev) {
    const prevEnd = pairEnd(text, prev);
    return { start: prevEnd, end, newText: '' };
  }
  return { start, end, newText: '' };
}
