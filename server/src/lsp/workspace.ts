import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { WorkloadParser, type FilePiece, type PlacedDoc, type WorkloadFile } from '../core/model/workloadFile';
import { LineIndex, type Position } from '../core/model/lineIndex';
import { DEFAULT_CHECK_SETTINGS, describeUnreadable, type CheckSettings } from '../core/diagnostics';
import { DEFAULT_MINOR, parseKubernetesVersion } from '../core/versions';

/** Settings under `workloadLens.*` as the server reads them. */
export interface ServerSettings {
  validate: CheckSettings;
  /** Target Kubernetes minor from `workloadLens.kubernetesVersion` ("1.31" → 31); also in validate.kubernetesMinor. */
  kubernetesMinor: number;
  /** Anything else features read by section (cron.previewCount, placement.nodesFile…). */
  raw: Record<string, unknown>;
}

export const DEFAULT_SETTINGS: ServerSettings = { validate: { ...DEFAULT_CHECK_SETTINGS, kubernetesMinor: DEFAULT_MINOR }, kubernetesMinor: DEFAULT_MINOR, raw: {} };

/** Turns the `workloadLens` settings object into what the core expects. */
export function readSettings(raw: unknown): ServerSettings {
  const section = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const validate = (section.validate && typeof section.validate === 'object' ? section.validate : {}) as Record<string, unknown>;
  const rules = (validate.rules && typeof validate.rules === 'object' ? validate.rules : {}) as CheckSettings['rules'];
  const kubernetesMinor = (typeof section.kubernetesVersion === 'string' ? parseKubernetesVersion(section.kubernetesVersion) : undefined) ?? DEFAULT_MINOR;
  return { validate: { enable: validate.enable !== false, rules, kubernetesMinor }, kubernetesMinor, raw: section };
}

/**
 * The open documents, each with a parser that keeps unchanged YAML documents between edits, and
 * the parsed file of the latest version.
 */
export class Workspace {
  private readonly parsers = new Map<string, WorkloadParser>();
  private readonly files = new Map<string, { version: number; file: WorkloadFile }>();
  settings: ServerSettings = DEFAULT_SETTINGS;

  constructor(readonly connection: Connection, readonly documents: TextDocuments<TextDocument>) {}

  file(uri: string): WorkloadFile | undefined {
    const document = this.documents.get(uri);
    if (!document) return undefined;
    const known = this.files.get(uri);
    if (known && known.version === document.version) return known.file;
    const file = this.parser(uri).parse(document.getText());
    this.files.set(uri, { version: document.version, file });
    return file;
  }

  /**
   * The file as far as a request from `start` to `end` needs it, with their offsets: the `---`
   * documents there, parsed if they were not (a hover during the first check of a large file parses
   * one document, not all). The whole file when it is parsed already or holds a template marker
   * (which silences it all).
   */
  fileAround(uri: string, start: Position, end = start): { file: WorkloadFile; from: number; to: number } | undefined {
    const document = this.documents.get(uri);
    if (!document) return undefined;
    const text = document.getText();
    const lines = this.lines(uri, document.version, text);
    const [from, to] = [lines.offsetAt(start), lines.offsetAt(end)].sort((a, b) => a - b);
    const known = this.files.get(uri);
    if ((known && known.version === document.version) || text.includes('{{') || describeUnreadable(text)) {
      const file = this.file(uri);
      return file && { file, from, to };
    }
    const parser = this.parser(uri);
    // Split once per version: hovers follow the mouse.
    if (this.split?.uri !== uri || this.split.version !== document.version) this.split = { uri, version: document.version, pieces: parser.pieces(text) };
    const pieces = this.split.pieces;
    const docs: PlacedDoc[] = [];
    for (let i = 0; i < pieces.length; i++) {
      const piece = pieces[i];
      const last = i === pieces.length - 1;
      if (piece.start > to || (!last && piece.end <= from)) continue;
      for (const doc of (piece.parsed ?? parser.chunk(piece.text)).docs) docs.push({ start: piece.start, doc });
    }
    return { file: { text, lines, docs, templated: docs.some((d) => d.doc.templated) }, from, to };
  }

  private lineIndex?: { uri: string; version: number; lines: LineIndex };
  private split?: { uri: string; version: number; pieces: FilePiece[] };

  /** The line table of one version of a document, kept for the latest version asked for (diagnostics and requests share it). */
  lines(uri: string, version: number, text: string): LineIndex {
    if (this.lineIndex?.uri !== uri || this.lineIndex.version !== version) this.lineIndex = { uri, version, lines: new LineIndex(text) };
    return this.lineIndex.lines;
  }

  /** The parser of an open document: it keeps the parse of every unchanged `---` document. */
  parser(uri: string): WorkloadParser {
    let parser = this.parsers.get(uri);
    if (!parser) this.parsers.set(uri, (parser = new WorkloadParser()));
    return parser;
  }

  forget(uri: string): void {
    this.parsers.delete(uri);
    this.files.delete(uri);
    // A document opened again under this uri starts its versions anew.
    if (this.lineIndex?.uri === uri) this.lineIndex = undefined;
    if (this.split?.uri === uri) this.split = undefined;
  }
}
