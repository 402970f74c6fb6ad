import { Document, parseAllDocuments, type Node, type Pair, type ParsedNode } from 'yaml';
import { isMap, isScalar, isPair, isSeq } from './yamlNodes';
import { LineIndex } from './lineIndex';
import { describeUnreadable } from './limits';
import { own } from '../own';

export type WorkloadKind = 'DaemonSet' | 'Job' | 'CronJob';

/** The API groups each workload kind is served from; anything else is not ours to judge. */
export const WORKLOAD_API_VERSIONS: Record<WorkloadKind, string> = {
  DaemonSet: 'apps/v1',
  Job: 'batch/v1',
  CronJob: 'batch/v1',
};

export interface SyntaxProblem {
  start: number;
  end: number;
  code: string;
  message: string;
  severity: 'error' | 'warning';
}

/**
 * One YAML document with offsets relative to the start of the chunk it came from. Chunks are cached by
 * their text, so a ParsedDoc can stand at several places in a file and survive edits elsewhere.
 */
export interface ParsedDoc {
  readonly yaml: Document.Parsed<ParsedNode>;
  readonly apiVersion?: string;
  readonly kind?: string;
  readonly name?: string;
  /** Set when apiVersion/kind name a DaemonSet, Job or CronJob we check. */
  readonly workload?: WorkloadKind;
  /** Helm or other template markers outside quoted text: the file is not plain YAML yet. */
  readonly templated: boolean;
  readonly syntax: SyntaxProblem[];
  /**
   * Mapping keys given twice. kubectl turns YAML into JSON keeping the last value, so the earlier pairs
   * were removed from `yaml` (every rule sees what the server sees); listed here for the duplicate-key lint.
   */
  readonly duplicateKeys?: DuplicateKey[];
  /** Results computed from this document alone (diagnostics, symbols), keyed by feature. */
  readonly memo: Map<string, unknown>;
  /** The text of the chunk the offsets are relative to (for fixes that need indentation). */
  readonly source?: string;
}

export interface DuplicateKey {
  key: string;
  /** Range of the key whose value counts (the last one). */
  start: number;
  end: number;
  /** Start of the first occurrence of the key. */
  firstStart: number;
}

export interface ParsedChunk {
  readonly text: string;
  readonly docs: ParsedDoc[];
}

/** A document placed in a file: `start` turns its relative offsets into file offsets. */
export interface PlacedDoc {
  readonly start: number;
  readonly doc: ParsedDoc;
}

export interface WorkloadFile {
  readonly text: string;
  readonly lines: LineIndex;
  readonly docs: PlacedDoc[];
  /** True when some marker outside quotes looks like a template ({{ … }}): then nothing is reported. */
  readonly templated: boolean;
}

const MAX_CACHED_CHUNKS = 20000;

/** One `---` chunk of a file, with its parse when the parser already has it. */
export interface FilePiece {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly parsed?: ParsedChunk;
}

/**
 * Parses files document by document and keeps the parse of every document whose text did not
 * change, so an edit re-parses only the document (between `---` markers) it touched.
 */
export class WorkloadParser {
  private cache = new Map<string, ParsedChunk>();

  parse(text: string): WorkloadFile {
    // Refused files (too large, binary) are not parsed at all: checkFile reports why.
    if (describeUnreadable(text)) {
      this.cache = new Map();
      return { text, lines: new LineIndex(text), docs: [], templated: false };
    }
    const docs: PlacedDoc[] = [];
    for (const piece of this.pieces(text)) {
      const chunk = piece.parsed ?? this.chunk(piece.text);
      for (const doc of chunk.docs) docs.push({ start: piece.start, doc });
    }
    return { text, lines: new LineIndex(text), docs, templated: docs.some((d) => d.doc.templated) };
  }

  /**
   * The chunks of `text`, each with its parse if already known; nothing is parsed here. Parses of
   * chunks that are no longer in the text are forgotten.
   */
  pieces(text: string): FilePiece[] {
    const next = new Map<string, ParsedChunk>();
    const pieces = splitChunks(text).map(({ start, end }): FilePiece => {
      const chunkText = text.slice(start, end);
      const parsed = next.get(chunkText) ?? this.cache.get(chunkText);
      if (parsed && next.size < MAX_CACHED_CHUNKS) next.set(chunkText, parsed);
      return { start, end, text: chunkText, parsed };
    });
    this.cache = next;
    return pieces;
  }

