import type { Node } from 'yaml';
import { isMap, isScalar, isSeq } from '../model/yamlNodes';
import type { WorkloadFile, PlacedDoc } from '../model/workloadFile';
import { LineIndex } from '../model/lineIndex';
import { nodeAtPath, keyText, nodeRange, pairKeyRange, type PathSeg } from '../model/path';

/** An outline entry in file offsets; `kind` says which LSP symbol kind fits. */
export interface OutlineSymbol {
  name: string;
  detail?: string;
  kind: 'object' | 'container' | 'initContainer' | 'volume' | 'jobTemplate' | 'template';
  start: number;
  end: number;
  selectionStart: number;
  selectionEnd: number;
  children: OutlineSymbol[];
}

const POD_SPEC_PATHS: Record<string, PathSeg[]> = {
  DaemonSet: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};

/**
 * One symbol per document (`DaemonSet log-collector`), with its containers, init containers and
 * volumes beneath. Documents of other kinds are listed too, without children.
 */
export function documentSymbols(file: WorkloadFile): OutlineSymbol[] {
  const out: OutlineSymbol[] = [];
  for (const placed of file.docs) {
    let relative = placed.doc.memo.get('outline') as OutlineSymbol | null | undefined;
    if (relative === undefined) {
      relative = docSymbol({ start: 0, doc: placed.doc }) ?? null;
      placed.doc.memo.set('outline', relative);
    }
    if (relative) out.push(shiftSymbol(relative, placed.start));
  }
  return out;
}

function shiftSymbol(s: OutlineSymbol, by: number): OutlineSymbol {
  if (by === 0) return s;
  return { ...s, start: s.start + by, end: s.end + by, selectionStart: s.selectionStart + by, selectionEnd: s.selectionEnd + by, children: s.children.map((c) => shiftSymbol(c, by)) };
}

function docSymbol(placed: PlacedDoc): OutlineSymbol | undefined {
  const { doc, start: base } = placed;
  const root = doc.yaml.contents as Node | null;
  const range = nodeRange(root);
  if (!range || !isMap(root)) return undefined;
  const kind = doc.kind ?? 'Document';
  const name = doc.name;
  const nameRange = rangeOfValue(placed, ['metadata', 'name']) ?? rangeOfValue(placed, ['kind']) ?? range;
  const symbol: OutlineSymbol = {
    name: name ? `${kind} ${name}` : kind,
    detail: doc.apiVersion,
    kind: 'object',
    start: base + range[0],
    end: base + range[1],
    selectionStart: nameRange[0],
    selectionEnd: nameRange[1],
    children: [],
  };
  const podSpec = doc.workload ? POD_SPEC_PATHS[doc.workload] : undefined;
  if (podSpec) {
    symbol.children.push(...listSymbols(placed, [...podSpec, 'initContainers'], 'initContainer', 'init container'));
    symbol.children.push(...listSymbols(placed, [...podSpec, 'containers'], 'container', 'container'));
    symbol.children.push(...listSymbols(placed, [...podSpec, 'volumes'], 'volume', 'volume'));
  }
  return symbol;
}

function rangeOfValue(placed: PlacedDoc, segs: PathSeg[]): [number, number] | undefined {
  const hit = nodeAtPath(placed.doc, segs);
  const r = nodeRange(hit?.node) ?? (hit?.pair ? pairKeyRange(hit.pair) : undefined);
  return r ? [placed.start + r[0], placed.start + r[1]] : undefined;
}

function listSymbols(placed: PlacedDoc, segs: PathSeg[], kind: OutlineSymbol['kind'], detail: string): OutlineSymbol[] {
  const list = nodeAtPath(placed.doc, segs)?.node;
  if (!isSeq(list)) return [];
  const out: OutlineSymbol[] = [];
  list.items.forEach((item, index) => {
    const r = nodeRange(item as Node);
    if (!r) return;
    let name = `#${index}`;
    let sel: [number, number] = r;
    if (isMap(item)) {
      const namePair = item.items.find((p) => keyText(p) === 'name');
      const value = namePair?.value;
      if (isScalar(value) && value.value !== null && value.value !== '') {
        name = String(value.value);
        sel = nodeRange(value as Node) ?? r;
      }
      const image = item.get('image', true);
      if (kind !== 'volume' && isScalar(image) && image.value) detail = `${detail} · ${String(image.value)}`;
      if (kind === 'volume') {
        const source = item.items.map((p) => keyText(p)).find((k) => k && k !== 'name');
        if (source) detail = `volume · ${source}`;
      }
    }
    out.push({ name, detail, kind, start: placed.start + r[0], end: placed.start + r[1], selectionStart: placed.start + sel[0], selectionEnd: placed.start + sel[1], children: [] });
    detail = kind === 'volume' ? 'volume' : kind === 'initContainer' ? 'init container' : 'container';
  });
  return out;
}

