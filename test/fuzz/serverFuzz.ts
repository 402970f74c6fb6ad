// Drives the built server over stdio as a hostile editor would: random edits of real manifests,
// every request at random positions, malformed params. Counts what must never happen.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { LspTestClient } from '../helpers/lspClient';
import { LARGE_SEED, mutate, mutationArb, SEEDS, uniform } from './documents';
import { applyEdits, checkFix } from './coreProperties';
import type { CoreDiagnostic } from '../../server/src/core/diagnostics';
import { LineIndex } from '../../server/src/core/model/lineIndex';
import { splitChunks } from '../../server/src/core/model/workloadFile';

export interface FuzzCounts {
  edits: number;
  requests: number;
  /** The server process died. */
  crashes: number;
  /** A request (or the diagnostics of an edit) got no answer within the timeout. */
  hangs: number;
  /** InternalError answers and errors the server logged. */
  internalErrors: number;
  /** Malformed params answered with something else than InvalidParams. */
  malformedAccepted: number;
  /** Quick fixes whose result breaks the YAML, loses comments or line breaks. */
  corruptingFixes: number;
  /** Quick fixes applied and checked. */
  fixesChecked: number;
  peakRssMiB: number;
  /** One example per kind of problem. */
  examples: string[];
}

export interface FuzzOptions {
  edits: number;
  seed: number;
  /** Per request (and per diagnostics pass) timeout. */
  timeoutMs?: number;
  /** Edits per document before a fresh one is opened. */
  editsPerDocument?: number;
  onProgress?: (counts: FuzzCounts) => void;
  /** Replays a run from this edit on: earlier edits only move the document, without the server. */
  replayFrom?: number;
  /** Called with the first example of each kind of problem as it is found. */
  onExample?: (example: string) => void;
}

interface LspPos {
  line: number;
  character: number;
}

const stepArb = fc.record({
  mutation: mutationArb,
  requests: fc.array(
    fc.record({
      method: fc.constantFrom('hover', 'completion', 'codeAction', 'documentSymbol', 'foldingRange', 'codeLens', 'placement', 'simulate', 'cronPreview', 'malformed'),
      f: uniform(1.05),
      g: uniform(1.2),
      n: fc.oneof(fc.integer({ min: -5, max: 50 }), fc.constantFrom(744, 20_000, 1e9, 1e308, Number.MAX_SAFE_INTEGER)),
      from: fc.constantFrom(undefined, '2026-03-29T00:30:00Z', '+275760-09-13T00:00:00.000Z', '-271821-04-20T00:00:00Z', '0001-01-01T00:00:00Z', 'garbage'),
      bad: fc.oneof(fc.constant(null), fc.constant(42), fc.constant('x'), fc.constant([]), fc.constant({}), fc.record({ textDocument: fc.constantFrom(null, 5, {}), position: fc.constantFrom(null, 'a', { line: -1, character: 0 }, { line: 0.5, character: 'x' }) })),
    }),
    { minLength: 1, maxLength: 3 },
  ),
});

const INVALID_PARAMS = -32602;
const INTERNAL_ERROR = -32603;
const REQUEST_CANCELLED = -32800;

