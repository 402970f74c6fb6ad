import type { Diagnostic } from 'vscode-languageserver/node';
import type { Feature } from '../feature';
import type { Workspace } from '../workspace';
import { capFindings, MAX_SHOWN_FINDINGS, checkChunk, checkedChunk, describeUnreadable, placeDiagnostics, settingsKeyOf, type ChunkDiagnostics } from '../../core/diagnostics';
import { LineIndex } from '../../core/model/lineIndex';
import { toLspDiagnostic } from '../convert';
import { DiagnosticsWorker, type WorkerMode, type WorkerResults } from '../diagnosticsWorker';
import { array, object, string } from '../guard';
import { VisibleRangesNotification, type VisibleRangesParams } from '../../protocol';
import { mergeClusterDiagnostics } from '../../core/clusterFindings';
import { clusterSession } from './cluster';

const DEBOUNCE_MS = 10;
/**
 * Above this much text left to parse, a pass shares the work with the worker thread (when one pays),
 * checks the documents in view first and pauses between slices to answer other messages; an edit
 * that arrives meanwhile stops it.
 */
const MIN_SLICED_CHARS = 64 * 1024;
/** Above this much, the documents in view get their diagnostics published before the rest are checked. */
const MIN_EARLY_CHARS = 256 * 1024;
/** Longest stretch of checking between two looks at the message queue. */
const SLICE_MS = 16;
/** The main thread parses the worker's documents afterwards (for hover and the rest) in slices this long. */
const IDLE_SLICE_MS = 8;
/** The background parse rests until the document has not changed for this long. */
const QUIET_AFTER_EDIT_MS = 300;
/** Lines taken as in view when the editor has not said (a file opens at its top). */
const DEFAULT_VISIBLE_LINES = 120;
const MAX_VISIBLE_RANGES = 16;
const MAX_VISIBLE_DOCUMENTS = 256;

/** Findings the worker thread sent, by chunk text: used until that chunk changes or the settings do. */
type WorkerFindings = Map<string, { key: string; result: ChunkDiagnostics }>;

const fromWorker = new Map<string, WorkerFindings>();
/** Stops the background parse of a document. */
const backgroundParses = new Map<string, () => void>();
/** When each document last changed: its background parse waits until typing pauses. */
const lastEdits = new Map<string, number>();
/** Diagnostics passes waiting for their debounce. */
const timers = new Map<string, NodeJS.Timeout>();
/** The running pass of each document; a newer one marks it superseded. */
interface Pass {
  superseded: boolean;
  version: number;
  key: string;
}
const passes = new Map<string, Pass>();
/** The line ranges the editor shows of each document (workloadLens/visibleRanges). */
const visibleLines = new Map<string, Array<[number, number]>>();
/** Documents whose last diagnostics were capped: scrolling them republishes, so the findings in view are among those shown. */
const capped = new Set<string>();
let worker: DiagnosticsWorker | undefined;

const visibleRangesParams = object({ uri: string, ranges: array });

/**
 * Pushes diagnostics for every open document after it opens or changes. Each `---` document is
 * checked on its own and its findings are kept; the first check of a large file is shared with a
 * worker thread (see DiagnosticsWorker), starts with the documents in view and gives way to newer edits.
 */