  /** The parse of one chunk of the latest text: kept from before, or parsed now and kept. */
  chunk(chunkText: string): ParsedChunk {
    let chunk = this.cache.get(chunkText);
    if (!chunk) {
      chunk = parseChunk(chunkText);
      if (this.cache.size < MAX_CACHED_CHUNKS) this.cache.set(chunkText, chunk);
    }
    return chunk;
  }
}

/** Parses a whole text without keeping anything (CLI, tests). */
export function parseWorkloadFile(text: string): WorkloadFile {
  return new WorkloadParser().parse(text);
}

interface ChunkBounds {
  start: number;
  end: number;
}

/**
 * Splits a YAML stream at its `---` document markers (a line that starts with `---` followed by
 * whitespace or the end of the line). YAML forbids such a line inside any scalar, so the split is
 * exact. Chunks holding only directives, comments or blank lines join the chunk after them.
 */
export function splitChunks(text: string): ChunkBounds[] {
  const bounds: ChunkBounds[] = [];
  let chunkStart = 0;
  let lineStart = 0;
  let onlyPreamble = true;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    if (isDocumentStart(text, lineStart, lineEnd) && lineStart > chunkStart && !onlyPreamble) {
      bounds.push({ start: chunkStart, end: lineStart });
      chunkStart = lineStart;
      onlyPreamble = false;
    } else if (onlyPreamble && !isPreambleLine(text, lineStart, lineEnd)) {
      onlyPreamble = false;
    }
    if (lineEnd >= text.length) break;
    lineStart = lineEnd + 1;
  }
  bounds.push({ start: chunkStart, end: text.length });
  return bounds;
}

function isDocumentStart(text: string, lineStart: number, lineEnd: number): boolean {
  if (!text.startsWith('---', lineStart)) return false;
  const after = lineStart + 3;
  if (after >= lineEnd) return true;
  const ch = text.charCodeAt(after);
  return ch === 32 || ch === 9 || ch === 13;
}

function isPreambleLine(text: string, lineStart: number, lineEnd: number): boolean {
  const line = text.slice(lineStart, lineEnd).trim();
  return line === '' || line.startsWith('#') || line.startsWith('%');
}

export function parseChunk(text: string): ParsedChunk {
  let docs: ParsedDoc[];
  // yaml builds an Error for every problem it finds; their stack traces are never read and cost
  // most of the parse time of a file with thousands of problems.
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    const parsed = parseAllDocuments(text, { keepSourceTokens: false, prettyErrors: false, uniqueKeys: false, logLevel: 'error' });
    const list = Array.isArray(parsed) ? parsed : [];
    docs = list.map((yaml) => describeDoc(yaml, text));
  } catch (error) {
    docs = [failedDoc(text, error)];
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
  return { text, docs };
}

function failedDoc(text: string, error: unknown): ParsedDoc {
  const reason = error instanceof RangeError ? 'it is nested too deeply to read' : String((error as Error)?.message ?? error);
  return {
    yaml: new Document(null) as unknown as Document.Parsed<ParsedNode>,
    templated: false,
    syntax: [{ start: 0, end: Math.min(text.length, text.indexOf('\n') < 0 ? text.length : text.indexOf('\n')), code: 'yaml-unreadable', message: `This YAML document could not be read: ${reason}.`, severity: 'error' }],
    memo: new Map(),
  };
}

function describeDoc(yaml: Document.Parsed<ParsedNode>, text: string): ParsedDoc {
  const syntax: SyntaxProblem[] = [];
  for (const e of yaml.errors) syntax.push(problem(e, 'error', text));
  for (const w of yaml.warnings) syntax.push(problem(w, 'warning', text));
  const duplicateKeys = yaml.errors.length ? [] : dropDuplicateKeys(yaml.contents);
  const apiVersion = topString(yaml, 'apiVersion');
  const kind = topString(yaml, 'kind');
  const metadata = isMap(yaml.contents) ? yaml.contents.get('metadata', true) : undefined;
  const name = isMap(metadata) ? stringValue(metadata.get('name', true)) : undefined;
  const workload = kind && apiVersion && own(WORKLOAD_API_VERSIONS, kind) === apiVersion ? (kind as WorkloadKind) : undefined;
  const range = yaml.range ?? [0, text.length, text.length];
  const templated = hasTemplateMarkers(yaml, text.slice(range[0], range[2]), range[0]);
  return { yaml, apiVersion, kind, name, workload, templated, syntax, memo: new Map(), source: text, ...(duplicateKeys.length ? { duplicateKeys } : {}) };
}

/**
 * Removes every pair whose key comes again later in the same mapping (sigs.k8s.io/yaml, as kubectl uses it,
 * keeps the last value), returning what was removed. `<<` merge keys are left alone.
 */
