import { parseDocument, type Node, type Pair, type YAMLMap } from 'yaml';
import { isMap, isSeq, isScalar } from '../model/yamlNodes';
import type { WorkloadFile, WorkloadKind, PlacedDoc } from '../model/workloadFile';
import { WORKLOAD_API_VERSIONS } from '../model/workloadFile';
import { keyText, nodeAtOffset, nodeRange, type PathSeg } from '../model/path';
import { fieldAt, shapeLabel, typeInfo, type FieldInfo, type FieldShape } from '../schema';
import type { CoreEdit } from '../diagnostics';
import { docAt } from './locate';
import { noteFor, pickByKind, valueNote } from './inShort';
import { blockSnippets, keySuggestions, valueSuggestions } from './completionData';
import { holdingField } from './hover';
import { DEFAULT_MINOR, describeFieldFacts, fieldStatus, formatMinor } from '../versions';
import { hasOwn } from '../own';

export interface CoreCompletionItem {
  label: string;
  kind: 'property' | 'value' | 'snippet' | 'keyword';
  detail?: string;
  /** Markdown. */
  documentation?: string;
  /** Text to insert; a snippet (tab stops, choices) when `snippet` is true. */
  insertText: string;
  snippet: boolean;
  sortText: string;
  filterText?: string;
  /** Shown beside the label, e.g. "dropped on 1.30" for a field the target's API server drops. */
  labelDetail?: string;
  /** The file range the item replaces (the word being typed). */
  start: number;
  end: number;
  additionalEdits?: CoreEdit[];
}

/** Where the parent map of the cursor is, found from the YAML tree and the cursor line's indentation. */
interface Parent {
  segs: PathSeg[];
  /** The existing map (with the cursor line blanked out), or null when it does not exist yet. */
  map: YAMLMap | null;
  /** The schema says a list goes here but the line has no dash: items must start with `- `. */
  needsDash: boolean;
}

