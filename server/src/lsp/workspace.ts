import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { WorkloadParser, type WorkloadFile } from '../core/model/workloadFile';
import { DEFAULT_CHECK_SETTINGS, type CheckSettings } from '../core/diagnostics';
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

  /** The parser of an open document: it keeps the parse of every unchanged `---` document. */
  parser(uri: string): WorkloadParser {
    let parser = this.parsers.get(uri);
    if (!parser) this.parsers.set(uri, (parser = new WorkloadParser()));
    return parser;
  }

  forget(uri: string): void {
    this.parsers.delete(uri);
    this.files.delete(uri);
  }
}
