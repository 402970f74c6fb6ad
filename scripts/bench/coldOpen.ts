// The cold open: a fresh server gets a 40,000-line file; time to its first complete diagnostics,
// beside what the yaml package alone takes to parse the same text (the floor).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { parseAllDocuments } from 'yaml';
import { LspTestClient } from '../../test/helpers/lspClient';
import { capFindings, checkFile } from '../../server/src/core/diagnostics';
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
function coldFloor(text: string): { ms: number; cpu: number } {
  const script = `const fs=require('fs'),cpu=()=>{const f=fs.readFileSync('/proc/self/task/'+process.pid+'/stat','utf8').split(') ')[1].split(' ');return (Number(f[11])+Number(f[12]))*10};` +
    `const text=fs.readFileSync(0,'utf8'),yaml=require('yaml'),c=cpu(),t=process.hrtime.bigint();yaml.parseAllDocuments(text);process.stdout.write(JSON.stringify({ms:Number(process.hrtime.bigint()-t)/1e6,cpu:cpu()-c}))`;
  return JSON.parse(spawnSync(process.execPath, ['-e', script], { input: text, encoding: 'utf8', cwd: __dirname }).stdout) as { ms: number; cpu: number };
}

/** CPU time of one thread (utime + stime, 10 ms ticks): unlike wall time, it does not grow with the machine's load. */
function threadCpuMs(pid: number, tid = pid): number {
  const fields = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/**
 * yaml alone in a fresh process that starts a worker thread, waits for it, then parses half the
 * documents on each thread: what a second core can do for a cold parse.
 */
function twoThreadFloor(text: string): number {
  const script = `const { Worker } = require('worker_threads'); const yaml = require('yaml'); const fs = require('fs');
const docs = fs.readFileSync(0, 'utf8').split(/^---$/m); const half = Math.ceil(docs.length / 2);
const w = new Worker("const { parentPort } = require('worker_threads'); const yaml = require('yaml'); parentPort.postMessage('ready'); parentPort.once('message', (t) => { for (const d of t) yaml.parseAllDocuments(d); parentPort.postMessage('done'); });", { eval: true });
w.once('message', () => setTimeout(() => {
  const t = process.hrtime.bigint();
  w.postMessage(docs.slice(half));
  for (const d of docs.slice(0, half)) yaml.parseAllDocuments(d);
  w.once('message', () => { process.stdout.write(String(Number(process.hrtime.bigint() - t) / 1e6)); process.exit(0); });
}, 300));`;
  return Number(spawnSync(process.execPath, ['-e', script], { input: text, encoding: 'utf8', cwd: __dirname }).stdout);
}

interface OpenRun {
  /** Open → the first diagnostics (the documents in view). */
  first: number;
  /** Open → every diagnostic. */
  open: number;
  /** CPU time of the server's main thread from open to diagnostics. */
  mainCpu: number;
  warmOpen?: number;
  warmCpu?: number;
  edits?: number[];
  /** Main-thread CPU per edit (includes the background parse after a worker-checked open). */
  editCpu?: number;
  rss?: number;
  workerDocs: number;
}

async function openOnce(text: string, expected: number, mode: 'auto' | 'on' | 'off', more: boolean): Promise<OpenRun> {
  const client = new LspTestClient(['--stdio'], { env: { ...process.env, WORKLOAD_LENS_WORKER: mode } });
  let workerDocs = 0;
  client.connection.onNotification('window/logMessage', (p: { message: string }) => (workerDocs += Number(/(\d+) of them in the worker/.exec(p.message)?.[1] ?? 0)));
  try {
    await client.initialize({});
    const uri = 'file:///bench/cold.yaml';
    const pid = client.process.pid!;
    const cpu = threadCpuMs(pid);
    let t = process.hrtime.bigint();
    let first = 0;
    const early = client.nextDiagnostics(uri, 1, 120000).then(() => (first = Number(process.hrtime.bigint() - t) / 1e6));
    let pending = client.nextDiagnostics(uri, 1, 120000, (d) => d.length === expected);
    client.open(uri, text);
    await pending;
    await early;
    const run: OpenRun = { first, open: Number(process.hrtime.bigint() - t) / 1e6, mainCpu: threadCpuMs(pid) - cpu, workerDocs };
    if (!more) return run;

    const index = text.split('\n');
    const line = index.findIndex((l, i) => i > index.length / 2 && l.includes('completions: '));
    const character = index[line].indexOf('completions: ') + 'completions: '.length;
    const samples: number[] = [];
    const editCpu = threadCpuMs(pid);
    for (let v = 2; v < 22; v++) {
      t = process.hrtime.bigint();
      pending = client.nextDiagnostics(uri, v, 60000);
      client.change(uri, v, [{ range: { start: { line, character }, end: { line, character: character + 1 } }, text: String(v % 10) }]);
      await pending;
      samples.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
    run.edits = samples.sort((a, b) => a - b);
    run.editCpu = (threadCpuMs(pid) - editCpu) / samples.length;

    // The same size of file opened in a server that has run a while (compiled code warm, nothing cached).
    const other = 'file:///bench/warm.yaml';
    const warmText = text.replace(/name: /g, 'name: w');
    await new Promise((r) => setTimeout(r, 1000));
    const before = threadCpuMs(pid);
    t = process.hrtime.bigint();
    pending = client.nextDiagnostics(other, 1, 120000, (d) => d.length === expected);
    client.open(other, warmText);
    await pending;
    run.warmOpen = Number(process.hrtime.bigint() - t) / 1e6;
    run.warmCpu = threadCpuMs(pid) - before;
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
  const floorCpu = median(Array.from({ length: RUNS }, () => {
    const before = threadCpuMs(process.pid);
    parseAllDocuments(text);
    return threadCpuMs(process.pid) - before;
  }));
  const colds = Array.from({ length: 3 }, () => coldFloor(text));
  const cold = median(colds.map((c) => c.ms));
  const coldCpu = median(colds.map((c) => c.cpu));
  const core = medianMs(() => checkFile(new WorkloadParser().parse(text)), 3);
  const expected = capFindings(checkFile(new WorkloadParser().parse(text))).length;
  const twoThreads = median(Array.from({ length: 3 }, () => twoThreadFloor(text)));
  const auto: OpenRun[] = [];
  const on: OpenRun[] = [];
  const off: OpenRun[] = [];
  for (let i = 0; i < RUNS; i++) {
    auto.push(await openOnce(text, expected, 'auto', false));
    on.push(await openOnce(text, expected, 'on', i === 0));
    off.push(await openOnce(text, expected, 'off', i === 0));
  }
  const floorAfter = medianMs(() => parseAllDocuments(text), RUNS);
  const floorBoth = (floor + floorAfter) / 2;
  const ratio = (ms: number) => `${(ms / floorBoth).toFixed(2)}× floor`;
  const row = (name: string, runs: OpenRun[], what: string): BenchRow => {
    const ms = median(runs.map((r) => r.open));
    const cpu = median(runs.map((r) => r.mainCpu));
    const first = median(runs.map((r) => r.first));
    return { case: name, ms, note: `first diagnostics (the documents in view) after ${first.toFixed(0)} ms = ${ratio(first)}; all: ${ratio(ms)} (${(ms / cold).toFixed(2)}× the fresh-process floor); main-thread CPU ${cpu} ms = ${(cpu / floorCpu).toFixed(2)}× the floor's ${floorCpu} ms, ${(cpu / coldCpu).toFixed(2)}× its first call's ${coldCpu} ms; ${what}; median of ${RUNS} fresh servers, documents checked in the worker: ${runs.map((r) => r.workerDocs).join(', ')}` };
  };
  const edits = on[0].edits!;
  return [
    { case: `cold open floor: yaml parseAllDocuments, ${lines} lines`, ms: floorBoth, note: `median of ${RUNS} before (${floor.toFixed(0)}) and after (${floorAfter.toFixed(0)}) the servers; first call in a fresh process ${cold.toFixed(0)} ms (CPU ${coldCpu} ms); load average ${loadBefore} → ${load()} on ${availableParallelism()} cores` },
    { case: `cold open floor on two threads: a fresh process, yaml only, half the documents each`, ms: twoThreads, note: `${ratio(twoThreads)}: the least any fresh server built on yaml can take on this machine (${availableParallelism()} cores), before any check` },
    { case: `cold open, core: parse + diagnose (one thread, warm)`, ms: core, note: ratio(core) },
    row(`cold open, server over stdio: open → diagnostics`, auto, 'default: the worker shares when the load leaves a core idle'),
    row(`cold open, server with the worker whatever the load`, on, 'WORKLOAD_LENS_WORKER=on'),
    row(`cold open, server on one thread`, off, 'WORKLOAD_LENS_WORKER=off'),
    { case: `open of a second such file, server warm`, ms: on[0].warmOpen!, note: `${ratio(on[0].warmOpen!)}, main-thread CPU ${on[0].warmCpu} ms = ${(on[0].warmCpu! / floorCpu).toFixed(2)}× floor; one thread: ${off[0].warmOpen!.toFixed(0)} ms, CPU ${off[0].warmCpu} ms = ${(off[0].warmCpu! / floorCpu).toFixed(2)}× floor` },
    { case: `server: one-character edit → diagnostics (median of 20)`, ms: edits[10], note: `p95 ${edits[18].toFixed(1)} ms, right after a worker-checked open (main-thread CPU ${on[0].editCpu!.toFixed(0)} ms per edit, one thread ${off[0].editCpu!.toFixed(0)} ms); includes the 10 ms typing debounce; peak RSS ${on[0].rss!.toFixed(0)} MiB (one thread: ${off[0].rss!.toFixed(0)} MiB)` },
  ];
}