/** A foldable line span (zero-based, inclusive). */
export interface FoldRange {
  startLine: number;
  endLine: number;
  kind?: 'comment' | 'region';
}

/**
 * Folds every mapping entry and list item whose value spans several lines, each document, and
 * runs of two or more comment lines. Works from the YAML tree, so flow collections fold too.
 * Ranges are computed per document in its own lines and cached on it, then shifted into place.
 */
export function foldingRanges(file: WorkloadFile): FoldRange[] {
  const out: FoldRange[] = [];
  const seen = new Set<string>();
  for (const placed of file.docs) {
    const baseLine = file.lines.positionAt(placed.start).line;
    const relative = docFolds(placed, file.docs.length > 1);
    for (const r of relative) {
      const shifted = { ...r, startLine: r.startLine + baseLine, endLine: r.endLine + baseLine };
      const key = `${shifted.startLine}:${shifted.endLine}:${shifted.kind ?? ''}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(shifted);
    }
  }
  out.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
  return out;
}

function docFolds(placed: PlacedDoc, foldDocument: boolean): FoldRange[] {
  const memoKey = `folding:${foldDocument}`;
  const cached = placed.doc.memo.get(memoKey) as FoldRange[] | undefined;
  if (cached) return cached;
  const text = placed.doc.source ?? '';
  const lines = new LineIndex(text);
  const out: FoldRange[] = [];
  const add = (start: number, end: number) => {
    const a = lines.positionAt(start).line;
    let endLine = lines.positionAt(end).line;
    if (endLine > a && lines.lineStart(endLine) === end) endLine--;
    if (endLine > a) out.push({ startLine: a, endLine });
  };
  const root = placed.doc.yaml.contents as Node | null;
  const visit = (node: unknown, from: number | undefined, depth: number): void => {
    if (depth > 200 || !node) return;
    const r = nodeRange(node as Node);
    if (isMap(node)) {
      if (from !== undefined && r) add(from, trimEnd(text, r[1]));
      for (const pair of node.items) visit(pair.value, pairKeyRange(pair)?.[0], depth + 1);
    } else if (isSeq(node)) {
      if (from !== undefined && r) add(from, trimEnd(text, r[1]));
      for (const item of node.items) visit(item, nodeRange(item as Node)?.[0], depth + 1);
    } else if (isScalar(node) && from !== undefined && r && (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED')) {
      add(from, trimEnd(text, r[1]));
    }
  };
  const rr = nodeRange(root);
  if (rr && foldDocument) add(rr[0], trimEnd(text, rr[1]));
  if (isMap(root)) for (const pair of root.items) visit(pair.value, pairKeyRange(pair)?.[0], 1);
  else if (isSeq(root)) for (const item of root.items) visit(item, nodeRange(item as Node)?.[0], 1);
  foldComments(text, lines, out);
  placed.doc.memo.set(memoKey, out);
  return out;
}

/** The offset after the last non-whitespace character before `end`. */
function trimEnd(text: string, end: number): number {
  let i = end;
  while (i > 0 && /\s/.test(text[i - 1])) i--;
  return i;
}

function foldComments(text: string, lines: LineIndex, out: FoldRange[]): void {
  let runStart = -1;
  const count = lines.lineCount;
  for (let line = 0; line <= count; line++) {
    let isComment = false;
    if (line < count) {
      const start = lines.lineStart(line);
      let i = start;
      while (text[i] === ' ' || text[i] === '\t') i++;
      isComment = text[i] === '#';
    }
    if (isComment && runStart < 0) runStart = line;
    if (!isComment && runStart >= 0) {
      if (line - 1 > runStart) out.push({ startLine: runStart, endLine: line - 1, kind: 'comment' });
      runStart = -1;
    }
  }
}
