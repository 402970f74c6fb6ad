import type { Diagnostic } from 'vscode-languageserver/node';
import type { Feature } from '../feature';
import type { Workspace } from '../workspace';
import { capFindings, checkChunk, describeUnreadable, placeDiagnostics, settingsKeyOf, type ChunkDiagnostics } from '../../core/diagnostics';
import { LineIndex } from '../../core/model/lineIndex';
import { toLspDiagnostic } from '../convert';
import { DiagnosticsWorker, type WorkerMode } from '../diagnosticsWorker';
import { mergeClusterDiagnostics } from '../../core/clusterFindings';
import { clusterSession } from './cluster';

const DEBOUNCE_MS = 10;
/** Below this much text to parse, a second thread costs more than it saves. */
const MIN_SHARED_CHARS = 64 * 1024;
/** The main thread parses the worker's documents afterwards (for hover and the rest) in slices this long. */
const IDLE_SLICE_MS = 8;

/** Findings the worker thread sent, by chunk text: used until that chunk changes or the settings do. */
type WorkerFindings = Map<string, { key: string; result: ChunkDiagnostics }>;

const fromWorker = new Map<string, WorkerFindings>();
const backgroundParses = new Map<string, NodeJS.Immediate>();
let worker: DiagnosticsWorker | undefined;

/**
 * Pushes diagnostics for every open document after it opens or changes. Each `---` document is
 * checked on its own and its findings are kept; the first check of a large file is shared with a
 * worker thread (see DiagnosticsWorker).
 */
export const diagnosticsFeature: Feature & { publish(workspace: Workspace, uri: string): void } = {
  register(workspace) {
    const mode = (['on', 'off', 'split'].includes(process.env.WORKLOAD_LENS_WORKER ?? '') ? process.env.WORKLOAD_LENS_WORKER : 'auto') as WorkerMode;
    worker = new DiagnosticsWorker(mode, (message) => workspace.connection.console.log(message));
    worker.start();
    const timers = new Map<string, NodeJS.Timeout>();
    const schedule = (uri: string, delay: number) => {
      clearTimeout(timers.get(uri));
      timers.set(uri, setTimeout(() => {
        timers.delete(uri);
        this.publish(workspace, uri);
      }, delay));
    };
    workspace.documents.onDidOpen((e) => schedule(e.document.uri, 0));
    workspace.documents.onDidChangeContent((e) => schedule(e.document.uri, DEBOUNCE_MS));
    workspace.documents.onDidClose((e) => {
      clearTimeout(timers.get(e.document.uri));
      clearImmediate(backgroundParses.get(e.document.uri));
      backgroundParses.delete(e.document.uri);
      fromWorker.delete(e.document.uri);
      workspace.forget(e.document.uri);
      void workspace.connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
    });
  },
  onSettingsChanged(workspace) {
    for (const document of workspace.documents.all()) this.publish(workspace, document.uri);
  },
  publish(workspace, uri) {
    const document = workspace.documents.get(uri);
    if (!document) return;
    if (worker?.mode === 'split' && worker.usable && !worker.ready) {
      void worker.whenSettled().then(() => this.publish(workspace, uri));
      return;
    }
    let diagnostics: Diagnostic[];
    try {
      diagnostics = diagnose(workspace, uri, document.getText(), document.version);
    } catch (error) {
      workspace.connection.console.error(`Checking ${uri} failed: ${(error as Error)?.stack ?? error}`);
      diagnostics = [];
    }
    void workspace.connection.sendDiagnostics({ uri, version: document.version, diagnostics });
  },
};

/**
 * checkFile, document by document: findings come from the worker's earlier answer, from the kept
 * parse of an unchanged document, or from parsing it now (on both threads when there is much to parse).
 */
function diagnose(workspace: Workspace, uri: string, text: string, version: number): Diagnostic[] {
  const file = { text, lines: new LineIndex(text) };
  if (describeUnreadable(text)) {
    fromWorker.delete(uri);
    return placeDiagnostics(file, false, () => []).map((d) => toLspDiagnostic(file, d));
  }
  const settings = workspace.settings.validate;
  const key = settingsKeyOf(settings);
  const parser = workspace.parser(uri);
  const pieces = parser.pieces(text);
  const before = fromWorker.get(uri);
  const kept: WorkerFindings = new Map();
  const results = new Array<ChunkDiagnostics | undefined>(pieces.length);
  const todo: number[] = [];
  let todoChars = 0;
  pieces.forEach((piece, i) => {
    const known = before?.get(piece.text);
    if (known?.key === key) {
      results[i] = known.result;
      kept.set(piece.text, known);
    } else if (!piece.parsed) {
      todo.push(i);
      todoChars += piece.text.length;
    }
  });
  const here = (i: number) => checkChunk(parser.chunk(pieces[i].text), settings, key);
  if (todoChars >= MIN_SHARED_CHARS && worker?.pays) {
    const started = performance.now();
    const shared = worker.share(todo.map((i) => pieces[i].text), settings, (j) => here(todo[j]));
    const unparsed: string[] = [];
    todo.forEach((i, j) => {
      results[i] = shared.results[j];
      if (shared.byWorker[j]) {
        kept.set(pieces[i].text, { key, result: shared.results[j] });
        unparsed.push(pieces[i].text);
      }
    });
    if (unparsed.length) {
      workspace.connection.console.log(`Checked ${todo.length} documents of ${uri} in ${Math.round(performance.now() - started)} ms, ${unparsed.length} of them in the worker thread.`);
      parseInBackground(workspace, uri, version, unparsed);
    }
  }
  for (let i = 0; i < pieces.length; i++) results[i] ??= here(i);
  if (kept.size) fromWorker.set(uri, kept);
  else fromWorker.delete(uri);
  const checked = results as ChunkDiagnostics[];
  const documents = function* () {
    for (let i = 0; i < pieces.length; i++) for (const diagnostics of checked[i].docs) yield { start: pieces[i].start, diagnostics };
  };
  const own = placeDiagnostics(file, checked.some((r) => r.templated), documents);
  // The cluster's dry-run answers (only after "Check Against Cluster" for this version of the text).
  const session = clusterSession(workspace);
  const fromCluster = session.reports.has(uri) ? session.diagnosticsFor(uri, workspace.file(uri)!) : [];
  return capFindings(mergeClusterDiagnostics(own, fromCluster)).map((d) => toLspDiagnostic(file, d));
}

/** Parses the documents the worker checked, a slice at a time between messages, so hover and the rest find them parsed. */
function parseInBackground(workspace: Workspace, uri: string, version: number, chunks: string[]): void {
  clearImmediate(backgroundParses.get(uri));
  let next = 0;
  const step = () => {
    const document = workspace.documents.get(uri);
    if (!document) return;
    if (document.version !== version) {
      version = document.version;
      chunks = workspace.parser(uri).pieces(document.getText()).filter((p) => !p.parsed).map((p) => p.text);
      next = 0;
    }
    const parser = workspace.parser(uri);
    const until = performance.now() + IDLE_SLICE_MS;
    while (next < chunks.length && performance.now() < until) parser.chunk(chunks[next++]);
    if (next < chunks.length) backgroundParses.set(uri, setImmediate(step));
    else backgroundParses.delete(uri);
  };
  backgroundParses.set(uri, setImmediate(step));
}
