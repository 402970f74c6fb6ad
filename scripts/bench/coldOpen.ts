// The cold open: a fresh server gets a 40,000-line file; time to its first complete diagnostics,
// beside what the yaml package alone takes to parse the same text (the floor).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseAllDocuments } from 'yaml';
import { LspTestClient } from '../../test/helpers/lspClient';
import { checkFile } from '../../server/src/core/diagnostics';
import { WorkloadParser } from '../../server/src/core/model/workloadFile';
import { workloadStream } from './corpus';
import { medianMs } from './timing';
import type { BenchRow } from '../bench';

const RUNS = Number(process.env.COLD_RUNS ?? 5);

/** The smallest generated stream of at least `lines` lines. */
export function streamOfLines(lines: number): string {
  let count = Math.floor(lines / 28);
  let text = workloadStream(count);
  while (text.split('\n').length < lines) text = workloadStream(++count);
  return text;
}

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function load(): string {
  return loadavg().map((l) => l.toFixed(1)).join(' ');
}

/** yaml's parseAllDocuments as the first call in a fresh process (what a fresh server's first parse pays). */
function coldFloor(text: string): number {
  const script = `const t=process.hrtime.bigint();require('yaml').parseAllDocuments(require('fs').readFileSync(0,'utf8'));process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e6))`;
  return Number(spawnSync(process.execPath, ['-e', script], { input: text, encoding: 'utf8', cwd: __dirname }).stdout);
}

interface OpenRun {
  open: number;
  warmOpen?: number;
  edits?: number[];
  rss?: number;
  workerDocs: number;
}

async function openOnce(text: string, mode: 'auto' | 'off', more: boolean): Promise<OpenRun> {
  const client = new LspTestClient(['--stdio'], { env: { ...process.env, WORKLOAD_LENS_WORKER: mode } });
  let workerDocs = 0;
  client.connection.onNotification('window/logMessage', (p: { message: string }) => (workerDocs += Number(/(\d+) of them in the worker/.exec(p.message)?.[1] ?? 0)));
  try {
    await client.initialize({});
    const uri = 'file:///bench/cold.yaml';
    let t = process.hrtime.bigint();
    let pending = client.nextDiagnostics(uri, 1, 120000);
    client.open(uri, text);
    await pending;
    const run: OpenRun = { open: Number(process.hrtime.bigint() - t) / 1e6, workerDocs };
    if (!more) return run;

    const index = text.split('\n');
    const line = index.findIndex((l, i) => i > index.length / 2 && l.includes('completions: '));
    const character = index[line].indexOf('completions: ') + 'completions: '.length;
    const samples: number[] = [];
    for (let v = 2; v < 22; v++) {
      t = process.hrtime.bigint();
      pending = client.nextDiagnostics(uri, v, 60000);
      client.change(uri, v, [{ range: { start: { line, character }, end: { line, character: character + 1 } }, text: String(v % 10) }]);
      await pending;
      samples.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
    run.edits = samples.sort((a, b) => a - b);

    // The same size of file opened in a server that has run a while (compiled code warm, nothing cached).
    const other = 'file:///bench/warm.yaml';
    t = process.hrtime.bigint();
    pending = client.nextDiagnostics(other, 1, 120000);
    client.open(other, text.replace(/name: /g, 'name: w'));
    await pending;
    run.warmOpen = Number(process.hrtime.bigint() - t) / 1e6;
    const status = readFileSync(`/proc/${client.process.pid}/status`, 'utf8');
    run.rss = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
    return run;
  } finally {
    await client.shutdown().catch(() => client.kill());
  }
}

export async function coldOpenRows(): Promise<BenchRow[]> {
  const text = streamOfLines(40000);
  const lines = text.split('\n').length;
  const loadBefore = load();
  const floor = medianMs(() => parseAllDocuments(text), RUNS);
  const cold = median(Array.from({ length: 3 }, () => coldFloor(text)));
  const core = medianMs(() => checkFile(new WorkloadParser().parse(text)), 3);
  const auto: OpenRun[] = [];
  const off: OpenRun[] = [];
  for (let i = 0; i < RUNS; i++) {
    auto.push(await openOnce(text, 'auto', i === 0));
    off.push(await openOnce(text, 'off', i === 0));
  }
  const floorAfter = medianMs(() => parseAllDocuments(text), RUNS);
  const floorBoth = (floor + floorAfter) / 2;
  const ours = median(auto.map((r) => r.open));
  const single = median(off.map((r) => r.open));
  const edits = auto[0].edits!;
  const note = (ms: number) => `${(ms / floorBoth).toFixed(2)}× floor`;
  return [
    { case: `cold open floor: yaml parseAllDocuments, ${lines} lines`, ms: floorBoth, note: `median of ${RUNS} before (${floor.toFixed(0)}) and after (${floorAfter.toFixed(0)}) the servers; first call in a fresh process ${cold.toFixed(0)} ms; load ${loadBefore} → ${load()}` },
    { case: `cold open, core: parse + diagnose (one thread, warm)`, ms: core, note: note(core) },
    { case: `cold open, server over stdio: open → diagnostics`, ms: ours, note: `${note(ours)} (${(ours / cold).toFixed(2)}× the fresh-process floor); median of ${RUNS} fresh servers, ${median(auto.map((r) => r.workerDocs))} documents checked in the worker` },
    { case: `cold open, server on one thread (WORKLOAD_LENS_WORKER=off)`, ms: single, note: note(single) },
    { case: `open of a second such file, server warm`, ms: auto[0].warmOpen!, note: `${note(auto[0].warmOpen!)}; one thread: ${off[0].warmOpen!.toFixed(0)} ms` },
    { case: `server: one-character edit → diagnostics (median of 20)`, ms: edits[10], note: `p95 ${edits[18].toFixed(1)} ms, right after the cold open; includes the 10 ms typing debounce; peak RSS ${auto[0].rss!.toFixed(0)} MiB (one thread: ${off[0].rss!.toFixed(0)} MiB)` },
  ];
}