export async function runServerFuzz(options: FuzzOptions): Promise<FuzzCounts> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const perDoc = options.editsPerDocument ?? 60;
  const counts: FuzzCounts = { edits: 0, requests: 0, crashes: 0, hangs: 0, internalErrors: 0, malformedAccepted: 0, corruptingFixes: 0, fixesChecked: 0, peakRssMiB: 0, examples: [] };
  const example = (kind: string, detail: string) => {
    if (counts.examples.length < 40 && !counts.examples.some((e) => e.startsWith(kind))) {
      counts.examples.push(`${kind}: ${detail.slice(0, 600)}`);
      options.onExample?.(counts.examples[counts.examples.length - 1]);
    }
  };

  let client: LspTestClient | undefined;
  let exited = false;
  const start = async () => {
    const started = new LspTestClient();
    client = started;
    exited = false;
    started.process.once('exit', () => {
      if (client === started) exited = true;
    });
    started.connection.onNotification('window/logMessage', (p: { type: number; message: string }) => {
      if (p.type === 1) {
        counts.internalErrors++;
        example('logged error', p.message);
      }
    });
    await started.initialize({});
  };
  const sampleRss = () => {
    if (!client || exited) return;
    try {
      const status = readFileSync(`/proc/${client.process.pid}/status`, 'utf8');
      const hwm = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
      counts.peakRssMiB = Math.max(counts.peakRssMiB, Math.round(hwm));
    } catch {
      // the process is gone
    }
  };
  const restart = async () => {
    sampleRss();
    client?.kill();
    await start();
  };
  const withTimeout = <T>(p: Promise<T>): Promise<T | 'timeout'> =>
    Promise.race([p, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), timeoutMs).unref())]);

  await start();
  let docNo = 0;
  let uri = '';
  let text = '';
  let seedText = '';
  let version = 0;
  const batch = 500;
  for (let done = 0; done < options.edits; done += batch) {
    const steps = fc.sample(stepArb, { seed: options.seed + done, numRuns: Math.min(batch, options.edits - done) });
    for (const step of steps) {
      const c = client!;
      const dry = options.replayFrom !== undefined && counts.edits < options.replayFrom;
      if (counts.edits % perDoc === 0) {
        if (uri && !dry) c.close(uri);
        uri = `file:///fuzz/doc${docNo++}.yaml`;
        // Every seventh document is a large stream: its first check is sliced and the edits supersede it.
        seedText = docNo % 7 === 3 ? LARGE_SEED : SEEDS[(options.seed + docNo) % SEEDS.length];
        if (docNo % 3 === 0) seedText = seedText.replace(/\n/g, '\r\n');
        text = seedText;
        version = 1;
        if (!dry) c.open(uri, text, version);
      }
      if (dry) {
        text = mutate(step.mutation.n % 2 === 0 ? seedText : text, step.mutation);
        counts.edits++;
        if (counts.edits === options.replayFrom) {
          version++;
          c.open(uri, text, version);
        }
        continue;
      }
      // Half the edits start again from the document's manifest, so most texts stay close to valid
      // YAML (where rules run and quick fixes are offered); the other half pile up.
      const base = step.mutation.n % 2 === 0 ? seedText : text;
      const next = mutate(base, step.mutation);
      version++;
      const diagnostics = c.nextDiagnostics(uri, version, timeoutMs).catch(() => 'timeout' as const);
      c.change(uri, version, [{ text: next }]);
      text = next;
      counts.edits++;
      const lines = text.split(/\r\n|\r|\n/);
      const posAt = (f: number, g: number): LspPos => {
        const line = Math.floor(f * lines.length);
        return { line, character: Math.floor(g * ((lines[line] ?? '').length + 1)) };
      };
      const pending: Array<Promise<void>> = [];
      for (const r of step.requests) {
        const position = posAt(r.f, r.g);
        const request = (method: string, params: unknown, malformed = false): Promise<void> => {
          counts.requests++;
          return withTimeout(c.request(method, params).then((result) => ({ result }), (error: { code?: number; message?: string }) => ({ error }))).then(async (answer) => {
            if (answer === 'timeout') {
              if (exited) return;
              counts.hangs++;
              example('hang', `${method} ${JSON.stringify(params).slice(0, 200)} on ${JSON.stringify(text).slice(0, 300)}`);
              return;
            }
            if ('error' in answer) {
              const code = answer.error?.code;
              if (code === INTERNAL_ERROR || (!malformed && code !== REQUEST_CANCELLED && code !== undefined && !exited)) {
                counts.internalErrors++;
                example(`error ${code}`, `${method}: ${answer.error?.message} on ${JSON.stringify(text).slice(0, 300)}`);
              } else if (malformed && code !== INVALID_PARAMS && !exited) {
                counts.malformedAccepted++;
                example('malformed answered', `${method} ${JSON.stringify(params)} → ${code}`);
              }
              return;
            }
            if (malformed && answer.result !== null && answer.result !== undefined) {
              counts.malformedAccepted++;
              example('malformed answered', `${method} ${JSON.stringify(params)} → ${JSON.stringify(answer.result).slice(0, 100)}`);
            }
            if (method === 'textDocument/codeAction' && Array.isArray(answer.result)) checkActions(answer.result, text, uri);
          });
        };
        const td = { uri };
        switch (r.method) {
          case 'hover':
            pending.push(request('textDocument/hover', { textDocument: td, position }));
            break;
          case 'completion':
            pending.push(request('textDocument/completion', { textDocument: td, position, ...(r.n % 2 ? { context: { triggerKind: 2, triggerCharacter: ' ' } } : {}) }));
            break;
          case 'codeAction': {
            const end = r.g > 1 ? { line: lines.length, character: 0 } : posAt(Math.min(1, r.f + 0.05), r.g);
            const start = r.g > 1 ? { line: 0, character: 0 } : position;
            pending.push(request('textDocument/codeAction', { textDocument: td, range: { start, end: end.line >= start.line ? end : start }, context: { diagnostics: [] } }));
            break;
          }
          case 'documentSymbol':
            pending.push(request('textDocument/documentSymbol', { textDocument: td }));
            break;
          case 'foldingRange':
            pending.push(request('textDocument/foldingRange', { textDocument: td }));
            break;
          case 'codeLens':
            pending.push(request('textDocument/codeLens', { textDocument: td }));
            break;
          case 'placement':
            pending.push(request('workloadLens/placement', { uri, position }));
            break;
          case 'simulate':
            pending.push(request('workloadLens/simulate', { uri, position, hours: r.n, podDurationSeconds: Math.abs(r.n), failureRate: r.g, ...(r.from ? { from: r.from } : {}) }));
            break;
          case 'cronPreview':
            pending.push(request('workloadLens/cronPreview', r.n % 3 ? { uri, position, count: r.n, ...(r.from ? { from: r.from } : {}) } : { schedule: lines[position.line] ?? '* * * * *', timeZone: 'Europe/London', count: r.n, ...(r.from ? { from: r.from } : {}) }));
            break;
          case 'malformed': {
            const methods = ['textDocument/hover', 'textDocument/completion', 'textDocument/codeAction', 'textDocument/documentSymbol', 'textDocument/foldingRange', 'textDocument/codeLens', 'workloadLens/placement', 'workloadLens/simulate', 'workloadLens/cronPreview'];
            const method = methods[Math.abs(r.n) % methods.length];
            // cronPreview takes all-optional params: only wrong-typed ones are malformed.
            const bad = method === 'workloadLens/cronPreview' ? { count: 'ten', position: r.bad } : r.bad;
            pending.push(request(method, bad, true));
            break;
          }
        }
      }
      await Promise.all(pending);
      const published = await withTimeout(diagnostics);
      if ((published === 'timeout' || published === ('timeout' as unknown)) && !exited) {
        counts.hangs++;
        example('diagnostics hang', JSON.stringify(text).slice(0, 300));
      }
      if (exited) {
        counts.crashes++;
        example('crash', `${c.stderr.slice(-500)} on ${JSON.stringify(text).slice(0, 300)}`);
        await restart();
        uri = '';
        continue;
      }
      if (counts.edits % 100 === 0) {
        sampleRss();
        options.onProgress?.(counts);
      }
      if (counts.hangs > 0 && counts.edits % perDoc === 0) await restart();
    }
  }
  sampleRss();
  if (client && !exited) await withTimeout(client.shutdown());
  client?.kill();
  return counts;

  function checkActions(actions: unknown[], docText: string, docUri: string): void {
    // The server's own line index: LSP counts \r\n, \n and a lone \r as line breaks.
    const index = new LineIndex(docText);
    const offsetAt = (p: LspPos): number => index.offsetAt(p);
    const chunks = splitChunks(docText);
    for (const a of actions as Array<{ title: string; edit?: { changes?: Record<string, Array<{ range: { start: LspPos; end: LspPos }; newText: string }>> } }>) {
      const edits = a.edit?.changes?.[docUri];
      if (!edits) continue;
      counts.fixesChecked++;
      const core = edits.map((e) => ({ start: offsetAt(e.range.start), end: offsetAt(e.range.end), newText: e.newText }));
      const fake: CoreDiagnostic = { start: 0, end: 0, severity: 'warning', code: 'fix', message: '', path: null };
      // A fix inside one `---` document is checked on that document alone (re-parsing a large file per fix would take minutes).
      const from = Math.min(...core.map((e) => e.start));
      const to = Math.max(...core.map((e) => e.end));
      const chunk = chunks.find((c) => c.start <= from && to <= c.end) ?? { start: 0, end: docText.length };
      const local = chunk.start === 0 && chunk.end === docText.length ? docText : docText.slice(chunk.start, chunk.end);
      const shifted = core.map((e) => ({ start: e.start - chunk.start, end: e.end - chunk.start, newText: e.newText }));
      const failures = applyEdits(local, shifted) === undefined ? [{ what: a.title, detail: 'bad edits' }] : checkFix(local, fake, { title: a.title, edits: shifted });
      if (failures.length) {
        counts.corruptingFixes++;
        example('corrupting fix', `${a.title}: ${failures[0].detail} on ${JSON.stringify(docText).slice(0, 400)}`);
      }
    }
  }
}