function dropDuplicateKeys(root: unknown): DuplicateKey[] {
  const found: DuplicateKey[] = [];
  let budget = 200_000;
  const visit = (node: unknown, depth: number): void => {
    if (!node || depth > 200 || --budget < 0) return;
    if (isSeq(node)) {
      for (const item of node.items) visit(item, depth + 1);
      return;
    }
    if (!isMap(node)) return;
    const last = new Map<string, number>();
    const first = new Map<string, Pair>();
    node.items.forEach((pair, i) => {
      const k = isScalar(pair.key) ? (pair.key.value === null ? '' : String(pair.key.value)) : undefined;
      if (k === undefined || k === '<<') return;
      last.set(k, i);
      if (!first.has(k)) first.set(k, pair as Pair);
    });
    if (last.size < node.items.length) {
      const kept: typeof node.items = [];
      node.items.forEach((pair, i) => {
        const k = isScalar(pair.key) ? (pair.key.value === null ? '' : String(pair.key.value)) : undefined;
        if (k === undefined || k === '<<' || last.get(k) === i) {
          kept.push(pair);
          if (k !== undefined && first.get(k) !== pair) {
            const r = (pair.key as Node).range;
            const f = (first.get(k)?.key as Node | undefined)?.range;
            if (r && f) found.push({ key: k, start: r[0], end: r[1], firstStart: f[0] });
          }
        }
      });
      node.items = kept;
    }
    for (const pair of node.items) visit(pair.value, depth + 1);
  };
  visit(root, 0);
  return found;
}

function problem(e: { pos: [number, number]; code: string; message: string }, severity: 'error' | 'warning', text: string): SyntaxProblem {
  let [start, end] = e.pos;
  start = Math.max(0, Math.min(start, text.length));
  end = Math.max(start, Math.min(end, text.length));
  if (end === start) {
    if (end < text.length && !/\s/.test(text[end])) end++;
    else {
      // A problem found at the end of the text (an unclosed bracket, say) points at the last character written.
      let last = start;
      while (last > 0 && /\s/.test(text[last - 1])) last--;
      if (last > 0) [start, end] = [last - 1, last];
    }
  }
  const newline = e.message.indexOf('\n');
  const firstLine = newline < 0 ? e.message : e.message.slice(0, newline);
  const message = firstLine.includes(' at line ') ? firstLine.replace(/ at line \d+, column \d+:?$/, '') : firstLine;
  return { start, end, code: `yaml-${e.code.toLowerCase().replace(/_/g, '-')}`, message, severity };
}

function topString(yaml: Document.Parsed<ParsedNode>, key: string): string | undefined {
  return isMap(yaml.contents) ? stringValue(yaml.contents.get(key, true)) : undefined;
}

function stringValue(node: unknown): string | undefined {
  return isScalar(node) && typeof node.value === 'string' ? node.value : undefined;
}

/**
 * Helm and similar templates put `{{ … }}` where YAML structure goes: at a line start, inside plain
 * (unquoted) scalars and keys, or as a value that YAML reads as a nested flow mapping. The same
 * braces inside quoted or block scalars are only text (a go-template passed to kubectl, say).
 */
function hasTemplateMarkers(yaml: Document.Parsed<ParsedNode>, text: string, offset: number): boolean {
  if (!text.includes('{{')) return false;
  if (/^[ \t-]*\{\{/m.test(text)) return true;
  let found = false;
  const visit = (node: unknown, depth: number): void => {
    if (found || depth > 200 || !node) return;
    if (isScalar(node)) {
      if (node.type === 'PLAIN' && typeof node.value === 'string' && node.value.includes('{{')) found = true;
      return;
    }
    if (isPair(node)) {
      visit(node.key, depth + 1);
      visit(node.value, depth + 1);
      return;
    }
    const collection = node as { items?: unknown[]; flow?: boolean; range?: [number, number, number] };
    if (collection.flow && collection.range && text.startsWith('{{', collection.range[0] - offset)) {
      found = true;
      return;
    }
    if (Array.isArray(collection.items)) for (const item of collection.items) visit(item, depth + 1);
  };
  visit(yaml.contents as Node | null, 0);
  // A syntax error is taken for template syntax only when braces stand outside quoted text: a file whose
  // `{{` sit only in quoted strings (a go-template annotation) is plain YAML and its error is reported.
  return found || (yaml.errors.length > 0 && text.replace(/"(?:[^"\\\n]|\\.)*"|'(?:[^'\n]|'')*'/g, '').includes('{{'));
}
