import type { Node, Pair } from 'yaml';
import { isMap, isScalar } from '../../model/yamlNodes';
import type { CoreEdit } from '../../diagnostics';
import type { ParsedDoc } from '../../model/workloadFile';
import { deref, keyText, nodeAtPath, nodeRange, pairKeyRange, type PathSeg } from '../../model/path';
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

/** The line break a text uses (CRLF files get CRLF in inserted lines). */
export function eolOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/**
 * Lines inserted just above the first key of a block mapping, at its indentation. When the first
 * line's key is already there with no value (`key:`, `key: null`, `key: ~`), that pair is filled in
 * instead (a second copy of the key would be a duplicate); with a value, there is no edit.
 */
export function insertIntoMap(doc: ParsedDoc, segs: readonly PathSeg[], lines: string[]): CoreEdit | undefined {
  const hit = nodeAtPath(doc, segs);
  const node = deref(doc.yaml, hit?.node);
  const text = doc.source;
  if (!text || !isMap(node) || node.flow || node.items.length === 0) return undefined;
  const eol = eolOf(text);
  const key = /^([^\s:#'"][^:#]*?):(?:\s|$)/.exec(lines[0])?.[1];
  const existing = key === undefined ? undefined : node.items.find((p) => keyText(p) === key);
  if (existing) return fillEmptyPair(text, existing, lines, eol);
  const first = pairKeyRange(node.items[0]);
  if (!first) return undefined;
  const lineStart = text.lastIndexOf('\n', first[0] - 1) + 1;
  const indent = blockIndent(text.slice(lineStart, first[0]));
  if (indent === undefined) return undefined;
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
  return { start: at, end: at, newText: `${lines.join(`${eol}${indent}`)}${eol}${indent}` };
}

/** The spaces before a block key (a `- ` before the first key of a list item counts as spaces). */
function blockIndent(before: string): string | undefined {
  if (/^[ -]*$/.test(before) && before.includes('-')) return ' '.repeat(before.length);
  return /^ *$/.test(before) ? before : undefined;
}

/** `key:` / `key: null` / `key: ~` rewritten as `lines` (whose first line names the same key). */
function fillEmptyPair(text: string, pair: Pair, lines: string[], eol: string): CoreEdit | undefined {
  const value = pair.value;
  if (value !== null && !(isScalar(value) && value.value === null)) return undefined;
  const keyRange = nodeRange(pair.key as Node);
  if (!keyRange) return undefined;
  const lineStart = text.lastIndexOf('\n', keyRange[0] - 1) + 1;
  const indent = blockIndent(text.slice(lineStart, keyRange[0]));
  if (indent === undefined) return undefined;
  let end = keyRange[1];
  while (text[end] === ' ' || text[end] === '\t') end++;
  if (text[end] !== ':') return undefined;
  end++;
  const valueRange = nodeRange(value as Node | null);
  if (valueRange && valueRange[1] > valueRange[0]) {
    if (/[\r\n]/.test(text.slice(end, valueRange[1]))) return undefined;
    end = valueRange[1];
  }
  return { start: keyRange[0], end, newText: lines.join(`${eol}${indent}`) };
}

export function scalarNodeRange(doc: ParsedDoc, segs: readonly PathSeg[]): [number, number] | undefined {
  const hit = nodeAtPath(doc, segs);
  if (!hit?.node || !isScalar(hit.node)) return undefined;
  return nodeRange(hit.node);
}