export const diagnosticsFeature: Feature & { publish(workspace: Workspace, uri: string): void } = {
  register(workspace) {
    const mode = (['on', 'off', 'split'].includes(process.env.WORKLOAD_LENS_WORKER ?? '') ? process.env.WORKLOAD_LENS_WORKER : 'auto') as WorkerMode;
    worker = new DiagnosticsWorker(mode, (message) => workspace.connection.console.log(message));
    worker.start();
    const schedule = (uri: string, delay: number) => {
      clearTimeout(timers.get(uri));
      timers.set(uri, setTimeout(() => {
        timers.delete(uri);
        this.publish(workspace, uri);
      }, delay));
    };
    workspace.documents.onDidOpen((e) => schedule(e.document.uri, 0));
    workspace.documents.onDidChangeContent((e) => {
      // An edit stops the running pass at its next pause; the new one reuses what it finished.
      const running = passes.get(e.document.uri);
      if (running) running.superseded = true;
      lastEdits.set(e.document.uri, performance.now());
      schedule(e.document.uri, DEBOUNCE_MS);
    });
    workspace.documents.onDidClose((e) => {
      clearTimeout(timers.get(e.document.uri));
      timers.delete(e.document.uri);
      backgroundParses.get(e.document.uri)?.();
      lastEdits.delete(e.document.uri);
      const running = passes.get(e.document.uri);
      if (running) running.superseded = true;
      passes.delete(e.document.uri);
      backgroundParses.delete(e.document.uri);
      fromWorker.delete(e.document.uri);
      visibleLines.delete(e.document.uri);
      capped.delete(e.document.uri);
      workspace.forget(e.document.uri);
      void workspace.connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
    });
    // Which lines the editor shows: those documents are checked first (the Workload Lens client sends it; others need not).
    workspace.connection.onNotification(VisibleRangesNotification, (params: unknown) => {
      if (visibleRangesParams(params, 'params')) return;
      const { uri, ranges } = params as VisibleRangesParams;
      const lines: Array<[number, number]> = [];
      for (const r of ranges.slice(0, MAX_VISIBLE_RANGES)) {
        const start = Number((r as Partial<VisibleRangesParams['ranges'][number]>)?.start?.line);
        const end = Number((r as Partial<VisibleRangesParams['ranges'][number]>)?.end?.line);
        if (Number.isInteger(start) && Number.isInteger(end) && start >= 0 && end >= start) lines.push([start, end]);
      }
      if (!lines.length) return;
      // Sent before didOpen too, so not only for open documents: the oldest goes beyond a bound.
      visibleLines.delete(uri);
      visibleLines.set(uri, lines);
      if (visibleLines.size > MAX_VISIBLE_DOCUMENTS) visibleLines.delete(visibleLines.keys().next().value as string);
      if (capped.has(uri) && !passes.has(uri)) schedule(uri, DEBOUNCE_MS);
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
    const key = settingsKeyOf(workspace.settings.validate);
    const running = passes.get(uri);
    // A pass over the same text and settings goes on (it reads the cluster's answers when it ends).
    if (running && !running.superseded && running.version === document.version && running.key === key) return;
    if (running) running.superseded = true;
    const pass: Pass = { superseded: false, version: document.version, key };
    passes.set(uri, pass);
    const send = (version: number, diagnostics: Diagnostic[]) => void workspace.connection.sendDiagnostics({ uri, version, diagnostics });
    diagnose(workspace, uri, pass, send)
      .catch((error) => {
        workspace.connection.console.error(`Checking ${uri} failed: ${(error as Error)?.stack ?? error}`);
        if (!pass.superseded) send(document.version, []);
      })
      .finally(() => {
        if (passes.get(uri) === pass) passes.delete(uri);
      });
  },
};

/**
 * checkFile, document by document: findings come from the worker's earlier answer, from the kept
 * parse of an unchanged document, or from parsing it now (on both threads when there is much to
 * parse). A large check publishes the documents in view first and stops when a newer edit supersedes
 * it; what it finished stays cached for the next pass.
 */
async function diagnose(workspace: Workspace, uri: string, pass: Pass, send: (version: number, diagnostics: Diagnostic[]) => void): Promise<void> {
  const document = workspace.documents.get(uri)!;
  const text = document.getText();
  const version = document.version;
  const file = { text, lines: workspace.lines(uri, version, text) };
  // The documents the editor shows: checked first, and their findings kept when the cap applies.
  const inView = visibleOffsets(file.lines, visibleLines.get(uri));
  if (describeUnreadable(text)) {
    fromWorker.delete(uri);
    send(version, placeDiagnostics(file, false, () => []).map((d) => toLspDiagnostic(file, d)));
    return;
  }
  const settings = workspace.settings.validate;
  const key = settingsKeyOf(settings);
  const parser = workspace.parser(uri);
  const pieces = parser.pieces(text);
  const before = fromWorker.get(uri);
  // Worker findings for chunks still in the text; answers that arrive later join them.
  const kept: WorkerFindings = new Map();
  fromWorker.set(uri, kept);
  const results = new Array<ChunkDiagnostics | undefined>(pieces.length);
  // Not parsed yet (the worker may take these), and parsed but not checked with these settings (only this thread can).
  const todo: number[] = [];
  const unchecked: number[] = [];
  let todoChars = 0;
  pieces.forEach((piece, i) => {
    const known = before?.get(piece.text);
    if (known?.key === key) {
      results[i] = known.result;
      kept.set(piece.text, known);
    } else if (piece.parsed) {
      results[i] = checkedChunk(piece.parsed, key);
      if (!results[i]) {
        unchecked.push(i);
        todoChars += piece.text.length;
      }
    } else {
      todo.push(i);
      todoChars += piece.text.length;
    }
  });
  const here = (i: number) => checkChunk(parser.chunk(pieces[i].text), settings, key);
  const finish = (): Diagnostic[] => {
    const checked = results as ChunkDiagnostics[];
    const documents = function* () {
      for (let i = 0; i < pieces.length; i++) if (checked[i]) for (const diagnostics of checked[i].docs) yield { start: pieces[i].start, diagnostics };
    };
    const own = placeDiagnostics(file, checked.some((r) => r?.templated), documents);
    // The cluster's dry-run answers (only after "Check Against Cluster" for this version of the text).
    const session = clusterSession(workspace);
    const fromCluster = session.reports.has(uri) ? session.diagnosticsFor(uri, workspace.file(uri)!) : [];
    const shown = capFindings(mergeClusterDiagnostics(own, fromCluster), MAX_SHOWN_FINDINGS, inView);
    if (shown.some((d) => d.code === 'too-many-problems')) capped.add(uri);
    else capped.delete(uri);
    return shown.map((d) => toLspDiagnostic(file, d));
  };

  if (todoChars >= MIN_SLICED_CHARS) {
    const started = performance.now();
    // The documents in view first, on this thread; the rest shared with the worker when it pays.
    const isInView = (i: number) => inView.some(([from, to]) => pieces[i].start <= to && pieces[i].end >= from);
    const first = [...todo, ...unchecked].filter(isInView);
    const rest = todo.filter((i) => !isInView(i));
    const restTexts = rest.map((i) => pieces[i].text);
    const restHere = unchecked.filter((i) => !isInView(i));
    const job = worker?.pays && rest.length ? worker.begin(restTexts, settings) : undefined;
    for (const i of first) results[i] ??= here(i);
    // A template marker anywhere silences the whole file: no early findings that might be taken back.
    if (todoChars >= MIN_EARLY_CHARS && first.length && !text.includes('{{')) send(version, finish());
    // This thread's share: the parsed documents first (the worker would parse them again), then the shared ones.
    let own = 0;
    let taken = 0;
    const next = (): number | undefined => {
      if (own < restHere.length) return restHere[own++];
      const j = job ? job.take() : taken++;
      return j < rest.length ? rest[j] : undefined;
    };
    let pauseAt = performance.now() + SLICE_MS;
    for (let i = next(); i !== undefined; i = next()) {
      results[i] = here(i);
      if (performance.now() >= pauseAt) {
        await new Promise((resolve) => setImmediate(resolve));
        if (pass.superseded || document.version !== version || workspace.documents.get(uri) !== document) {
          job?.cancel();
          if (job) void job.finish().then((done) => keep(uri, done, restTexts, key));
          workspace.connection.console.log(`Stopped checking ${uri} (version ${version}) after ${Math.round(performance.now() - started)} ms: a newer version superseded it.`);
          return;
        }
        pauseAt = performance.now() + SLICE_MS;
      }
    }
    if (job) {
      const done = await job.finish();
      keep(uri, done, restTexts, key);
      for (const r of done) results[rest[r.index]] ??= { templated: r.templated, docs: r.docs };
      if (done.length) {
        workspace.connection.console.log(`Checked ${todo.length} documents of ${uri} in ${Math.round(performance.now() - started)} ms, ${done.length} of them in the worker thread.`);
        parseInBackground(workspace, uri, version, done.map((r) => restTexts[r.index]));
      }
      if (pass.superseded || document.version !== version) return;
    }
  }
  for (let i = 0; i < pieces.length; i++) results[i] ??= here(i);
  send(version, finish());
}

/** Stores the worker's answers by chunk text (they stay valid for as long as the chunk and the settings do). */
function keep(uri: string, done: WorkerResults, texts: string[], key: string): void {
  const kept = fromWorker.get(uri);
  if (kept) for (const r of done) kept.set(texts[r.index], { key, result: { templated: r.templated, docs: r.docs } });
}

/** File offsets of the lines in view: as the editor said, or the top of the file. */
function visibleOffsets(lines: LineIndex, ranges: Array<[number, number]> | undefined): Array<[number, number]> {
  const last = lines.lineCount - 1;
  return (ranges ?? [[0, DEFAULT_VISIBLE_LINES]]).map(([from, to]) => [lines.lineStart(Math.min(from, last)), lines.lineStart(Math.min(to + 1, last))]);
}

/** Parses the documents the worker checked, a slice at a time between messages, so hover and the rest find them parsed. */
function parseInBackground(workspace: Workspace, uri: string, version: number, chunks: string[]): void {
  backgroundParses.get(uri)?.();
  let next = 0;
  let handle: NodeJS.Immediate | NodeJS.Timeout | undefined;
  const later = (fn: () => void, ms: number) => {
    handle = ms > 0 ? setTimeout(fn, ms) : setImmediate(fn);
    backgroundParses.set(uri, () => (ms > 0 ? clearTimeout(handle as NodeJS.Timeout) : clearImmediate(handle as NodeJS.Immediate)));
  };
  const step = () => {
    const document = workspace.documents.get(uri);
    if (!document) return;
    // Typing comes first: wait until the edits stop and their diagnostics are out.
    const quiet = performance.now() - (lastEdits.get(uri) ?? -Infinity);
    if (quiet < QUIET_AFTER_EDIT_MS || passes.has(uri) || timers.has(uri)) return later(step, Math.max(QUIET_AFTER_EDIT_MS - quiet, 20));
    if (document.version !== version) {
      version = document.version;
      chunks = workspace.parser(uri).pieces(document.getText()).filter((p) => !p.parsed).map((p) => p.text);
      next = 0;
    }
    const parser = workspace.parser(uri);
    const until = performance.now() + IDLE_SLICE_MS;
    while (next < chunks.length && performance.now() < until) parser.chunk(chunks[next++]);
    if (next < chunks.length) later(step, 0);
    else backgroundParses.delete(uri);
  };
  later(step, 0);
}