// The tail of the line before the cursor is read by scanning backwards: end-anchored regexes such as
// /[\w./-]*$/ retry from every start position, which is quadratic in the length of a long token.
const isWordChar = (c: number): boolean =>
  (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 46 || c === 47 || c === 45;
const isSpace = (c: number): boolean => c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 11 || c === 0xa0 || c === 0xfeff || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0x1680;

function skipBack(text: string, end: number, test: (c: number) => boolean): number {
  let i = end;
  while (i > 0 && test(text.charCodeAt(i - 1))) i--;
  return i;
}

/** The run of `[\w./-]` characters that ends the text. */
function trailingWord(text: string): string {
  return text.slice(skipBack(text, text.length, isWordChar));
}

/**
 * `[{,]\s*[\w./-]*$` (a key being typed in a flow map) or `[{,]\s*([\w./-]+):\s*[\w./-]*$` (a value;
 * `key` is its key), matched from the end of the text.
 */
function flowTail(text: string): { key: string | undefined } | undefined {
  const wordStart = skipBack(text, text.length, isWordChar);
  let i = skipBack(text, wordStart, isSpace);
  const opener = text.charCodeAt(i - 1);
  const asKey = opener === 123 || opener === 44;
  if (text.charCodeAt(i - 1) === 58) {
    const keyEnd = i - 1;
    const keyStart = skipBack(text, keyEnd, isWordChar);
    if (keyStart < keyEnd) {
      i = skipBack(text, keyStart, isSpace);
      const c = text.charCodeAt(i - 1);
      if (c === 123 || c === 44) return { key: text.slice(keyStart, keyEnd) };
    }
  }
  return asKey ? { key: undefined } : undefined;
}

/**
 * Completion items for a file offset. Keys are those of a `minor` API server: fields it does not
 * have are left out, fields it drops on create are marked and offered last.
 */
export function completionsAt(file: WorkloadFile, offset: number, minor: number = DEFAULT_MINOR): CoreCompletionItem[] {
  const pos = file.lines.positionAt(offset);
  const lineStart = file.lines.lineStart(pos.line);
  const nextLine = pos.line + 1 < file.lines.lineCount ? file.lines.lineStart(pos.line + 1) : file.text.length;
  const lineEnd = file.text.slice(lineStart, nextLine).replace(/\r?\n$/, '').length + lineStart;
  const before = file.text.slice(lineStart, offset);
  if (/^\s*#/.test(before) || before.includes(' #')) return [];
  const word = trailingWord(before);
  const range = { start: offset - word.length, end: offset + (WORD_AFTER.exec(file.text.slice(offset, lineEnd))?.[0].length ?? 0) };
  const placed = docAt(file, offset);
  if (!placed) return newDocumentItems(range, null);
  const doc = placed.doc;
  // A workload kind typed before its apiVersion already tells which keys belong.
  const kind = doc.workload ?? (!doc.apiVersion && hasOwn(WORKLOAD_API_VERSIONS, doc.kind) ? (doc.kind as WorkloadKind) : undefined);

  const flow = flowContext(placed, offset - placed.start, before);
  if (flow) {
    if (!kind) return [];
    if (flow.valueOf !== undefined) return valueItems(kind, [...flow.segs, flow.valueOf], range, minor);
    return keysOnlyIfValued(keyItems(kind, { segs: flow.segs, map: flow.map, needsDash: false }, range, '', file, placed, lineEnd, minor), file, range.end, lineEnd);
  }

  const keyLine = /^(\s*)((?:-\s+)*)([\w./-]*)$/.exec(before);
  const valueLine = /^(\s*)((?:-\s+)*)([\w./-]+|"[^"]*"|'[^']*'):\s+([^\s#]*)$/.exec(before);
  if (!keyLine && !valueLine) return [];
  const m = (keyLine ?? valueLine)!;
  const keyColumn = m[1].length + m[2].length;
  const hasDash = m[2].length > 0;
  const parent = findParent(file, placed, lineStart, nextLine, pos.line, keyColumn, hasDash);

  if (!kind) {
    if (!parent || parent.segs.length > 0) return [];
    if (doc.kind && !hasOwn(WORKLOAD_API_VERSIONS, doc.kind)) return [];
    if (valueLine) return rootValueItems(valueLine[3], doc.kind, doc.apiVersion, range);
    return newDocumentItems(range, parent.map);
  }
  if (!parent) return [];
  if (valueLine) {
    const key = valueLine[3].replace(/^["']|["']$/g, '');
    return valueItems(kind, [...parent.segs, key], range, minor);
  }
  return keysOnlyIfValued(keyItems(kind, parent, range, hasDash ? '' : parent.needsDash ? '- ' : '', file, placed, lineEnd, minor), file, range.end, lineEnd);
}

const WORD_AFTER = /^[\w./-]*/;

/** Renaming a key that already has its `:` (and value): replace the name only, offer no blocks. */
function keysOnlyIfValued(items: CoreCompletionItem[], file: WorkloadFile, wordEnd: number, lineEnd: number): CoreCompletionItem[] {
  if (!/^\s*:/.test(file.text.slice(wordEnd, lineEnd))) return items;
  return items.filter((i) => i.kind === 'property').map((i) => ({ ...i, insertText: i.label, snippet: false }));
}

// ── Finding the parent map ────────────────────────────────────────────────────────────

/**
 * The document's tree as if the cursor line were blank: a half-typed key must not bend the tree.
 * A blank or cleanly parsed `key: value` line needs no second parse; otherwise the re-parse is
 * kept, so typing on one line parses the document once (every keystroke changes the line only).
 */
let lastBlanked: { text: string; root: Node | null } | undefined;

function treeWithoutLine(file: WorkloadFile, placed: PlacedDoc, lineStart: number, nextLine: number): Node | null | undefined {
  const lineText = file.text.slice(lineStart, nextLine);
  const doc = placed.doc;
  const clean = !doc.syntax.some((p) => p.severity === 'error');
  if (/^\s*$/.test(lineText) || (clean && /^\s*(-\s+)*[\w./-]+:(\s|$)/.test(lineText) && !/[{[]/.test(lineText))) return doc.yaml.contents as Node | null;
  const rel0 = lineStart - placed.start;
  const rel1 = nextLine - placed.start;
  const range = doc.yaml.range;
  const docEnd = range ? range[2] : rel1;
  const chunk = file.text.slice(placed.start, placed.start + Math.max(docEnd, rel1));
  const blanked = chunk.slice(0, rel0) + chunk.slice(rel0, rel1).replace(/[^\r\n]/g, ' ') + chunk.slice(rel1);
  if (lastBlanked && lastBlanked.text === blanked) return lastBlanked.root;
  try {
    const root = parseDocument(blanked, { uniqueKeys: false, logLevel: 'error' }).contents as Node | null;
    lastBlanked = { text: blanked, root };
    return root;
  } catch {
    return undefined;
  }
}

function findParent(file: WorkloadFile, placed: PlacedDoc, lineStart: number, nextLine: number, line: number, keyColumn: number, hasDash: boolean): Parent | undefined {
  const root = treeWithoutLine(file, placed, lineStart, nextLine);
  if (root === undefined) return undefined;
  const lineOf = (rel: number) => file.lines.positionAt(placed.start + rel).line;
  const columnOf = (rel: number) => file.lines.positionAt(placed.start + rel).character;

  if (!isMap(root)) return keyColumn === 0 ? { segs: [], map: null, needsDash: false } : undefined;
  const segs: PathSeg[] = [];
  let map: YAMLMap = root;
  const keyColumnOf = (node: Node): number | undefined => {
    if (isMap(node)) {
      const kr = node.items[0] && nodeRange(node.items[0].key as Node);
      return kr ? columnOf(kr[0]) : undefined;
    }
    const r = nodeRange(node);
    return r ? columnOf(r[0]) : undefined;
  };
  for (let depth = 0; depth < 100; depth++) {
    const column = keyColumnOf(map) ?? 0;
    if (keyColumn === column && !hasDash) return { segs, map, needsDash: false };
    if (keyColumn <= column) return undefined;
    // The last entry that starts above the cursor line owns the more-indented cursor line.
    let owner: Pair | undefined;
    for (const pair of map.items) {
      const kr = nodeRange(pair.key as Node);
      if (kr && lineOf(kr[0]) < line) owner = pair;
    }
    const key = owner && keyText(owner);
    if (!owner || key === undefined) return undefined;
    segs.push(key);
    const value = owner.value as Node | null;
    if (isMap(value) && !value.flow) {
      map = value;
      continue;
    }
    if (isSeq(value) && !value.flow) {
      const above = value.items.filter((item) => {
        const r = nodeRange(item as Node);
        return r && lineOf(r[0]) < line;
      });
      const last = above[above.length - 1] as Node | undefined;
      const lastColumn = last ? keyColumnOf(last) : undefined;
      if (hasDash && (lastColumn === undefined || keyColumn <= lastColumn)) return { segs: [...segs, above.length], map: null, needsDash: false };
      if (!isMap(last)) return undefined;
      segs.push(above.length - 1);
      map = last;
      continue;
    }
    if (value === null || (isScalar(value) && (value.value === null || value.value === ''))) {
      if (hasDash) return { segs: [...segs, 0], map: null, needsDash: false };
      return { segs, map: null, needsDash: true };
    }
    return undefined;
  }
  return undefined;
}

// ── Flow collections: `{requests: {cpu: 1, |}}` ──────────────────────────────────────

function flowContext(placed: PlacedDoc, rel: number, before: string): { segs: PathSeg[]; map: YAMLMap | null; valueOf?: string } | undefined {
  const tail = flowTail(before);
  if (!tail) return undefined;
  const hit = nodeAtOffset(placed.doc, rel);
  if (!hit) return undefined;
  // The innermost flow map holding the offset.
  const chain: Array<{ node: Node; depth: number }> = [];
  hit.ancestors.forEach((node, depth) => chain.push({ node, depth }));
  if (hit.node) chain.push({ node: hit.node, depth: hit.segs.length });
  for (let i = chain.length - 1; i >= 0; i--) {
    const { node, depth } = chain[i];
    if (isMap(node) && node.flow) {
      const r = nodeRange(node);
      if (!r || rel <= r[0] || rel >= r[1]) continue;
      const segs = hit.segs.slice(0, depth);
      return { segs, map: node, valueOf: tail.key };
    }
  }
  return undefined;
}

// ── Items ───────────────────────────────────────────────────────────────────────────

function objectFields(kind: WorkloadKind, segs: readonly PathSeg[]): { fields: FieldInfo[]; typeName?: string; shape?: FieldShape } | undefined {
  const hit = fieldAt(kind, segs);
  if (!hit) return undefined;
  if (hit.shape.type === 'object' && hit.shape.ref) {
    const type = typeInfo(hit.shape.ref);
    return type ? { fields: type.fields, typeName: type.name, shape: hit.shape } : undefined;
  }
  return { fields: [], shape: hit.shape };
}

/** ObjectMeta fields the API server fills in; writing them in a manifest does nothing useful. */
const SERVER_WRITTEN_METADATA = new Set(['creationTimestamp', 'deletionGracePeriodSeconds', 'deletionTimestamp', 'generation', 'managedFields', 'resourceVersion', 'selfLink', 'uid']);

function presentKeys(map: YAMLMap | null): Set<string> {
  const keys = new Set<string>();
  for (const pair of map?.items ?? []) {
    const k = keyText(pair);
    if (k) keys.add(k);
  }
  return keys;
}

function keyItems(kind: WorkloadKind, parent: Parent, range: { start: number; end: number }, dash: string, file: WorkloadFile, placed: PlacedDoc, lineEnd: number, minor: number): CoreCompletionItem[] {
  let segs = parent.segs;
  let info = objectFields(kind, segs);
  if (info?.shape?.type === 'array' && parent.needsDash) {
    segs = [...segs, 0];
    info = objectFields(kind, segs);
  } else if (parent.needsDash) {
    dash = '';
  }
  if (!info) return [];
  const present = presentKeys(parent.map);
  const via = holdingField(segs);
  const out: CoreCompletionItem[] = [];
  if (info.shape?.type === 'map') {
    for (const s of keySuggestions(kind, segs)) {
      if (present.has(s.key)) continue;
      out.push({ label: s.key, kind: 'property', detail: s.detail, insertText: `${dash}${s.key}: ${s.insert ?? '$0'}`, snippet: true, sortText: `1${s.key}`, start: range.start, end: range.end });
    }
    return out;
  }
  for (const field of info.fields) {
    if (present.has(field.name)) continue;
    if (segs.length === 0 && field.name === 'status') continue;
    if (info.typeName === 'ObjectMeta' && SERVER_WRITTEN_METADATA.has(field.name)) continue;
    const status = info.typeName ? fieldStatus(info.typeName, field.name, minor, via) : { status: 'ok' as const };
    if (status.status === 'unknown') continue;
    const dropped = status.status === 'dropped';
    const versions = info.typeName ? describeFieldFacts(info.typeName, field.name, minor, via) : undefined;
    const note = noteFor(kind, [...segs, field.name]);
    const inShort = pickByKind(note?.note.text, kind);
    const deprecated = /\bdeprecated\b/i.test(field.description ?? '');
    const rank = dropped ? '9' : field.required ? '0' : deprecated ? '4' : inShort ? '1' : '2';
    out.push({
      label: field.name,
      kind: 'property',
      detail: `${shapeLabel(field)}${field.required ? ' (required)' : ''}${dropped ? ` · dropped on ${formatMinor(minor)}` : ''}`,
      ...(dropped ? { labelDetail: ` dropped on ${formatMinor(minor)}` } : {}),
      documentation: [dropped && versions ? `⚠ **Kubernetes versions.** ${versions}.` : undefined, inShort ? `**In short.** ${inShort}` : undefined, field.description?.replace(/\\"/g, '"'), !dropped && versions ? `**Kubernetes versions.** ${versions}.` : undefined].filter(Boolean).join('\n\n'),
      insertText: dash + keyInsertText(kind, [...segs, field.name], field),
      snippet: true,
      sortText: `${rank}${field.name}`,
      start: range.start,
      end: range.end,
    });
  }
  for (const block of blockSnippets(kind, info.typeName, present, file, placed, segs, lineEnd)) {
    // A block is as available as the field it starts with.
    const first = /^([\w-]+):/.exec(block.insertText)?.[1];
    const status = info.typeName && first ? fieldStatus(info.typeName, first, minor, via) : { status: 'ok' as const };
    if (status.status === 'unknown') continue;
    const dropped = status.status === 'dropped';
    out.push({
      ...block,
      ...(dropped ? { labelDetail: ` dropped on ${formatMinor(minor)}`, detail: `${block.detail} · dropped on ${formatMinor(minor)}` } : {}),
      kind: 'snippet',
      snippet: true,
      insertText: dash + block.insertText,
      sortText: `${dropped ? '9' : '3'}${block.label}`,
      start: range.start,
      end: range.end,
    });
  }
  return out;
}

/** What a key brings along: a value choice for enums and booleans, an indented line for blocks. */
function keyInsertText(kind: WorkloadKind, segs: PathSeg[], field: FieldShape & { name: string }): string {
  const values = valueSuggestions(kind, segs, field);
  switch (field.type) {
    case 'object':
      return `${field.name}:\n  $0`;
    case 'map':
      return `${field.name}:\n  $0`;
    case 'array':
      return field.items?.type === 'object' ? `${field.name}:\n  - $0` : `${field.name}:\n  - $0`;
    default:
      if (values.length > 1) return `${field.name}: \${1|${values.map((v) => v.value.replace(/[,|\\$}]/g, '\\$&')).join(',')}|}`;
      if (values.length === 1) return `${field.name}: \${1:${values[0].value}}`;
      return `${field.name}: $0`;
  }
}

function valueItems(kind: WorkloadKind, segs: PathSeg[], range: { start: number; end: number }, minor: number): CoreCompletionItem[] {
  const hit = fieldAt(kind, segs);
  if (!hit) return [];
  // No values for a field the target does not have; values of a field it drops say so.
  const last = segs[segs.length - 1];
  const status = hit.parentType && typeof last === 'string' ? fieldStatus(hit.parentType.name, last, minor, holdingField(segs.slice(0, -1))) : { status: 'ok' as const };
  if (status.status === 'unknown') return [];
  const dropped = status.status === 'dropped' ? ` dropped on ${formatMinor(minor)}` : undefined;
  const note = noteFor(kind, segs);
  return valueSuggestions(kind, segs, hit.shape).map((v, i) => ({
    label: v.value,
    kind: 'value' as const,
    detail: dropped ? `${v.detail ? `${v.detail} · ` : ''}the field is${dropped}` : v.detail,
    ...(dropped ? { labelDetail: dropped } : {}),
    documentation: valueNote(note, v.value, kind),
    insertText: v.insert ?? v.value,
    snippet: false,
    sortText: `${String(i).padStart(3, '0')}`,
    start: range.start,
    end: range.end,
  }));
}

const NEW_DOCUMENT: Array<{ kind: WorkloadKind; text: string }> = [
  { kind: 'DaemonSet', text: 'one pod on every node' },
  { kind: 'Job', text: 'pods that run to completion' },
  { kind: 'CronJob', text: 'a Job on a schedule' },
];

function newDocumentItems(range: { start: number; end: number }, map: YAMLMap | null): CoreCompletionItem[] {
  const present = presentKeys(map);
  if (present.has('apiVersion') && !present.has('kind')) {
    return [{ label: 'kind', kind: 'property', detail: 'DaemonSet, Job or CronJob', insertText: 'kind: $0', snippet: true, sortText: '0kind', start: range.start, end: range.end }];
  }
  if (present.has('apiVersion') || present.has('kind')) return [];
  return NEW_DOCUMENT.map(({ kind, text }, i) => ({
    label: `apiVersion: ${WORKLOAD_API_VERSIONS[kind]} · kind: ${kind}`,
    filterText: `apiVersion kind ${kind}`,
    kind: 'snippet' as const,
    detail: `${kind} — ${text}`,
    documentation: `Starts a ${kind}: \`apiVersion: ${WORKLOAD_API_VERSIONS[kind]}\` and \`kind: ${kind}\`.`,
    insertText: `apiVersion: ${WORKLOAD_API_VERSIONS[kind]}\nkind: ${kind}\nmetadata:\n  name: \${1:name}\n$0`,
    snippet: true,
    sortText: `0${i}`,
    start: range.start,
    end: range.end,
  }));
}

function rootValueItems(key: string, kind: string | undefined, apiVersion: string | undefined, range: { start: number; end: number }): CoreCompletionItem[] {
  const base = { kind: 'value' as const, snippet: false, start: range.start, end: range.end };
  if (key === 'kind') {
    const kinds = (Object.keys(WORKLOAD_API_VERSIONS) as WorkloadKind[]).filter((k) => !apiVersion || WORKLOAD_API_VERSIONS[k] === apiVersion);
    return kinds.map((k, i) => ({ ...base, label: k, detail: WORKLOAD_API_VERSIONS[k], insertText: k, sortText: `0${i}` }));
  }
  if (key === 'apiVersion') {
    const versions = hasOwn(WORKLOAD_API_VERSIONS, kind) ? [WORKLOAD_API_VERSIONS[kind as WorkloadKind]] : ['apps/v1', 'batch/v1'];
    return versions.map((v, i) => ({ ...base, label: v, detail: v === 'apps/v1' ? 'DaemonSet' : 'Job, CronJob', insertText: v, sortText: `0${i}` }));
  }
  return [];
}
